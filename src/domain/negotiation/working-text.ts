// The rolling text and the one reducer that changes it: a revision absorbing proposals, the chair's compromise text and
// marks, a facilitator, a translation, a provision bracketed again. Replaying the recorded steps rebuilds every revision.
import { DiffBudget, diffWithin, mapSpan, type DiffOp } from "./diff.js";
import { NegotiationError } from "./errors.js";
import { describeDifference, structureDifference } from "./structure.js";
import { bracketSpan, checkBalanced, resolveBracket, topLevelBrackets } from "./markup.js";
import {
  anchorProvision,
  checkChange,
  defaultHandling,
  isSpanChange,
  spanOf,
  withSpan,
  type Handling,
  type OpenProposal,
  type ProposalOutcome,
  type SpanChange,
} from "./proposals.js";
import { fingerprint, reconcileBrackets, type BracketRecord, type Provision, type ProvisionMark } from "./provisions.js";

export interface WorkingText {
  readonly baseLanguage: string;
  readonly languages: readonly string[];
  readonly provisions: readonly Provision[];
}

export type Step =
  /** The chair issues the next revision, handling every open proposal (by default: opposed → bracket, else accept). */
  | { readonly type: "revision"; readonly proposals: readonly OpenProposal[]; readonly handlings: Readonly<Record<string, Handling>> }
  /** Compromise text replacing one top-level bracket of the base text (or, with `bracket: null`, the whole base text). */
  | { readonly type: "compromise"; readonly provision: string; readonly bracket: number | null; readonly text: string }
  | { readonly type: "mark"; readonly provision: string; readonly mark: ProvisionMark }
  | { readonly type: "facilitator"; readonly provision: string; readonly delegation: string | null }
  | { readonly type: "translation"; readonly provision: string; readonly language: string; readonly text: string }
  /** The whole provision goes back into brackets (silence broken on it), at the request of the delegations named. */
  | { readonly type: "rebracket"; readonly provision: string; readonly requestedBy: readonly string[] };

export interface StepResult {
  readonly text: WorkingText;
  /** For a revision: what became of each proposal. */
  readonly outcomes: readonly ProposalOutcome[];
  /** The provisions whose content changed (their versions went up). */
  readonly changed: readonly string[];
}

/** The identity of a provision added by a proposal: derived from the proposal, so a replay gives the same one. */
export function addedProvisionId(proposalId: string): string {
  return `p-${proposalId}`;
}

export function findProvision(text: WorkingText, id: string): Provision {
  const provision = text.provisions.find((p) => p.id === id);
  if (!provision) throw new NegotiationError("provision-not-found", `There is no provision ${id} in this document.`, "provision");
  return provision;
}

/** A provision with a new base text: mark cleared, brackets reconciled, version up; translations now follow an older text. */
function withBaseText(text: WorkingText, provision: Provision, base: string, added: readonly BracketRecord[] = []): Provision {
  return {
    ...provision,
    texts: { ...provision.texts, [text.baseLanguage]: base },
    mark: null,
    brackets: [...reconcileBrackets(base, provision.brackets), ...added],
    version: provision.version + 1,
  };
}

export function applyStep(text: WorkingText, step: Step): StepResult {
  if (step.type === "revision") return issueRevision(text, step.proposals, step.handlings);
  const provision = findProvision(text, step.provision);
  const replace = (next: Provision): StepResult => ({
    text: { ...text, provisions: text.provisions.map((p) => (p.id === next.id ? next : p)) },
    outcomes: [],
    changed: [next.id],
  });
  const base = provision.texts[text.baseLanguage] ?? "";
  switch (step.type) {
    case "compromise": {
      if (!checkBalanced(step.text)) throw new NegotiationError("unbalanced-brackets", "The compromise text has unbalanced brackets.", "text");
      if (step.bracket === null) return replace(withBaseText(text, provision, step.text));
      if (step.bracket < 0 || step.bracket >= topLevelBrackets(base).length) {
        throw new NegotiationError("bracket-not-found", `Provision ${provision.id} has no bracket ${step.bracket}.`, "bracket");
      }
      return replace(withBaseText(text, provision, resolveBracket(base, step.bracket, step.text)));
    }
    case "mark":
      return replace({ ...provision, mark: step.mark, version: provision.version + 1 });
    case "facilitator":
      return replace({ ...provision, facilitator: step.delegation, version: provision.version + 1 });
    case "translation": {
      if (!text.languages.includes(step.language) || step.language === text.baseLanguage) {
        throw new NegotiationError("language-not-in-document", `${step.language} is not one of this document's other languages.`, "language");
      }
      if (!checkBalanced(step.text)) throw new NegotiationError("unbalanced-brackets", "The translation has unbalanced brackets.", "text");
      // The version says what the base says, open where it is open: the same brackets and alternatives, in order.
      const difference = structureDifference(base, step.text);
      if (difference) throw new NegotiationError("structure-differs", `Not the base text's structure: ${describeDifference(difference)}.`, "text");
      return replace({
        ...provision,
        texts: { ...provision.texts, [step.language]: step.text },
        basis: { ...provision.basis, [step.language]: fingerprint(base) },
        version: provision.version + 1,
      });
    }
    case "rebracket": {
      const record: BracketRecord = { alternatives: [{ text: base.trim(), backers: [] }], requestedBy: step.requestedBy };
      return replace(withBaseText(text, provision, bracketSpan(base, 0, base.length, [base]), [record]));
    }
  }
}

