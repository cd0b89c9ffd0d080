// Sign-in throttling: each attempt is counted before the password is checked; past the free ones, the next attempt waits longer and longer.

export interface ThrottlePolicy {
  /** Failures allowed before any wait: after this many, the next attempt waits `baseDelayMs`. */
  readonly freeFailures: number;
  /** The first wait, doubled with each further failure. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A quiet period after which failures are forgotten. */
  readonly forgetAfterMs: number;
}

/** One account from one address: three failures, then 1 s, 2 s, 4 s… up to 15 minutes. */
export const ACCOUNT_ADDRESS_THROTTLE: ThrottlePolicy = {
  freeFailures: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

/**
 * One address, whatever the account: wider, since a delegation's whole office may sign in from behind one router,
 * but it still stops one address from trying passwords on many accounts (30 failures, then 1 s, 2 s…).
 */
export const ADDRESS_THROTTLE: ThrottlePolicy = {
  freeFailures: 30,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

export interface ThrottleState {
  readonly failures: number;
  /** Epoch milliseconds of the last counted attempt. */
  readonly lastFailureAt: number;
}

/** The wait imposed after `failures` consecutive failures: none until the free ones are used, then 1 s, 2 s, 4 s, … up to the cap. */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  const excess = failures - policy.freeFailures;
  if (excess < 0) return 0;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(excess, 30));
}

function current(state: ThrottleState | null, now: number, policy: ThrottlePolicy): ThrottleState | null {
  if (!state || now - state.lastFailureAt >= policy.forgetAfterMs) return null;
  return state;
}

/** When the next attempt may be made (epoch ms); `now` or earlier means at once. */
export function nextAttemptAt(state: ThrottleState | null, now: number, policy: ThrottlePolicy): number {
  const live = current(state, now, policy);
  if (!live || live.failures === 0) return now;
  // Within the free attempts there is no wait, even when a concurrent attempt's clock ran a little ahead of this one's.
  const delay = delayAfter(live.failures, policy);
  return delay === 0 ? now : live.lastFailureAt + delay;
}

export function recordFailure(state: ThrottleState | null, now: number, policy: ThrottlePolicy): ThrottleState {
  const live = current(state, now, policy);
  return { failures: (live?.failures ?? 0) + 1, lastFailureAt: now };
}

/** Gives back one counted attempt (it turned out to be a success): the office behind an address does not use up its allowance. */
export function refundAttempt(state: ThrottleState): ThrottleState {
  return { failures: Math.max(0, state.failures - 1), lastFailureAt: state.lastFailureAt };
}

export interface Throttled {
  readonly state: ThrottleState | null;
  readonly policy: ThrottlePolicy;
}

/** Milliseconds to wait before an attempt may be made under several throttles at once (the strictest applies). */
export function waitBeforeAttempt(throttles: readonly Throttled[], now: number): number {
  return Math.max(0, ...throttles.map(({ state, policy }) => nextAttemptAt(state, now, policy) - now));
}

/**
 * Decides an attempt: either it must wait (and nothing is counted), or it is counted against every throttle before
 * the password is even checked. Counting first is what makes a burst of parallel attempts obey the sequence.
 */
export function reserveAttempt(throttles: readonly Throttled[], now: number): { readonly waitMs: number } | { readonly waitMs: 0; readonly next: ThrottleState[] } {
  const waitMs = waitBeforeAttempt(throttles, now);
  if (waitMs > 0) return { waitMs };
  return { waitMs: 0, next: throttles.map(({ state, policy }) => recordFailure(state, now, policy)) };
}
