// Who the reader is in a negotiation: the chair (the delegation chairing the body today), a provision's facilitator, a
// non-member the chair invited to the draft, and which of the negotiation rights their session holds. The interface offers only what will be allowed; the server decides.
import type { Permissions } from "../../../contracts/identity";
import { holds, type Right } from "../../shared/access/access-rules";
import type { DocumentDto, ProvisionDto } from "../../../contracts/negotiation";

/** The negotiation rights (listed with every other right in shared/access, where their labels are). */
export type NegotiationRight = Extract<Right, `${"document" | "proposal" | "position" | "revision" | "provision" | "silence" | "call" | "statement" | "note"}.${string}`>;

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

/** The reader's delegation holds a standing invitation of the chair to this document (one not ended). */
export function isInvitedTo(delegation: string | null, document: Pick<DocumentDto, "invited">): boolean {
  return delegation !== null && document.invited.some((grant) => grant.party === delegation && grant.endedAt === undefined);
}

/**
 * The reader comments under the chair's invitation, as a non-member (marked so, never blocking): invited, and without
 * the ordinary right to comment, which a delegation whose tier speaks uses instead.
 */
export function commentsAsInvited(delegation: string | null, document: Pick<DocumentDto, "invited">, permissions: Permissions): boolean {
  return isInvitedTo(delegation, document) && !mayUse(permissions, "position.comment") && mayUse(permissions, "position.comment-invited");
}