/**
 * A deferred span proposal on a provision this revision changed only by span edits: its span shifted by exactly what
 * the edits before it replaced, no diff needed (so a revision handling thousands never runs out of diff budget on
 * them). Null when that does not apply or the shifted span does not fit the new text: then the diff decides.
 */
function carryThroughEdits(old: WorkingText, provisions: readonly Provision[], change: OpenProposal["change"], replaced: ReadonlyMap<string, readonly Replacement[]>): SpanChange | null {
  if (!isSpanChange(change)) return null;
  const replacements = replaced.get(change.provision);
  if (!replacements) return null;
  const mapped = mapThrough(replacements, spanOf(change));
  if (!mapped) return null;
  const carried = withSpan(change, mapped);
  return fitsText({ ...old, provisions }, carried) ? carried : null;
}

/** Trims white space off a span's ends, so a bracket holds words and the spaces around stay outside. */
function trimSpan(base: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/u.test(base[start]!)) start += 1;
  while (end > start && /\s/u.test(base[end - 1]!)) end -= 1;
  return { start, end };
}

interface SpanEdit {
  readonly proposal: OpenProposal;
  /** Who made it: its delegation, co-sponsors, supporters, and the makers of proposals merged into it. */
  readonly proposers: readonly string[];
  readonly change: SpanChange;
  readonly handling: Handling;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  if (a.start === a.end || b.start === b.end) return a.start === b.start || (a.start > b.start && a.start < b.end) || (b.start > a.start && b.start < a.end);
  return a.start < b.end && b.start < a.end;
}

/** One range of the old base text replaced by `length` characters of the new. */
interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly length: number;
}

/**
 * Applies the span edits of one provision's base text from the end backwards, so earlier offsets stay valid; says which
 * ranges of the old text each replaced (the edits never overlap, so each range is in the old text's offsets).
 */
function applySpanEdits(base: string, edits: readonly SpanEdit[]): { text: string; records: BracketRecord[]; replacements: Replacement[] } {
  let text = base;
  const records: BracketRecord[] = [];
  const replacements: Replacement[] = [];
  const replace = (start: number, end: number, next: string) => {
    replacements.push({ start, end, length: next.length - text.length + (end - start) });
    text = next;
  };
  for (const { proposal, change, handling, proposers } of [...edits].sort((a, b) => spanOf(b.change).start - spanOf(a.change).start)) {
    const { start, end } = spanOf(change);
    const proposed = handling.action === "accept-modified" ? handling.text : "text" in change ? change.text : "";
    if (handling.action !== "bracket") {
      // Inside a bracket, a `/` of the proposed words would read as a separator: there it is written `\/`.
      const isInsideBracket = topLevelBrackets(text).some((bracket) => bracket.start < start && start < bracket.end);
      replace(start, end, text.slice(0, start) + (isInsideBracket ? writtenInsideBracket(proposed) : proposed) + text.slice(end));
      continue;
    }
    const span = trimSpan(text, start, end);
    const original = text.slice(span.start, span.end);
    const alternatives =
      change.type === "replace"
        ? [
            { text: original, backers: proposal.opposers },
            { text: proposed.trim(), backers: proposers },
          ]
        : change.type === "insert"
          ? [{ text: proposed.trim(), backers: proposers }]
          : [{ text: original, backers: proposal.opposers }];
    const requestedBy = change.type === "delete" ? proposers : proposal.opposers;
    if (change.type === "insert") {
      // The inserted words go into the bracket; the spaces around them stay outside it.
      const lead = /^\s*/u.exec(proposed)![0];
      const trail = proposed.trimStart().length > 0 ? /\s*$/u.exec(proposed)![0] : "";
      const bracket = `[${serializeAlternative(proposed.trim())}]`;
      replace(start, start, text.slice(0, start) + lead + bracket + trail + text.slice(start));
    } else {
      replace(span.start, span.end, bracketSpan(text, span.start, span.end, alternatives.map((a) => a.text)));
    }
    records.push({ alternatives, requestedBy });
  }
  return { text, records, replacements };
}

