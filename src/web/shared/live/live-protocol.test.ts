// The live connection backs off with jitter up to a cap, knows which closes end the session, resumes each stream where it was left, and delivers nothing twice.
import { describe, expect, it } from "vitest";
import { LIVE_CLOSE, type LiveEvent } from "../../../contracts/live";
import { RECONNECT, StreamBook, afterClose, attemptsAfterClose, reconnectDelay } from "./live-protocol";

const event = (stream: string, seq: number): LiveEvent => ({ stream, seq, type: "user.updated", at: "2026-05-01T10:00:00Z", payload: {} });

describe("reconnectDelay", () => {
  it("doubles from half a second and never waits longer than the cap", () => {
    const highest = (attempt: number) => reconnectDelay(attempt, () => 1);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(highest)).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(highest(50)).toBe(RECONNECT.maxDelayMs);
  });

  it("jitters each wait between half of it and all of it", () => {
    expect(reconnectDelay(3, () => 0)).toBe(2000);
    expect(reconnectDelay(3, () => 0.5)).toBe(3000);
    expect(reconnectDelay(20, () => 0)).toBe(15_000);
  });
});

describe("attemptsAfterClose", () => {
  it("starts the waits over after a connection that had been working, not after one that dropped at once", () => {
    expect(attemptsAfterClose(5, RECONNECT.stableAfterMs)).toBe(0);
    expect(attemptsAfterClose(5, 200)).toBe(5);
    expect(attemptsAfterClose(5, null)).toBe(5);
  });
});

describe("afterClose", () => {
  const random = () => 1;

  it("stops when the session ended", () => {
    expect(afterClose(LIVE_CLOSE.sessionEnded, 0, random)).toEqual({ kind: "session-ended" });
  });

  it("reconnects with back-off when the client was too slow, the server went away or the network dropped", () => {
    for (const code of [LIVE_CLOSE.tooSlow, LIVE_CLOSE.goingAway, 1006]) {
      expect(afterClose(code, 0, random)).toEqual({ kind: "reconnect", delayMs: 500 });
      expect(afterClose(code, 3, random)).toEqual({ kind: "reconnect", delayMs: 4000 });
    }
  });

  it("waits the longest when the user already holds too many connections, or this one kept sending too much", () => {
    expect(afterClose(LIVE_CLOSE.tooManyConnections, 0, random)).toEqual({ kind: "reconnect", delayMs: RECONNECT.maxDelayMs });
    expect(afterClose(LIVE_CLOSE.tooManyMessages, 0, random)).toEqual({ kind: "reconnect", delayMs: RECONNECT.maxDelayMs });
  });
});

describe("StreamBook", () => {
  it("subscribes from now at first, then from the last position seen", () => {
    const book = new StreamBook();
    book.follow("users");
    book.follow("audit");
    expect(book.subscribe(book.followedStreams)).toEqual([
      { type: "subscribe", streams: [{ stream: "users", after: null }, { stream: "audit", after: null }] },
    ]);
    book.receive({ type: "subscribed", stream: "users", head: 40 });
    book.receive({ type: "event", event: event("users", 41) });
    book.receive({ type: "subscribed", stream: "audit", head: 7 });
    expect(book.subscribe(book.followedStreams)).toEqual([
      { type: "subscribe", streams: [{ stream: "users", after: 41 }, { stream: "audit", after: 7 }] },
    ]);
  });

  it("delivers each event once, however often the server sends it (catch-up after a reconnect)", () => {
    const book = new StreamBook();
    book.follow("users");
    book.receive({ type: "subscribed", stream: "users", head: 10 });
    const delivered = [11, 12, 11, 12, 13, 10].map((seq) => book.receive({ type: "event", event: event("users", seq) }));
    expect(delivered.map((change) => (change?.kind === "event" ? change.event.seq : null))).toEqual([11, 12, null, null, 13, null]);
  });

  it("takes the head a subscription reports, past events this actor may not see", () => {
    const book = new StreamBook();
    book.follow("audit");
    book.receive({ type: "subscribed", stream: "audit", head: 3 });
    book.receive({ type: "event", event: event("audit", 5) });
    book.receive({ type: "subscribed", stream: "audit", head: 9 });
    expect(book.position("audit")).toBe(9);
    book.receive({ type: "subscribed", stream: "audit", head: 4 });
    expect(book.position("audit")).toBe(9);
  });

  it("tells listeners to reload when the server no longer follows a stream for this user, keeping its position", () => {
    const book = new StreamBook();
    book.follow("document:d1");
    book.receive({ type: "subscribed", stream: "document:d1", head: 12 });
    expect(book.receive({ type: "unsubscribed", stream: "document:d1", reason: "forbidden" })).toEqual({ kind: "reset", stream: "document:d1" });
    expect(book.receive({ type: "unsubscribed", stream: "document:d2", reason: "forbidden" })).toBeNull();
    expect(book.position("document:d1")).toBe(12);
  });

  it("tells listeners to reload on a reset, and goes on from its head", () => {
    const book = new StreamBook();
    book.follow("delegations");
    book.receive({ type: "subscribed", stream: "delegations", head: 2 });
    expect(book.receive({ type: "reset", stream: "delegations", head: 2400 })).toEqual({ kind: "reset", stream: "delegations" });
    expect(book.receive({ type: "event", event: event("delegations", 2400) })).toBeNull();
    expect(book.receive({ type: "event", event: event("delegations", 2401) })?.kind).toBe("event");
  });

  it("ignores streams it does not follow, and keeps a stream's position to resume it later", () => {
    const book = new StreamBook();
    expect(book.receive({ type: "event", event: event("registry", 1) })).toBeNull();
    book.follow("users");
    book.receive({ type: "event", event: event("users", 8) });
    expect(book.unfollow("users")).toBe(true);
    expect(book.receive({ type: "event", event: event("users", 9) })).toBeNull();
    expect(book.follow("users")).toBe(true);
    expect(book.subscribe(["users"])).toEqual([{ type: "subscribe", streams: [{ stream: "users", after: 8 }] }]);
    expect(book.unsubscribe(["users"])).toEqual([{ type: "unsubscribe", streams: ["users"] }]);
  });

  it("splits a subscription larger than the server takes in one message", () => {
    const book = new StreamBook();
    const streams = Array.from({ length: 70 }, (_, index) => `document:${index}`);
    const messages = book.subscribe(streams);
    expect(messages.map((message) => (message.type === "subscribe" ? message.streams.length : 0))).toEqual([64, 6]);
  });
});
