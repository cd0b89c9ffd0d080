// The live hub: signed-in WebSocket clients follow streams; each receives what it missed, then committed events as they
// arrive, in order, never twice, and only those whose audience admits it. Slow or silent clients are dropped; ended sessions closed.
import type { WebSocket } from "ws";
import { ClientMessageSchema, LIVE_CLOSE, LIVE_LIMITS, SECRETARIAT_PRESENCE, type ServerMessage } from "../../contracts/live.js";
import { isInAudience, type AudienceMember } from "../../domain/audience.js";
import type { Db } from "../db/client.js";
import type { FeedSubscriber } from "../events/feed.js";
import { readEvents, streamHead, type StoredEvent } from "../events/log.js";
import type { ParsedControlMessage } from "../events/notifications.js";
import { PRESENCE_REANNOUNCE_MS, PresenceBoard, type PresenceAnnouncement } from "./presence.js";

export interface HubOptions {
  readonly db: Db;
  readonly now: () => Date;
  /** Whether a session (by its token's hash) is still valid, and who its user acts as now. */
  readonly checkSession: (tokenHash: string) => Promise<AudienceMember | null>;
  /** Ping interval; a client that has not answered the previous ping by the next one is dropped. */
  readonly heartbeatMs?: number;
  /** Bytes queued for one client beyond which it is dropped rather than slowing the others. */
  readonly maxBufferedBytes?: number;
  /** How often a connection's session is checked again even without news (expiry, idle time). */
  readonly sessionCheckMs?: number;
  readonly log?: { warn(object: Record<string, unknown>, message: string): void };
  /** This process's name among those sharing the database (for presence). */
  readonly process?: string;
  /** Whether a member may be in a room (read the document the stream is about). Without it, no one may. */
  readonly mayEnter?: (member: AudienceMember, stream: string) => boolean | Promise<boolean>;
  /** Tells the other processes who is in a room here (NOTIFY). */
  readonly announce?: (announcement: PresenceAnnouncement) => void;
}

interface Subscription {
  /** The highest sequence number this connection has been brought past (sent, or not visible to it). */
  last: number;
  /** While catching up: live events held back until the missed ones are sent. */
  pending: StoredEvent[] | null;
}

interface Connection {
  readonly id: number;
  readonly socket: WebSocket;
  member: AudienceMember;
  readonly tokenHash: string;
  readonly subscriptions: Map<string, Subscription>;
  /** The rooms (document streams) this connection declared itself present in. */
  readonly rooms: Set<string>;
  isAlive: boolean;
  protocolErrors: number;
  sessionCheckedAt: number;
  isClosed: boolean;
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
  private readonly connections = new Set<Connection>();
  private readonly byStream = new Map<string, Set<Connection>>();
  private readonly bySession = new Map<string, Set<Connection>>();
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly timer: NodeJS.Timeout | null;
  private readonly heartbeatMs: number;
  private readonly maxBufferedBytes: number;
  private readonly sessionCheckMs: number;
  private readonly presence: PresenceBoard;
  private readonly presenceTimer: NodeJS.Timeout;

  constructor(private readonly options: HubOptions) {
    this.presence = new PresenceBoard(options.process ?? "local", () => Date.now());
    // Presence is renewed even without changes, so other processes keep it; theirs expires when not renewed.
    this.presenceTimer = setInterval(() => this.renewPresence(), PRESENCE_REANNOUNCE_MS);
    this.presenceTimer.unref();
    this.heartbeatMs = options.heartbeatMs ?? 30_000;
    this.maxBufferedBytes = options.maxBufferedBytes ?? 1024 * 1024;
    this.sessionCheckMs = options.sessionCheckMs ?? 60_000;
    // 0 turns the timer off (tests call checkConnections themselves).
    this.timer = this.heartbeatMs > 0 ? setInterval(() => void this.checkConnections(), this.heartbeatMs) : null;
    this.timer?.unref();
  }

  get size(): number {
    return this.connections.size;
  }

  /** Takes a socket whose session was checked on upgrade; refuses it when the session holds too many already. */
  accept(socket: WebSocket, session: { tokenHash: string; member: AudienceMember }): void {
    if ((this.bySession.get(session.tokenHash)?.size ?? 0) >= LIVE_LIMITS.connectionsPerSession) {
      socket.close(LIVE_CLOSE.tooManyConnections, "too many live connections for this session");
      return;
    }
    const connection: Connection = {
      id: this.nextId++,
      socket,
      member: session.member,
      tokenHash: session.tokenHash,
      subscriptions: new Map(),
      rooms: new Set(),
      isAlive: true,
      protocolErrors: 0,
      sessionCheckedAt: this.options.now().getTime(),
      isClosed: false,
    };
    this.connections.add(connection);
    add(this.bySession, connection.tokenHash, connection);
    if (connection.member.userId) add(this.byUser, connection.member.userId, connection);
    socket.on("pong", () => {
      connection.isAlive = true;
    });
    socket.on("message", (data, isBinary) => void this.receive(connection, data, isBinary));
    socket.on("close", () => this.forget(connection));
    socket.on("error", () => this.forget(connection));
    this.send(connection, { type: "hello", at: this.options.now().toISOString() });
  }