/** A span of the old text that no replacement touched, where it is in the new text (shifted by those before it). */
function mapThrough(replacements: readonly Replacement[], span: { start: number; end: number }): { start: number; end: number } | null {
  let shift = 0;
  for (const r of replacements) {
    if (overlaps(r, span)) return null;
    if (r.end <= span.start && !(r.start === r.end && r.start === span.start)) shift += r.length - (r.end - r.start);
  }
  return { start: span.start + shift, end: span.end + shift };
}

/** One alternative written inside a bracket: a slash at its own level is literal there. */
function serializeAlternative(markup: string): string {
  return bracketSpan(markup, 0, markup.length, [markup]).replace(/^\[|\]$/gu, "");
}

/** Words put inside an alternative as they are, the spaces around them kept: only their own slashes get escaped. */
function writtenInsideBracket(markup: string): string {
  const words = markup.trim();
  if (words === "") return markup;
  return /^\s*/u.exec(markup)![0] + serializeAlternative(words) + /\s*$/u.exec(markup)![0];
}

/** Whether a span change still fits the text: one kept from an older text (a colliding proposal) may cut a bracket now. */
function fitsText(text: WorkingText, change: SpanChange): boolean {
  try {
    checkChange(text.provisions, text.baseLanguage, change);
    return true;
  } catch (error) {
    if (error instanceof NegotiationError) return false;
    throw error;
  }
}

/** A merge names another proposal of the same revision, not itself, that is not itself closed without effect. */
function checkMerges(proposals: readonly OpenProposal[], handlings: Readonly<Record<string, Handling>>): void {
  for (const proposal of proposals) {
    const handling = handlings[proposal.id];
    if (handling?.action !== "merge") continue;
    const field = `handlings.${proposal.id}.into`;
    if (handling.into === proposal.id) throw new NegotiationError("invalid-merge", "A proposal cannot be merged into itself.", field);
    if (!proposals.some((p) => p.id === handling.into)) throw new NegotiationError("invalid-merge", `Proposal ${handling.into} is not open in this revision.`, field);
    const target = handlings[handling.into]?.action;
    if (target === "merge" || target === "not-retain") throw new NegotiationError("invalid-merge", `Proposal ${handling.into} is itself ${target === "merge" ? "merged" : "not retained"}.`, field);
  }
}

