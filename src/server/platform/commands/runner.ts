// The one way state changes: each command runs in its own transaction, checks its policy on what it loaded,
// writes, appends its audit events and live events, and commits; other processes hear of it only after the commit.
import { decide, type Actor, type Permission } from "../../../domain/access.js";
import { authorize } from "../access/authorize.js";
import { secretariatAnd, type Audience } from "../../../domain/audience.js";
import { DomainError, forbidden, notFound, staleVersion } from "../../../domain/errors.js";
import { STREAMS } from "../../../contracts/live.js";
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { AuditAction } from "../../../contracts/audit.js";
import { chainAuditEvents, type AuditEntry } from "../../audit/trail.js";
import type { Db } from "../db/client.js";
import { numberEvents, type NewEvent, type StoredEvent } from "../events/log.js";
import {
  CONTROL_CHANNEL,
  ControlMessageSchema,
  controlNotifications,
  EVENTS_CHANNEL,
  eventsNotifications,
  notifyList,
  type ControlMessage,
  type ParsedControlMessage,
} from "../events/notifications.js";
import { problemOfRefusal, ProblemError } from "../http/problem.js";
import { databaseErrorCode } from "../db/errors.js";

/** Who asks, from where, and when: what every command needs for its policy check and its audit event. */
export interface CommandContext {
  readonly actor: Actor;
  readonly address: string | null;
  readonly now: Date;
  /** Concord itself (first start, the `concord` command run by the operator): no policy applies. */
  readonly isSystem?: boolean;
}

/** The system itself (first start, `concord import`): no user, no address, no policy. */
export function systemContext(now: Date = new Date()): CommandContext {
  return { actor: { userId: null, role: "public", delegation: null, tier: null, rights: null, isChair: false }, address: null, now, isSystem: true };
}

// ---- What a command needs: the rights the runner checks on what the command loaded, before its body runs

/** A right a command needs, on the resource it loaded. */
export interface Requirement {
  readonly permission: Permission<never>;
  readonly resource: unknown;
  /** Refused as "not found", naming this, rather than 403: the actor may not even know the thing exists. */
  readonly unseen?: string | undefined;
}

/** The permission, on the resource (when the permission's scope looks at one). */
export function needs<R>(permission: Permission<R>, resource?: R, options: { unseen?: string } = {}): Requirement {
  return { permission: permission as unknown as Permission<never>, resource, unseen: options.unseen };
}

/** A right nobody has: `absent` refuses with it. */
const NOTHING: Permission<never> = { right: "nothing", description: "What does not exist", roles: [] } as unknown as Permission<never>;

/** What the command was to act on does not exist: refused as "not found", naming it (after the rights before it). */
export function absent(what: string): Requirement {
  return { permission: NOTHING, resource: undefined, unseen: what };
}

/**
 * What a command declares it needs: rights (checked in order; the first refused one answers), `ANYONE` for a command whose
 * rule is its own proof (signing in: the password), or `SYSTEM` for what only Concord itself runs (the silence deadline,
 * the start-up's data).
 */
export type Access = Requirement | readonly (Requirement | null | false)[] | typeof ANYONE | typeof SYSTEM;
export const ANYONE = "anyone";
export const SYSTEM = "system";

/** The one place a command's rights are checked: 401 without a session, 403 naming the right, 404 for what is unseen. */
function check(context: CommandContext, access: Access): void {
  if (context.isSystem === true || access === ANYONE) return;
  if (access === SYSTEM) throw forbidden("system", "only Concord itself does this");
  const requirements = (Array.isArray(access) ? access : [access]) as readonly (Requirement | null | false)[];
  for (const requirement of requirements) {
    if (!requirement) continue;
    if (requirement.unseen !== undefined && !decide(requirement.permission, context.actor, requirement.resource as never).allowed) throw notFound(requirement.unseen);
    authorize(context.actor, requirement.permission, requirement.resource as never);
  }
}

/** A refusal of the domain as problem details; any other error as it is. */
function asProblem(error: unknown): unknown {
  return error instanceof DomainError ? problemOfRefusal(error) : error;
}

