import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DEFAULT_THROTTLE, delayAfter, nextAttemptAt, recordFailure, waitBeforeAttempt, type ThrottleState } from "./throttle.js";

describe("sign-in throttle", () => {
  it("lets the first three failures through, then doubles the wait from one second", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => delayAfter(n))).toEqual([0, 0, 0, 1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it("caps the wait at fifteen minutes", () => {
    expect(delayAfter(40)).toBe(15 * 60_000);
    expect(delayAfter(10_000)).toBe(15 * 60_000);
  });

  it("makes the next attempt wait from the last failure", () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 5; i += 1) state = recordFailure(state, 1_000_000);
    expect(state).toEqual({ failures: 5, lastFailureAt: 1_000_000 });
    expect(nextAttemptAt(state, 1_000_500)).toBe(1_002_000);
    expect(waitBeforeAttempt([state], 1_000_500)).toBe(1_500);
    expect(waitBeforeAttempt([state], 1_002_000)).toBe(0);
  });

  it("forgets failures after a quiet day", () => {
    const state = { failures: 20, lastFailureAt: 0 };
    expect(waitBeforeAttempt([state], DEFAULT_THROTTLE.forgetAfterMs)).toBe(0);
    expect(recordFailure(state, DEFAULT_THROTTLE.forgetAfterMs)).toEqual({ failures: 1, lastFailureAt: DEFAULT_THROTTLE.forgetAfterMs });
  });

  it("waits for the stricter of account and address", () => {
    const account = { failures: 4, lastFailureAt: 0 };
    const address = { failures: 7, lastFailureAt: 0 };
    expect(waitBeforeAttempt([account, address, null], 0)).toBe(8_000);
  });

  it("never shortens the wait as failures grow", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 200 }), (n) => delayAfter(n + 1) >= delayAfter(n)));
  });
});
