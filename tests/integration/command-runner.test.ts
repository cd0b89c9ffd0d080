// The command runner, on PGlite and PostgreSQL: a command's writes, audit events, events and notifications commit together or not at all.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { asc, count, desc, eq } from "drizzle-orm";
import type { AuditAction } from "../../src/contracts/audit.js";
import { STREAMS } from "../../src/contracts/live.js";
import { isSecretariat, type Actor, type Policy } from "../../src/domain/access.js";
import { isInAudience, secretariatAnd } from "../../src/domain/audience.js";
import { verifyAuditTrail } from "../../src/server/audit/trail.js";
import type { Database, Db, Listener } from "../../src/server/platform/db/client.js";
import { auditEvents, events, settings } from "../../src/server/platform/db/schema.js";
import { streamHead, type StoredEvent } from "../../src/server/platform/events/log.js";
import {
  CONTROL_CHANNEL,
  ControlMessageSchema,
  EVENTS_CHANNEL,
  EventsNotificationSchema,
  type ControlMessage,
  type ParsedControlMessage,
} from "../../src/server/platform/events/notifications.js";
import { ProblemError } from "../../src/server/platform/http/problem.js";
import { databaseErrorCode } from "../../src/server/platform/db/errors.js";
import {
  absent,
  ANYONE,
  CommandRunner,
  defineCommand,
  definePreparedCommand,
  needs,
  SYSTEM,
  systemContext,
  type BatchCommand,
  type CommandContext,
  type CommandScope,
} from "../../src/server/platform/commands/runner.js";
import { conflict, invalid } from "../../src/domain/errors.js";
import { testDatabases } from "./databases.js";