/** What a command may do inside its transaction, besides reading and writing through `tx`. */
export class CommandScope {
  private readonly auditEntries: AuditEntry[] = [];
  private readonly emitted: NewEvent[] = [];
  private readonly control: ControlMessage[] = [];
  private readonly writes: SQL[] = [];

  constructor(
    readonly tx: Db,
    readonly context: CommandContext,
  ) {}

  get actor(): Actor {
    return this.context.actor;
  }

  get now(): Date {
    return this.context.now;
  }

  /** Refuses the change when the caller made it against an older version of the record. */
  checkVersion(expected: number | undefined, actual: number, current: () => unknown): void {
    if (expected !== undefined && expected !== actual) throw staleVersion(current());
  }

  /**
   * Records an audit event, appended at commit time with the others. It acts as the command's actor unless
   * `as` names who acted (the user who just signed in). The action is one of the contract's list, which the audit
   * trail's page must label: a new action is added there first.
   */
  audit(action: AuditAction, target: string | null, payload: Record<string, unknown>, as?: { userId: string; delegation: string | null }): void {
    this.auditEntries.push({
      actorUserId: as ? as.userId : this.actor.userId,
      actorDelegation: as ? as.delegation : this.actor.delegation,
      address: this.context.address,
      action,
      target,
      payload,
      at: this.now,
    });
  }

  /** Emits an event on a stream for the readers in `audience`. */
  emit(stream: string, type: string, payload: Record<string, unknown>, audience: Audience): void {
    this.emitted.push({ stream, type, payload, audience });
  }

  /** Tells every process something that is not an event for readers (sessions that ended). */
  notify(message: ControlMessage): void {
    this.control.push(message);
  }

  /**
   * A write whose outcome the command does not read (no returned rows, nothing read after it in the transaction): it
   * runs in the commit's last statement, with the audit and event rows and the notifications, one round trip for all.
   * The writes of one commit run side by side in that statement, so no two of them may touch the same row.
   */
  write(query: SQLWrapper): void {
    this.writes.push(query.getSQL());
  }

  /** Appends what was recorded, in a fixed order (audit lock, then stream rows by name), and queues the notifications. */
  finish(): Promise<{ events: StoredEvent[]; control: ParsedControlMessage[] }> {
    return CommandScope.finishAll(this.tx, [this]);
  }

  /**
   * Appends what the scopes of one transaction recorded (several commands committed together), in their order: the
   * audit trail's lock and last link, the streams' heads, then one statement with every deferred write, the audit and
   * event rows and the notifications.
   */
  static async finishAll(tx: Db, scopes: readonly CommandScope[], writes: readonly SQL[] = []): Promise<{ events: StoredEvent[]; control: ParsedControlMessage[] }> {
    const entries = scopes.flatMap((scope) => scope.auditEntries);
    const emitted = scopes.flatMap((scope) => scope.emitted.map((event) => ({ ...event, at: scope.now })));
    const audit = await chainAuditEvents(tx, entries);
    audit.events.forEach((event, i) => {
      const entry = entries[i]!;
      const audience = entry.actorDelegation ? secretariatAnd({ delegation: entry.actorDelegation }) : secretariatAnd();
      emitted.push({
        stream: STREAMS.audit,
        type: "audit.appended",
        payload: { seq: event.seq, action: event.action, actorDelegation: event.actorDelegation },
        audience,
        at: entry.at,
      });
    });
    const control = scopes.flatMap((scope) => scope.control);
    const { stored, insert: eventsInsert } = await numberEvents(tx, emitted, scopes[0]?.now ?? new Date());
    // Control first: a session this command ended is closed everywhere before its events go out, so nothing reaches
    // a connection after its session ended (not even the audit event of its own sign-out).
    const notifications = [
      ...controlNotifications(control).map((payload) => ({ channel: CONTROL_CHANNEL, payload })),
      ...(stored.length > 0 ? eventsNotifications(stored) : []).map((payload) => ({ channel: EVENTS_CHANNEL, payload })),
    ];
    const last = [...writes, ...scopes.flatMap((scope) => scope.writes), audit.insert, eventsInsert].filter((query): query is SQL => query !== null);
    if (last.length > 0 || notifications.length > 0) await tx.execute(lastStatement(last, notifications));
    return { events: stored, control: control.map((message) => ControlMessageSchema.parse(message)) };
  }
}

