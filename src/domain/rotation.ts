// The rotating chairmanship: recorded terms, and the terms projected by the organization's rotation rule.
import { addYears, comparePartialDates, dayAfter, dayBefore, earliestDay, latestDay, yearOf } from "./partial-date.js";
import type { ChairmanshipTerm, RotationEntry, RotationRule } from "./registry.js";

export interface ProjectedTerm {
  readonly state: string;
  readonly start: string;
  readonly end: string;
}

export interface ProjectionInput {
  readonly rule: RotationRule;
  readonly terms: readonly ChairmanshipTerm[];
  readonly rotation: readonly RotationEntry[];
  /** Each candidate's name in the rule's order language. */
  readonly namesInOrderLanguage: ReadonlyMap<string, string>;
  /** Whether the state may chair (holds a tier with the right to chair) at the start of the projection. */
  readonly canChair: (state: string) => boolean;
  readonly count: number;
}

export function sortTerms(terms: readonly ChairmanshipTerm[]): ChairmanshipTerm[] {
  return [...terms].sort((a, b) => comparePartialDates(a.start, b.start) || a.id.localeCompare(b.id));
}

/** The members in rotation order: alphabetical in the rule's language. */
export function rotationOrder(rule: RotationRule, names: ReadonlyMap<string, string>): string[] {
  const collator = new Intl.Collator(rule.orderLanguage, { sensitivity: "base" });
  return [...names.keys()].sort((a, b) => collator.compare(names.get(a) ?? a, names.get(b) ?? b));
}

/**
 * Projects the next `count` terms after the last recorded one. Recorded terms always win: the first projected term starts
 * when the last recorded one ends (the day after its last day, when that is known to the day; or, when it has no end yet,
 * one term length after its start), as precisely as the record gives it, so it never overlaps a recorded term. A projected
 * term ends the day before the next one starts, as a recorded term known to the day does ("2027-01-01" to "2027-12-31");
 * known only to the month or the year, it ends in the month or year the next starts, as the record writes such terms.
 * A member is a candidate once its "in rotation from" date may have come when the term starts, unless it was passed over
 * for the term starting that year.
 */
export function projectTerms(input: ProjectionInput): ProjectedTerm[] {
  const recorded = sortTerms(input.terms);
  const last = recorded.at(-1);
  if (!last || input.count <= 0) return [];
  const entries = new Map(input.rotation.map((e) => [e.state, e]));
  const order = rotationOrder(input.rule, input.namesInOrderLanguage).filter((s) => entries.has(s));
  if (order.length === 0) return [];

  const projected: ProjectedTerm[] = [];
  let position = order.indexOf(last.state);
  let start = last.end !== undefined ? dayAfter(last.end) : addYears(last.start, input.rule.termYears);
  while (projected.length < input.count) {
    const isEligible = (state: string): boolean => {
      const entry = entries.get(state);
      if (entry === undefined || earliestDay(entry.inRotationFrom) > latestDay(start) || !input.canChair(state)) return false;
      return !(entry.passedOver ?? []).some((passed) => yearOf(passed.term) === yearOf(start));
    };
    let next: string | undefined;
    for (let step = 1; step <= order.length; step += 1) {
      const candidate = order[(position + step + order.length) % order.length];
      if (candidate !== undefined && isEligible(candidate)) {
        next = candidate;
        position = (position + step + order.length) % order.length;
        break;
      }
    }
    if (next === undefined) break;
    const nextStart = addYears(start, input.rule.termYears);
    projected.push({ state: next, start, end: dayBefore(nextStart) });
    start = nextStart;
  }
  return projected;
}

/**
 * The recorded term in effect on `day`: the latest one that certainly covers it (started on or before it however its start
 * is read, and not ended before it however its end is read), else the latest one that may have started and has not
 * certainly ended. So a term known to the day ("2023-07-04" to "2024-07-04") holds its last days against a successor known
 * only to the month ("2024-07"): the Astana summit of 3–4 July 2024 was chaired by Kazakhstan, not China.
 */
export function recordedChairOn(terms: readonly ChairmanshipTerm[], day: string): ChairmanshipTerm | null {
  let possible: ChairmanshipTerm | null = null;
  let certain: ChairmanshipTerm | null = null;
  for (const term of sortTerms(terms)) {
    if (earliestDay(term.start) > day) break;
    const hasEnded = term.end !== undefined && latestDay(term.end) < day;
    possible = hasEnded ? null : term;
    if (latestDay(term.start) <= day && (term.end === undefined || earliestDay(term.end) >= day)) certain = term;
  }
  return certain ?? possible;
}
