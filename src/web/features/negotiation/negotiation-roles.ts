// Who the reader is in a negotiation: the chair (the delegation chairing the body today), a provision's facilitator, and
// which of the negotiation rights their session holds. The interface offers only what will be allowed; the server decides.
import type { Permissions } from "../../../contracts/identity";
import { holds } from "../../shared/access/access-rules";
import type { DocumentDto, ProvisionDto } from "../../../contracts/negotiation";

export const NEGOTIATION_RIGHTS = [
  "document.create",
  "document.read",
  "proposal.create",
  "position.support",
  "position.oppose",
  "position.comment",
  "revision.issue",
  "provision.compromise",
  "provision.mark",
  "provision.facilitator",
  "provision.translate",
  "document.visibility",
  "silence.start",
  "silence.break",
  "statement.create",
  "document.adopt",
  "note.read",
  "note.create",
] as const;
export type NegotiationRight = (typeof NEGOTIATION_RIGHTS)[number];

export function mayUse(permissions: Permissions, right: NegotiationRight): boolean {
  return holds(permissions, right);
}

/** The reader's delegation chairs the document's body today. */
export function isChairOf(delegation: string | null, document: Pick<DocumentDto, "chair">): boolean {
  return delegation !== null && document.chair !== null && delegation === document.chair;
}

/** The chair, or the facilitator the chair designated for this provision, may offer compromise text and mark it. */
export function mayFacilitate(delegation: string | null, document: Pick<DocumentDto, "chair">, provision: Pick<ProvisionDto, "facilitator">): boolean {
  return isChairOf(delegation, document) || (delegation !== null && provision.facilitator === delegation);
}