/**
 * The writes as data-modifying WITH clauses (each runs once, to completion, though nothing reads it) and the
 * notifications as the select list: one statement, one round trip.
 */
function lastStatement(writes: readonly SQL[], notifications: readonly { channel: string; payload: string }[]): SQL {
  const select = notifications.length > 0 ? sql`select ${notifyList(notifications)}` : sql`select 1`;
  if (writes.length === 0) return select;
  if (writes.length === 1 && notifications.length === 0) return writes[0]!;
  return sql`with ${sql.join(
    writes.map((write, i) => sql`${sql.raw(`w${i}`)} as (${write})`),
    sql`, `,
  )} ${select}`;
}

/**
 * Before a costly preparation: the command's rights checked on what was read without a lock (so that a caller without
 * them costs nothing). The runner checks them again, under the lock, before the body.
 */
export type EarlyCheck<Prepared, Loaded> = (loaded: Loaded, input: Prepared) => void;

export interface Command<Input, Prepared, Result, Loaded = undefined> {
  /** The command's name, e.g. "user.create". */
  readonly name: string;
  /** Slow work that needs no transaction (hashing or checking a password), done before it opens; it may read. */
  readonly prepare?: (input: Input, context: CommandContext, db: Db, early: EarlyCheck<Prepared, Loaded>) => Promise<Prepared>;
  /** Loads, and locks, what the command changes: in its transaction, before the rights are checked. */
  readonly load?: (tx: Db, input: Prepared, context: CommandContext) => Promise<Loaded>;
  /** The rights the command needs, on what it loaded: the runner checks them before `run`. */
  readonly access: (loaded: Loaded, input: Prepared, actor: Actor) => Access;
  readonly run: (scope: CommandScope, input: Prepared, loaded: Loaded) => Promise<Result>;
  /**
   * The answer to a unique violation (two requests raced to create the same thing): read after the rollback,
   * so it can carry the current state. Without it, a generic 409 conflict.
   */
  readonly onUniqueViolation?: (db: Db, context: CommandContext, input: Input) => Promise<DomainError | ProblemError>;
}

/** A command whose input goes straight into its transaction. */
export function defineCommand<Input, Result, Loaded = undefined>(definition: {
  name: string;
  load?: (tx: Db, input: Input, context: CommandContext) => Promise<Loaded>;
  access: (loaded: Loaded, input: Input, actor: Actor) => Access;
  run: (scope: CommandScope, input: Input, loaded: Loaded) => Promise<Result>;
  onUniqueViolation?: (db: Db, context: CommandContext, input: Input) => Promise<DomainError | ProblemError>;
}): Command<Input, Input, Result, Loaded> {
  return definition;
}

/** A command with slow work to do before its transaction (hashing or checking a password). */
export function definePreparedCommand<Input, Prepared, Result, Loaded = undefined>(definition: {
  name: string;
  prepare: (input: Input, context: CommandContext, db: Db, early: EarlyCheck<Prepared, Loaded>) => Promise<Prepared>;
  load?: (tx: Db, input: Prepared, context: CommandContext) => Promise<Loaded>;
  access: (loaded: Loaded, input: Prepared, actor: Actor) => Access;
  run: (scope: CommandScope, input: Prepared, loaded: Loaded) => Promise<Result>;
  onUniqueViolation?: (db: Db, context: CommandContext, input: Input) => Promise<DomainError | ProblemError>;
}): Command<Input, Prepared, Result, Loaded> {
  return definition;
}

/** One request of a batch: its own scope (actor, audit, events) on the batch's transaction, and its input. */
export interface BatchItem<Input> {
  readonly scope: CommandScope;
  readonly input: Input;
}