function issueRevision(text: WorkingText, proposals: readonly OpenProposal[], handlings: Readonly<Record<string, Handling>>): StepResult {
  for (const [id, handling] of Object.entries(handlings)) {
    if (handling.action === "accept-modified" && !checkBalanced(handling.text)) {
      throw new NegotiationError("unbalanced-brackets", "The chair's text has unbalanced brackets.", `handlings.${id}.text`);
    }
  }
  checkMerges(proposals, handlings);
  // A merged proposal's makers and supporters back the proposal it was merged into.
  const mergedInto = new Map<string, OpenProposal[]>();
  for (const proposal of proposals) {
    const handling = handlings[proposal.id];
    if (handling?.action === "merge") mergedInto.set(handling.into, [...(mergedInto.get(handling.into) ?? []), proposal]);
  }
  const makers = (proposal: OpenProposal): string[] => [
    ...new Set([proposal.delegation, ...(proposal.joinedBy ?? []), ...proposal.supporters, ...(mergedInto.get(proposal.id) ?? []).flatMap((m) => [m.delegation, ...(m.joinedBy ?? []), ...m.supporters])]),
  ];
  const handlingOf = (proposal: OpenProposal): Handling => {
    const handling = handlings[proposal.id] ?? defaultHandling(proposal);
    // A move cannot be bracketed: it stays open for the next round.
    return handling.action === "bracket" && proposal.change.type === "move-provision" ? { action: "defer" } : handling;
  };
  const outcomes = new Map<string, ProposalOutcome>();
  const spanEdits = new Map<string, SpanEdit[]>();
  const deferred: OpenProposal[] = [];

  // First, decide every proposal: closed without effect, deferred, colliding with an earlier one, or to apply.
  for (const proposal of proposals) {
    const handling = handlingOf(proposal);
    if (handling.action === "not-retain" || handling.action === "merge") {
      outcomes.set(proposal.id, { proposal: proposal.id, handling, result: handling.action === "not-retain" ? "not-retained" : "merged" });
      continue;
    }
    if (handling.action === "defer") {
      deferred.push(proposal);
      continue;
    }
    const change = proposal.change;
    if (!isSpanChange(change)) continue;
    const edits = spanEdits.get(change.provision) ?? [];
    if (!fitsText(text, change) || edits.some((edit) => overlaps(spanOf(edit.change), spanOf(change)))) {
      deferred.push(proposal);
      continue;
    }
    edits.push({ proposal, change, handling, proposers: makers(proposal) });
    spanEdits.set(change.provision, edits);
  }

  let provisions = [...text.provisions];
  const changed = new Set<string>();
  // What the span edits replaced in each provision (while nothing else rewrote it): a deferred proposal's span maps through.
  const replaced = new Map<string, Replacement[]>();
  for (const [id, edits] of spanEdits) {
    const index = provisions.findIndex((p) => p.id === id);
    if (index < 0) {
      for (const edit of edits) deferred.push(edit.proposal);
      continue;
    }
    const provision = provisions[index]!;
    const { text: base, records, replacements } = applySpanEdits(provision.texts[text.baseLanguage] ?? "", edits);
    provisions[index] = withBaseText(text, provision, base, records);
    changed.add(id);
    replaced.set(id, replacements);
    for (const edit of edits) {
      const result = edit.handling.action === "bracket" ? "bracketed" : "applied";
      outcomes.set(edit.proposal.id, { proposal: edit.proposal.id, handling: edit.handling, result });
    }
  }

  // Then whole provisions, in the order the proposals were made.
  const deferredIds = new Set(deferred.map((p) => p.id));
  for (const proposal of proposals) {
    const change = proposal.change;
    if (isSpanChange(change) || outcomes.has(proposal.id) || deferredIds.has(proposal.id)) continue;
    const handling = handlingOf(proposal);
    const bracketed = handling.action === "bracket";
    const done = (): void => void outcomes.set(proposal.id, { proposal: proposal.id, handling, result: bracketed ? "bracketed" : "applied" });
    // Just after `after` (at the top for null); -1 when `after` is gone (deleted earlier in this revision).
    const position = (list: readonly Provision[], after: string | null): number => {
      if (after === null) return 0;
      const index = list.findIndex((p) => p.id === after);
      return index < 0 ? -1 : index + 1;
    };
    if (change.type === "add-provision") {
      const at = position(provisions, change.after);
      if (at < 0 || provisions.some((p) => p.id === addedProvisionId(proposal.id))) {
        deferred.push(proposal);
        continue;
      }
      const wording = handling.action === "accept-modified" ? handling.text : change.text;
      const proposers = makers(proposal);
      const added: Provision = {
        id: addedProvisionId(proposal.id),
        kind: change.kind,
        texts: { [text.baseLanguage]: bracketed ? bracketSpan(wording, 0, wording.length, [wording]) : wording },
        basis: {},
        mark: null,
        brackets: bracketed ? [{ alternatives: [{ text: wording.trim(), backers: proposers }], requestedBy: proposal.opposers }] : [],
        facilitator: null,
        version: 1,
      };
      provisions.splice(at, 0, added);
      changed.add(added.id);
      done();
      continue;
    }
    const index = provisions.findIndex((p) => p.id === change.provision);
    if (index < 0) {
      deferred.push(proposal);
      continue;
    }
    const provision = provisions[index]!;
    if (change.type === "delete-provision") {
      if (bracketed) {
        const base = provision.texts[text.baseLanguage] ?? "";
        const record: BracketRecord = { alternatives: [{ text: base.trim(), backers: proposal.opposers }], requestedBy: makers(proposal) };
        provisions[index] = withBaseText(text, provision, bracketSpan(base, 0, base.length, [base]), [record]);
        changed.add(provision.id);
        replaced.delete(provision.id);
      } else {
        provisions.splice(index, 1);
        changed.add(provision.id);
      }
      done();
      continue;
    }
    // move-provision, accepted
    const without = provisions.filter((p) => p.id !== provision.id);
    const at = position(without, change.after);
    if (at < 0 || change.after === provision.id) {
      deferred.push(proposal);
      continue;
    }
    without.splice(at, 0, { ...provision, version: provision.version + 1 });
    provisions = without;
    changed.add(provision.id);
    done();
  }

  // Last, carry what stays open onto the new text, re-anchored; a span the revision changed collides.
  const diffs = new BaseTextDiffs();
  for (const proposal of deferred) {
    const handling = handlingOf(proposal);
    // Words an applied edit changed are no longer what the proposal was about, even where a diff finds the same words.
    const change = proposal.change;
    const isOverlapped = isSpanChange(change) && (spanEdits.get(change.provision) ?? []).some((edit) => overlaps(spanOf(edit.change), spanOf(change)));
    const carried = isOverlapped ? null : (carryThroughEdits(text, provisions, change, replaced) ?? carryChange(text, provisions, proposal, diffs));
    outcomes.set(proposal.id, carried ? { proposal: proposal.id, handling, result: "carried", change: carried } : { proposal: proposal.id, handling, result: "colliding" });
  }
  return {
    text: { ...text, provisions },
    outcomes: proposals.map((p) => outcomes.get(p.id)!),
    changed: [...changed],
  };
}

