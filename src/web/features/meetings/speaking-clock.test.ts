// The speaking clock reads the same on every screen at the same server time: time left counting down, over time once
// the allotted time is up, stopped while paused; and a screen's clock is corrected only as far as the server's Date
// header shows it wrong.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Speaking } from "../../shared/core-rules";
import { clockOffset, clockView, formatDuration, narrowBounds, offsetBounds } from "./speaking-clock";

const START = Date.parse("2025-07-15T04:00:00Z");
const speaking = (extra: Partial<Speaking> = {}): Speaking => ({
  requestId: "r1",
  delegation: "MN",
  kind: "speech",
  startedAt: new Date(START).toISOString(),
  allottedSeconds: 120,
  pausedAt: null,
  pausedSeconds: 0,
  ...extra,
});

describe("formatDuration", () => {
  it("writes minutes and seconds, and hours from an hour on", () => {
    expect([0, 5, 59, 60, 125, 3599, 3600, 3725].map(formatDuration)).toEqual(["0:00", "0:05", "0:59", "1:00", "2:05", "59:59", "1:00:00", "1:02:05"]);
    expect(formatDuration(-3)).toBe("0:00");
    expect(formatDuration(61.9)).toBe("1:01");
  });
});

describe("clockView", () => {
  it("counts the time left down each second", () => {
    expect(clockView(speaking(), START).main).toBe("2:00");
    expect(clockView(speaking(), START + 999).main).toBe("2:00");
    expect(clockView(speaking(), START + 1000).main).toBe("1:59");
    expect(clockView(speaking(), START + 119_000)).toMatchObject({ main: "0:01", isOver: false, elapsed: "1:59" });
  });

  it("shows the time over the allotted time, marked over", () => {
    expect(clockView(speaking(), START + 120_000)).toMatchObject({ main: "+0:00", isOver: true, remaining: "0:00", used: 1 });
    expect(clockView(speaking(), START + 135_000)).toMatchObject({ main: "+0:15", isOver: true, overtime: "0:15" });
  });

  it("stands still while the clock is stopped, and does not count the stops", () => {
    const paused = speaking({ pausedAt: new Date(START + 30_000).toISOString() });
    expect(clockView(paused, START + 90_000)).toMatchObject({ main: "1:30", isPaused: true });
    const resumed = speaking({ pausedSeconds: 60 });
    expect(clockView(resumed, START + 90_000)).toMatchObject({ main: "1:30", elapsed: "0:30", isPaused: false });
  });

  it("counts time used up when no time was allotted", () => {
    expect(clockView(speaking({ allottedSeconds: 0 }), START + 75_000)).toMatchObject({ main: "1:15", remaining: null, isOver: false, used: 0 });
  });

  it("never runs backwards as time passes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600_000 }), fc.integer({ min: 0, max: 600_000 }), fc.integer({ min: 0, max: 300 }), (a, b, allotted) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const s = speaking({ allottedSeconds: allotted });
        const used = (ms: number) => Date.parse(s.startedAt) + ms;
        const elapsedSeconds = (view: ReturnType<typeof clockView>) => view.elapsed.split(":").reduce((sum, part) => sum * 60 + Number(part), 0);
        expect(elapsedSeconds(clockView(s, used(late)))).toBeGreaterThanOrEqual(elapsedSeconds(clockView(s, used(early))));
      }),
    );
  });
});

describe("the offset from the server's clock", () => {
  const sample = (serverDate: string, sentAt: number, receivedAt: number) => offsetBounds({ serverDate, sentAt, receivedAt });

  it("leaves a right clock alone, whatever the Date header's rounding", () => {
    const now = Date.parse("2025-07-15T04:00:00.700Z");
    const bounds = sample("Tue, 15 Jul 2025 04:00:00 GMT", now - 40, now + 40);
    expect(bounds).toEqual({ low: -740, high: 340 });
    expect(clockOffset(bounds)).toBe(0);
  });

  it("moves a clock that is behind or ahead by what the answers prove, no more", () => {
    // The browser's clock is 30 s behind: the server says 04:00:30 while the browser reads about 04:00:00.2.
    const local = Date.parse("2025-07-15T04:00:00.200Z");
    const behind = sample("Tue, 15 Jul 2025 04:00:30 GMT", local - 50, local + 50);
    expect(clockOffset(behind)).toBe(29_750);
    const ahead = sample("Tue, 15 Jul 2025 03:59:00 GMT", local - 50, local + 50);
    expect(clockOffset(ahead)).toBe(-59_150);
  });

  it("narrows what is known with each answer, and starts again when the answers disagree", () => {
    const a = { low: 1000, high: 2000 };
    expect(narrowBounds(a, { low: 1500, high: 2500 })).toEqual({ low: 1500, high: 2000 });
    expect(narrowBounds(a, { low: 5000, high: 6000 })).toEqual({ low: 5000, high: 6000 });
    expect(narrowBounds(null, a)).toEqual(a);
    expect(narrowBounds(a, null)).toEqual(a);
  });

  it("learns nothing from an answer without a readable Date header", () => {
    expect(offsetBounds({ serverDate: null, sentAt: 0, receivedAt: 10 })).toBeNull();
    expect(offsetBounds({ serverDate: "yesterday-ish", sentAt: 0, receivedAt: 10 })).toBeNull();
    expect(clockOffset(null)).toBe(0);
  });
});
