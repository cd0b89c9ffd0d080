// What became of a proposal, in words: applied, bracketed, not retained or merged by the chair, withdrawn by its proposer
// (or, in older revisions, by the chair); and the label of each handling the chair gives or older revisions recorded.
import type { ProposalDto, RECORDED_HANDLING_ACTIONS } from "../../../../contracts/negotiation";

type RecordedHandlingAction = (typeof RECORDED_HANDLING_ACTIONS)[number];

/** Each handling's message key part in `negotiation.handling` (withdraw and supersede: read from older revisions only). */
export const HANDLING_KEYS: Readonly<Record<RecordedHandlingAction, string>> = {
  accept: "accept",
  "accept-modified": "acceptModified",
  bracket: "bracket",
  "not-retain": "notRetain",
  merge: "merge",
  defer: "defer",
  withdraw: "withdraw",
  supersede: "supersede",
};

export interface StatusWords {
  /** A key of `negotiation.proposalStatus`. */
  readonly key: string;
  readonly values?: Readonly<Record<string, string>>;
}

/**
 * A closed proposal's state in words (null while it is open or colliding: the card says that otherwise). A merged one
 * names the proposal it went into when the reader has it (`labelOf`); a withdrawn one says whose act it was: the
 * proposer's, unless an older revision recorded the chair's rejection as a withdrawal.
 */
export function proposalStatusWords(proposal: Pick<ProposalDto, "status" | "handling">, labelOf: (id: string) => string | undefined): StatusWords | null {
  switch (proposal.status) {
    case "open":
    case "colliding":
      return null;
    case "applied":
      return { key: proposal.handling?.action === "accept-modified" ? "appliedModified" : "applied" };
    case "bracketed":
      return { key: "bracketed" };
    case "not-retained":
      return { key: "notRetained" };
    case "merged": {
      const into = proposal.handling?.into !== undefined ? labelOf(proposal.handling.into) : undefined;
      return into !== undefined ? { key: "mergedInto", values: { label: into } } : { key: "merged" };
    }
    case "withdrawn":
      return { key: proposal.handling?.action === "withdraw" ? "withdrawnByChair" : "withdrawnByProposer" };
    case "superseded":
      return { key: "superseded" };
  }
}
