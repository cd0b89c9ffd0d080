// The live hub: signed-in WebSocket clients follow the streams they may read; each receives what it missed, then committed
// events as they arrive, in order, never twice, and only those whose audience admits it. What a client may ask is
// budgeted (connections, messages, catch-up reads), presence is announced at a bounded pace, a connection that loses the
// right to read a stream is unsubscribed from it, and slow, silent, flooding or ended clients are dropped or closed.
import type { WebSocket } from "ws";
import { ClientMessageSchema, LIVE_CLOSE, LIVE_LIMITS, SECRETARIAT_PRESENCE, STREAMS, type ServerMessage } from "../../../contracts/live.js";
import { isInAudience, type AudienceMember } from "../../../domain/audience.js";
import { fullBudget, isFull, judgeMessage, spend, type BudgetPolicy, type BudgetState } from "../../../domain/message-budget.js";
import type { Db } from "../db/client.js";
import type { FeedSubscriber } from "../events/feed.js";
import { readEvents, streamHead, type StoredEvent } from "../events/log.js";
import type { ParsedControlMessage } from "../events/notifications.js";
import { PRESENCE_COALESCE_MS, PRESENCE_REANNOUNCE_MS, PresenceBoard, type PresenceAnnouncement, type RoomPresence } from "./presence.js";
import { ReadQueue } from "./read-queue.js";
import { ReadersCache, type ReadersOf } from "./stream-readers.js";

/** What one client may ask of this process (defaults: `LIVE_LIMITS`). */
export interface LiveBudgets {
  readonly connectionsPerSession: number;
  readonly connectionsPerUser: number;
  readonly messagesPerConnection: BudgetPolicy;
  readonly messagesPerUser: BudgetPolicy;
  readonly dropsBeforeClose: number;
  readonly readsPerUser: BudgetPolicy;
}

export interface HubOptions {
  readonly db: Db;
  readonly now: () => Date;
  /** Whether a session (by its token's hash) is still valid, and who its user acts as now. */
  readonly checkSession: (tokenHash: string) => Promise<AudienceMember | null>;
  /**
   * Who may follow a stream, from the read rule of the capability publishing it. The one rule for subscribing, for being
   * in a stream's room, and for staying subscribed when the resource, the registry or the day change.
   */
  readonly readersOf: ReadersOf;
  /** Whether a stream has a room (presence): a document's. Without it, none has. */
  readonly hasRoom?: (stream: string) => boolean;
  /** Ping interval; a client that has not answered the previous ping by the next one is dropped. */
  readonly heartbeatMs?: number;
  /** Bytes queued for one client beyond which it is dropped rather than slowing the others. */
  readonly maxBufferedBytes?: number;
  /** How often a connection's session, and who may follow its streams, is checked again even without news. */
  readonly sessionCheckMs?: number;
  readonly log?: { warn(object: Record<string, unknown>, message: string): void };
  /** This process's name among those sharing the database (for presence). */
  readonly process?: string;
  /** Tells the other processes who is in a room here (NOTIFY). */
  readonly announce?: (announcement: PresenceAnnouncement) => void;
  /** Milliseconds on a clock that does not go back, for budgets and the pace of presence (tests move it). */
  readonly clock?: () => number;
  /** Runs `run` after `ms` (tests hold the timers). */
  readonly schedule?: (run: () => void, ms: number) => void;
  readonly budgets?: Partial<LiveBudgets>;
}

interface Subscription {
  /** The highest sequence number this connection has been brought past (sent, or not visible to it). */
  last: number;
  /** While catching up: live events held back until the missed ones are sent. */
  pending: StoredEvent[] | null;
  /** Whether the read rule admitted the reader and it was brought up to date (`subscribed` sent). */
  isAdmitted: boolean;
  /** Presence declared before the subscription was admitted: the room is entered once it is. */
  presence?: string | null;
}

interface Connection {
  readonly id: number;
  readonly socket: WebSocket;
  member: AudienceMember;
  readonly tokenHash: string;
  /** The user (their connections share a budget and a read queue). */
  readonly userKey: string;
  readonly subscriptions: Map<string, Subscription>;
  /** The rooms (document streams) this connection declared itself present in. */
  readonly rooms: Set<string>;
  budget: BudgetState;
  droppedInARow: number;
  isAlive: boolean;
  protocolErrors: number;
  sessionCheckedAt: number;
  isClosed: boolean;
}

