// When a document may be adopted: a clean, agreed text, every official version up to date, and no objection the
// document's decision rule counts; the silence procedure as a state machine; and the number an adopted document gets.
import { NegotiationError } from "./errors.js";
import { outdatedLanguages, provisionStatus } from "./provisions.js";
import type { WorkingText } from "./working-text.js";
import type { Provision } from "./provisions.js";

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
  | { readonly code: "objections"; readonly delegations: readonly string[] }
  /** The text changed after the last issued revision: silence and adoption need a new one. */
  | { readonly code: "changed-since-revision"; readonly provisions: readonly string[] };

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

/** The silence procedure: none yet → running until a deadline on an issued revision → broken by one member, cancelled by the chair, or passed at the deadline. */
export type Silence =
  | { readonly state: "none" }
  | { readonly state: "running"; readonly startedAt: string; readonly deadline: string; readonly revision?: number }
  | { readonly state: "broken"; readonly startedAt: string; readonly deadline: string; readonly revision?: number; readonly brokenBy: string; readonly brokenAt: string; readonly reason: string }
  | { readonly state: "cancelled"; readonly startedAt: string; readonly deadline: string; readonly revision?: number; readonly cancelledAt: string; readonly reason: string }
  | { readonly state: "passed"; readonly startedAt: string; readonly deadline: string; readonly revision?: number };

export const NO_SILENCE: Silence = { state: "none" };

/**
 * Starts silence on issued revision `revision`, lasting at least `minimumMs`. After a break, the same revision cannot go
 * under silence again: the text went back to negotiation and needs a new revision.
 */
export function startSilence(silence: Silence, now: Date, deadline: Date, revision: number, minimumMs = 0): Silence {
  if (silence.state === "running") throw new NegotiationError("silence-running", "A silence procedure is already running on this document.");
  if (!(deadline.getTime() > now.getTime())) throw new NegotiationError("deadline-in-past", "The deadline must be after now.", "deadline");
  if (deadline.getTime() - now.getTime() < minimumMs) {
    throw new NegotiationError("silence-too-short", `A silence procedure lasts at least ${Math.round(minimumMs / 60_000)} minutes under the organization's rules.`, "deadline");
  }
  if (silence.state === "broken" && silence.revision === revision) {
    throw new NegotiationError("revision-needed", `Silence on Rev.${revision} was broken: issue a new revision before the next silence procedure.`);
  }
  return { state: "running", startedAt: now.toISOString(), deadline: deadline.toISOString(), revision };
}

/** One member breaks silence before the deadline: the procedure ends and the text goes back to negotiation. */
export function breakSilence(silence: Silence, now: Date, by: string, reason: string): Silence {
  if (silence.state !== "running") throw new NegotiationError("no-silence-running", "No silence procedure is running on this document.");
  if (now.getTime() >= Date.parse(silence.deadline)) throw new NegotiationError("silence-deadline-passed", "The deadline has passed: silence can no longer be broken.");
  return { ...silence, state: "broken", brokenBy: by, brokenAt: now.toISOString(), reason };
}

/** The chair cancels a running procedure, saying why, before its deadline. */
export function cancelSilence(silence: Silence, now: Date, reason: string): Silence {
  if (silence.state !== "running") throw new NegotiationError("no-silence-running", "No silence procedure is running on this document.");
  if (now.getTime() >= Date.parse(silence.deadline)) throw new NegotiationError("silence-deadline-passed", "The deadline has passed: the text is adopted.");
  return { state: "cancelled", startedAt: silence.startedAt, deadline: silence.deadline, ...(silence.revision !== undefined ? { revision: silence.revision } : {}), cancelledAt: now.toISOString(), reason };
}

/** At or after the deadline, unbroken: passed (the document is adopted). Before it: unchanged (null). */
export function expireSilence(silence: Silence, now: Date): Silence | null {
  if (silence.state !== "running" || now.getTime() < Date.parse(silence.deadline)) return null;
  return { state: "passed", startedAt: silence.startedAt, deadline: silence.deadline, ...(silence.revision !== undefined ? { revision: silence.revision } : {}) };
}

/** An objection lodged in a call: named, with its reason, kept (with its withdrawal) for everyone to see. */
export interface CallObjection {
  readonly delegation: string;
  readonly reason: string;
  readonly at: string;
  /** Whether it counts under the document's rule (the concerned member's, under consensus minus one, does not). */
  readonly counts: boolean;
  readonly withdrawnAt?: string;
}

/**
 * The chair's call for objections on an issued revision ("Is there any objection?"): open until the chair closes it
 * (adopted: "It is so decided") or withdraws it; while it is open, every delegation that may object can, and can
 * withdraw its objection.
 */
