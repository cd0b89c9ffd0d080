import { EventEmitter } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { LIVE_CLOSE, LIVE_LIMITS, type ServerMessage } from "../../contracts/live.js";
import { PUBLIC_AUDIENCE, secretariatAnd, type Audience, type AudienceMember } from "../../domain/audience.js";
import { openDatabase, type Database } from "../db/client.js";
import { appendEvents, type StoredEvent } from "../events/log.js";
import { LiveHub } from "./hub.js";

/** A WebSocket as the hub sees it: what was sent to it, how it was closed, and a way for the "client" to talk. */
class FakeSocket extends EventEmitter {
  readonly received: ServerMessage[] = [];
  closed: { code: number; reason: string } | null = null;
  isTerminated = false;
  bufferedAmount = 0;
  pings = 0;
  readonly OPEN = 1;
  readyState = 1;

  readonly binaryFrames: unknown[] = [];
  send(data: string | Buffer, options?: { binary?: boolean }): void {
    // Browsers read only text frames as strings: everything the hub sends must be one.
    if (typeof data !== "string" && options?.binary !== false) this.binaryFrames.push(data);
    this.received.push(JSON.parse(String(data)) as ServerMessage);
  }
  close(code: number, reason: string): void {
    this.closed = { code, reason };
    this.emit("close");
  }
  terminate(): void {
    this.isTerminated = true;
    this.emit("close");
  }
  ping(): void {
    this.pings += 1;
  }
  say(message: unknown): void {
    this.emit("message", Buffer.from(typeof message === "string" ? message : JSON.stringify(message)), false);
  }
  events(stream?: string): { seq: number; type: string }[] {
    return this.received.flatMap((m) => (m.type === "event" && (stream === undefined || m.event.stream === stream) ? [{ seq: m.event.seq, type: m.event.type }] : []));
  }
  async until(predicate: (messages: ServerMessage[]) => boolean): Promise<void> {
    for (let i = 0; i < 500 && !predicate(this.received); i += 1) await new Promise((resolve) => setImmediate(resolve));
    if (!predicate(this.received)) throw new Error(`condition not met; received ${JSON.stringify(this.received)}`);
  }
  subscribed(stream: string): Promise<void> {
    return this.until((ms) => ms.some((m) => m.type === "subscribed" && m.stream === stream));
  }
}

const ADMIN: AudienceMember = { userId: "admin", role: "secretariat_admin", delegation: null };
const KZ_HEAD: AudienceMember = { userId: "kz-head", role: "head_of_delegation", delegation: "KZ" };
const CN_HEAD: AudienceMember = { userId: "cn-head", role: "head_of_delegation", delegation: "CN" };

