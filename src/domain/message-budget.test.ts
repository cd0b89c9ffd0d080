import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fullBudget, isFull, judgeMessage, spend, type BudgetPolicy, type BudgetState } from "./message-budget.js";

const POLICY: BudgetPolicy = { burst: 4, perSecond: 2 };

/** Sends one message at each instant against one budget; answers the instants whose message was accepted. */
function accepted(policy: BudgetPolicy, instants: readonly number[]): number[] {
  let state: BudgetState = fullBudget(policy, instants[0] ?? 0);
  const out: number[] = [];
  for (const at of instants) {
    const spending = spend([{ state, policy }], at);
    state = spending.next[0]!;
    if (spending.isSpent) out.push(at);
  }
  return out;
}

describe("message budget", () => {
  it("takes a burst at once, then refuses until the budget recovers, saying when", () => {
    let state = fullBudget(POLICY, 0);
    for (let i = 0; i < 4; i += 1) {
      const spending = spend([{ state, policy: POLICY }], 0);
      expect(spending.isSpent).toBe(true);
      state = spending.next[0]!;
    }
    const refused = spend([{ state, policy: POLICY }], 100);
    expect(refused).toMatchObject({ isSpent: false, retryAfterMs: 400 });
    expect(spend([{ state: refused.next[0]!, policy: POLICY }], 500).isSpent).toBe(true);
  });

  it("spends from every budget or from none: a message the user's budget refuses costs the connection nothing", () => {
    const connection = { state: fullBudget(POLICY, 0), policy: POLICY };
    const user = { state: { tokens: 0, at: 0 }, policy: { burst: 8, perSecond: 1 } };
    const refused = spend([connection, user], 0);
    expect(refused).toMatchObject({ isSpent: false, retryAfterMs: 1_000 });
    expect(refused.next[0]!.tokens).toBe(4);
    const later = spend([{ ...connection, state: refused.next[0]! }, { ...user, state: refused.next[1]! }], 1_000);
    expect(later.isSpent && later.next.map((s) => s.tokens)).toEqual([3, 0]);
  });

  it("recovers to the burst and no further, and says when it is full again", () => {
    const empty: BudgetState = { tokens: 0, at: 0 };
    expect(isFull(empty, POLICY, 1_999)).toBe(false);
    expect(isFull(empty, POLICY, 2_000)).toBe(true);
    expect(accepted(POLICY, [0, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000])).toHaveLength(5);
  });

  it("never accepts more in any stretch of time than the burst plus what the rate recovers in it", () => {
    fc.assert(
      fc.property(
        fc.record({ burst: fc.integer({ min: 1, max: 50 }), perSecond: fc.integer({ min: 1, max: 100 }) }),
        fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 300 }),
        (policy, gaps) => {
          const instants = gaps.reduce<number[]>((out, gap) => [...out, (out.at(-1) ?? 0) + gap], []);
          const taken = accepted(policy, instants);
          for (const from of taken) {
            for (const to of taken) {
              if (to < from) continue;
              const inWindow = taken.filter((at) => at >= from && at <= to).length;
              expect(inWindow).toBeLessThanOrEqual(policy.burst + ((to - from) * policy.perSecond) / 1000 + 1e-9);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("accepts everything sent no faster than the rate", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 500, max: 5_000 }), { maxLength: 100 }), (gaps) => {
        const instants = gaps.reduce<number[]>((out, gap) => [...out, (out.at(-1) ?? 0) + gap], [0]);
        expect(accepted(POLICY, instants)).toEqual(instants);
      }),
    );
  });

  it("warns of the first drop, drops quietly after it, closes a client that keeps going, and forgives one that slowed down", () => {
    const policy = { dropsBeforeClose: 3 };
    const verdicts: string[] = [];
    let dropped = 0;
    for (const isSpent of [true, false, false, false, true, false, false, false, false]) {
      const judged = judgeMessage(isSpent, dropped, policy);
      verdicts.push(judged.verdict);
      dropped = judged.droppedInARow;
    }
    expect(verdicts).toEqual(["accept", "warn", "drop", "drop", "accept", "warn", "drop", "drop", "close"]);
  });
});