export type Call =
  | { readonly state: "open"; readonly revision: number; readonly openedAt: string; readonly objections: readonly CallObjection[] }
  | { readonly state: "adopted"; readonly revision: number; readonly openedAt: string; readonly closedAt: string; readonly objections: readonly CallObjection[] }
  | { readonly state: "withdrawn"; readonly revision: number; readonly openedAt: string; readonly closedAt: string; readonly reason: string; readonly objections: readonly CallObjection[] };

export function openCall(call: Call | null, now: Date, revision: number): Call {
  if (call?.state === "open") throw new NegotiationError("call-open", "A call for objections is already open on this document.");
  return { state: "open", revision, openedAt: now.toISOString(), objections: [] };
}

function requireOpen(call: Call | null): Extract<Call, { state: "open" }> {
  if (call?.state !== "open") throw new NegotiationError("no-call-open", "No call for objections is open on this document.");
  return call;
}

/** The objections lodged and not withdrawn. */
export function standingObjections(call: Call | null): CallObjection[] {
  return (call?.objections ?? []).filter((o) => o.withdrawnAt === undefined);
}

export function objectInCall(call: Call | null, now: Date, delegation: string, reason: string, counts: boolean): Call {
  const open = requireOpen(call);
  if (standingObjections(open).some((o) => o.delegation === delegation)) throw new NegotiationError("already-objected", "The delegation's objection already stands in this call.");
  return { ...open, objections: [...open.objections, { delegation, reason, at: now.toISOString(), counts }] };
}

export function withdrawObjection(call: Call | null, now: Date, delegation: string): Call {
  const open = requireOpen(call);
  if (!standingObjections(open).some((o) => o.delegation === delegation)) throw new NegotiationError("no-objection", "The delegation has no standing objection in this call.");
  return { ...open, objections: open.objections.map((o) => (o.delegation === delegation && o.withdrawnAt === undefined ? { ...o, withdrawnAt: now.toISOString() } : o)) };
}

export function withdrawCall(call: Call | null, now: Date, reason: string): Call {
  const open = requireOpen(call);
  return { state: "withdrawn", revision: open.revision, openedAt: open.openedAt, closedAt: now.toISOString(), reason, objections: open.objections };
}

/** The chair closes the call: adopted, unless an objection that counts stands (refused, naming the delegations). */
export function closeCall(call: Call | null, now: Date): Call {
  const open = requireOpen(call);
  const blocking = standingObjections(open).filter((o) => o.counts);
  if (blocking.length > 0) {
    throw new NegotiationError("objections-stand", `Objections stand: ${blocking.map((o) => o.delegation).join(", ")}. The document cannot be adopted over them.`, undefined, {
      delegations: blocking.map((o) => o.delegation),
    });
  }
  return { state: "adopted", revision: open.revision, openedAt: open.openedAt, closedAt: now.toISOString(), objections: open.objections };
}

/** What a provision says in the issued revision that matters for adoption: its place, kind, texts and mark. */
function content(provision: Provision): string {
  const texts = Object.keys(provision.texts)
    .sort()
    .map((language) => [language, provision.texts[language]]);
  return JSON.stringify([provision.id, provision.kind, texts, provision.mark]);
}

/** The provisions whose text, kind, mark or place differ between the working text and the issued revision. */
export function changedSinceRevision(current: readonly Provision[], issued: readonly Provision[]): string[] {
  const before = new Map(issued.map((p, index) => [p.id, { text: content(p), index }]));
  const changed = current.filter((p, index) => {
    const old = before.get(p.id);
    return old === undefined || old.text !== content(p) || old.index !== index;
  });
  const removed = issued.filter((p) => !current.some((q) => q.id === p.id));
  return [...changed, ...removed].map((p) => p.id);
}

/**
 * One language version of a text as it is hashed for the record: each provision on its own line, its number (if any), a
 * tab and its text, normalized (NFC); provisions without a text in the language are left out.
 */
export function languageVersionText(provisions: readonly Provision[], numbers: ReadonlyMap<string, string | null>, language: string): string {
  return provisions
    .filter((p) => p.texts[language] !== undefined)
    .map((p) => `${numbers.get(p.id) ?? ""}\t${p.texts[language]!.normalize("NFC")}\n`)
    .join("");
}

/** The number of an adopted document: body, year, and its place among that body's documents adopted that year. */
export function adoptionNumber(body: string, year: number, ordinal: number): string {
  return `${body}/${year}/${ordinal}`;
}
