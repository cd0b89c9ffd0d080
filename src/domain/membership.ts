// Who held which status when: the membership history replayed to any calendar day.
import { comparePartialDates, earliestDay } from "./partial-date.js";
import type { StatusChange } from "./registry.js";

export interface StatusOnDay {
  readonly state: string;
  readonly tier: string;
  /** The status change that gave this tier. */
  readonly since: StatusChange;
}

/**
 * A change known only to the year or month counts from the first day of that year or month:
 * the registry shows the status for the whole period it may have begun in, and always says how precise the date is.
 */
export function isInEffectOn(change: StatusChange, day: string): boolean {
  return earliestDay(change.date) <= day;
}

export function sortChanges(changes: readonly StatusChange[]): StatusChange[] {
  return [...changes].sort((a, b) => comparePartialDates(a.date, b.date) || a.id.localeCompare(b.id));
}

/** The status each state held on `day` (states without a status that day are absent). */
export function statusesOn(changes: readonly StatusChange[], day: string): Map<string, StatusOnDay> {
  const latest = new Map<string, StatusChange>();
  for (const change of sortChanges(changes)) {
    if (!isInEffectOn(change, day)) continue;
    latest.set(change.state, change);
  }
  const result = new Map<string, StatusOnDay>();
  for (const [state, change] of latest) {
    if (change.tier !== null) result.set(state, { state, tier: change.tier, since: change });
  }
  return result;
}

export function statusOn(changes: readonly StatusChange[], state: string, day: string): StatusOnDay | null {
  return statusesOn(
    changes.filter((c) => c.state === state),
    day,
  ).get(state) ?? null;
}

/** Counts per tier on `day`. */
export function countByTier(changes: readonly StatusChange[], day: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { tier } of statusesOn(changes, day).values()) counts[tier] = (counts[tier] ?? 0) + 1;
  return counts;
}

/** A state's own history, oldest first. */
export function historyOf(changes: readonly StatusChange[], state: string): StatusChange[] {
  return sortChanges(changes.filter((c) => c.state === state));
}