interface UserState {
  budget: BudgetState;
  readonly reads: ReadQueue;
}

const add = <K, V>(index: Map<K, Set<V>>, key: K, value: V) => {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(value);
};
const remove = <K, V>(index: Map<K, Set<V>>, key: K, value: V) => {
  const set = index.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) index.delete(key);
};

export class LiveHub implements FeedSubscriber {
  private nextId = 1;
  private isStopped = false;
  private readonly connections = new Set<Connection>();
  private readonly byStream = new Map<string, Set<Connection>>();
  private readonly bySession = new Map<string, Set<Connection>>();
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly users = new Map<string, UserState>();
  private readonly timer: NodeJS.Timeout | null;
  private readonly heartbeatMs: number;
  private readonly maxBufferedBytes: number;
  private readonly sessionCheckMs: number;
  private readonly budgets: LiveBudgets;
  private readonly clock: () => number;
  private readonly schedule: (run: () => void, ms: number) => void;
  private readonly readers: ReadersCache;
  /** Streams whose followers were admitted by a rule that can change: decided again on news. */
  private readonly guarded = new Set<string>();
  /** The version of the rule each guarded stream's followers were last all decided by. */
  private readonly decided = new Map<string, string>();
  /** Streams being decided again (true: once more after this pass, news arrived meanwhile). */
  private readonly rechecks = new Map<string, boolean>();
  private readonly presence: PresenceBoard;
  private readonly presenceTimer: NodeJS.Timeout;
  /** Per room: when its presence was last announced and shown, whether a later pass is scheduled, what was sent. */
  private readonly presenceFlushedAt = new Map<string, number>();
  private readonly presenceDue = new Set<string>();
  private readonly announced = new Map<string, string>();
  private readonly shown = new Map<string, string>();

  constructor(private readonly options: HubOptions) {
    this.clock = options.clock ?? (() => performance.now());
    this.schedule = options.schedule ?? ((run, ms) => void setTimeout(run, ms).unref());
    this.budgets = { ...LIVE_LIMITS, ...options.budgets };
    this.heartbeatMs = options.heartbeatMs ?? 30_000;
    this.maxBufferedBytes = options.maxBufferedBytes ?? 1024 * 1024;
    this.sessionCheckMs = options.sessionCheckMs ?? 60_000;
    this.readers = new ReadersCache(options.readersOf, this.clock, this.sessionCheckMs);
    this.presence = new PresenceBoard(options.process ?? "local", () => Date.now());
    // Presence is renewed even without changes, so other processes keep it; theirs expires when not renewed.
    this.presenceTimer = setInterval(() => this.renewPresence(), PRESENCE_REANNOUNCE_MS);
    this.presenceTimer.unref();
    // 0 turns the timer off (tests call checkConnections themselves).
    this.timer = this.heartbeatMs > 0 ? setInterval(() => void this.checkConnections(), this.heartbeatMs) : null;
    this.timer?.unref();
  }

  get size(): number {
    return this.connections.size;
  }

  /** Takes a socket whose session was checked on upgrade; refuses it when the session or the user holds too many already. */
  accept(socket: WebSocket, session: { tokenHash: string; member: AudienceMember }): void {
    if ((this.bySession.get(session.tokenHash)?.size ?? 0) >= this.budgets.connectionsPerSession) {
      socket.close(LIVE_CLOSE.tooManyConnections, "too many live connections for this session");
      return;
    }
    const userKey = session.member.userId ?? `session:${session.tokenHash}`;
    // Per user, not only per session: signing in again gives no more connections.
    if ((this.byUser.get(userKey)?.size ?? 0) >= this.budgets.connectionsPerUser) {
      socket.close(LIVE_CLOSE.tooManyConnections, "too many live connections for this user");
      return;
    }
    const connection: Connection = {
      id: this.nextId++,
      socket,
      member: session.member,
      tokenHash: session.tokenHash,
      userKey,
      subscriptions: new Map(),
      rooms: new Set(),
      budget: fullBudget(this.budgets.messagesPerConnection, this.clock()),
      droppedInARow: 0,
      isAlive: true,
      protocolErrors: 0,
      sessionCheckedAt: this.options.now().getTime(),
      isClosed: false,
    };
    this.connections.add(connection);
    add(this.bySession, connection.tokenHash, connection);
    add(this.byUser, connection.userKey, connection);
    socket.on("pong", () => {
      connection.isAlive = true;
    });
    // The budget is checked before anything else: a message over it is not even parsed.
    socket.on("message", (data, isBinary) => {
      if (this.admitMessage(connection)) void this.receive(connection, data, isBinary);
    });
    socket.on("close", () => this.forget(connection));
    socket.on("error", () => this.forget(connection));
    this.send(connection, { type: "hello", at: this.options.now().toISOString() });
  }

