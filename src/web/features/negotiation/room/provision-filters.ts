// Which provisions and proposals the room shows: proposals grouped under the provision they are about, and the
// "contested only" and "my delegation's proposals only" filters.
import type { DocumentDto, ProposalDto, ProvisionDto } from "../../../../contracts/negotiation";
import { anchorProvision } from "../../../shared/core-rules";

/** Where proposals to add a provision at the very start of the document are grouped. */
const DOCUMENT_START = "$start";

const isPending = (proposal: ProposalDto) => proposal.status === "open" || proposal.status === "colliding";

/** Proposals by the provision they are about (an added provision: the one it would follow), in the order made. */
function byProvision(proposals: readonly ProposalDto[], keep: (proposal: ProposalDto) => boolean): Map<string, ProposalDto[]> {
  const grouped = new Map<string, ProposalDto[]>();
  for (const proposal of proposals.filter(keep)) {
    const anchor = anchorProvision(proposal.change) ?? DOCUMENT_START;
    grouped.set(anchor, [...(grouped.get(anchor) ?? []), proposal]);
  }
  return grouped;
}

/** Open proposals by the provision they are about (an added provision: the one it would follow), in the order made. */
export function openProposalsByProvision(proposals: readonly ProposalDto[]): Map<string, ProposalDto[]> {
  return byProvision(proposals, isPending);
}

/** Closed proposals (applied, bracketed, not retained, merged, withdrawn…) by the provision they were about. */
export function closedProposalsByProvision(proposals: readonly ProposalDto[]): Map<string, ProposalDto[]> {
  return byProvision(proposals, (proposal) => !isPending(proposal));
}

/** Contested: it holds a bracket, or an open proposal about it meets opposition. */
export function isContested(provision: ProvisionDto, proposals: readonly ProposalDto[]): boolean {
  return provision.status === "bracketed" || provision.brackets.length > 0 || proposals.some((proposal) => proposal.opposers.length > 0);
}

export interface RoomFilters {
  readonly onlyContested: boolean;
  readonly onlyMine: boolean;
  /** The reader's delegation (null for the secretariat: "mine" then shows nothing). */
  readonly delegation: string | null;
}

export interface ProvisionView {
  readonly provision: ProvisionDto;
  /** The open proposals shown under it (only the reader's delegation's with "mine only"). */
  readonly proposals: ProposalDto[];
  /** The closed ones about it, filtered alike: shown on request, with what became of them. */
  readonly closed: ProposalDto[];
}

/** The provisions to draw, in document order, each with the proposals shown under it. */
export function visibleProvisions(document: Pick<DocumentDto, "provisions" | "proposals">, filters: RoomFilters): ProvisionView[] {
  const grouped = openProposalsByProvision(document.proposals);
  const closed = closedProposalsByProvision(document.proposals);
  const isMine = (proposal: ProposalDto) => filters.delegation !== null && proposal.delegation === filters.delegation;
  const shown = (proposals: ProposalDto[]) => (filters.onlyMine ? proposals.filter(isMine) : proposals);
  return document.provisions
    .map((provision) => {
      const all = grouped.get(provision.id) ?? [];
      return { provision, all, proposals: shown(all), closed: shown(closed.get(provision.id) ?? []) };
    })
    .filter(({ provision, all, proposals }) => (!filters.onlyContested || isContested(provision, all)) && (!filters.onlyMine || proposals.length > 0))
    .map(({ provision, proposals, closed }) => ({ provision, proposals, closed }));
}

/** Proposals to add a provision before every other, shown above the first provision. */
export function proposalsAtStart(proposals: readonly ProposalDto[], filters: RoomFilters): ProposalDto[] {
  const atStart = openProposalsByProvision(proposals).get(DOCUMENT_START) ?? [];
  return filters.onlyMine ? atStart.filter((proposal) => proposal.delegation === filters.delegation) : atStart;
}
