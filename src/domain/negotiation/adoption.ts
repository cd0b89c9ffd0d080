// When a document may be adopted: a clean, agreed text, every official version up to date, and no objection the
// document's decision rule counts; the silence procedure as a state machine; and the number an adopted document gets.
import { NegotiationError } from "./errors.js";
import { outdatedLanguages, provisionStatus } from "./provisions.js";
import type { WorkingText } from "./working-text.js";

export interface Objection {
  readonly delegation: string;
  readonly reason: string;
}

export interface DecisionRule {
  /** The organization's code for the rule ("consensus", "consensus_minus_one"…). */
  readonly code: string;
  /** Whether the objection of the member the decision concerns is left out (the SCO's consensus minus one). */
  readonly excludesConcerned: boolean;
  /** Under such a rule: the member the decision is about. */
  readonly concerning: string | null;
}

/** The objections that block under the rule: only delegations whose tier may object count at all. */
export function countedObjections(rule: DecisionRule, objections: readonly Objection[], mayObject: (delegation: string) => boolean): Objection[] {
  return objections.filter((o) => mayObject(o.delegation) && !(rule.excludesConcerned && o.delegation === rule.concerning));
}

export type Blocker =
  | { readonly code: "bracketed"; readonly provisions: readonly string[] }
  | { readonly code: "not-agreed"; readonly provisions: readonly string[] }
  | { readonly code: "outdated-versions"; readonly versions: readonly { provision: string; languages: readonly string[] }[] }
  | { readonly code: "objections"; readonly delegations: readonly string[] };

export interface ReadinessOptions {
  /** By default a document waits until no official version is outdated. */
  readonly requireCurrentVersions: boolean;
  readonly objections: readonly Objection[];
}

/** What stands between the text and adoption; empty when it may be adopted. */
export function adoptionBlockers(text: WorkingText, options: ReadinessOptions): Blocker[] {
  const blockers: Blocker[] = [];
  const statuses = text.provisions.map((p) => ({ id: p.id, status: provisionStatus(p, text.baseLanguage) }));
  const bracketed = statuses.filter((s) => s.status === "bracketed").map((s) => s.id);
  if (bracketed.length > 0) blockers.push({ code: "bracketed", provisions: bracketed });
  const notAgreed = statuses.filter((s) => s.status !== "bracketed" && s.status !== "agreed").map((s) => s.id);
  if (notAgreed.length > 0) blockers.push({ code: "not-agreed", provisions: notAgreed });
  if (options.requireCurrentVersions) {
    const versions = text.provisions
      .map((p) => ({ provision: p.id, languages: outdatedLanguages(p, text.baseLanguage, text.languages) }))
      .filter((v) => v.languages.length > 0);
    if (versions.length > 0) blockers.push({ code: "outdated-versions", versions });
  }
  if (options.objections.length > 0) blockers.push({ code: "objections", delegations: options.objections.map((o) => o.delegation) });
  return blockers;
}

export function requireReady(text: WorkingText, options: ReadinessOptions): void {
  const blockers = adoptionBlockers(text, options);
  if (blockers.length > 0) {
    throw new NegotiationError("not-ready-for-adoption", `The document cannot be adopted yet: ${blockers.map((b) => b.code).join(", ")}.`, undefined, { blockers });
  }
}

/** The silence procedure: none yet (or ended) → running until a deadline → broken by one member, or passed at the deadline. */
export type Silence =
  | { readonly state: "none" }
  | { readonly state: "running"; readonly startedAt: string; readonly deadline: string }
  | { readonly state: "broken"; readonly startedAt: string; readonly deadline: string; readonly brokenBy: string; readonly brokenAt: string; readonly reason: string }
  | { readonly state: "passed"; readonly startedAt: string; readonly deadline: string };

export const NO_SILENCE: Silence = { state: "none" };

export function startSilence(silence: Silence, now: Date, deadline: Date): Silence {
  if (silence.state === "running") throw new NegotiationError("silence-running", "A silence procedure is already running on this document.");
  if (!(deadline.getTime() > now.getTime())) throw new NegotiationError("deadline-in-past", "The deadline must be after now.", "deadline");
  return { state: "running", startedAt: now.toISOString(), deadline: deadline.toISOString() };
}

/** One member breaks silence before the deadline: the procedure ends and the text goes back to negotiation. */
export function breakSilence(silence: Silence, now: Date, by: string, reason: string): Silence {
  if (silence.state !== "running") throw new NegotiationError("no-silence-running", "No silence procedure is running on this document.");
  if (now.getTime() >= Date.parse(silence.deadline)) throw new NegotiationError("silence-deadline-passed", "The deadline has passed: silence can no longer be broken.");
  return { ...silence, state: "broken", brokenBy: by, brokenAt: now.toISOString(), reason };
}

/** At or after the deadline, unbroken: passed (the document is adopted). Before it: unchanged (null). */
export function expireSilence(silence: Silence, now: Date): Silence | null {
  if (silence.state !== "running" || now.getTime() < Date.parse(silence.deadline)) return null;
  return { state: "passed", startedAt: silence.startedAt, deadline: silence.deadline };
}

/** The number of an adopted document: body, year, and its place among that body's documents adopted that year. */
export function adoptionNumber(body: string, year: number, ordinal: number): string {
  return `${body}/${year}/${ordinal}`;
}