/**
 * A command whose concurrent requests on one key (one document) commit together, in one transaction, in their order
 * (group commit): requests that would each wait for the same row lock share it, and its round trips, instead.
 */
export interface BatchCommand<Input, Result, Loaded> {
  readonly name: string;
  /** Loads, and locks, what every request of the batch changes (they share a key): once, in the batch's transaction. */
  readonly load: (tx: Db, key: string) => Promise<Loaded>;
  /** The rights each request needs: the runner checks them per request; a refused request does not reach `runMany`. */
  readonly access: (loaded: Loaded, input: Input, actor: Actor) => Access;
  /**
   * Runs the items in order on one transaction and returns, for each, its result or the refusal. A refused item must have
   * written nothing: check an item before writing anything for it. What a refused item's scope recorded (audit, events)
   * is dropped.
   */
  readonly runMany: (tx: Db, loaded: Loaded, items: readonly BatchItem<Input>[], batch: BatchScope) => Promise<readonly (Result | DomainError | ProblemError)[]>;
}

/** What a batch writes for all its requests (the counters they share): as `CommandScope.write`, in the commit's last statement. */
export interface BatchScope {
  write(query: SQLWrapper): void;
}

function isRefusal(outcome: unknown): boolean {
  return outcome instanceof ProblemError || outcome instanceof DomainError;
}

/** The most requests one batch takes; those that arrive meanwhile wait for the next. */
const MAX_BATCH = 64;

interface Queued<Input, Result> {
  readonly context: CommandContext;
  readonly input: Input;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

// A transaction that lost a serialization race or a deadlock is safe to run again from the start.
const RETRYABLE = new Set(["40001", "40P01"]);
const MAX_ATTEMPTS = 3;

export interface RunResult<Result> {
  readonly result: Result;
  /** The events the command committed (already announced to every process). */
  readonly events: readonly StoredEvent[];
}

/**
 * Told of every commit this runner makes that has events or control messages, before the command's caller gets its
 * answer: so this process's own caches
 * (sessions, registry snapshot) are never staler than what it just answered. Other processes learn by NOTIFY.
 */
export type CommitListener = (events: readonly StoredEvent[], control: readonly ParsedControlMessage[]) => void | Promise<void>;

/** Runs commands against one database. */
export class CommandRunner {
  private readonly listeners: CommitListener[] = [];
  /** The requests of each batch key waiting for its next transaction (present while a batch of that key runs). */
  private readonly queues = new Map<string, Queued<unknown, unknown>[]>();

  constructor(readonly db: Db) {}

  onCommitted(listener: CommitListener): void {
    this.listeners.push(listener);
  }

  async run<Input, Prepared, Result, Loaded>(command: Command<Input, Prepared, Result, Loaded>, context: CommandContext, input: Input): Promise<Result> {
    return (await this.runWithEvents(command, context, input)).result;
  }

  async runWithEvents<Input, Prepared, Result, Loaded>(command: Command<Input, Prepared, Result, Loaded>, context: CommandContext, input: Input): Promise<RunResult<Result>> {
    let prepared: Prepared;
    try {
      prepared = command.prepare
        ? await command.prepare(input, context, this.db, (loaded, early) => check(context, command.access(loaded, early, context.actor)))
        : (input as unknown as Prepared);
    } catch (error) {
      throw asProblem(error);
    }
    const committed = await this.transact(
      async (tx) => {
        const scope = new CommandScope(tx, context);
        const loaded = command.load ? await command.load(tx, prepared, context) : (undefined as Loaded);
        check(context, command.access(loaded, prepared, context.actor));
        const result = await command.run(scope, prepared, loaded);
        return { result, ...(await scope.finish()) };
      },
      command.onUniqueViolation ? () => command.onUniqueViolation!(this.db, context, input) : undefined,
    );
    return { result: committed.result, events: committed.events };
  }

