// What the chair's next revision does with each open proposal. A proposal some delegation supported comes with the
// domain's handling as a suggestion (bracketed if opposed, accepted if not); one nobody supported, one carried over from
// an earlier revision and one colliding with a change made since come with none: the chair chooses, and the form sends
// every handling explicitly (the server's own default never decides for the chair).
import { HANDLING_ACTIONS, type ProposalDto } from "../../../../contracts/negotiation";
import { defaultHandling } from "../../../shared/core-rules";

export type HandlingAction = (typeof HANDLING_ACTIONS)[number];

/** The chair's choice for one proposal as the form holds it (text only matters for accept-modified). */
export interface HandlingChoice {
  readonly action: HandlingAction;
  readonly text: string;
}

/** Why a proposal has no suggested handling. */
export type NoDefaultReason = "unsupported" | "carried" | "colliding";

/** Proposals the next revision must handle: open ones, and those colliding with a change made since. */
export function proposalsToHandle(proposals: readonly ProposalDto[]): ProposalDto[] {
  return proposals.filter((proposal) => proposal.status === "open" || proposal.status === "colliding");
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
  readonly handlings: { proposal: string; action: HandlingAction; text?: string }[];
  /** Proposals with neither a choice nor a suggestion: the revision cannot be issued until the chair chooses. */
  readonly unchosen: string[];
  /** Proposals to accept with modifications whose wording is still empty. */
  readonly missingText: string[];
}

/** The handlings to send: every proposal's, the chair's choice where made, the suggestion where there is one. */
export function handlingPlan(proposals: readonly ProposalDto[], choices: Readonly<Record<string, HandlingChoice>>, revision: number): HandlingPlan {
  const handlings: HandlingPlan["handlings"] = [];
  const unchosen: string[] = [];
  const missingText: string[] = [];
  for (const proposal of proposalsToHandle(proposals)) {
    const choice = choices[proposal.id] ?? defaultChoice(proposal, revision);
    if (choice === null) unchosen.push(proposal.id);
    else if (choice.action === "accept-modified") {
      if (choice.text.trim() === "") missingText.push(proposal.id);
      handlings.push({ proposal: proposal.id, action: choice.action, text: choice.text });
    } else handlings.push({ proposal: proposal.id, action: choice.action });
  }
  return { handlings, unchosen, missingText };
}

export interface PlanSummary {
  readonly accepted: number;
  readonly bracketed: number;
  readonly deferred: number;
  readonly withdrawn: number;
  readonly superseded: number;
  /** Still to be chosen. */
  readonly unchosen: number;
}

/** How many proposals a plan accepts (with modifications or not), brackets, defers, withdraws, supersedes, and leaves to choose. */
export function planSummary(plan: HandlingPlan): PlanSummary {
  const count = (actions: readonly HandlingAction[]) => plan.handlings.filter((handling) => actions.includes(handling.action)).length;
  return {
    accepted: count(["accept", "accept-modified"]),
    bracketed: count(["bracket"]),
    deferred: count(["defer"]),
    withdrawn: count(["withdraw"]),
    superseded: count(["supersede"]),
    unchosen: plan.unchosen.length,
  };
}
