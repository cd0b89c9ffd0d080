// What the chair's next revision does with each open proposal: by default an opposed proposal becomes a bracket and an
// unopposed one goes into the text (the domain's rule), unless the chair chooses otherwise for it.
import { HANDLING_ACTIONS, type ProposalDto } from "../../../../contracts/negotiation";
import { defaultHandling } from "../../../../domain/negotiation/proposals";

export type HandlingAction = (typeof HANDLING_ACTIONS)[number];

/** The chair's choice for one proposal as the form holds it (text only matters for accept-modified). */
export interface HandlingChoice {
  readonly action: HandlingAction;
  readonly text: string;
}

/** Proposals the next revision must handle: open ones, and those colliding with a change made since. */
export function proposalsToHandle(proposals: readonly ProposalDto[]): ProposalDto[] {
  return proposals.filter((proposal) => proposal.status === "open" || proposal.status === "colliding");
}

export function defaultChoice(proposal: ProposalDto): HandlingChoice {
  return { action: defaultHandling(proposal).action, text: "" };
}

export interface HandlingPlan {
  readonly handlings: { proposal: string; action: HandlingAction; text?: string }[];
  /** Proposals to accept with modifications whose wording is still empty. */
  readonly missingText: string[];
}

/** The handlings to send: every proposal's, the chair's choice where made and the default elsewhere. */
export function handlingPlan(proposals: readonly ProposalDto[], choices: Readonly<Record<string, HandlingChoice>>): HandlingPlan {
  const handlings: HandlingPlan["handlings"] = [];
  const missingText: string[] = [];
  for (const proposal of proposalsToHandle(proposals)) {
    const choice = choices[proposal.id] ?? defaultChoice(proposal);
    if (choice.action === "accept-modified") {
      if (choice.text.trim() === "") missingText.push(proposal.id);
      handlings.push({ proposal: proposal.id, action: choice.action, text: choice.text });
    } else handlings.push({ proposal: proposal.id, action: choice.action });
  }
  return { handlings, missingText };
}

/** How many proposals a plan accepts, brackets, and otherwise handles, for the summary above the button. */
export function planSummary(plan: HandlingPlan): { accepted: number; bracketed: number; other: number } {
  const count = (actions: readonly HandlingAction[]) => plan.handlings.filter((handling) => actions.includes(handling.action)).length;
  const accepted = count(["accept", "accept-modified"]);
  const bracketed = count(["bracket"]);
  return { accepted, bracketed, other: plan.handlings.length - accepted - bracketed };
}