  private forget(connection: Connection): void {
    if (connection.isClosed) return;
    connection.isClosed = true;
    this.connections.delete(connection);
    remove(this.bySession, connection.tokenHash, connection);
    if (connection.member.userId) remove(this.byUser, connection.member.userId, connection);
    for (const stream of connection.subscriptions.keys()) remove(this.byStream, stream, connection);
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
      for (const stream of message.streams) {
        connection.subscriptions.delete(stream);
        remove(this.byStream, stream, connection);
        this.leave(connection, stream);
      }
      return;
    }
    if (message.type === "presence") return this.enter(connection, message.stream, message.provision);
    const fresh = message.streams.filter((s) => !connection.subscriptions.has(s.stream)).length;
    if (connection.subscriptions.size + fresh > LIVE_LIMITS.subscriptionsPerConnection) {
      return this.send(connection, { type: "error", code: "too-many-subscriptions", message: `At most ${LIVE_LIMITS.subscriptionsPerConnection} streams per connection.` });
    }
    // Every stream is registered at once, before any is read: nothing committed meanwhile is missed (it waits in
    // `pending`), and a message that follows (presence in a room) finds the subscription in place.
    const registered = message.streams.map(({ stream, after }) => ({ stream, after, subscription: this.register(connection, stream) }));
    for (const { stream, after, subscription } of registered) await this.subscribe(connection, stream, after, subscription);
  }

  private register(connection: Connection, stream: string): Subscription {
    const subscription: Subscription = { last: 0, pending: [] };
    connection.subscriptions.set(stream, subscription);
    add(this.byStream, stream, connection);
    return subscription;
  }

  private async subscribe(connection: Connection, stream: string, after: number | null, subscription: Subscription): Promise<void> {
    if (connection.subscriptions.get(stream) !== subscription) return;
    try {
      if (after === null) subscription.last = await streamHead(this.options.db, stream);
      else await this.catchUp(connection, stream, subscription, after);
    } catch (error) {
      this.options.log?.warn({ err: { message: (error as Error).message }, stream }, "live subscription could not be read");
      return this.drop(connection);
    }
    if (connection.subscriptions.get(stream) !== subscription) return;
    this.release(connection, stream, subscription);
    this.send(connection, { type: "subscribed", stream, head: subscription.last });
  }

  // ---- Presence in rooms

  private async enter(connection: Connection, stream: string, provision: string | null): Promise<void> {
    const mayEnter = connection.subscriptions.has(stream) && (await this.options.mayEnter?.(connection.member, stream)) === true;
    if (!mayEnter || connection.isClosed) {
      return this.send(connection, { type: "error", code: "not-in-room", message: "Subscribe to a document you may read before declaring presence in its room." });
    }
    const isNew = !connection.rooms.has(stream);
    connection.rooms.add(stream);
    const changed = this.presence.set(stream, connection.id, { delegation: connection.member.delegation ?? SECRETARIAT_PRESENCE, provision });
    if (changed) this.announce(stream);
    if (changed || isNew) this.showRoom(stream, changed ? null : connection);
  }

  private leave(connection: Connection, stream: string): void {
    if (!connection.rooms.delete(stream)) return;
    if (this.presence.set(stream, connection.id, null)) {
      this.announce(stream);
      this.showRoom(stream);
    }
  }

  private announce(stream: string): void {
    this.options.announce?.({ process: this.presence.process, stream, entries: this.presence.ownEntries(stream) });
  }

  /** Sends the room to everyone in it (or to one connection that just entered an unchanged room). */
  private showRoom(stream: string, only: Connection | null = null): void {
    const text = JSON.stringify({ type: "presence", stream, present: this.presence.room(stream) } satisfies ServerMessage);
    const targets = only ? [only] : [...(this.byStream.get(stream) ?? [])].filter((c) => c.rooms.has(stream));
    for (const connection of targets) this.sendText(connection, text);
  }

  private renewPresence(): void {
    for (const announcement of this.presence.announcements()) this.options.announce?.(announcement);
    for (const stream of this.presence.expire()) this.showRoom(stream);
  }

  /** The room as this process knows it (for tests and diagnostics). */
  roomOf(stream: string) {
    return this.presence.room(stream);
  }

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
    for (const event of events) {
      const followers = this.byStream.get(event.stream);
      if (!followers) continue;
      // Encoded once for every recipient.
      const encoded = encode(event);
      for (const connection of followers) {
        const subscription = connection.subscriptions.get(event.stream);
        if (subscription) this.deliver(connection, event.stream, subscription, event, encoded);
      }
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
      if (this.presence.hear(message)) this.showRoom(message.stream);
      return;
    }
    // An account changed (its name, its single sign-on): who it acts as may have too.
    for (const userId of message.userIds) for (const connection of [...(this.byUser.get(userId) ?? [])]) void this.recheck(connection);
  }

  /** The news connection was lost: sessions may have ended and events been committed unseen. */
  async onResync(): Promise<void> {
    for (const connection of [...this.connections]) {
      await this.recheck(connection);
      for (const [stream, subscription] of connection.subscriptions) {
        if (subscription.pending || connection.isClosed) continue;
        subscription.pending = [];
        await this.catchUp(connection, stream, subscription, subscription.last).catch(() => this.drop(connection));
        this.release(connection, stream, subscription);
      }
    }
  }

  private async recheck(connection: Connection): Promise<void> {
    connection.sessionCheckedAt = this.options.now().getTime();
    const member = await this.options.checkSession(connection.tokenHash).catch(() => connection.member);
    if (!member) return this.close(connection, LIVE_CLOSE.sessionEnded, "session ended");
    connection.member = member;
  }

  /** The heartbeat: drops clients that did not answer the last ping, pings the others, re-checks sessions due for it. */
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
  }

  closeAll(): void {
    if (this.timer) clearInterval(this.timer);
    clearInterval(this.presenceTimer);
    for (const connection of [...this.connections]) this.close(connection, LIVE_CLOSE.goingAway, "server shutting down");
  }
}

function encode(event: StoredEvent): Buffer {
  const message: ServerMessage = { type: "event", event: { stream: event.stream, seq: event.seq, type: event.type, at: event.at, payload: event.payload } };
  return Buffer.from(JSON.stringify(message));
}
