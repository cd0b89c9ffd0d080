// The kinds of proposal the room offers, and each one's message key part ("addProvision") in the locale files.
import type { ProposalChangeDto } from "../../../../contracts/negotiation";

export const PROPOSAL_TYPES = ["replace", "insert", "delete", "add-provision", "delete-provision"] as const;
export type ProposalType = (typeof PROPOSAL_TYPES)[number];

export const TYPE_KEYS: Readonly<Record<ProposalChangeDto["type"], string>> = {
  replace: "replace",
  insert: "insert",
  delete: "delete",
  "add-provision": "addProvision",
  "delete-provision": "deleteProvision",
  "move-provision": "moveProvision",
};

/** A change anchored to a span of the provision's base text. */
export const isSpanType = (type: ProposalType): type is "replace" | "insert" | "delete" => type === "replace" || type === "insert" || type === "delete";
