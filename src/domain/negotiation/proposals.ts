// Proposals (amendments): what a delegation asks to change, anchored to a provision's identity and a span of its base
// text, never to a number; the positions other delegations take on it; and the chair's handling of it.
import { NegotiationError } from "./errors.js";
import { bracketSpan, checkBalanced } from "./markup.js";
import type { Provision, ProvisionKind } from "./provisions.js";

export type ProposalChange =
  | { readonly type: "replace"; readonly provision: string; readonly start: number; readonly end: number; readonly text: string }
  | { readonly type: "insert"; readonly provision: string; readonly at: number; readonly text: string }
  | { readonly type: "delete"; readonly provision: string; readonly start: number; readonly end: number }
  | { readonly type: "add-provision"; readonly after: string | null; readonly kind: ProvisionKind; readonly text: string }
  | { readonly type: "delete-provision"; readonly provision: string }
  | { readonly type: "move-provision"; readonly provision: string; readonly after: string | null };
export type ProposalType = ProposalChange["type"];
export const PROPOSAL_TYPES = ["replace", "insert", "delete", "add-provision", "delete-provision", "move-provision"] as const satisfies readonly ProposalType[];

export type SpanChange = Extract<ProposalChange, { type: "replace" | "insert" | "delete" }>;

export function isSpanChange(change: ProposalChange): change is SpanChange {
  return change.type === "replace" || change.type === "insert" || change.type === "delete";
}

/** The span of base text a change is anchored to: [start, end), empty for an insertion. */
export function spanOf(change: SpanChange): { start: number; end: number } {
  return change.type === "insert" ? { start: change.at, end: change.at } : { start: change.start, end: change.end };
}

export function withSpan(change: SpanChange, span: { start: number; end: number }): SpanChange {
  return change.type === "insert" ? { ...change, at: span.start } : { ...change, start: span.start, end: span.end };
}

/** The provision a change is about (for an added provision: the one it follows, if any). */
export function anchorProvision(change: ProposalChange): string | null {
  return change.type === "add-provision" ? change.after : change.provision;
}

/** `retract` takes back the delegation's support or opposition. */
export const STANCES = ["support", "oppose", "comment", "retract"] as const;
export type Stance = (typeof STANCES)[number];

export interface Position {
  readonly delegation: string;
  readonly stance: Stance;
}

/** Where each delegation stands now: its latest support or opposition counts, unless retracted since; comments change nothing. */
export function standings(proposer: string, positions: readonly Position[]): { supporters: string[]; opposers: string[] } {
  const latest = new Map<string, "support" | "oppose">();
  for (const position of positions) {
    if (position.stance === "comment" || position.delegation === proposer) continue;
    latest.delete(position.delegation);
    if (position.stance !== "retract") latest.set(position.delegation, position.stance);
  }
  const of = (stance: "support" | "oppose") => [...latest].filter(([, s]) => s === stance).map(([delegation]) => delegation);
  return { supporters: of("support"), opposers: of("oppose") };
}

/** Refuses a change that names a missing provision, a span outside the text or cutting a bracket, or unbalanced text. */
export function checkChange(provisions: readonly Provision[], baseLanguage: string, change: ProposalChange): void {
  const find = (id: string, field: string): Provision => {
    const provision = provisions.find((p) => p.id === id);
    if (!provision) throw new NegotiationError("provision-not-found", `There is no provision ${id} in this document.`, field);
    return provision;
  };
  if ("text" in change && !checkBalanced(change.text)) throw new NegotiationError("unbalanced-brackets", "The proposed text has unbalanced brackets.", "change.text");
  if (change.type === "add-provision" || change.type === "move-provision") {
    if (change.after !== null) find(change.after, "change.after");
    if (change.type === "move-provision") {
      find(change.provision, "change.provision");
      if (change.after === change.provision) throw new NegotiationError("invalid-move", "A provision cannot be moved after itself.", "change.after");
    }
    return;
  }
  const provision = find(change.provision, "change.provision");
  if (change.type === "delete-provision") return;
  const text = provision.texts[baseLanguage] ?? "";
  const { start, end } = spanOf(change);
  if (start < 0 || end > text.length || start > end || (change.type !== "insert" && start === end)) {
    throw new NegotiationError("span-out-of-range", `The span ${start}–${end} is outside the provision's text (${text.length} characters).`, "change.start");
  }
  const result = text.slice(0, start) + ("text" in change ? change.text : "") + text.slice(end);
  if (!checkBalanced(result) || !spanFitsMarkup(text, start, end)) {
    throw new NegotiationError("unbalanced-brackets", "The span cuts through a bracket or an escape: select whole brackets or text inside one alternative.", "change.start");
  }
}

/** Whether a span can be bracketed as it is: it cuts no bracket, no separator and no escape. */
function spanFitsMarkup(text: string, start: number, end: number): boolean {
  try {
    bracketSpan(text, start, end, [text.slice(start, end).trim() || "x"]);
    return true;
  } catch {
    return false;
  }
}

/**
 * The chair's handling of a proposal when issuing a revision; recorded apart from what the text finally says. The chair
 * does not retain a proposal (never recorded as the proposer's withdrawal, which is the proposer's own act), or merges it
 * into another, whose backers it joins.
 */
export type Handling =
  | { readonly action: "accept" }
  | { readonly action: "accept-modified"; readonly text: string }
  | { readonly action: "bracket" }
  | { readonly action: "not-retain" }
  | { readonly action: "merge"; readonly into: string }
  | { readonly action: "defer" };
export const HANDLING_ACTIONS = ["accept", "accept-modified", "bracket", "not-retain", "merge", "defer"] as const satisfies readonly Handling["action"][];
/** A handling as revisions recorded it: also the older `withdraw` and `supersede`, read but no longer given. */
export type RecordedHandling = Handling | { readonly action: "withdraw" } | { readonly action: "supersede" };

/** An open proposal as the revision sees it. */
export interface OpenProposal {
  readonly id: string;
  readonly delegation: string;
  /** Delegations that joined the proposal as co-sponsors: its makers too. */
  readonly joinedBy?: readonly string[];
  readonly change: ProposalChange;
  readonly supporters: readonly string[];
  readonly opposers: readonly string[];
}

/** Without the chair's word: an opposed proposal becomes a bracket, an unopposed one goes into the text. */
export function defaultHandling(proposal: OpenProposal): Handling {
  return proposal.opposers.length > 0 ? { action: "bracket" } : { action: "accept" };
}

/** What became of a proposal in a revision. */
export type ProposalResult = "applied" | "bracketed" | "not-retained" | "merged" | "withdrawn" | "superseded" | "carried" | "colliding";

export interface ProposalOutcome {
  readonly proposal: string;
  readonly handling: Handling;
  readonly result: ProposalResult;
  /** For a proposal carried onto the new revision: its change re-anchored to the new text. */
  readonly change?: ProposalChange;
}
