// What the chair's next revision does with each open proposal. A proposal some delegation supported comes with the
// domain's handling as a suggestion (bracketed if opposed, accepted if not); one nobody supported, one carried over from
// an earlier revision and one colliding with a change made since come with none: the chair chooses, and the form sends
// every handling explicitly (the server's own default never decides for the chair). The chair may also not retain a
// proposal (its rejection, never recorded as the proposer's withdrawal) or merge it into another open one.
import { HANDLING_ACTIONS, type ProposalDto } from "../../../../contracts/negotiation";
import { defaultHandling } from "../../../shared/core-rules";

export type HandlingAction = (typeof HANDLING_ACTIONS)[number];

/** The chair's choice for one proposal as the form holds it (text only matters for accept-modified, into for merge). */
export interface HandlingChoice {
  readonly action: HandlingAction;
  readonly text: string;
  /** For merge: the id of the open proposal it is merged into ("" or absent: not chosen yet). */
  readonly into?: string;
}

/** Why a proposal has no suggested handling. */
export type NoDefaultReason = "unsupported" | "carried" | "colliding";

/** Proposals the next revision must handle: open ones, and those colliding with a change made since. */
export function proposalsToHandle(proposals: readonly ProposalDto[]): ProposalDto[] {
  return proposals.filter((proposal) => proposal.status === "open" || proposal.status === "colliding");
}

/** The proposals `proposal` may be merged into: the other open ones (the server refuses a colliding one as a target). */
export function mergeTargets(proposal: ProposalDto, proposals: readonly ProposalDto[]): ProposalDto[] {
  return proposals.filter((other) => other.id !== proposal.id && other.status === "open");
}

/**
 * Why the form suggests no handling for this proposal, or null when it does. `revision` is the document's revision now:
 * a proposal made before it and still open was deferred (carried over) by the chair.
 */
export function noDefaultReason(proposal: ProposalDto, revision: number): NoDefaultReason | null {
  if (proposal.status === "colliding") return "colliding";
  if (proposal.madeIn < revision) return "carried";
  if (proposal.supporters.length === 0) return "unsupported";
  return null;
}

/** The handling the form suggests, or null when the chair must choose. */
export function defaultChoice(proposal: ProposalDto, revision: number): HandlingChoice | null {
  return noDefaultReason(proposal, revision) === null ? { action: defaultHandling(proposal).action, text: "" } : null;
}

export interface HandlingPlan {
  readonly handlings: { proposal: string; action: HandlingAction; text?: string; into?: string }[];
  /** Proposals with neither a choice nor a suggestion: the revision cannot be issued until the chair chooses. */
  readonly unchosen: string[];
  /** Proposals to accept with modifications whose wording is still empty. */
  readonly missingText: string[];
  /** Proposals to merge with no proposal chosen to merge into. */
  readonly missingInto: string[];
  /** Proposals to merge into one that cannot take them: not open, or itself merged or not retained in this revision. */
  readonly invalidInto: string[];
}

/** The handlings to send: every proposal's, the chair's choice where made, the suggestion where there is one. */
export function handlingPlan(proposals: readonly ProposalDto[], choices: Readonly<Record<string, HandlingChoice>>, revision: number): HandlingPlan {
  const handlings: HandlingPlan["handlings"] = [];
  const unchosen: string[] = [];
  const missingText: string[] = [];
  const missingInto: string[] = [];
  const toHandle = proposalsToHandle(proposals);
  const chosen = new Map(toHandle.map((proposal) => [proposal.id, choices[proposal.id] ?? defaultChoice(proposal, revision)]));
  for (const proposal of toHandle) {
    const choice = chosen.get(proposal.id) ?? null;
    if (choice === null) unchosen.push(proposal.id);
    else if (choice.action === "accept-modified") {
      if (choice.text.trim() === "") missingText.push(proposal.id);
      handlings.push({ proposal: proposal.id, action: choice.action, text: choice.text });
    } else if (choice.action === "merge") {
      const into = choice.into ?? "";
      if (into === "") missingInto.push(proposal.id);
      handlings.push({ proposal: proposal.id, action: choice.action, ...(into !== "" ? { into } : {}) });
    } else handlings.push({ proposal: proposal.id, action: choice.action });
  }
  // A proposal merged into one that is itself merged or not retained would join nothing: the server refuses it.
  const invalidInto = handlings
    .filter((handling) => handling.into !== undefined)
    .filter((handling) => {
      const target = toHandle.find((proposal) => proposal.id === handling.into);
      const action = chosen.get(handling.into ?? "")?.action;
      return target === undefined || target.status !== "open" || handling.into === handling.proposal || action === "merge" || action === "not-retain";
    })
    .map((handling) => handling.proposal);
  return { handlings, unchosen, missingText, missingInto, invalidInto };
}

export interface PlanSummary {
  readonly accepted: number;
  readonly bracketed: number;
  readonly deferred: number;
  readonly notRetained: number;
  readonly merged: number;
  /** Still to be chosen. */
  readonly unchosen: number;
}

/** How many proposals a plan accepts (with modifications or not), brackets, defers, does not retain, merges, and leaves to choose. */
export function planSummary(plan: HandlingPlan): PlanSummary {
  const count = (actions: readonly HandlingAction[]) => plan.handlings.filter((handling) => actions.includes(handling.action)).length;
  return {
    accepted: count(["accept", "accept-modified"]),
    bracketed: count(["bracket"]),
    deferred: count(["defer"]),
    notRetained: count(["not-retain"]),
    merged: count(["merge"]),
    unchosen: plan.unchosen.length,
  };
}