describe("the live hub", () => {
  let database: Database;
  let now = new Date("2026-11-25T10:00:00Z");
  const validSessions = new Map<string, AudienceMember>();
  let hub: LiveHub;
  let streamCounter = 0;

  beforeAll(async () => {
    database = await openDatabase({});
    await database.migrate();
    hub = new LiveHub({
      db: database.db,
      now: () => now,
      heartbeatMs: 0,
      maxBufferedBytes: 1_000,
      sessionCheckMs: 60_000,
      checkSession: async (hash) => validSessions.get(hash) ?? null,
    });
  });
  afterAll(async () => {
    hub.closeAll();
    await database.close();
  });

  const freshStream = () => `test:${(streamCounter += 1)}`;

  async function commit(stream: string, count: number, audience: Audience = PUBLIC_AUDIENCE): Promise<StoredEvent[]> {
    return database.db.transaction((tx) =>
      appendEvents(
        tx,
        Array.from({ length: count }, (_, i) => ({ stream, type: `thing.${i}`, payload: { i }, audience })),
        now,
      ),
    );
  }

  function connect(member: AudienceMember, tokenHash = `session-${member.userId}-${Math.random()}`): FakeSocket {
    validSessions.set(tokenHash, member);
    const socket = new FakeSocket();
    hub.accept(socket as unknown as WebSocket, { tokenHash, member });
    return socket;
  }

  it("greets, then sends live events of a stream followed from now, in order and never twice", async () => {
    const stream = freshStream();
    await commit(stream, 2);
    const socket = connect(ADMIN);
    expect(socket.received[0]).toMatchObject({ type: "hello" });
    socket.say({ type: "subscribe", streams: [{ stream, after: null }] });
    await socket.subscribed(stream);
    expect(socket.received.at(-1)).toEqual({ type: "subscribed", stream, head: 2 });
    const live = await commit(stream, 2);
    hub.onEvents(live);
    hub.onEvents(live);
    expect(socket.events(stream)).toEqual([
      { seq: 3, type: "thing.0" },
      { seq: 4, type: "thing.1" },
    ]);
    expect(socket.binaryFrames).toEqual([]);
  });

  it("catches a returning client up on exactly what it missed, then goes live", async () => {
    const stream = freshStream();
    await commit(stream, 5);
    const socket = connect(ADMIN);
    socket.say({ type: "subscribe", streams: [{ stream, after: 2 }] });
    await socket.subscribed(stream);
    expect(socket.events(stream).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(socket.received.at(-1)).toEqual({ type: "subscribed", stream, head: 5 });
    hub.onEvents(await commit(stream, 1));
    expect(socket.events(stream).map((e) => e.seq)).toEqual([3, 4, 5, 6]);
  });

  it("holds live events back while catching up, and sends each once, in order", async () => {
    const stream = freshStream();
    await commit(stream, 3);
    const socket = connect(ADMIN);
    socket.say({ type: "subscribe", streams: [{ stream, after: 0 }] });
    // Committed and announced while the catch-up read is in flight.
    const during = await commit(stream, 2);
    hub.onEvents(during);
    await socket.subscribed(stream);
    hub.onEvents(during);
    expect(socket.events(stream).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it("reads a gap from the log when news of an event was missed", async () => {
    const stream = freshStream();
    const socket = connect(ADMIN);
    socket.say({ type: "subscribe", streams: [{ stream, after: null }] });
    await socket.subscribed(stream);
    const [first, second, third] = await commit(stream, 3);
    hub.onEvents([first!]);
    // The news of the second was lost; the third arrives.
    hub.onEvents([third!]);
    await socket.until(() => socket.events(stream).length === 3);
    expect(socket.events(stream).map((e) => e.seq)).toEqual([1, 2, 3]);
    hub.onEvents([second!, third!]);
    expect(socket.events(stream).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it("sends an event only to readers its audience admits, live and on catch-up", async () => {
    const stream = freshStream();
    const kz = connect(KZ_HEAD);
    const cn = connect(CN_HEAD);
    const admin = connect(ADMIN);
    for (const socket of [kz, cn, admin]) socket.say({ type: "subscribe", streams: [{ stream, after: null }] });
    await Promise.all([kz, cn, admin].map((s) => s.subscribed(stream)));
    hub.onEvents(await commit(stream, 1, secretariatAnd({ delegation: "KZ" })));
    hub.onEvents(await commit(stream, 1, secretariatAnd({ delegation: "CN" })));
    expect(kz.events(stream).map((e) => e.seq)).toEqual([1]);
    expect(cn.events(stream).map((e) => e.seq)).toEqual([2]);
    expect(admin.events(stream).map((e) => e.seq)).toEqual([1, 2]);
    const late = connect(CN_HEAD);
    late.say({ type: "subscribe", streams: [{ stream, after: 0 }] });
    await late.subscribed(stream);
    expect(late.events(stream).map((e) => e.seq)).toEqual([2]);
  });

  it("tells a client that missed too much to reload instead of replaying it", async () => {
    const stream = freshStream();
    await commit(stream, LIVE_LIMITS.catchUpEvents + 1);
    const socket = connect(ADMIN);
    socket.say({ type: "subscribe", streams: [{ stream, after: 0 }] });
    await socket.subscribed(stream);
    expect(socket.received.filter((m) => m.type === "reset")).toEqual([{ type: "reset", stream, head: LIVE_LIMITS.catchUpEvents + 1 }]);
    expect(socket.events(stream)).toEqual([]);
  });

  it("drops a client that does not keep up, without holding back the others", async () => {
    const stream = freshStream();
    const slow = connect(ADMIN);
    const brisk = connect(ADMIN);
    for (const socket of [slow, brisk]) socket.say({ type: "subscribe", streams: [{ stream, after: null }] });
    await Promise.all([slow.subscribed(stream), brisk.subscribed(stream)]);
    slow.bufferedAmount = 5_000;
    hub.onEvents(await commit(stream, 2));
    expect(slow.isTerminated).toBe(true);
    expect(slow.events(stream)).toEqual([]);
    expect(brisk.events(stream).map((e) => e.seq)).toEqual([1, 2]);
  });

  it("drops a client that stops answering the heartbeat", async () => {
    const quiet = connect(ADMIN);
    const alive = connect(ADMIN);
    await hub.checkConnections();
    expect(quiet.pings).toBe(1);
    alive.emit("pong");
    await hub.checkConnections();
    expect(quiet.isTerminated).toBe(true);
    expect(alive.isTerminated).toBe(false);
    expect(alive.pings).toBe(2);
  });

  it("closes the connections of an ended session at once, and of a user's other sessions when asked", async () => {
    const signedOut = connect(KZ_HEAD, "ended");
    const kept = connect(KZ_HEAD, "kept");
    const other = connect(KZ_HEAD, "other");
    hub.onControl({ kind: "sessions-ended", tokenHashes: ["ended"], userIds: [], exceptTokenHash: null });
    expect(signedOut.closed).toEqual({ code: LIVE_CLOSE.sessionEnded, reason: "session ended" });
    expect(kept.closed).toBeNull();
    hub.onControl({ kind: "sessions-ended", tokenHashes: [], userIds: ["kz-head"], exceptTokenHash: "kept" });
    expect(other.closed?.code).toBe(LIVE_CLOSE.sessionEnded);
    expect(kept.closed).toBeNull();
    kept.close(1000, "done");
  });

  it("closes a connection whose session expired, found when its session is checked again", async () => {
    const socket = connect(ADMIN, "expiring");
    validSessions.delete("expiring");
    socket.emit("pong");
    now = new Date(now.getTime() + 61_000);
    await hub.checkConnections();
    expect(socket.closed?.code).toBe(LIVE_CLOSE.sessionEnded);
  });

  it("limits connections per session and subscriptions per connection, and answers nonsense with an error", async () => {
    const sockets = Array.from({ length: LIVE_LIMITS.connectionsPerSession + 1 }, () => connect(CN_HEAD, "crowded"));
    expect(sockets.slice(0, -1).every((s) => s.closed === null)).toBe(true);
    expect(sockets.at(-1)!.closed?.code).toBe(LIVE_CLOSE.tooManyConnections);

    const socket = sockets[0]!;
    const streams = Array.from({ length: LIVE_LIMITS.subscriptionsPerConnection }, (_, i) => ({ stream: `many:${i}`, after: null }));
    socket.say({ type: "subscribe", streams });
    await socket.until((ms) => ms.filter((m) => m.type === "subscribed").length === LIVE_LIMITS.subscriptionsPerConnection);
    socket.say({ type: "subscribe", streams: [{ stream: "one:more", after: null }] });
    await socket.until((ms) => ms.some((m) => m.type === "error" && m.code === "too-many-subscriptions"));

    const talker = sockets[1]!;
    talker.say("not json");
    talker.say({ type: "subscribe", streams: [{ stream: "Bad Name!", after: null }] });
    await talker.until((ms) => ms.filter((m) => m.type === "error" && m.code === "invalid-message").length === 2);
    for (let i = 0; i < 4; i += 1) talker.say({ type: "shout" });
    await talker.until(() => talker.closed !== null);
    expect(talker.closed?.code).toBe(LIVE_CLOSE.protocolError);
    for (const s of sockets) if (!s.closed) s.close(1000, "done");
  });
});