  private userState(key: string): UserState {
    let state = this.users.get(key);
    if (!state) {
      const reads = new ReadQueue(this.budgets.readsPerUser, this.clock, this.schedule, (error) =>
        this.options.log?.warn({ err: { message: (error as Error).message } }, "a live subscription could not be read"),
      );
      this.users.set(key, (state = { budget: fullBudget(this.budgets.messagesPerUser, this.clock()), reads }));
    }
    return state;
  }

  private forget(connection: Connection): void {
    if (connection.isClosed) return;
    connection.isClosed = true;
    this.connections.delete(connection);
    remove(this.bySession, connection.tokenHash, connection);
    remove(this.byUser, connection.userKey, connection);
    const reads = this.users.get(connection.userKey)?.reads;
    for (const stream of connection.subscriptions.keys()) {
      remove(this.byStream, stream, connection);
      if (!this.byStream.has(stream)) this.forgetStream(stream);
      reads?.remove(readKey(connection, stream));
    }
    connection.subscriptions.clear();
    for (const stream of [...connection.rooms]) this.leave(connection, stream);
  }

  private close(connection: Connection, code: number, reason: string): void {
    if (connection.isClosed) return;
    this.forget(connection);
    connection.socket.close(code, reason);
  }

  /** Drops a client at once (it did not keep up, or went silent): it reconnects and catches up. */
  private drop(connection: Connection): void {
    if (connection.isClosed) return;
    this.forget(connection);
    connection.socket.terminate();
  }

  private sendText(connection: Connection, text: string | Buffer): void {
    if (connection.isClosed) return;
    if (connection.socket.bufferedAmount > this.maxBufferedBytes) {
      this.drop(connection);
      return;
    }
    // Text frames, also for the events encoded once as bytes (a Buffer would otherwise go out as a binary frame).
    connection.socket.send(text, { binary: false });
  }

  private send(connection: Connection, message: ServerMessage): void {
    this.sendText(connection, JSON.stringify(message));
  }

  // ---- What a client asks

  /** Spends one message from the connection's and the user's budgets; over them, the message does nothing. */
  private admitMessage(connection: Connection): boolean {
    if (connection.isClosed) return false;
    const user = this.userState(connection.userKey);
    const spending = spend(
      [
        { state: connection.budget, policy: this.budgets.messagesPerConnection },
        { state: user.budget, policy: this.budgets.messagesPerUser },
      ],
      this.clock(),
    );
    [connection.budget, user.budget] = spending.next as [BudgetState, BudgetState];
    const judged = judgeMessage(spending.isSpent, connection.droppedInARow, this.budgets);
    connection.droppedInARow = judged.droppedInARow;
    switch (judged.verdict) {
      case "accept":
        return true;
      case "warn": {
        const retryAfterMs = spending.isSpent ? 0 : spending.retryAfterMs;
        this.send(connection, { type: "error", code: "over-budget", message: `Too many messages: wait ${retryAfterMs} ms; until then they are dropped.`, retryAfterMs });
        return false;
      }
      case "drop":
        return false;
      case "close":
        this.close(connection, LIVE_CLOSE.tooManyMessages, "too many messages");
        return false;
    }
  }

