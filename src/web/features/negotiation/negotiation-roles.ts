// Who the reader is in a negotiation: the chair (the delegation chairing the body today), a provision's facilitator, and
// which of the negotiation rights their session holds. The interface offers only what will be allowed; the server decides.
import type { Permissions } from "../../../contracts/identity";
import { holds, type Right } from "../../shared/access/access-rules";
import type { DocumentDto, ProvisionDto } from "../../../contracts/negotiation";

/** The negotiation rights (listed with every other right in shared/access, where their labels are). */
export type NegotiationRight = Extract<Right, `${"document" | "proposal" | "position" | "revision" | "provision" | "silence" | "statement" | "note"}.${string}`>;

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
