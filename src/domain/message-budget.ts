// Budgets for what a client asks of a server (live messages, catch-up reads): a token bucket allows a burst, then a
// steady rate; over budget, a message is dropped, the first drop is warned of, and a client that keeps going is closed.
// Time is passed in (milliseconds on any clock that does not go back).

export interface BudgetPolicy {
  /** What may be spent at once: the bucket's size, and what a new budget starts with. */
  readonly burst: number;
  /** What the budget recovers per second. */
  readonly perSecond: number;
}

export interface BudgetState {
  readonly tokens: number;
  /** When `tokens` was counted. */
  readonly at: number;
}

export interface Budget {
  readonly state: BudgetState;
  readonly policy: BudgetPolicy;
}

export function fullBudget(policy: BudgetPolicy, now: number): BudgetState {
  return { tokens: policy.burst, at: now };
}

/** The budget as it stands at `now`: what was left, plus what it recovered since, up to the burst. */
export function refilled(state: BudgetState, policy: BudgetPolicy, now: number): BudgetState {
  const elapsed = Math.max(0, now - state.at);
  return { tokens: Math.min(policy.burst, state.tokens + (elapsed * policy.perSecond) / 1000), at: Math.max(now, state.at) };
}

/** Whether the budget has recovered entirely (its holder can be forgotten without giving it anything). */
export function isFull(state: BudgetState, policy: BudgetPolicy, now: number): boolean {
  return refilled(state, policy, now).tokens >= policy.burst;
}

export type Spending =
  | { readonly isSpent: true; readonly next: BudgetState[] }
  /** Nothing was spent; `retryAfterMs` is when every budget will hold `cost` again. */
  | { readonly isSpent: false; readonly next: BudgetState[]; readonly retryAfterMs: number };

/**
 * Spends `cost` from every budget at once (a connection's and its user's), or from none: a message refused by one
 * budget costs the others nothing.
 */
export function spend(budgets: readonly Budget[], now: number, cost = 1): Spending {
  const next = budgets.map(({ state, policy }) => refilled(state, policy, now));
  const short = budgets.map(({ policy }, index) => (next[index]!.tokens >= cost ? 0 : Math.ceil(((cost - next[index]!.tokens) * 1000) / policy.perSecond)));
  const retryAfterMs = Math.max(0, ...short);
  if (retryAfterMs > 0) return { isSpent: false, next, retryAfterMs };
  return { isSpent: true, next: next.map((state) => ({ tokens: state.tokens - cost, at: state.at })) };
}

/** What becomes of a message: done, or dropped (with a warning the first time in a row), or the client closed. */
export type MessageVerdict = "accept" | "warn" | "drop" | "close";

export interface ExcessPolicy {
  /** Messages dropped in a row (no accepted one between them) after which the client is closed. */
  readonly dropsBeforeClose: number;
}

/**
 * Judges one message given whether the budgets had room for it and how many were dropped in a row before it; answers the
 * verdict and the new count. A client that slows down when warned is never closed; one that keeps sending is.
 */
export function judgeMessage(isSpent: boolean, droppedInARow: number, policy: ExcessPolicy): { readonly verdict: MessageVerdict; readonly droppedInARow: number } {
  if (isSpent) return { verdict: "accept", droppedInARow: 0 };
  const dropped = droppedInARow + 1;
  if (dropped > policy.dropsBeforeClose) return { verdict: "close", droppedInARow: dropped };
  return { verdict: dropped === 1 ? "warn" : "drop", droppedInARow: dropped };
}