  private async receive(connection: Connection, data: unknown, isBinary: boolean): Promise<void> {
    const text = isBinary ? null : String(data);
    let parsed: ReturnType<typeof ClientMessageSchema.safeParse> | null = null;
    if (text !== null && text.length <= LIVE_LIMITS.clientMessageBytes) {
      try {
        parsed = ClientMessageSchema.safeParse(JSON.parse(text));
      } catch {
        parsed = null;
      }
    }
    if (!parsed?.success) {
      connection.protocolErrors += 1;
      if (connection.protocolErrors > 5) return this.close(connection, LIVE_CLOSE.protocolError, "too many invalid messages");
      return this.send(connection, { type: "error", code: "invalid-message", message: "Send {type: subscribe | unsubscribe, streams: […]} as JSON (see the API docs)." });
    }
    const message = parsed.data;
    if (message.type === "unsubscribe") {
      for (const stream of message.streams) this.unfollow(connection, stream);
      return;
    }
    if (message.type === "presence") return this.enter(connection, message.stream, message.provision);
    const fresh = new Set(message.streams.filter((s) => !connection.subscriptions.has(s.stream)).map((s) => s.stream)).size;
    if (connection.subscriptions.size + fresh > LIVE_LIMITS.subscriptionsPerConnection) {
      return this.send(connection, { type: "error", code: "too-many-subscriptions", message: `At most ${LIVE_LIMITS.subscriptionsPerConnection} streams per connection.` });
    }
    for (const { stream, after } of message.streams) {
      const existing = connection.subscriptions.get(stream);
      // Asked again for a stream this connection is up to date on: nothing to read, everything up to `last` is on its way.
      if (existing?.isAdmitted && existing.pending === null && (after === null || after <= existing.last)) {
        this.send(connection, { type: "subscribed", stream, head: existing.last });
        continue;
      }
      // Registered at once, read in its turn: nothing committed meanwhile is missed (it waits in `pending`), and a
      // presence message that follows finds the subscription in place.
      const subscription = this.register(connection, stream);
      const isCurrent = () => !connection.isClosed && connection.subscriptions.get(stream) === subscription;
      this.userState(connection.userKey).reads.push(readKey(connection, stream), { isCurrent, run: () => this.subscribe(connection, stream, after, subscription, isCurrent) });
    }
  }

  private register(connection: Connection, stream: string): Subscription {
    const subscription: Subscription = { last: 0, pending: [], isAdmitted: false };
    connection.subscriptions.set(stream, subscription);
    add(this.byStream, stream, connection);
    return subscription;
  }

  private unfollow(connection: Connection, stream: string): void {
    if (!connection.subscriptions.delete(stream)) return;
    remove(this.byStream, stream, connection);
    if (!this.byStream.has(stream)) this.forgetStream(stream);
    this.users.get(connection.userKey)?.reads.remove(readKey(connection, stream));
    this.leave(connection, stream);
  }

  /** No one here follows the stream any more. */
  private forgetStream(stream: string): void {
    this.guarded.delete(stream);
    this.decided.delete(stream);
  }

  /** The connection may not (or no longer) read the stream: it is told, and leaves the stream and its room. */
  private forbid(connection: Connection, stream: string): void {
    this.unfollow(connection, stream);
    this.send(connection, { type: "unsubscribed", stream, reason: "forbidden" });
  }

  /** Whether the connection's member may follow the stream now, by the rule as it stands (loaded again if it may have changed). */
  private async mayFollow(connection: Connection, stream: string): Promise<boolean> {
    const readers = await this.readers.get(stream);
    if (readers?.isGuarded && this.byStream.has(stream)) this.guarded.add(stream);
    return readers?.admits(connection.member) === true;
  }

