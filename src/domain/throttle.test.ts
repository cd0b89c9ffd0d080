import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ACCOUNT_ADDRESS_THROTTLE as ACCOUNT,
  ADDRESS_THROTTLE as ADDRESS,
  delayAfter,
  nextAttemptAt,
  recordFailure,
  refundAttempt,
  reserveAttempt,
  waitBeforeAttempt,
  type ThrottleState,
} from "./throttle.js";

describe("sign-in throttle", () => {
  it("lets three failures through, then makes the next attempt wait 1 s, doubling each time", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => delayAfter(n, ACCOUNT))).toEqual([0, 0, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000]);
  });

  it("gives an address thirty failures before any wait", () => {
    expect(delayAfter(29, ADDRESS)).toBe(0);
    expect(delayAfter(30, ADDRESS)).toBe(1_000);
  });

  it("caps the wait at fifteen minutes", () => {
    expect(delayAfter(40, ACCOUNT)).toBe(15 * 60_000);
    expect(delayAfter(10_000, ACCOUNT)).toBe(15 * 60_000);
  });

  it("makes the next attempt wait from the last failure", () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 5; i += 1) state = recordFailure(state, 1_000_000, ACCOUNT);
    expect(state).toEqual({ failures: 5, lastFailureAt: 1_000_000 });
    expect(nextAttemptAt(state, 1_000_500, ACCOUNT)).toBe(1_004_000);
    expect(waitBeforeAttempt([{ state, policy: ACCOUNT }], 1_000_500)).toBe(3_500);
    expect(waitBeforeAttempt([{ state, policy: ACCOUNT }], 1_004_000)).toBe(0);
  });

  it("never makes an attempt within the free ones wait, even behind a concurrent attempt whose clock ran ahead", () => {
    // Another attempt from the same address read its clock 5 ms later and was counted first.
    const state = recordFailure(null, 1_000_005, ADDRESS);
    expect(waitBeforeAttempt([{ state, policy: ADDRESS }], 1_000_000)).toBe(0);
    expect(reserveAttempt([{ state, policy: ADDRESS }], 1_000_000).waitMs).toBe(0);
  });

  it("forgets failures after a quiet day", () => {
    const state = { failures: 20, lastFailureAt: 0 };
    expect(waitBeforeAttempt([{ state, policy: ACCOUNT }], ACCOUNT.forgetAfterMs)).toBe(0);
    expect(recordFailure(state, ACCOUNT.forgetAfterMs, ACCOUNT)).toEqual({ failures: 1, lastFailureAt: ACCOUNT.forgetAfterMs });
  });

  it("waits for the stricter of account-and-address and address", () => {
    const pair = { failures: 4, lastFailureAt: 0 };
    const address = { failures: 33, lastFailureAt: 0 };
    expect(waitBeforeAttempt([{ state: pair, policy: ACCOUNT }, { state: address, policy: ADDRESS }, { state: null, policy: ACCOUNT }], 0)).toBe(8_000);
  });

  it("counts an attempt before it is checked, and refuses without counting while it must wait", () => {
    const first = reserveAttempt([{ state: null, policy: ACCOUNT }], 0);
    expect(first).toEqual({ waitMs: 0, next: [{ failures: 1, lastFailureAt: 0 }] });
    const paused = reserveAttempt([{ state: { failures: 3, lastFailureAt: 0 }, policy: ACCOUNT }], 500);
    expect(paused).toEqual({ waitMs: 500 });
  });

  it("lets a burst of simultaneous attempts try no more passwords than the sequence allows", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (burst) => {
        let state: ThrottleState | null = null;
        let tried = 0;
        for (let i = 0; i < burst; i += 1) {
          const decision = reserveAttempt([{ state, policy: ACCOUNT }], 42);
          if ("next" in decision) {
            state = decision.next[0]!;
            tried += 1;
          }
        }
        return tried === Math.min(burst, ACCOUNT.freeFailures);
      }),
    );
  });

  it("gives back a counted attempt that succeeded, never below zero", () => {
    expect(refundAttempt({ failures: 2, lastFailureAt: 5 })).toEqual({ failures: 1, lastFailureAt: 5 });
    expect(refundAttempt({ failures: 0, lastFailureAt: 5 })).toEqual({ failures: 0, lastFailureAt: 5 });
  });

  it("never shortens the wait as failures grow", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 200 }), (n) => delayAfter(n + 1, ACCOUNT) >= delayAfter(n, ACCOUNT)));
  });
});
