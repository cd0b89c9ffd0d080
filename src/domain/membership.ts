// Who held which status when: the membership history, with its reclassifications, replayed to any calendar day.
import { comparePartialDates, earliestDay } from "./partial-date.js";
import type { OrganizationProfile, Reclassification, StatusChange, Tier } from "./registry.js";

export interface StatusOnDay {
  readonly state: string;
  readonly tier: string;
  /** The status change that gave this tier. */
  readonly since: StatusChange;
  /** Whether the state's rights are suspended that day (it keeps its tier). */
  readonly suspended: boolean;
}

/**
 * A change known only to the year or month counts from the first day of that year or month:
 * the registry shows the status for the whole period it may have begun in, and always says how precise the date is.
 */
export function isInEffectOn(change: { readonly date: string }, day: string): boolean {
  return earliestDay(change.date) <= day;
}

/**
 * The one order of changes, used everywhere: by date (the coarser of two dates starting the same day last), then the
 * changes of individual states before the reclassifications of that day, then the order they were recorded in.
 */
export function compareChanges(a: StatusChange, b: StatusChange): number {
  return comparePartialDates(a.date, b.date) || Number(a.reclassification !== undefined) - Number(b.reclassification !== undefined);
}

/** The changes in the one order (a stable sort: recorded order breaks the remaining ties). */
export function sortChanges(changes: readonly StatusChange[]): StatusChange[] {
  return [...changes].sort(compareChanges);
}

/**
 * The registry's changes with each reclassification expanded into the change it made to every state holding one of
 * its tiers at that moment, in the one order. Such a change carries the reclassification's id, decision and source.
 */
export function expandReclassifications(changes: readonly StatusChange[], reclassifications: readonly Reclassification[]): StatusChange[] {
  if (reclassifications.length === 0) return sortChanges(changes);
  const markers: StatusChange[] = reclassifications.map((r) => ({
    id: r.id,
    state: "",
    kind: "changed",
    tier: r.to,
    date: r.date,
    decision: r.decision,
    source: r.source,
    reclassification: r.id,
  }));
  const byId = new Map(reclassifications.map((r) => [r.id, r]));
  const held = new Map<string, StatusChange>();
  const result: StatusChange[] = [];
  for (const change of sortChanges([...changes, ...markers])) {
    const reclassification = change.reclassification !== undefined && change.state === "" ? byId.get(change.reclassification) : undefined;
    if (!reclassification) {
      result.push(change);
      held.set(change.state, change);
      continue;
    }
    const from = new Set(reclassification.from);
    for (const [state, last] of held) {
      if (last.tier === null || !from.has(last.tier)) continue;
      const made: StatusChange = {
        id: `${reclassification.id}:${state}`,
        state,
        kind: "changed",
        tier: reclassification.to,
        date: reclassification.date,
        decision: reclassification.decision,
        source: reclassification.source,
        ...(reclassification.reason !== undefined ? { reason: reclassification.reason } : {}),
        reclassification: reclassification.id,
      };
      result.push(made);
      held.set(state, made);
    }
  }
  return result;
}

const timelines = new WeakMap<object, readonly StatusChange[]>();

/** A registry's whole timeline (changes and expanded reclassifications, in the one order), computed once per registry object. */
export function timelineOf(registry: { readonly membership: readonly StatusChange[]; readonly reclassifications?: readonly Reclassification[] }): readonly StatusChange[] {
  let timeline = timelines.get(registry);
  if (!timeline) {
    timeline = expandReclassifications(registry.membership, registry.reclassifications ?? []);
    timelines.set(registry, timeline);
  }
  return timeline;
}

/** The status each state held on `day` (states without a status that day are absent). */
export function statusesOn(changes: readonly StatusChange[], day: string): Map<string, StatusOnDay> {
  const latest = new Map<string, { change: StatusChange; suspended: boolean }>();
  for (const change of sortChanges(changes)) {
    if (!isInEffectOn(change, day)) continue;
    // A suspension lasts until the state is reinstated (or leaves); a change of tier meanwhile keeps it.
    const suspended = change.kind === "suspended" || (change.kind === "changed" && latest.get(change.state)?.suspended === true);
    latest.set(change.state, { change, suspended });
  }
  const result = new Map<string, StatusOnDay>();
  for (const [state, { change, suspended }] of latest) {
    if (change.tier !== null) result.set(state, { state, tier: change.tier, since: change, suspended });
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

/** A state's own history, in the one order. */
export function historyOf(changes: readonly StatusChange[], state: string): StatusChange[] {
  return sortChanges(changes.filter((c) => c.state === state));
}

/** Whether a tier is in force on `day`: established by then (or always, when no date is given) and not yet retired. */
export function isTierInForce(tier: Tier, day: string): boolean {
  if (tier.established !== undefined && earliestDay(tier.established) > day) return false;
  return tier.retired === undefined || day < earliestDay(tier.retired);
}

/** The organization's tiers in force on `day`, in the profile's order. */
export function tiersInForce(organization: Pick<OrganizationProfile, "tiers">, day: string): Tier[] {
  return organization.tiers.filter((tier) => isTierInForce(tier, day));
}
