// The live client against a fake socket and a fake clock: it subscribes what is listened to, catches up after a reconnect, backs off, and stops when the session ends.
import { beforeEach, describe, expect, it } from "vitest";
import { LIVE_LIMITS, type LiveEvent } from "../../../contracts/live";
import { LiveClient, type LiveSocket } from "./live-client";
import type { LiveChange } from "./live-protocol";

class FakeSocket implements LiveSocket {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly sent: unknown[] = [];
  closedWith: number | null = null;

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number): void {
    this.closedWith = code ?? 1005;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({} as Event);
  }
  server(message: unknown): void {
    this.onmessage?.({ data: typeof message === "string" ? message : JSON.stringify(message) } as MessageEvent);
  }
  drop(code: number): void {
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }
}

const event = (stream: string, seq: number): LiveEvent => ({ stream, seq, type: "user.updated", at: "2026-05-01T10:00:00Z", payload: { n: seq } });

describe("LiveClient", () => {
  let sockets: FakeSocket[];
  let timers: { run: () => void; at: number }[];
  let now: number;
  let sessionEnded: number;
  let unreachable: number;
  let client: LiveClient;

  const socket = () => sockets.at(-1) as FakeSocket;
  const settle = () => new Promise<void>((resolve) => queueMicrotask(resolve));
  /** Moves the fake clock on, running the timers that come due. */
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.filter((item) => item.at <= now)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.run();
    }
  };

  beforeEach(() => {
    sockets = [];
    timers = [];
    now = 0;
    sessionEnded = 0;
    unreachable = 0;
    client = new LiveClient({
      url: "ws://concord.test/api/live",
      connect: () => {
        const created = new FakeSocket();
        sockets.push(created);
        return created;
      },
      setTimer: (run, delayMs) => {
        const timer = { run, at: now + delayMs };
        timers.push(timer);
        return timer;
      },
      clearTimer: (timer) => timers.splice(timers.indexOf(timer as (typeof timers)[number]), 1),
      now: () => now,
      random: () => 1,
      defer: queueMicrotask,
      onSessionEnded: () => (sessionEnded += 1),
      onUnreachable: () => (unreachable += 1),
    });
  });

  it("subscribes to the streams listened to once open, and delivers their events to their listeners only", async () => {
    const users: LiveChange[] = [];
    const audit: LiveChange[] = [];
    client.listen("users", (change) => users.push(change));
    client.listen("audit", (change) => audit.push(change));
    client.start();
    expect(client.getState()).toBe("connecting");
    socket().open();
    expect(client.getState()).toBe("open");
    expect(socket().sent).toEqual([{ type: "subscribe", streams: [{ stream: "users", after: null }, { stream: "audit", after: null }] }]);

    socket().server({ type: "subscribed", stream: "users", head: 4 });
    socket().server({ type: "event", event: event("users", 5) });
    socket().server({ type: "event", event: event("users", 5) });
    socket().server("not json");
    socket().server({ type: "event", event: { stream: "users" } });
    expect(users).toEqual([{ kind: "event", event: event("users", 5) }]);
    expect(audit).toEqual([]);

    // A listener added while open subscribes at once (batched), one removed unsubscribes when it was the last.
    const stop = client.listen("delegations", () => undefined);
    await settle();
    expect(socket().sent.at(-1)).toEqual({ type: "subscribe", streams: [{ stream: "delegations", after: null }] });
    stop();
    await settle();
    expect(socket().sent.at(-1)).toEqual({ type: "unsubscribe", streams: ["delegations"] });
  });

  it("reconnects after a drop with growing waits, and catches up from the last event seen", () => {
    const seen: number[] = [];
    client.listen("users", (change) => change.kind === "event" && seen.push(change.event.seq));
    client.start();
    socket().open();
    socket().server({ type: "subscribed", stream: "users", head: 10 });
    socket().server({ type: "event", event: event("users", 11) });

    socket().drop(1001);
    expect(client.getState()).toBe("connecting");
    advance(499);
    expect(sockets).toHaveLength(1);
    advance(1);
    expect(sockets).toHaveLength(2);
    socket().drop(1006);
    advance(999);
    expect(sockets).toHaveLength(2);
    advance(1);
    expect(sockets).toHaveLength(3);

    socket().open();
    expect(socket().sent).toEqual([{ type: "subscribe", streams: [{ stream: "users", after: 11 }] }]);
    // The catch-up repeats nothing already delivered.
    socket().server({ type: "event", event: event("users", 11) });
    socket().server({ type: "event", event: event("users", 12) });
    socket().server({ type: "subscribed", stream: "users", head: 12 });
    expect(seen).toEqual([11, 12]);
  });

  it("starts the waits over once a connection has stayed up", () => {
    client.start();
    socket().drop(1006);
    advance(500);
    socket().drop(1006);
    advance(1000);
    socket().open();
    advance(60_000);
    socket().drop(4008);
    advance(500);
    expect(sockets).toHaveLength(4);
  });

  it("asks for the session again after several failed attempts in a row", () => {
    client.start();
    for (const wait of [500, 1000, 2000]) {
      socket().drop(1006);
      advance(wait);
    }
    expect(unreachable).toBe(1);
  });

  it("tells the listeners to reload on a reset", () => {
    const changes: LiveChange[] = [];
    client.listen("audit", (change) => changes.push(change));
    client.start();
    socket().open();
    socket().server({ type: "reset", stream: "audit", head: 5000 });
    expect(changes).toEqual([{ kind: "reset", stream: "audit" }]);
  });

  it("stops without reconnecting when the session ended, until resumed", () => {
    client.listen("users", () => undefined);
    client.start();
    socket().open();
    socket().drop(4001);
    expect(client.getState()).toBe("closed");
    expect(sessionEnded).toBe(1);
    advance(120_000);
    expect(sockets).toHaveLength(1);

    client.resume();
    expect(client.getState()).toBe("connecting");
    advance(30_000);
    expect(sockets).toHaveLength(2);
  });

  it("comes back only after the longest wait when the session has too many connections", () => {
    client.start();
    socket().open();
    socket().drop(4029);
    advance(29_999);
    expect(sockets).toHaveLength(1);
    advance(1);
    expect(sockets).toHaveLength(2);
  });

  it("closes for good on stop, letting a socket still connecting open first", () => {
    const states: string[] = [];
    client.subscribeState(() => states.push(client.getState()));
    client.start();
    const connecting = socket();
    client.stop();
    expect(connecting.closedWith).toBeNull();
    connecting.open();
    expect(connecting.closedWith).toBe(1000);
    expect(connecting.sent).toEqual([]);
    advance(120_000);
    expect(sockets).toHaveLength(1);
    expect(states).toEqual(["connecting", "closed"]);
  });
  it("enters a room after subscribing, says it again after a reconnect, and hands presence only to the room's listeners", async () => {
    const changes: LiveChange[] = [];
    const rooms: unknown[] = [];
    client.listen("document:d1", (change) => changes.push(change));
    client.start();
    socket().open();
    const leave = client.enter("document:d1", "op4", (present) => rooms.push(present));
    await settle();
    expect(socket().sent.at(-1)).toEqual({ type: "presence", stream: "document:d1", provision: "op4" });
    socket().server({ type: "presence", stream: "document:d1", present: [{ delegation: "IN", drafting: ["op4"] }] });
    expect(rooms).toEqual([[{ delegation: "IN", drafting: ["op4"] }]]);
    expect(changes).toEqual([]);
    socket().drop(1006);
    advance(60_000);
    socket().open();
    expect(socket().sent).toEqual([
      { type: "subscribe", streams: [{ stream: "document:d1", after: null }] },
      { type: "presence", stream: "document:d1", provision: "op4" },
    ]);
    leave();
    socket().server({ type: "presence", stream: "document:d1", present: [] });
    expect(rooms).toHaveLength(1);
  });

  it("empties the room and tells the stream's listeners to reload when the server stops following a stream for this user", async () => {
    const changes: LiveChange[] = [];
    const rooms: unknown[] = [];
    client.listen("document:d1", (change) => changes.push(change));
    client.start();
    socket().open();
    client.enter("document:d1", null, (present) => rooms.push(present));
    await settle();
    socket().server({ type: "presence", stream: "document:d1", present: [{ delegation: "MN", drafting: [] }] });
    socket().server({ type: "unsubscribed", stream: "document:d1", reason: "forbidden" });
    expect(rooms.at(-1)).toEqual([]);
    expect(changes).toEqual([{ kind: "reset", stream: "document:d1" }]);
  });

  it("keeps to the connection's message budget: what exceeds it waits, and only the latest presence in a room is sent", async () => {
    const { burst, perSecond } = LIVE_LIMITS.messagesPerConnection;
    client.start();
    socket().open();
    const streams = Array.from({ length: burst + 5 }, (_, i) => `document:d${i}`);
    for (const stream of streams) {
      client.listen(stream, () => undefined);
      await settle();
    }
    for (const provision of ["op1", "op2", "op3"]) {
      client.enter("document:d0", provision, () => undefined);
      await settle();
    }
    expect(socket().sent).toHaveLength(burst);
    // A second later, no more than the second's worth has gone.
    for (let step = 0; step < 10; step += 1) advance(100);
    expect(socket().sent.length).toBeGreaterThan(burst);
    expect(socket().sent.length).toBeLessThanOrEqual(burst + perSecond);
    for (let step = 0; step < 100; step += 1) advance(100);
    // Every subscription, and one presence: the latest.
    expect(socket().sent.filter((m) => (m as { type: string }).type === "subscribe")).toHaveLength(streams.length);
    expect(socket().sent.filter((m) => (m as { type: string }).type === "presence")).toEqual([{ type: "presence", stream: "document:d0", provision: "op3" }]);
  });

  it("backs off when told it is over budget: a new connection after the wait, saying everything again", () => {
    client.listen("users", () => undefined);
    client.start();
    socket().open();
    socket().server({ type: "subscribed", stream: "users", head: 3 });
    socket().server({ type: "error", code: "over-budget", message: "Too many messages", retryAfterMs: 5_000 });
    expect(socket().closedWith).toBe(1000);
    expect(client.getState()).toBe("connecting");
    advance(4_999);
    expect(sockets).toHaveLength(1);
    advance(1);
    expect(sockets).toHaveLength(2);
    socket().open();
    expect(socket().sent).toEqual([{ type: "subscribe", streams: [{ stream: "users", after: 3 }] }]);
  });
});