/**
 * The steps all the base-text diffs of one step may take together, whatever the number of proposals and provisions
 * (see DiffBudget): about a tenth of a second, spent in the command's transaction. Enough to compare word by word the
 * provisions of a few thousand characters an ordinary revision changes; a 20,000-character provision rewritten is
 * compared by sentence or as a whole, its unchanged beginning and end kept.
 */
export const CARRY_WORK_PER_STEP = 4_000_000;

/**
 * The base-text diffs of one step (a revision, or compromise text re-anchoring the open proposals): each provision
 * compared once, however many proposals it holds, and all of them within CARRY_WORK_PER_STEP. A long provision rewritten
 * is compared by sentence or as a whole, so a proposal on words that changed collides; it is never moved elsewhere.
 */
export class BaseTextDiffs {
  private readonly known = new Map<string, DiffOp[]>();
  private readonly budget = new DiffBudget(CARRY_WORK_PER_STEP);
  private readonly diff = diffWithin(this.budget);

  /** The steps spent so far. */
  get work(): number {
    return CARRY_WORK_PER_STEP - this.budget.remaining;
  }

  of(provision: string, before: string, after: string, locale: string): DiffOp[] {
    let ops = this.known.get(provision);
    if (!ops) {
      ops = this.diff(before, after, locale).ops;
      this.known.set(provision, ops);
    }
    return ops;
  }
}

/**
 * The change re-anchored on the new provisions, or null when what it was about changed or disappeared. Used by a revision
 * for what stays open, and by the server for open proposals on a provision the chair's compromise text changed; `diffs`
 * is shared by the proposals of one step (each provision is compared with its new text once).
 */
export function carryChange(old: WorkingText, provisions: readonly Provision[], proposal: OpenProposal, diffs: BaseTextDiffs = new BaseTextDiffs()): OpenProposal["change"] | null {
  const change = proposal.change;
  const anchor = anchorProvision(change);
  if (anchor !== null && !provisions.some((p) => p.id === anchor)) return null;
  if (change.type === "move-provision" && change.after !== null && !provisions.some((p) => p.id === change.after)) return null;
  if (!isSpanChange(change)) return change;
  if (!fitsText(old, change)) return null;
  const before = old.provisions.find((p) => p.id === change.provision)?.texts[old.baseLanguage] ?? "";
  const after = provisions.find((p) => p.id === change.provision)?.texts[old.baseLanguage] ?? "";
  if (before === after) return change;
  const { start, end } = spanOf(change);
  const mapped = mapSpan(diffs.of(change.provision, before, after, old.baseLanguage), start, end);
  if (!mapped) return null;
  // The word diff does not know the markup: it may pair a `]` with the one of an escaped `\]`. Only a span that fits stays.
  const carried = withSpan(change, mapped);
  return fitsText({ ...old, provisions }, carried) ? carried : null;
}
