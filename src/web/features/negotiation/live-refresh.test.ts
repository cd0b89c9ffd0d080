// A document's page puts a proposal or a position in place from the event when it follows the copy shown, ignores the
// echo of the reader's own change, and reads the document again only when it cannot tell.
import { describe, expect, it } from "vitest";
import type { DocumentDto, ProposalDto } from "../../../contracts/negotiation";
import type { LiveChange } from "../../shared/live/live-protocol";
import { documentUpdateFor, withProposal } from "./live-refresh";

const event = (type: string, payload: Record<string, unknown>): LiveChange => ({
  kind: "event",
  event: { stream: "document:d1", seq: 3, type, at: "2025-08-01T00:00:00Z", payload },
});

const proposal = (id: string, at = "2025-08-01T10:00:00.000Z"): ProposalDto => ({
  id,
  label: `P${id.slice(1)}`,
  delegation: "IN",
  change: { type: "insert", provision: "op1", at: 0, text: "Further " },
  quote: "",
  justification: "",
  status: "open",
  handling: null,
  madeIn: 0,
  handledIn: null,
  version: 1,
  supporters: [],
  opposers: [],
  cosponsors: [],
  positions: [],
  at,
});

const shown = {
  id: "d1",
  version: 7,
  updatedAt: "2025-08-01T09:00:00.000Z",
  provisions: [
    { id: "op1", version: 2 },
    { id: "op2", version: 1 },
  ],
  proposals: [proposal("p1", "2025-08-01T08:00:00.000Z")],
} as unknown as DocumentDto;

describe("documentUpdateFor", () => {
  it("puts a proposal made in place when it follows the copy shown: its provision's version moves on too", () => {
    const made = proposal("p2");
    const update = documentUpdateFor(event("proposal.made", { document: "d1", version: 8, provision: "op1", provisionVersion: 3, view: made }), shown);
    expect(update.notes).toBe(false);
    const next = update.document as DocumentDto;
    expect(next.version).toBe(8);
    expect(next.proposals.map((p) => p.id)).toEqual(["p1", "p2"]);
    expect(next.provisions.map((p) => [p.id, p.version])).toEqual([
      ["op1", 3],
      ["op2", 1],
    ]);
    expect(next.updatedAt).toBe("2025-08-01T10:00:00.000Z");
  });

  it("replaces the proposal a position changed", () => {
    const supported = { ...proposal("p1"), version: 2, supporters: ["KZ"], positions: [{ delegation: "KZ", stance: "support" as const, text: "", at: "2025-08-01T11:00:00.000Z", nonMember: false }] };
    const next = documentUpdateFor(event("position.taken", { version: 8, view: supported }), shown).document as DocumentDto;
    expect(next.proposals).toEqual([supported]);
    expect(next.provisions).toBe(shown.provisions);
    expect(next.updatedAt).toBe("2025-08-01T11:00:00.000Z");
  });

  it("replaces the proposal its proposer withdrew, or another delegation co-sponsored", () => {
    const withdrawn = { ...proposal("p1"), version: 2, status: "withdrawn" as const };
    expect((documentUpdateFor(event("proposal.withdrawn", { version: 8, view: withdrawn }), shown).document as DocumentDto).proposals).toEqual([withdrawn]);
    const joined = { ...proposal("p1"), version: 2, cosponsors: [{ delegation: "KZ", at: "2025-08-01T11:00:00.000Z" }] };
    expect((documentUpdateFor(event("proposal.cosponsored", { version: 8, view: joined }), shown).document as DocumentDto).proposals).toEqual([joined]);
  });

  it("ignores the echo of a change the copy has (the reader's own, answered first)", () => {
    expect(documentUpdateFor(event("proposal.made", { version: 7, view: proposal("p2") }), shown).document).toBeUndefined();
    expect(documentUpdateFor(event("provision.changed", { document: "d1", version: 7 }), shown).document).toBeUndefined();
  });

  it("reads the document again when a version was skipped, for a change without a delta, or when it cannot tell", () => {
    expect(documentUpdateFor(event("proposal.made", { version: 9, view: proposal("p2") }), shown).document).toBe("refetch");
    expect(documentUpdateFor(event("provision.changed", { version: 8 }), shown).document).toBe("refetch");
    expect(documentUpdateFor(event("proposal.made", { version: 8, view: { id: "p2" } }), shown).document).toBe("refetch");
    expect(documentUpdateFor(event("document.created", { document: "d1" }), shown).document).toBe("refetch");
    expect(documentUpdateFor(event("proposal.made", { version: 2, view: proposal("p2") }), undefined).document).toBe("refetch");
    expect(documentUpdateFor({ kind: "reset", stream: "document:d1" }, shown)).toEqual({ document: "refetch", notes: true });
  });

  it("reads the document again after a change of its rule, a silence cancelled, a step of the call or an invitation, unless the copy has it", () => {
    for (const type of ["document.rule", "silence.cancelled", "call.open", "call.object", "call.withdraw-objection", "call.withdraw", "document.invitation"]) {
      expect(documentUpdateFor(event(type, { document: "d1", version: 8 }), shown).document, type).toBe("refetch");
      expect(documentUpdateFor(event(type, { document: "d1", version: 7 }), shown).document, type).toBeUndefined();
    }
  });

  it("reads the private notes again when one was added", () => {
    expect(documentUpdateFor(event("note.added", { document: "d1", note: "n1" }), shown)).toEqual({ document: undefined, notes: true });
  });
});

describe("withProposal", () => {
  it("cannot apply a proposal on a provision the copy does not have (read again)", () => {
    expect(withProposal(shown, { ...proposal("p2"), change: { type: "insert", provision: "op9", at: 0, text: "x" } }, 8, { id: "op9", version: 2 })).toBeNull();
  });
});