  /** A subscription's turn to be read: admitted by the read rule first (a refused one reads nothing), then brought up to date. */
  private async subscribe(connection: Connection, stream: string, after: number | null, subscription: Subscription, isCurrent: () => boolean): Promise<void> {
    try {
      if (!(await this.mayFollow(connection, stream))) return isCurrent() ? this.forbid(connection, stream) : undefined;
      if (!isCurrent()) return;
      if (after === null) subscription.last = await streamHead(this.options.db, stream);
      else await this.catchUp(connection, stream, subscription, after);
      // The right may have changed during the read (news drops the rule): decided again with the rule as it stands now,
      // and again should news come while deciding, so that no news falls between this decision and the admission.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const generation = this.readers.generation;
        if (!(await this.mayFollow(connection, stream))) return isCurrent() ? this.forbid(connection, stream) : undefined;
        if (generation === this.readers.generation) break;
      }
    } catch (error) {
      this.options.log?.warn({ err: { message: (error as Error).message }, stream }, "live subscription could not be read");
      return this.drop(connection);
    }
    if (!isCurrent()) return;
    subscription.isAdmitted = true;
    this.release(connection, stream, subscription);
    this.send(connection, { type: "subscribed", stream, head: subscription.last });
    if (subscription.presence !== undefined) {
      const provision = subscription.presence;
      delete subscription.presence;
      this.enter(connection, stream, provision);
    }
  }

  // ---- Losing the right to read

  /** Decides a stream's followers again (coalesced: one pass at a time per stream, one more if news came meanwhile). */
  private recheckStream(stream: string): void {
    if (this.rechecks.has(stream)) {
      this.rechecks.set(stream, true);
      return;
    }
    this.rechecks.set(stream, false);
    void (async () => {
      try {
        do {
          this.rechecks.set(stream, false);
          await this.decideFollowers(stream);
        } while (this.rechecks.get(stream) === true && !this.isStopped);
      } catch (error) {
        this.options.log?.warn({ err: { message: (error as Error).message }, stream }, "who may follow a live stream could not be read");
      } finally {
        this.rechecks.delete(stream);
      }
    })();
  }

  private async decideFollowers(stream: string): Promise<void> {
    if (!this.byStream.has(stream)) return;
    const readers = await this.readers.get(stream);
    // Most news changes nothing of who may read (a proposal, a position): the same version, the same decisions.
    if (readers?.version !== undefined && this.decided.get(stream) === readers.version) return;
    for (const connection of [...(this.byStream.get(stream) ?? [])]) {
      if (connection.subscriptions.get(stream)?.isAdmitted && readers?.admits(connection.member) !== true) this.forbid(connection, stream);
    }
    if (readers?.version !== undefined && this.byStream.has(stream)) this.decided.set(stream, readers.version);
    if (readers && !readers.isGuarded) this.guarded.delete(stream);
  }

  /** The connection's member changed (who it acts as): its guarded streams are decided again. */
  private async decideConnection(connection: Connection): Promise<void> {
    for (const [stream, subscription] of [...connection.subscriptions]) {
      if (!subscription.isAdmitted || !this.guarded.has(stream)) continue;
      if (!(await this.mayFollow(connection, stream)) && connection.subscriptions.get(stream) === subscription) this.forbid(connection, stream);
    }
  }

  // ---- Presence in rooms

  private enter(connection: Connection, stream: string, provision: string | null): void {
    const subscription = connection.subscriptions.get(stream);
    if (!subscription || this.options.hasRoom?.(stream) !== true) {
      return this.send(connection, { type: "error", code: "not-in-room", message: "Subscribe to a document you may read before declaring presence in its room." });
    }
    if (!subscription.isAdmitted) {
      // Sent right after the subscription: entered once the subscription is admitted (never, if it is refused).
      subscription.presence = provision;
      return;
    }
    const isNew = !connection.rooms.has(stream);
    connection.rooms.add(stream);
    const changed = this.presence.set(stream, connection.id, { delegation: connection.member.delegation ?? SECRETARIAT_PRESENCE, provision });
    const isShown = changed && this.presenceChanged(stream);
    // A newcomer sees the room as it is at once, whatever the pace of announcements.
    if (isNew && !isShown) this.showRoom(stream, this.presence.room(stream), connection);
  }

  private leave(connection: Connection, stream: string): void {
    if (!connection.rooms.delete(stream)) return;
    if (this.presence.set(stream, connection.id, null)) this.presenceChanged(stream);
  }

  /**
   * The room changed: announced and shown now if it was not in the last interval, else once at its end with the state
   * then (however many changes came between). Answers whether the room was shown now.
   */
  private presenceChanged(stream: string): boolean {
    if (this.presenceDue.has(stream)) return false;
    const wait = (this.presenceFlushedAt.get(stream) ?? Number.NEGATIVE_INFINITY) + PRESENCE_COALESCE_MS - this.clock();
    if (wait <= 0) return this.flushPresence(stream);
    this.presenceDue.add(stream);
    this.schedule(() => {
      this.presenceDue.delete(stream);
      this.flushPresence(stream);
    }, wait);
    return false;
  }

  /** Announces this process's part of the room if it changed since last announced, and shows the room if it changed since last shown. */
  private flushPresence(stream: string): boolean {
    if (this.isStopped) return false;
    this.presenceFlushedAt.set(stream, this.clock());
    const entries = this.presence.ownEntries(stream);
    const announcing = JSON.stringify(entries);
    if (announcing !== (this.announced.get(stream) ?? "[]")) {
      this.options.announce?.({ process: this.presence.process, stream, entries });
      if (entries.length > 0) this.announced.set(stream, announcing);
      else this.announced.delete(stream);
    }
    const room = this.presence.room(stream);
    const showing = JSON.stringify(room);
    if (showing === (this.shown.get(stream) ?? "[]")) return false;
    if (room.length > 0) this.shown.set(stream, showing);
    else this.shown.delete(stream);
    this.showRoom(stream, room);
    return true;
  }

  /** Sends the room to everyone in it (or to one connection that just entered). */
  private showRoom(stream: string, room: RoomPresence[], only: Connection | null = null): void {
    const text = JSON.stringify({ type: "presence", stream, present: room } satisfies ServerMessage);
    const targets = only ? [only] : [...(this.byStream.get(stream) ?? [])].filter((c) => c.rooms.has(stream));
    for (const connection of targets) this.sendText(connection, text);
  }

  private renewPresence(): void {
    if (this.isStopped) return;
    for (const announcement of this.presence.announcements()) this.options.announce?.(announcement);
    for (const stream of this.presence.expire()) this.presenceChanged(stream);
    // A room quiet for a whole interval may be announced at once again: its pacing is forgotten.
    const now = this.clock();
    for (const [stream, at] of this.presenceFlushedAt) if (now - at >= PRESENCE_COALESCE_MS && !this.presenceDue.has(stream)) this.presenceFlushedAt.delete(stream);
  }

  /** The room as this process knows it (for tests and diagnostics). */
  roomOf(stream: string) {
    return this.presence.room(stream);
  }

  // ---- Events

  /** Sends what was missed after `after` (visible events only), or a reset when it is too much. Leaves `pending` as it is. */
  private async catchUp(connection: Connection, stream: string, subscription: Subscription, after: number): Promise<void> {
    const missed = await readEvents(this.options.db, stream, after, LIVE_LIMITS.catchUpEvents + 1);
    if (missed.length > LIVE_LIMITS.catchUpEvents) {
      subscription.last = await streamHead(this.options.db, stream);
      this.send(connection, { type: "reset", stream, head: subscription.last });
      return;
    }
    subscription.last = after;
    for (const event of missed) this.advance(connection, subscription, event);
  }

  /** Ends catching up: held-back live events are delivered in order (each at most once). */
  private release(connection: Connection, stream: string, subscription: Subscription): void {
    if (connection.subscriptions.get(stream) !== subscription) return;
    const pending = subscription.pending ?? [];
    subscription.pending = null;
    for (const event of pending.sort((a, b) => a.seq - b.seq)) this.deliver(connection, stream, subscription, event, null);
  }

  private advance(connection: Connection, subscription: Subscription, event: StoredEvent, encoded: Buffer | null = null): void {
    if (event.seq <= subscription.last) return;
    subscription.last = event.seq;
    if (isInAudience(event.audience, connection.member)) {
      this.sendText(connection, encoded ?? encode(event));
    }
  }

  private deliver(connection: Connection, stream: string, subscription: Subscription, event: StoredEvent, encoded: Buffer | null): void {
    if (subscription.pending) {
      // A subscription waiting long for its read on a busy stream holds no more than a catch-up's worth: the rest is
      // read back from the log (the gap below) once it is its turn.
      if (subscription.pending.length >= LIVE_LIMITS.catchUpEvents) subscription.pending.length = 0;
      subscription.pending.push(event);
      return;
    }
    if (event.seq <= subscription.last) return;
    if (event.seq > subscription.last + 1) {
      // A gap (this process missed news): read the stream from where this client is, holding this event back.
      subscription.pending = [event];
      void this.catchUp(connection, stream, subscription, subscription.last)
        .then(() => this.release(connection, stream, subscription))
        .catch(() => this.drop(connection));
      return;
    }
    this.advance(connection, subscription, event, encoded);
  }

  onEvents(events: readonly StoredEvent[]): void {
    let isRegistryChanged = false;
    const touched = new Set<string>();
    for (const event of events) {
      if (event.stream === STREAMS.registry) isRegistryChanged = true;
      const followers = this.byStream.get(event.stream);
      if (!followers) continue;
      touched.add(event.stream);
      // Encoded once for every recipient.
      const encoded = encode(event);
      for (const connection of followers) {
        const subscription = connection.subscriptions.get(event.stream);
        if (subscription) this.deliver(connection, event.stream, subscription, event, encoded);
      }
    }
    // Who may follow a stream follows its resource (a draft made private) and the registry (tiers, rights, the chair):
    // decided again after delivery, each event having been sent only to the audience it names.
    if (isRegistryChanged) {
      this.readers.forgetAll();
      for (const stream of [...this.guarded]) this.recheckStream(stream);
      return;
    }
    for (const stream of touched) {
      if (!this.guarded.has(stream)) continue;
      this.readers.forget(stream);
      this.recheckStream(stream);
    }
  }

  onControl(message: ParsedControlMessage): void {
    if (message.kind === "sessions-ended") {
      for (const hash of message.tokenHashes) for (const connection of [...(this.bySession.get(hash) ?? [])]) this.close(connection, LIVE_CLOSE.sessionEnded, "session ended");
      for (const userId of message.userIds) {
        for (const connection of [...(this.byUser.get(userId) ?? [])]) {
          if (connection.tokenHash !== message.exceptTokenHash) this.close(connection, LIVE_CLOSE.sessionEnded, "session ended");
        }
      }
      return;
    }
    if (message.kind === "presence") {
      if (this.presence.hear(message)) this.presenceChanged(message.stream);
      return;
    }
    // An account changed (its name, its single sign-on): who it acts as may have too.
    for (const userId of message.userIds) for (const connection of [...(this.byUser.get(userId) ?? [])]) void this.recheck(connection);
  }

  /** The news connection was lost: sessions may have ended, events been committed unseen, rights changed. */
  async onResync(): Promise<void> {
    this.readers.forgetAll();
    for (const connection of [...this.connections]) {
      await this.recheck(connection);
      for (const [stream, subscription] of connection.subscriptions) {
        if (subscription.pending || connection.isClosed) continue;
        subscription.pending = [];
        await this.catchUp(connection, stream, subscription, subscription.last).catch(() => this.drop(connection));
        this.release(connection, stream, subscription);
      }
    }
    for (const stream of [...this.guarded]) this.recheckStream(stream);
  }

  private async recheck(connection: Connection): Promise<void> {
    connection.sessionCheckedAt = this.options.now().getTime();
    const before = connection.member;
    const member = await this.options.checkSession(connection.tokenHash).catch(() => connection.member);
    if (!member) return this.close(connection, LIVE_CLOSE.sessionEnded, "session ended");
    connection.member = member;
    if (member.role !== before.role || member.delegation !== before.delegation) await this.decideConnection(connection);
  }

  /**
   * The heartbeat: drops clients that did not answer the last ping, pings the others, re-checks sessions due for it and
   * who may follow guarded streams (the day turns, which sends no news), and forgets users with nothing left owed.
   */
  async checkConnections(): Promise<void> {
    const now = this.options.now().getTime();
    for (const connection of [...this.connections]) {
      if (!connection.isAlive) {
        this.drop(connection);
        continue;
      }
      connection.isAlive = false;
      connection.socket.ping();
      // Sessions also end by expiry and idleness, which send no news.
      if (now - connection.sessionCheckedAt >= this.sessionCheckMs) await this.recheck(connection);
    }
    for (const stream of [...this.guarded]) if (this.readers.isStale(stream)) this.recheckStream(stream);
    const clock = this.clock();
    for (const [key, user] of this.users) {
      if (!this.byUser.has(key) && user.reads.isIdle() && isFull(user.budget, this.budgets.messagesPerUser, clock)) this.users.delete(key);
    }
  }

  closeAll(): void {
    this.isStopped = true;
    if (this.timer) clearInterval(this.timer);
    clearInterval(this.presenceTimer);
    for (const connection of [...this.connections]) this.close(connection, LIVE_CLOSE.goingAway, "server shutting down");
  }
}

function readKey(connection: Connection, stream: string): string {
  return `${connection.id}|${stream}`;
}

function encode(event: StoredEvent): Buffer {
  const message: ServerMessage = { type: "event", event: { stream: event.stream, seq: event.seq, type: event.type, at: event.at, payload: event.payload } };
  return Buffer.from(JSON.stringify(message));
}
