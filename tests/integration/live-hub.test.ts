import { EventEmitter } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { LIVE_CLOSE, LIVE_LIMITS, type ServerMessage } from "../../src/contracts/live.js";
import { PUBLIC_AUDIENCE, secretariatAnd, type Audience, type AudienceMember } from "../../src/domain/audience.js";
import type { Database } from "../../src/server/platform/db/client.js";
import { appendEvents, type StoredEvent } from "../../src/server/platform/events/log.js";
import { LiveHub } from "../../src/server/platform/realtime/hub.js";
import type { PresenceAnnouncement } from "../../src/server/platform/realtime/presence.js";
import { EVERY_MEMBER, type StreamReaders } from "../../src/server/platform/realtime/stream-readers.js";
import { testDatabases } from "./databases.js";

describe.each(testDatabases)("the live hub on $name", (testDb) => {
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
    /** Waits, turn by turn of the event loop, until `predicate` holds; gives up after 10 s (a loaded machine, a slower Node). */
    async until(predicate: (messages: ServerMessage[]) => boolean): Promise<void> {
      const deadline = Date.now() + 10_000;
      while (!predicate(this.received) && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
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

    let dispose: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      ({ database, dispose } = await testDb.create());
      await database.migrate();
      hub = new LiveHub({
        db: database.db,
        now: () => now,
        heartbeatMs: 0,
        maxBufferedBytes: 1_000,
        sessionCheckMs: 60_000,
        checkSession: async (hash) => validSessions.get(hash) ?? null,
        readersOf: async () => EVERY_MEMBER,
      });
    });
    afterAll(async () => {
      hub.closeAll();
      await dispose?.();
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

    describe("with budgets, read rules and paced presence", () => {
      let clock = 0;
      const timers: { run: () => void; at: number }[] = [];
      const announcements: PresenceAnnouncement[] = [];
      /** Who may read each guarded stream ("document:…"), as the capability's rule would say; absent: no such stream. */
      const readers = new Map<string, (member: AudienceMember) => boolean>();
      /** The version a stream's rule reports, when it reports one. */
      const versions = new Map<string, string>();
      let ruleLoads = 0;
      let paced: LiveHub;

      /** Moves the fake clock on and runs the timers that come due. */
      const advance = (ms: number) => {
        clock += ms;
        for (const timer of timers.filter((t) => t.at <= clock)) {
          timers.splice(timers.indexOf(timer), 1);
          timer.run();
        }
      };

      beforeAll(() => {
        paced = new LiveHub({
          db: database.db,
          now: () => now,
          heartbeatMs: 0,
          checkSession: async (hash) => validSessions.get(hash) ?? null,
          readersOf: async (stream): Promise<StreamReaders | null> => {
            ruleLoads += 1;
            if (!stream.startsWith("document:")) return EVERY_MEMBER;
            const rule = readers.get(stream);
            const version = versions.get(stream);
            return rule ? { isGuarded: true, admits: (member) => rule(member), ...(version !== undefined ? { version } : {}) } : null;
          },
          hasRoom: (stream) => stream.startsWith("document:"),
          announce: (announcement) => announcements.push(announcement),
          clock: () => clock,
          schedule: (run, ms) => void timers.push({ run, at: clock + ms }),
          budgets: {
            messagesPerConnection: { burst: 5, perSecond: 1 },
            messagesPerUser: { burst: 8, perSecond: 2 },
            dropsBeforeClose: 10,
            readsPerUser: { burst: 3, perSecond: 1 },
            connectionsPerUser: 3,
          },
        });
      });
      afterAll(() => paced.closeAll());

      function join(member: AudienceMember, tokenHash = `paced-${member.userId}-${Math.random()}`): FakeSocket {
        validSessions.set(tokenHash, member);
        const socket = new FakeSocket();
        paced.accept(socket as unknown as WebSocket, { tokenHash, member });
        return socket;
      }
      const errors = (socket: FakeSocket, code: string) => socket.received.filter((m) => m.type === "error" && m.code === code);
      const rooms = (socket: FakeSocket) => socket.received.flatMap((m) => (m.type === "presence" ? [m.present] : []));
      const settle = () => new Promise((resolve) => setImmediate(resolve));

      it("drops messages over a connection's budget unread, says so once with the wait, and closes a client that keeps going", async () => {
        clock += 60_000;
        const socket = join({ userId: "flooder", role: "head_of_delegation", delegation: "KZ" });
        const streams = Array.from({ length: 8 }, () => freshStream());
        for (const stream of streams) socket.say({ type: "subscribe", streams: [{ stream, after: null }] });
        await socket.until((ms) => ms.filter((m) => m.type === "subscribed").length === 3);
        await settle();
        // Five messages fit the budget; the three after them were dropped, and did nothing.
        expect(errors(socket, "over-budget")).toEqual([{ type: "error", code: "over-budget", message: expect.any(String), retryAfterMs: 1_000 }]);
        advance(5_000);
        await socket.until((ms) => ms.filter((m) => m.type === "subscribed").length === 5);
        expect(socket.received.filter((m) => m.type === "subscribed").map((m) => (m as { stream: string }).stream)).toEqual(streams.slice(0, 5));
        expect(socket.closed).toBeNull();
        for (let i = 0; i < 20; i += 1) socket.say({ type: "presence", stream: streams[0]!, provision: null });
        expect(socket.closed?.code).toBe(LIVE_CLOSE.tooManyMessages);
        expect(errors(socket, "over-budget")).toHaveLength(2);
      });

      it("shares one budget among a user's connections, and limits connections per user across sessions", async () => {
        clock += 60_000;
        const member: AudienceMember = { userId: "two-sessions", role: "delegate", delegation: "CN" };
        const [first, second, third] = [join(member, "session-one"), join(member, "session-one"), join(member, "session-two")];
        const fourth = join(member, "session-three");
        expect([first, second, third].map((s) => s.closed)).toEqual([null, null, null]);
        expect(fourth.closed?.code).toBe(LIVE_CLOSE.tooManyConnections);
        const stream = freshStream();
        for (const socket of [first, second]) for (let i = 0; i < 4; i += 1) socket.say({ type: "unsubscribe", streams: [stream] });
        // Eight went through (the user's burst); the ninth, from a connection with budget left, is over the user's.
        third.say({ type: "unsubscribe", streams: [stream] });
        expect(errors(first, "over-budget")).toEqual([]);
        expect(errors(third, "over-budget")).toHaveLength(1);
        for (const socket of [first, second, third]) socket.close(1000, "done");
      });

      it("reads subscriptions one user asks for within the user's read budget, and never the ones unsubscribed while waiting", async () => {
        clock += 60_000;
        const socket = join({ userId: "churner", role: "secretariat_admin", delegation: null });
        const streams = Array.from({ length: 5 }, () => freshStream());
        const loadsBefore = ruleLoads;
        socket.say({ type: "subscribe", streams: streams.map((stream) => ({ stream, after: null })) });
        await socket.until((ms) => ms.filter((m) => m.type === "subscribed").length === 3);
        await settle();
        expect(socket.received.filter((m) => m.type === "subscribed")).toHaveLength(3);
        socket.say({ type: "unsubscribe", streams: streams.slice(3) });
        advance(10_000);
        await settle();
        expect(socket.received.filter((m) => m.type === "subscribed")).toHaveLength(3);
        expect(ruleLoads - loadsBefore).toBe(3);
        // Asked again for a stream it is up to date on: answered at once, nothing read.
        socket.say({ type: "subscribe", streams: [{ stream: streams[0]!, after: null }] });
        expect(socket.received.at(-1)).toEqual({ type: "subscribed", stream: streams[0], head: 0 });
        expect(ruleLoads - loadsBefore).toBe(3);
        socket.close(1000, "done");
      });

      it("refuses a stream the member may not read exactly as one that does not exist: no head, no event, nothing counted", async () => {
        clock += 60_000;
        const draft = "document:private-draft";
        readers.set(draft, (member) => member.delegation === "KZ" || member.role === "secretariat_admin");
        await commit(draft, 7, secretariatAnd({ delegation: "KZ" }));
        const stranger = join({ userId: "stranger", role: "head_of_delegation", delegation: "MN" });
        stranger.say({ type: "subscribe", streams: [{ stream: draft, after: 0 }] });
        stranger.say({ type: "subscribe", streams: [{ stream: "document:no-such-draft", after: 0 }] });
        stranger.say({ type: "presence", stream: draft, provision: null });
        await stranger.until((ms) => ms.filter((m) => m.type === "unsubscribed").length === 2);
        await settle();
        expect(stranger.received.filter((m) => m.type !== "hello" && m.type !== "error")).toEqual([
          { type: "unsubscribed", stream: draft, reason: "forbidden" },
          { type: "unsubscribed", stream: "document:no-such-draft", reason: "forbidden" },
        ]);
        expect(JSON.stringify(stranger.received)).not.toMatch(/"head"|"seq"/);
        const reader = join({ userId: "kz-reader", role: "delegate", delegation: "KZ" });
        reader.say({ type: "subscribe", streams: [{ stream: draft, after: 0 }] });
        await reader.subscribed(draft);
        expect(reader.events(draft)).toHaveLength(7);
        for (const socket of [stranger, reader]) socket.close(1000, "done");
      });

      it("unsubscribes a connection that lost the right to read, withdraws its presence, and tells it", async () => {
        clock += 60_000;
        const draft = "document:narrowed";
        let isOpenToObservers = true;
        readers.set(draft, (member) => member.delegation === "RU" || (isOpenToObservers && member.delegation === "MN"));
        const russia = join({ userId: "ru-room", role: "head_of_delegation", delegation: "RU" });
        const mongolia = join({ userId: "mn-room", role: "head_of_delegation", delegation: "MN" });
        for (const socket of [russia, mongolia]) {
          socket.say({ type: "subscribe", streams: [{ stream: draft, after: null }] });
          socket.say({ type: "presence", stream: draft, provision: null });
        }
        await Promise.all([russia.subscribed(draft), mongolia.subscribed(draft)]);
        advance(1_000);
        expect(rooms(russia).at(-1)).toEqual([
          { delegation: "MN", drafting: [] },
          { delegation: "RU", drafting: [] },
        ]);

        // The chair makes the draft members-only again: the event goes to those who could read it, then Mongolia is let go.
        isOpenToObservers = false;
        paced.onEvents(await commit(draft, 1, secretariatAnd({ delegation: "RU" }, { delegation: "MN" })));
        await mongolia.until((ms) => ms.some((m) => m.type === "unsubscribed"));
        expect(mongolia.received.filter((m) => m.type === "unsubscribed")).toEqual([{ type: "unsubscribed", stream: draft, reason: "forbidden" }]);
        expect(mongolia.events(draft)).toHaveLength(1);
        advance(1_000);
        expect(rooms(russia).at(-1)).toEqual([{ delegation: "RU", drafting: [] }]);
        expect(paced.roomOf(draft)).toEqual([{ delegation: "RU", drafting: [] }]);
        expect(announcements.filter((a) => a.stream === draft).at(-1)?.entries).toEqual([{ delegation: "RU", provision: null }]);

        // Nothing more reaches Mongolia: neither events nor the room's presence.
        const seen = mongolia.received.length;
        advance(1_000);
        paced.onEvents(await commit(draft, 1, PUBLIC_AUDIENCE));
        russia.say({ type: "presence", stream: draft, provision: "op1" });
        advance(1_000);
        expect(rooms(russia).at(-1)).toEqual([{ delegation: "RU", drafting: ["op1"] }]);
        expect(russia.events(draft)).toHaveLength(2);
        expect(mongolia.received).toHaveLength(seen);
        for (const socket of [russia, mongolia]) socket.close(1000, "done");
      });

      it("decides again when the registry changes, since tiers and rights decide who reads drafts", async () => {
        clock += 60_000;
        const draft = "document:members-only";
        let kazakhstanSeesDrafts = true;
        readers.set(draft, (member) => member.delegation === "KZ" && kazakhstanSeesDrafts);
        const kazakhstan = join({ userId: "kz-registry", role: "head_of_delegation", delegation: "KZ" });
        kazakhstan.say({ type: "subscribe", streams: [{ stream: draft, after: null }] });
        await kazakhstan.subscribed(draft);
        kazakhstanSeesDrafts = false;
        paced.onEvents(await commit("registry", 1));
        await kazakhstan.until((ms) => ms.some((m) => m.type === "unsubscribed" && m.stream === draft));
        kazakhstan.close(1000, "done");
      });

      it("decides no connection again when the rule comes back the same (most news changes nothing of who may read)", async () => {
        clock += 60_000;
        const draft = "document:versioned";
        const decided: string[] = [];
        readers.set(draft, (member) => {
          decided.push(member.userId ?? "");
          return member.delegation === "RU";
        });
        versions.set(draft, "members|KG|day-1");
        const russia = join({ userId: "ru-versioned", role: "head_of_delegation", delegation: "RU" });
        russia.say({ type: "subscribe", streams: [{ stream: draft, after: null }] });
        await russia.subscribed(draft);
        paced.onEvents(await commit(draft, 1));
        await russia.until(() => russia.events(draft).length === 1);
        await settle();
        const afterFirstPass = decided.length;
        for (let i = 0; i < 3; i += 1) paced.onEvents(await commit(draft, 1));
        await russia.until(() => russia.events(draft).length === 4);
        await settle();
        expect(decided).toHaveLength(afterFirstPass);
        versions.set(draft, "members|KG|day-2");
        paced.onEvents(await commit(draft, 1));
        await russia.until(() => decided.length > afterFirstPass);
        expect(russia.received.some((m) => m.type === "unsubscribed")).toBe(false);
        russia.close(1000, "done");
      });

      it("announces and shows a room at most once per interval, with its latest state, however many presence messages arrive", async () => {
        clock += 60_000;
        const draft = "document:busy-room";
        readers.set(draft, () => true);
        const watcher = join({ userId: "watcher", role: "head_of_delegation", delegation: "RU" });
        watcher.say({ type: "subscribe", streams: [{ stream: draft, after: null }] });
        watcher.say({ type: "presence", stream: draft, provision: null });
        await watcher.until(() => rooms(watcher).length > 0);
        const drafters = Array.from({ length: 3 }, (_, i) => join({ userId: `drafter-${i}`, role: "delegate", delegation: "KZ" }));
        for (const drafter of drafters) drafter.say({ type: "subscribe", streams: [{ stream: draft, after: null }] });
        await Promise.all(drafters.map((d) => d.subscribed(draft)));
        advance(1_000);
        const [shownBefore, announcedBefore] = [rooms(watcher).length, announcements.filter((a) => a.stream === draft).length];

        // Every drafter moves from provision to provision, all its budget's worth at once: fifteen changes.
        for (let round = 0; round < 5; round += 1) {
          for (const [i, drafter] of drafters.entries()) drafter.say({ type: "presence", stream: draft, provision: `op${i}.${round}` });
        }
        // The first change is announced and shown at once; the rest wait for the end of the interval.
        expect(rooms(watcher).length - shownBefore).toBe(1);
        expect(announcements.filter((a) => a.stream === draft).length - announcedBefore).toBe(1);
        advance(1_000);
        expect(rooms(watcher).length - shownBefore).toBe(2);
        expect(announcements.filter((a) => a.stream === draft).length - announcedBefore).toBe(2);
        // The room as it ends: each drafter's latest provision.
        expect(rooms(watcher).at(-1)).toEqual([{ delegation: "KZ", drafting: ["op0.4", "op1.4", "op2.4"] }, { delegation: "RU", drafting: [] }]);
        expect(drafters.every((d) => d.closed === null && errors(d, "over-budget").length === 0)).toBe(true);
        for (const socket of [watcher, ...drafters]) socket.close(1000, "done");
      });
    });
  });
});