describe.each(testDatabases)("the command runner on $name", (testDb) => {
  /** The runner's own tests record actions of a pretend "setting" command, which no real command writes. */
  const testAction = (name: string) => name as AuditAction;

  const NOW = new Date("2026-11-25T10:00:00Z");
  const ADMIN: Actor = { userId: "admin-1", role: "secretariat_admin", delegation: null, tier: null, rights: null, isChair: false };
  const KZ_HEAD: Actor = { userId: "kz-head-1", role: "head_of_delegation", delegation: "KZ", tier: null, rights: null, isChair: false };
  const CN_HEAD: Actor = { userId: "cn-head-1", role: "head_of_delegation", delegation: "CN", tier: null, rights: null, isChair: false };
  const KZ_DELEGATE: Actor = { userId: "kz-delegate-1", role: "delegate", delegation: "KZ", tier: null, rights: null, isChair: false };
  const PUBLIC: Actor = { userId: null, role: "public", delegation: null, tier: null, rights: null, isChair: false };

  const as = (actor: Actor): CommandContext => ({ actor, address: "192.0.2.1", now: NOW });

  // ---- Test-only commands on the `settings` table (its key is unique), so the runner is tested apart from any capability.

  interface SettingResource {
    readonly key: string;
  }

  /** The secretariat may set any setting; a head of delegation only those named after their delegation ("KZ.…"). */
  const settingPolicy = {
    put: {
      right: "setting.put",
      description: "Set a test setting",
      roles: ["secretariat_admin", "head_of_delegation"],
      scope: {
        description: "a head of delegation sets only their own delegation's settings",
        check: (actor: Actor, setting: SettingResource) => isSecretariat(actor) || setting.key.startsWith(`${actor.delegation}.`),
      },
    },
  } as const satisfies Policy<SettingResource>;

  interface PutSetting {
    readonly key: string;
    readonly value: string;
    /** The stream its event goes to (each test its own, so heads are easy to follow). */
    readonly stream: string;
    /** Fail after everything was written and recorded. */
    readonly failWith?: Error;
    readonly control?: ControlMessage;
    /** Audit entries to record (one by default). */
    readonly audits?: number;
  }

  function putSettingRun(prefix: string) {
    return async (c: CommandScope, input: PutSetting): Promise<{ key: string }> => {
      await c.tx.insert(settings).values({ key: input.key, value: input.value });
      for (let i = 0; i < (input.audits ?? 1); i += 1) c.audit(testAction(`${prefix}.put`), `setting:${input.key}`, { key: input.key, n: i });
      c.emit(input.stream, `${prefix}.put`, { key: input.key, value: input.value }, secretariatAnd());
      if (input.control) c.notify(input.control);
      if (input.failWith) throw input.failWith;
      return { key: input.key };
    };
  }

  /** Inserts a setting without looking first: a taken key is a unique violation, answered generically. */
  const putSetting = defineCommand({ name: "test.put-setting", access: (_, input: PutSetting) => needs(settingPolicy.put, { key: input.key }), run: putSettingRun("setting") });

  /** The same, with its own answer to a unique violation: read after the rollback, carrying what is there now. */
  const putSettingAnswered = defineCommand({
    name: "test.put-setting-answered",
    access: (_, input: PutSetting) => needs(settingPolicy.put, { key: input.key }),
    run: putSettingRun("setting"),
    onUniqueViolation: async (db, context, input) => {
      const [current] = await db.select().from(settings).where(eq(settings.key, input.key));
      return new ProblemError(409, "conflict", "Setting exists", `${input.key} was set by someone else (answered for ${context.actor.userId}).`, { current });
    },
  });

  /** Bumps a numeric setting, refusing a change made against another value (the setting's value is its version). */
  const bumpSetting = defineCommand({
    name: "test.bump-setting",
    load: async (tx, input: { key: string; version?: number; stream: string }) => {
      const [row] = await tx.select().from(settings).where(eq(settings.key, input.key)).for("update");
      return row ?? null;
    },
    access: (row) => (row ? needs(settingPolicy.put, { key: row.key }) : [needs(settingPolicy.put), absent("setting")]),
    run: async (c, input, row) => {
      if (!row) throw new ProblemError(404, "not-found", "Not found");
      c.checkVersion(input.version, Number(row.value), () => ({ key: row.key, value: row.value }));
      const [updated] = await c.tx
        .update(settings)
        .set({ value: String(Number(row.value) + 1) })
        .where(eq(settings.key, input.key))
        .returning();
      c.audit(testAction("setting.bumped"), `setting:${row.key}`, { value: updated!.value });
      c.emit(input.stream, "setting.bumped", { key: row.key, value: updated!.value }, secretariatAnd());
      return updated!;
    },
  });

  async function settingValue(key: string): Promise<string | null> {
    const [row] = await database.db.select().from(settings).where(eq(settings.key, key));
    return row?.value ?? null;
  }

  let database: Database;
  let runner: CommandRunner;
  let streamCounter = 0;
  let keyCounter = 0;
  const freshStream = () => `test:${(streamCounter += 1)}`;
  const freshKey = (prefix = "test") => `${prefix}.key-${(keyCounter += 1)}`;

  interface Notification {
    readonly channel: string;
    readonly payload: string;
  }
  const notifications: Notification[] = [];
  let listener: Listener;

  /** Waits (a bounded number of turns of the event loop, no timer) until `count` notifications have arrived. */
  async function notificationsUntil(count: number): Promise<Notification[]> {
    for (let i = 0; i < 1_000 && notifications.length < count; i += 1) await new Promise((resolve) => setImmediate(resolve));
    if (notifications.length < count) throw new Error(`expected ${count} notifications, got ${JSON.stringify(notifications)}`);
    return notifications;
  }

  /** What a failed command must leave as it was. */
  async function footprint(stream: string) {
    const [settingRows] = await database.db.select({ n: count() }).from(settings);
    const [auditRows] = await database.db.select({ n: count() }).from(auditEvents);
    const [eventRows] = await database.db.select({ n: count() }).from(events);
    return {
      settings: Number(settingRows!.n),
      audit: Number(auditRows!.n),
      events: Number(eventRows!.n),
      auditHead: await streamHead(database.db, STREAMS.audit),
      streamHead: await streamHead(database.db, stream),
    };
  }

  async function lastAudit() {
    const [row] = await database.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
    return row ?? null;
  }

  /** A database whose transactions can be observed (and made to fail) once the command's work inside them is done. */
  function observedDb(afterWork: (tx: Db) => void | Promise<void>, onOpen: () => void = () => undefined): Db {
    const target = database.db;
    return new Proxy(target, {
      get(object, property) {
        if (property === "transaction") {
          return <T>(work: (tx: Db) => Promise<T>) =>
            object.transaction(async (tx) => {
              onOpen();
              const result = await work(tx as unknown as Db);
              await afterWork(tx as unknown as Db);
              return result;
            });
        }
        const value: unknown = Reflect.get(object, property, object);
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(object) : value;
      },
    });
  }

  let dispose: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ database, dispose } = await testDb.create());
    await database.migrate();
    runner = new CommandRunner(database.db);
    listener = await database.listen([EVENTS_CHANNEL, CONTROL_CHANNEL], (channel, payload) => notifications.push({ channel, payload }));
  });
  afterAll(async () => {
    await listener?.close();
    await dispose?.();
  });
  beforeEach(() => {
    notifications.length = 0;
  });

  describe("a committed command", () => {
    it("commits even when it emits more events than one notification can announce (announced in several, in order)", async () => {
      const stream = freshStream();
      const many = defineCommand({
        name: "test.many",
        access: () => ANYONE,
        run: async (c, input: { stream: string }) => {
          for (let i = 0; i < 600; i += 1) c.emit(input.stream, "test.many", { i }, secretariatAnd());
        },
      });
      const { events: committed } = await runner.runWithEvents(many, as(ADMIN), { stream });
      expect(committed.map((e) => e.seq)).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    });

    it("commits its write, its audit event and its events together, and answers with the stored events", async () => {
      const stream = freshStream();
      const key = freshKey();
      const before = await footprint(stream);
      const { result, events: committed } = await runner.runWithEvents(putSetting, as(ADMIN), { key, value: "v1", stream });

      expect(result).toEqual({ key });
      expect(await settingValue(key)).toBe("v1");
      const audit = await lastAudit();
      expect(audit).toMatchObject({
        seq: before.audit + 1,
        actorUserId: ADMIN.userId,
        actorDelegation: null,
        address: "192.0.2.1",
        action: "setting.put",
        target: `setting:${key}`,
        payload: { key, n: 0 },
        at: NOW.toISOString(),
      });
      expect(committed).toEqual([
        {
          stream: STREAMS.audit,
          seq: before.auditHead + 1,
          type: "audit.appended",
          at: NOW.toISOString(),
          payload: { seq: audit!.seq, action: "setting.put", actorDelegation: null },
          audience: secretariatAnd(),
        },
        { stream, seq: 1, type: "setting.put", at: NOW.toISOString(), payload: { key, value: "v1" }, audience: secretariatAnd() },
      ]);
      // What it answered is what the log holds.
      const stored = await database.db.select().from(events).where(eq(events.stream, stream));
      expect(stored.map((row) => ({ ...row, at: row.at.toISOString() }))).toEqual([committed[1]]);
      expect(await footprint(stream)).toEqual({ ...before, settings: before.settings + 1, audit: before.audit + 1, events: before.events + 2, auditHead: before.auditHead + 1, streamHead: 1 });
    });

    it("announces every audit event on the audit stream, to the secretariat and the acting delegation", async () => {
      const stream = freshStream();
      const key = freshKey("KZ");
      const { events: committed } = await runner.runWithEvents(putSetting, as(KZ_HEAD), { key, value: "v", stream, audits: 3 });

      const trail = await database.db.select().from(auditEvents).where(eq(auditEvents.target, `setting:${key}`)).orderBy(asc(auditEvents.seq));
      expect(trail.map((row) => row.payload)).toEqual([{ key, n: 0 }, { key, n: 1 }, { key, n: 2 }]);
      const announced = committed.filter((event) => event.stream === STREAMS.audit);
      expect(announced.map((event) => event.payload)).toEqual(trail.map((row) => ({ seq: row.seq, action: "setting.put", actorDelegation: "KZ" })));
      // Consecutive on the stream, as on the trail.
      expect(announced.map((event) => event.seq)).toEqual([announced[0]!.seq, announced[0]!.seq + 1, announced[0]!.seq + 2]);
      for (const event of announced) {
        expect(isInAudience(event.audience, ADMIN)).toBe(true);
        expect(isInAudience(event.audience, KZ_DELEGATE)).toBe(true);
        expect(isInAudience(event.audience, CN_HEAD)).toBe(false);
        expect(isInAudience(event.audience, PUBLIC)).toBe(false);
      }
    });

    it("records an audit event as someone else when the command names who acted, and the system as no one", async () => {
      const stream = freshStream();
      const actedAs = defineCommand({
        name: "test.acted-as",
        access: () => ANYONE,
        run: async (c, input: { stream: string }) => {
          c.audit(testAction("test.signed-in"), "user:u-7", {}, { userId: "u-7", delegation: "CN" });
          c.audit(testAction("test.by-context"), null, {});
          c.emit(input.stream, "test.done", {}, secretariatAnd());
        },
      });
      const { events: committed } = await runner.runWithEvents(actedAs, systemContext(NOW), { stream });

      const trail = await database.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(2);
      expect(trail.reverse().map((row) => [row.action, row.actorUserId, row.actorDelegation, row.address])).toEqual([
        ["test.signed-in", "u-7", "CN", null],
        ["test.by-context", null, null, null],
      ]);
      const announced = committed.filter((event) => event.stream === STREAMS.audit);
      expect(isInAudience(announced[0]!.audience, CN_HEAD)).toBe(true);
      expect(isInAudience(announced[1]!.audience, CN_HEAD)).toBe(false);
    });

    it("keeps the audit trail's hash chain whole across commits and failures", async () => {
      const stream = freshStream();
      await runner.run(putSetting, as(ADMIN), { key: freshKey(), value: "a", stream });
      await expect(runner.run(putSetting, as(ADMIN), { key: freshKey(), value: "b", stream, failWith: new Error("boom") })).rejects.toThrow("boom");
      await runner.run(putSetting, as(ADMIN), { key: freshKey(), value: "c", stream });
      const verified = await verifyAuditTrail(database.db);
      expect(verified.broken).toBeNull();
      expect(verified.head?.seq).toBe(verified.events);
    });
  });

  describe("a failed command", () => {
    it.each([
      ["a ProblemError", new ProblemError(400, "invalid-request", "Invalid")],
      ["any other error", new TypeError("not a function")],
    ])("leaves nothing behind when it throws %s, and the next command takes the next numbers", async (_name, error) => {
      const stream = freshStream();
      await runner.run(putSetting, as(ADMIN), { key: freshKey(), value: "first", stream });
      const before = await footprint(stream);
      const lastBefore = await lastAudit();
      const key = freshKey();

      await expect(runner.run(putSetting, as(ADMIN), { key, value: "x", stream, control: { kind: "users-changed", userIds: ["u-1"] }, failWith: error })).rejects.toBe(error);

      expect(await settingValue(key)).toBeNull();
      expect(await footprint(stream)).toEqual(before);
      const { events: next } = await runner.runWithEvents(putSetting, as(ADMIN), { key, value: "y", stream });
      expect((await lastAudit())!.seq).toBe(lastBefore!.seq + 1);
      expect(next.map((event) => [event.stream, event.seq])).toEqual([
        [STREAMS.audit, before.auditHead + 1],
        [stream, 2],
      ]);
    });

    it("leaves nothing behind when its events cannot be written after its audit event was", async () => {
      const stream = freshStream();
      await runner.run(putSetting, as(ADMIN), { key: freshKey(), value: "first", stream });
      const before = await footprint(stream);
      const key = freshKey();
      const unwritableEvent = defineCommand({
        name: "test.unwritable-event",
        access: () => ANYONE,
        run: async (c, input: { key: string }) => {
          await c.tx.insert(settings).values({ key: input.key, value: "v" });
          c.audit(testAction("setting.put"), `setting:${input.key}`, {});
          // PostgreSQL's jsonb refuses U+0000: appending the event fails after the audit row was inserted.
          c.emit(stream, "setting.put", { text: "nul\u0000" }, secretariatAnd());
        },
      });
      const error = await runner.run(unwritableEvent, as(ADMIN), { key }).catch((e: unknown) => e);
      expect(String((error as Error).message)).toMatch(/insert into "events"/);
      expect(await footprint(stream)).toEqual(before);
      expect(await settingValue(key)).toBeNull();
      expect((await verifyAuditTrail(database.db)).broken).toBeNull();
    });
  });

  describe("a unique violation", () => {
    it("becomes the command's own answer, read after the rollback, and writes nothing", async () => {
      const stream = freshStream();
      const key = freshKey();
      await runner.run(putSetting, as(ADMIN), { key, value: "taken", stream });
      const before = await footprint(stream);

      const refused = await runner.run(putSettingAnswered, as(ADMIN), { key, value: "mine", stream }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ProblemError);
      expect(refused).toMatchObject({ status: 409, code: "conflict", title: "Setting exists", detail: `${key} was set by someone else (answered for admin-1).`, current: { key, value: "taken" } });
      expect(await footprint(stream)).toEqual(before);
      expect(await settingValue(key)).toBe("taken");
    });

    it("becomes a generic 409 conflict without an answer of the command's own, never a database error", async () => {
      const stream = freshStream();
      const key = freshKey();
      await runner.run(putSetting, as(ADMIN), { key, value: "taken", stream });
      const before = await footprint(stream);

      const refused = await runner.run(putSetting, as(ADMIN), { key, value: "mine", stream }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ProblemError);
      expect(refused).toMatchObject({ status: 409, code: "conflict" });
      expect(databaseErrorCode(refused)).toBeNull();
      expect((refused as ProblemError).message).not.toMatch(/insert|settings|duplicate/i);
      expect(await footprint(stream)).toEqual(before);
    });

    it("is answered only for unique violations: another database error is passed on unchanged", async () => {
      const stream = freshStream();
      const before = await footprint(stream);
      const badInsert = defineCommand({
        name: "test.bad-insert",
        access: () => ANYONE,
        run: async (c) => {
          await c.tx.insert(settings).values({ key: freshKey(), value: null as unknown as string });
        },
        onUniqueViolation: async () => new ProblemError(409, "conflict", "Should not be used"),
      });
      const error = await runner.run(badInsert, as(ADMIN), undefined).catch((e: unknown) => e);
      expect(error).not.toBeInstanceOf(ProblemError);
      expect(databaseErrorCode(error)).toBe("23502");
      expect(await footprint(stream)).toEqual(before);
    });
  });

  describe("a serialization failure", () => {
    const serializationFailure = () => Object.assign(new Error("could not serialize access"), { code: "40001" });

    it("runs the command again from the start, preparing once, and commits it once", async () => {
      const stream = freshStream();
      const key = freshKey();
      const calls: string[] = [];
      const flaky = definePreparedCommand({
        name: "test.flaky",
        access: () => ANYONE,
        prepare: async (input: { key: string }) => {
          calls.push("prepare");
          return { ...input, preparedAt: calls.length };
        },
        run: async (c, input) => {
          calls.push("run");
          // The first attempt's write is rolled back, or the second would hit the unique key.
          await c.tx.insert(settings).values({ key: input.key, value: String(input.preparedAt) });
          c.audit(testAction("setting.put"), `setting:${input.key}`, {});
          c.emit(stream, "setting.put", {}, secretariatAnd());
          if (calls.filter((call) => call === "run").length === 1) throw serializationFailure();
          return "done";
        },
      });
      const before = await footprint(stream);
      expect(await runner.run(flaky, as(ADMIN), { key })).toBe("done");
      expect(calls).toEqual(["prepare", "run", "run"]);
      expect(await settingValue(key)).toBe("1");
      expect(await footprint(stream)).toEqual({ ...before, settings: before.settings + 1, audit: before.audit + 1, events: before.events + 2, auditHead: before.auditHead + 1, streamHead: 1 });
    });

    it("is passed on after three attempts, with nothing written", async () => {
      const stream = freshStream();
      let attempts = 0;
      const alwaysConflicting = defineCommand({
        name: "test.always-conflicting",
        access: () => ANYONE,
        run: async (c, input: { key: string }) => {
          attempts += 1;
          await c.tx.insert(settings).values({ key: input.key, value: "x" });
          c.audit(testAction("setting.put"), null, {});
          throw serializationFailure();
        },
      });
      const before = await footprint(stream);
      const key = freshKey();
      await expect(runner.run(alwaysConflicting, as(ADMIN), { key })).rejects.toMatchObject({ code: "40001" });
      expect(attempts).toBe(3);
      expect(await footprint(stream)).toEqual(before);
    });
  });

  describe("what a command needs", () => {
    /** Records that its body ran; loads (and locks) the setting first. */
    let bodies = 0;
    const guarded = defineCommand({
      name: "test.guarded",
      load: async (tx, input: { key: string; stream: string }) => {
        const [row] = await tx.select().from(settings).where(eq(settings.key, input.key)).for("update");
        return row ?? null;
      },
      access: (row) => (row ? needs(settingPolicy.put, { key: row.key }) : [needs(settingPolicy.put), absent("setting")]),
      run: async (c, input, row) => {
        bodies += 1;
        await c.tx.update(settings).set({ value: `${row!.value}!` }).where(eq(settings.key, input.key));
        c.audit(testAction("setting.put"), `setting:${input.key}`, {});
      },
    });

    it("is checked by the runner on what the command loaded, before its body: a refusal names the right and writes nothing", async () => {
      const stream = freshStream();
      const key = freshKey("CN");
      await database.db.insert(settings).values({ key, value: "v" });
      const before = await footprint(stream);
      bodies = 0;
      // Kazakhstan's head may put only KZ.… settings: the loaded setting is China's.
      await expect(runner.run(guarded, as(KZ_HEAD), { key, stream })).rejects.toMatchObject({ status: 403, code: "forbidden", right: "setting.put" });
      expect(bodies).toBe(0);
      expect(await footprint(stream)).toEqual(before);
      expect(await settingValue(key)).toBe("v");
      await runner.run(guarded, as(ADMIN), { key, stream });
      expect(bodies).toBe(1);
      expect(await settingValue(key)).toBe("v!");
    });

    it("answers 404 for what does not exist only after the rights that need no resource", async () => {
      const stream = freshStream();
      await expect(runner.run(guarded, as(PUBLIC), { key: freshKey(), stream })).rejects.toMatchObject({ status: 401 });
      await expect(runner.run(guarded, as(ADMIN), { key: freshKey(), stream })).rejects.toMatchObject({ status: 404, code: "not-found" });
    });

    it("SYSTEM: only Concord itself runs the command", async () => {
      const systemOnly = defineCommand({ name: "test.system-only", access: () => SYSTEM, run: async () => "ran" });
      await expect(runner.run(systemOnly, as(ADMIN), {})).rejects.toMatchObject({ status: 403, right: "system" });
      expect(await runner.run(systemOnly, systemContext(), {})).toBe("ran");
    });

    it("is checked before a costly preparation too (the early check), on what the preparation read", async () => {
      let prepared = 0;
      const costly = definePreparedCommand({
        name: "test.costly",
        prepare: async (input: { key: string }, _context: CommandContext, _db: Db, early: (loaded: undefined, input: { key: string }) => void) => {
          early(undefined, input);
          prepared += 1;
          return input;
        },
        access: (_, input) => needs(settingPolicy.put, { key: input.key }),
        run: async () => "done",
      });
      await expect(runner.run(costly, as(KZ_HEAD), { key: freshKey("CN") })).rejects.toMatchObject({ status: 403 });
      expect(prepared).toBe(0);
      expect(await runner.run(costly, as(KZ_HEAD), { key: freshKey("KZ") })).toBe("done");
      expect(prepared).toBe(1);
    });

    it("turns the domain's refusals into problems: invalid → 400 naming the field, conflict → 409 with the current state", async () => {
      const refusing = defineCommand({
        name: "test.refusing",
        access: () => ANYONE,
        run: async (_c, input: { kind: "invalid" | "conflict" }) => {
          if (input.kind === "invalid") throw invalid("value", "required", "a value is required");
          throw conflict("stale-version", "Changed", "changed meanwhile", { value: 2 });
        },
      });
      await expect(runner.run(refusing, as(ADMIN), { kind: "invalid" })).rejects.toMatchObject({
        status: 400,
        code: "invalid-request",
        errors: [{ field: "body.value", code: "required", message: "a value is required" }],
      });
      await expect(runner.run(refusing, as(ADMIN), { kind: "conflict" })).rejects.toMatchObject({ status: 409, code: "stale-version", current: { value: 2 } });
    });
  });

  describe("checkVersion", () => {
    it("refuses a change made against another version with 409 stale-version carrying the current state, and changes nothing", async () => {
      const stream = freshStream();
      const key = freshKey();
      await database.db.insert(settings).values({ key, value: "4" });
      const before = await footprint(stream);

      const refused = await runner.run(bumpSetting, as(ADMIN), { key, version: 3, stream }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ProblemError);
      expect(refused).toMatchObject({ status: 409, code: "stale-version", current: { key, value: "4" } });
      expect(await footprint(stream)).toEqual(before);
      expect(await settingValue(key)).toBe("4");

      expect(await runner.run(bumpSetting, as(ADMIN), { key, version: 4, stream })).toEqual({ key, value: "5" });
      // Without a version, the change applies to whatever is current.
      expect(await runner.run(bumpSetting, as(ADMIN), { key, stream })).toEqual({ key, value: "6" });
    });
  });

  describe("authorize", () => {
    it.each([
      ["a role without the right", KZ_DELEGATE, "KZ", 403, "forbidden"],
      ["a head of delegation, on another delegation's resource", CN_HEAD, "KZ", 403, "forbidden"],
      ["the public", PUBLIC, "KZ", 401, "unauthenticated"],
    ] as const)("refuses %s and writes nothing", async (_name, actor, prefix, status, code) => {
      const stream = freshStream();
      const key = freshKey(prefix);
      const before = await footprint(stream);
      const refused = await runner.run(putSetting, as(actor), { key, value: "v", stream }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ProblemError);
      expect(refused).toMatchObject({ status, code });
      if (status === 403) expect((refused as ProblemError).right).toBe("setting.put");
      expect(await footprint(stream)).toEqual(before);
    });

    it("checks the resource the command loaded: a head of delegation may act on their own delegation's", async () => {
      const key = freshKey("KZ");
      await runner.run(putSetting, as(KZ_HEAD), { key, value: "v", stream: freshStream() });
      expect(await settingValue(key)).toBe("v");
    });

    it("does not apply to the system", async () => {
      const stream = freshStream();
      const key = freshKey("CN");
      await runner.run(putSetting, systemContext(NOW), { key, value: "by the system", stream });
      expect(await settingValue(key)).toBe("by the system");
      expect(await lastAudit()).toMatchObject({ actorUserId: null, actorDelegation: null, address: null, at: NOW.toISOString() });
    });

    it("applies to a context that only looks like the system's", async () => {
      const looksLikeSystem: CommandContext = { ...systemContext(NOW), isSystem: false };
      await expect(runner.run(putSetting, looksLikeSystem, { key: freshKey(), value: "v", stream: freshStream() })).rejects.toMatchObject({ status: 401 });
    });
  });

  describe("onCommitted listeners", () => {
    it("are told once per committed command, before its caller is answered, with its events and parsed control messages", async () => {
      const listened = new CommandRunner(database.db);
      const told: { events: readonly StoredEvent[]; control: readonly ParsedControlMessage[] }[] = [];
      const second: number[] = [];
      listened.onCommitted((committedEvents, control) => void told.push({ events: committedEvents, control }));
      listened.onCommitted(() => void second.push(told.length));
      const stream = freshStream();

      const { events: committed } = await listened.runWithEvents(putSetting, as(ADMIN), {
        key: freshKey(),
        value: "v",
        stream,
        control: { kind: "sessions-ended", userIds: ["u-1"] },
      });
      expect(told).toEqual([{ events: committed, control: [{ kind: "sessions-ended", userIds: ["u-1"], tokenHashes: [], exceptTokenHash: null }] }]);
      // Listeners are called in the order they were added.
      expect(second).toEqual([1]);

      await listened.run(putSetting, as(ADMIN), { key: freshKey(), value: "w", stream });
      expect(told).toHaveLength(2);
      expect(told[1]!.events.map((event) => [event.stream, event.seq])).toContainEqual([stream, 2]);
      expect(told[1]!.control).toEqual([]);
    });

    it("are not told of a failed command", async () => {
      const listened = new CommandRunner(database.db);
      let calls = 0;
      listened.onCommitted(() => void (calls += 1));
      const key = freshKey();
      await listened.run(putSetting, as(ADMIN), { key, value: "v", stream: freshStream() });
      await expect(listened.run(putSetting, as(ADMIN), { key, value: "again", stream: freshStream() })).rejects.toMatchObject({ code: "conflict" });
      await expect(listened.run(putSetting, as(ADMIN), { key: freshKey(), value: "v", stream: freshStream(), failWith: new Error("no") })).rejects.toThrow("no");
      await expect(listened.run(putSetting, as(PUBLIC), { key: freshKey(), value: "v", stream: freshStream() })).rejects.toMatchObject({ status: 401 });
      expect(calls).toBe(1);
    });
  });

  describe("notifications (NOTIFY)", () => {
    it("arrive only after the commit: the committed events on the events channel, control messages on the control channel", async () => {
      const stream = freshStream();
      let heardBeforeCommit = -1;
      const observed = new CommandRunner(observedDb(() => void (heardBeforeCommit = notifications.length)));

      const { events: committed } = await observed.runWithEvents(putSetting, as(ADMIN), {
        key: freshKey(),
        value: "v",
        stream,
        control: { kind: "sessions-ended", tokenHashes: ["hash-1"] },
      });
      // The NOTIFYs were queued by then, but nothing is delivered before COMMIT.
      expect(heardBeforeCommit).toBe(0);
      const heard = await notificationsUntil(2);
      expect(heard.map((n) => n.channel).sort()).toEqual([CONTROL_CHANNEL, EVENTS_CHANNEL].sort());
      const eventsNotification = EventsNotificationSchema.parse(JSON.parse(heard.find((n) => n.channel === EVENTS_CHANNEL)!.payload));
      expect(eventsNotification).toEqual({ events: committed });
      const control = ControlMessageSchema.parse(JSON.parse(heard.find((n) => n.channel === CONTROL_CHANNEL)!.payload));
      expect(control).toEqual({ kind: "sessions-ended", tokenHashes: ["hash-1"], userIds: [], exceptTokenHash: null });
    });

    it("are never delivered for a command that rolled back, even once its NOTIFY was queued", async () => {
      const stream = freshStream();
      const rollingBack = new CommandRunner(
        observedDb(() => {
          throw new Error("the commit did not happen");
        }),
      );
      const before = await footprint(stream);
      await expect(
        rollingBack.run(putSetting, as(ADMIN), { key: freshKey(), value: "v", stream, control: { kind: "users-changed", userIds: ["u-2"] } }),
      ).rejects.toThrow("the commit did not happen");
      await expect(runner.run(putSetting, as(ADMIN), { key: freshKey(), value: "v", stream, failWith: new Error("thrown by the command") })).rejects.toThrow();
      expect(await footprint(stream)).toEqual(before);

      // Notifications arrive in commit order: once a later commit's has arrived, nothing earlier is still coming.
      const { events: committed } = await runner.runWithEvents(putSetting, as(ADMIN), { key: freshKey(), value: "after", stream });
      const heard = await notificationsUntil(1);
      expect(heard).toHaveLength(1);
      expect(JSON.parse(heard[0]!.payload)).toEqual({ events: committed });
    });

    it("carry a commit's events in as many notifications as they need, in order; an event too big for one travels as its reference", async () => {
      const stream = freshStream();
      const big = defineCommand({
        name: "test.big",
        access: () => ANYONE,
        run: async (c, input: { stream: string }) => {
          for (let i = 0; i < 3; i += 1) c.emit(input.stream, "test.big", { text: "x".repeat(3_000) }, secretariatAnd());
          c.emit(input.stream, "test.huge", { text: "y".repeat(9_000) }, secretariatAnd());
          c.emit(input.stream, "test.small", { text: "z" }, secretariatAnd());
        },
      });
      const { events: committed } = await runner.runWithEvents(big, as(ADMIN), { stream });
      const heard = (await notificationsUntil(4)).map((n) => JSON.parse(n.payload) as unknown);
      const ref = (i: number) => ({ stream: committed[i]!.stream, seq: committed[i]!.seq });
      expect(heard).toEqual([{ events: committed.slice(0, 2) }, { events: committed.slice(2, 3) }, { refs: [ref(3)] }, { events: committed.slice(4, 5) }]);
      expect(committed.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5]);
      for (const n of await notificationsUntil(4)) expect(Buffer.byteLength(n.payload)).toBeLessThan(8_000);
    });
  });

  describe("prepare", () => {
    it("runs once, before the transaction opens, and its result is what run receives", async () => {
      const order: string[] = [];
      const prepared = { hashed: "prepared-value" };
      let received: unknown = null;
      let preparedWith: { input: unknown; context: CommandContext; db: Db } | null = null;
      const withPrepare = definePreparedCommand({
        name: "test.prepared",
        access: () => ANYONE,
        prepare: async (input: { key: string }, context, db) => {
          order.push("prepare");
          preparedWith = { input, context, db };
          return { ...prepared, key: input.key };
        },
        run: async (c, input) => {
          order.push("run");
          received = input;
          await c.tx.insert(settings).values({ key: input.key, value: input.hashed });
        },
      });
      const observedRunner = new CommandRunner(
        observedDb(
          () => undefined,
          () => order.push("transaction"),
        ),
      );
      const key = freshKey();
      const context = as(ADMIN);
      await observedRunner.run(withPrepare, context, { key });
      expect(order).toEqual(["prepare", "transaction", "run"]);
      expect(received).toEqual({ hashed: "prepared-value", key });
      expect(preparedWith!.input).toEqual({ key });
      expect(preparedWith!.context).toBe(context);
      expect(await settingValue(key)).toBe("prepared-value");
    });

    it("that throws stops the command before anything is written", async () => {
      const stream = freshStream();
      let ran = false;
      const refusing = definePreparedCommand({
        name: "test.prepare-refuses",
        access: () => ANYONE,
        prepare: async (_input: { key: string }) => {
          throw new ProblemError(400, "wrong-password", "Wrong");
        },
        run: async () => {
          ran = true;
        },
      });
      const before = await footprint(stream);
      await expect(runner.run(refusing, as(ADMIN), { key: freshKey() })).rejects.toMatchObject({ status: 400, code: "wrong-password" });
      expect(ran).toBe(false);
      expect(await footprint(stream)).toEqual(before);
    });
  });

  describe("deferred writes", () => {
    /** Inserts the setting in the commit's last statement, with its audit and event rows and the notification. */
    const putDeferred = defineCommand({
      name: "test.put-deferred",
      access: (_, input: PutSetting) => needs(settingPolicy.put, { key: input.key }),
      run: async (c, input) => {
        c.write(c.tx.insert(settings).values({ key: input.key, value: input.value }));
        c.audit(testAction("setting.put"), `setting:${input.key}`, { key: input.key });
        c.emit(input.stream, "setting.put", { key: input.key }, secretariatAnd());
        return { key: input.key };
      },
    });

    it("commit with the audit and event rows, and announce the commit", async () => {
      const stream = freshStream();
      const key = freshKey();
      const { events: committed } = await runner.runWithEvents(putDeferred, as(ADMIN), { key, value: "deferred", stream });
      expect(await settingValue(key)).toBe("deferred");
      expect(committed.map((e) => e.stream).sort()).toEqual([STREAMS.audit, stream].sort());
      expect(JSON.parse((await notificationsUntil(1))[0]!.payload)).toEqual({ events: committed });
      expect((await verifyAuditTrail(database.db)).broken).toBeNull();
    });

    it("take everything back when the deferred write fails (a taken key): a 409, no audit event, no event, no notification", async () => {
      const stream = freshStream();
      const key = freshKey();
      await runner.run(putSetting, as(ADMIN), { key, value: "first", stream });
      await notificationsUntil(1);
      notifications.length = 0;
      const before = await footprint(stream);
      await expect(runner.run(putDeferred, as(ADMIN), { key, value: "second", stream })).rejects.toMatchObject({ status: 409, code: "conflict" });
      expect(await footprint(stream)).toEqual(before);
      expect(await settingValue(key)).toBe("first");
      // A later commit's notification arrives, and nothing before it.
      await runner.run(putSetting, as(ADMIN), { key: freshKey(), value: "later", stream });
      expect(await notificationsUntil(1)).toHaveLength(1);
    });
  });

  // ---- Batches: requests on one key that arrive together commit together (group commit)

  /** Puts several settings; a request whose key is refused by policy or already taken answers its own problem and writes nothing. */
  const putSettings: BatchCommand<PutSetting, { key: string }, null> = {
    name: "test.put-settings",
    load: async () => null,
    access: (_, input) => needs(settingPolicy.put, { key: input.key }),
    runMany: async (tx, _loaded, items, batch) => {
      const outcomes: ({ key: string } | ProblemError)[] = [];
      const written: { key: string; value: string }[] = [];
      for (const { scope, input } of items) {
        try {
          if (written.some((row) => row.key === input.key)) throw new ProblemError(409, "conflict", "Taken", `${input.key} is taken in this batch`);
          if (input.failWith) throw input.failWith;
          written.push({ key: input.key, value: input.value });
          scope.audit(testAction("settings.put"), `setting:${input.key}`, { key: input.key });
          scope.emit(input.stream, "settings.put", { key: input.key, value: input.value }, secretariatAnd());
          outcomes.push({ key: input.key });
        } catch (error) {
          if (!(error instanceof ProblemError)) throw error;
          // Recorded before the refusal: dropped by the runner with the refused request.
          scope.audit(testAction("settings.refused"), `setting:${input.key}`, {});
          outcomes.push(error);
        }
      }
      // Deferred to the commit's last statement, with the audit and event rows.
      if (written.length > 0) batch.write(tx.insert(settings).values(written));
      return outcomes;
    },
  };

  describe("batches", () => {
    it("commit requests that arrive together in one transaction, in their order, each with its own answer, actor and audit event", async () => {
      const stream = freshStream();
      let transactions = 0;
      const counting = new CommandRunner(observedDb(() => undefined, () => (transactions += 1)));
      const keys = [freshKey("KZ"), freshKey("KZ"), freshKey("CN"), freshKey("KZ")];
      const first = freshKey();
      // The first request opens a transaction at once; the four that arrive while it runs share the next one.
      const answers = await Promise.allSettled([
        counting.runBatched(putSettings, "k", as(ADMIN), { key: first, value: "0", stream }),
        counting.runBatched(putSettings, "k", as(KZ_HEAD), { key: keys[0]!, value: "1", stream }),
        counting.runBatched(putSettings, "k", as(KZ_HEAD), { key: keys[1]!, value: "2", stream }),
        // Refused by policy (Kazakhstan's head sets only KZ.… settings): its own 403, nothing of it written.
        counting.runBatched(putSettings, "k", as(KZ_HEAD), { key: keys[2]!, value: "3", stream }),
        counting.runBatched(putSettings, "k", as(CN_HEAD), { key: keys[3]!, value: "4", stream }),
      ]);
      expect(answers.map((a) => a.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected", "rejected"]);
      expect((answers[3] as PromiseRejectedResult).reason).toMatchObject({ status: 403 });
      expect(transactions).toBe(2);
      expect(await settingValue(keys[0]!)).toBe("1");
      expect(await settingValue(keys[1]!)).toBe("2");
      expect(await settingValue(keys[2]!)).toBeNull();
      expect(await settingValue(keys[3]!)).toBeNull();

      const audit = await database.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(3);
      expect(audit.reverse().map((e) => [e.action, e.target, e.actorUserId])).toEqual([
        ["settings.put", `setting:${first}`, "admin-1"],
        ["settings.put", `setting:${keys[0]}`, "kz-head-1"],
        ["settings.put", `setting:${keys[1]}`, "kz-head-1"],
      ]);
      expect((await verifyAuditTrail(database.db)).broken).toBeNull();
      const streamEvents = await database.db.select().from(events).where(eq(events.stream, stream)).orderBy(asc(events.seq));
      expect(streamEvents.map((e) => [e.seq, e.payload.key])).toEqual([
        [1, first],
        [2, keys[0]],
        [3, keys[1]],
      ]);
    });

    it("keep separate keys apart: a batch holds requests of one key only, and each key's first request does not wait for another key's", async () => {
      const stream = freshStream();
      const batches: string[][] = [];
      const recording: BatchCommand<PutSetting, { key: string }, null> = {
        name: "test.recording",
        load: putSettings.load,
        access: putSettings.access,
        runMany: (tx, loaded, items, batch) => {
          batches.push(items.map((item) => item.input.value));
          return putSettings.runMany(tx, loaded, items, batch);
        },
      };
      const put = (key: string, value: string) => runner.runBatched(recording, key, as(ADMIN), { key: freshKey(), value, stream });
      await Promise.all([put("one", "1a"), put("two", "2a"), put("one", "1b"), put("two", "2b"), put("one", "1c")]);
      // Each key's batches in its order; the two keys' batches may interleave either way.
      expect(batches.filter((b) => b[0]!.startsWith("1"))).toEqual([["1a"], ["1b", "1c"]]);
      expect(batches.filter((b) => b[0]!.startsWith("2"))).toEqual([["2a"], ["2b"]]);
    });

    it("roll back the whole batch when it fails for another reason than a request's own problem: every request gets the error, nothing is written", async () => {
      const stream = freshStream();
      const before = await footprint(stream);
      const keys = [freshKey(), freshKey()];
      const answers = await Promise.allSettled([
        runner.runBatched(putSettings, "f", as(ADMIN), { key: keys[0]!, value: "1", stream }),
        runner.runBatched(putSettings, "f", as(ADMIN), { key: keys[1]!, value: "2", stream }),
        runner.runBatched(putSettings, "f", as(ADMIN), { key: freshKey(), value: "3", stream, failWith: new Error("the disk is full") }),
      ]);
      expect(answers[0]!.status).toBe("fulfilled");
      expect(answers.slice(1).map((a) => (a as PromiseRejectedResult).reason?.message)).toEqual(["the disk is full", "the disk is full"]);
      expect(await settingValue(keys[1]!)).toBeNull();
      const after = await footprint(stream);
      // Only the first request's batch (it ran alone) left its row, audit event and stream event.
      expect(after.settings).toBe(before.settings + 1);
      expect(after.audit).toBe(before.audit + 1);
    });
  });
});
