// What a change means for the document the page holds: a proposal made, withdrawn or co-sponsored, or a position taken,
// carries the proposal as it now stands and is put in place (no read of the whole document) when it follows the copy
// shown; a change the copy already has (the reader's own, answered first) is ignored; anything else (a revision, a rule
// changed, silence started, broken or cancelled, a call for objections opened or withdrawn, an objection made or
// withdrawn, an invitation given or ended) has the document read again. A note added has the notes read again.
import { ProposalSchema, type DocumentDto, type ProposalDto } from "../../../contracts/negotiation";
import { nextCopy, versionOf } from "../../shared/live/live-cache";
import type { LiveChange } from "../../shared/live/live-protocol";

export interface DocumentUpdate {
  /** The document to show now, or "refetch". */
  readonly document: DocumentDto | "refetch" | undefined;
  readonly notes: boolean;
}

/** The document with one proposal put in place (added, or replaced), at `version`; null when its provision is not on it. */
export function withProposal(document: DocumentDto, proposal: ProposalDto, version: number, provision: { id: string; version: number } | null): DocumentDto | null {
  if (provision && !document.provisions.some((p) => p.id === provision.id)) return null;
  const isKnown = document.proposals.some((p) => p.id === proposal.id);
  const lastAt = [proposal.at, ...proposal.positions.map((p) => p.at), ...proposal.cosponsors.map((c) => c.at)].sort().at(-1)!;
  return {
    ...document,
    version,
    updatedAt: lastAt > document.updatedAt ? lastAt : document.updatedAt,
    proposals: isKnown ? document.proposals.map((p) => (p.id === proposal.id ? proposal : p)) : [...document.proposals, proposal],
    provisions: provision ? document.provisions.map((p) => (p.id === provision.id ? { ...p, version: provision.version } : p)) : document.provisions,
  };
}

/** A proposal's change as an event or an answer gives it: the proposal, and its provision's new version when it moved. */
export function proposalChange(payload: Readonly<Record<string, unknown>>): { proposal: ProposalDto; provision: { id: string; version: number } | null } | null {
  const proposal = ProposalSchema.safeParse(payload.view ?? payload);
  if (!proposal.success) return null;
  // The provision it is anchored to moved on with it (the server's provisionVersion); a new provision has none yet.
  const change = proposal.data.change;
  const anchor = change.type === "add-provision" ? null : change.provision;
  const provision = anchor !== null && typeof payload.provisionVersion === "number" ? { id: anchor, version: payload.provisionVersion } : null;
  return { proposal: proposal.data, provision };
}

/** Events that carry the proposal as it now stands (`view`). */
const PROPOSAL_EVENTS: ReadonlySet<string> = new Set(["proposal.made", "position.taken", "proposal.withdrawn", "proposal.cosponsored"]);

export function documentUpdateFor(change: LiveChange, shown: DocumentDto | undefined): DocumentUpdate {
  if (change.kind === "reset") return { document: "refetch", notes: true };
  const { type, payload } = change.event;
  if (type === "note.added") return { document: undefined, notes: true };
  const version = versionOf(payload);
  if (PROPOSAL_EVENTS.has(type)) {
    const changed = proposalChange(payload);
    const next = nextCopy(shown, version, (document) => (changed ? withProposal(document, changed.proposal, version!, changed.provision) : null));
    return { document: next === shown ? undefined : next, notes: false };
  }
  const next = nextCopy(shown, version, () => null);
  return { document: next === shown ? undefined : next, notes: false };
}