  /**
   * Runs a batch command for one request. Requests with the same key that arrive while a batch of theirs is in its
   * transaction wait, and then commit together in the next one; each gets its own answer.
   */
  runBatched<Input, Result, Loaded>(command: BatchCommand<Input, Result, Loaded>, key: string, context: CommandContext, input: Input): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      const queueKey = `${command.name}\u0000${key}`;
      const entry: Queued<Input, Result> = { context, input, resolve, reject };
      const waiting = this.queues.get(queueKey);
      if (waiting) {
        waiting.push(entry as Queued<unknown, unknown>);
        return;
      }
      const queue: Queued<unknown, unknown>[] = [entry as Queued<unknown, unknown>];
      this.queues.set(queueKey, queue);
      void (async () => {
        try {
          while (queue.length > 0) await this.runBatch(command, key, queue.splice(0, MAX_BATCH) as Queued<Input, Result>[]);
        } catch (error) {
          // runBatch settles its requests itself; should it ever throw, no request may be left waiting.
          for (const waiting of queue.splice(0)) waiting.reject(error);
        } finally {
          this.queues.delete(queueKey);
        }
      })();
    });
  }

  /** One batch, one transaction; settles every request's promise, never throws. */
  private async runBatch<Input, Result, Loaded>(command: BatchCommand<Input, Result, Loaded>, key: string, batch: readonly Queued<Input, Result>[]): Promise<void> {
    let outcomes: readonly unknown[];
    try {
      ({ result: outcomes } = await this.transact(async (tx) => {
        const loaded = await command.load(tx, key);
        // Each request's rights, checked on what was loaded: a refused one is answered and goes no further.
        const refusals = batch.map(({ context, input }) => {
          try {
            check(context, command.access(loaded, input, context.actor));
            return null;
          } catch (error) {
            return asProblem(error);
          }
        });
        const items = batch.flatMap(({ context, input }, i) => (refusals[i] === null ? [{ scope: new CommandScope(tx, context), input }] : []));
        const writes: SQL[] = [];
        const results = items.length > 0 ? await command.runMany(tx, loaded, items, { write: (query) => void writes.push(query.getSQL()) }) : [];
        if (results.length !== items.length) throw new Error(`${command.name} answered ${results.length} of ${items.length} requests`);
        const accepted = items.filter((_, i) => !isRefusal(results[i])).map((item) => item.scope);
        let next = 0;
        const answers = refusals.map((refusal) => refusal ?? asProblem(results[next++]));
        return { result: answers, ...(await CommandScope.finishAll(tx, accepted, writes)) };
      }));
    } catch (error) {
      for (const request of batch) request.reject(error);
      return;
    }
    batch.forEach((request, i) => {
      const outcome = outcomes[i]!;
      if (outcome instanceof ProblemError || outcome instanceof Error) request.reject(outcome);
      else request.resolve(outcome as Result);
    });
  }

  /**
   * A transaction, run again from the start when it lost a race that is safe to retry; then the listeners are told. Two
   * requests that raced to create the same thing (a unique violation) get `uniqueViolation`'s answer, read after the
   * rollback, or a generic 409.
   */
  private async transact<T extends { events: StoredEvent[]; control: ParsedControlMessage[] }>(
    work: (tx: Db) => Promise<T>,
    uniqueViolation?: () => Promise<DomainError | ProblemError>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      let committed: T;
      try {
        committed = await this.db.transaction(work);
      } catch (error) {
        if (error instanceof ProblemError) throw error;
        if (error instanceof DomainError) throw problemOfRefusal(error);
        const code = databaseErrorCode(error);
        if (code !== null && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) continue;
        if (code === "23505") {
          throw uniqueViolation
            ? asProblem(await uniqueViolation())
            : new ProblemError(409, "conflict", "Conflict", "Someone else made the same change at the same moment; reload and try again.");
        }
        throw error;
      }
      if (committed.events.length > 0 || committed.control.length > 0) {
        for (const listener of this.listeners) {
          // The change is committed whatever a cache does with the news; the same news also arrives by NOTIFY.
          await Promise.resolve()
            .then(() => listener(committed.events, committed.control))
            .catch(() => undefined);
        }
      }
      return committed;
    }
  }
}
