// Sign-in throttling: each failure for an account or an address makes the next attempt wait longer.

export interface ThrottlePolicy {
  /** Failures allowed before any delay. */
  readonly freeFailures: number;
  /** The first delay, doubled with each further failure. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A quiet period after which failures are forgotten. */
  readonly forgetAfterMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  freeFailures: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

export interface ThrottleState {
  readonly failures: number;
  /** Epoch milliseconds of the last failure. */
  readonly lastFailureAt: number;
}

/** The wait imposed after `failures` consecutive failures: none, then 1 s, 2 s, 4 s, … up to the cap. */
export function delayAfter(failures: number, policy: ThrottlePolicy = DEFAULT_THROTTLE): number {
  const excess = failures - policy.freeFailures;
  if (excess <= 0) return 0;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(excess - 1, 30));
}

function current(state: ThrottleState | null, now: number, policy: ThrottlePolicy): ThrottleState | null {
  if (!state || now - state.lastFailureAt >= policy.forgetAfterMs) return null;
  return state;
}

/** When the next attempt may be made (epoch ms); `now` or earlier means at once. */
export function nextAttemptAt(state: ThrottleState | null, now: number, policy: ThrottlePolicy = DEFAULT_THROTTLE): number {
  const live = current(state, now, policy);
  if (!live) return now;
  return live.lastFailureAt + delayAfter(live.failures, policy);
}

export function recordFailure(state: ThrottleState | null, now: number, policy: ThrottlePolicy = DEFAULT_THROTTLE): ThrottleState {
  const live = current(state, now, policy);
  return { failures: (live?.failures ?? 0) + 1, lastFailureAt: now };
}

/** Milliseconds to wait before an attempt may be made under several throttles at once (account and address). */
export function waitBeforeAttempt(states: readonly (ThrottleState | null)[], now: number, policy: ThrottlePolicy = DEFAULT_THROTTLE): number {
  return Math.max(0, ...states.map((s) => nextAttemptAt(s, now, policy) - now));
}
