// The chair sees a suggested handling for a supported proposal (bracket if opposed, else accept), none for one nobody
// supported or carried over, and sends every handling explicitly: not retained, or merged into another open proposal.
import { describe, expect, it } from "vitest";
import type { ProposalDto } from "../../../../contracts/negotiation";
import { defaultChoice, handlingPlan, mergeTargets, noDefaultReason, planSummary, proposalsToHandle } from "./revision-handling";

function proposal(id: string, overrides: Partial<ProposalDto> = {}): ProposalDto {
  return {
    id,
    label: id.toUpperCase(),
    delegation: "RU",
    change: { type: "replace", provision: "op4", start: 10, end: 15, text: "should" },
    quote: "shall",
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
    at: "2025-08-01T10:00:00Z",
    ...overrides,
  };
}

describe("defaultChoice", () => {
  it("suggests bracketing a supported proposal someone opposes, and accepting a supported one nobody opposes", () => {
    expect(defaultChoice(proposal("p1", { opposers: ["IN"], supporters: ["KZ"] }), 0)?.action).toBe("bracket");
    expect(defaultChoice(proposal("p2", { supporters: ["KZ"] }), 0)?.action).toBe("accept");
  });

  it("suggests nothing for a proposal nobody supported, opposed or not: the chair chooses", () => {
    expect(defaultChoice(proposal("p3"), 0)).toBeNull();
    expect(defaultChoice(proposal("p4", { opposers: ["IN"] }), 0)).toBeNull();
    expect(noDefaultReason(proposal("p3"), 0)).toBe("unsupported");
  });

  it("suggests nothing for a proposal carried over from an earlier revision, nor for one colliding with a change", () => {
    const carried = proposal("p5", { supporters: ["KZ"], madeIn: 0 });
    expect(defaultChoice(carried, 1)).toBeNull();
    expect(noDefaultReason(carried, 1)).toBe("carried");
    expect(noDefaultReason(proposal("p6", { supporters: ["KZ"], status: "colliding" }), 0)).toBe("colliding");
  });
});

describe("proposalsToHandle", () => {
  it("keeps open and colliding proposals only", () => {
    const all = [
      proposal("a"),
      proposal("b", { status: "applied" }),
      proposal("c", { status: "colliding" }),
      proposal("d", { status: "withdrawn" }),
      proposal("e", { status: "not-retained" }),
      proposal("f", { status: "merged" }),
    ];
    expect(proposalsToHandle(all).map((p) => p.id)).toEqual(["a", "c"]);
  });
});

describe("mergeTargets", () => {
  it("offers the other open proposals, not the proposal itself nor a colliding or closed one", () => {
    const all = [proposal("a"), proposal("b"), proposal("c", { status: "colliding" }), proposal("d", { status: "applied" })];
    expect(mergeTargets(all[0]!, all).map((p) => p.id)).toEqual(["b"]);
  });
});

describe("handlingPlan", () => {
  const proposals = [proposal("p1", { opposers: ["IN"], supporters: ["KZ"] }), proposal("p2"), proposal("p3", { status: "applied" }), proposal("p4", { supporters: ["CN"] })];

  it("sends every open proposal's handling, the chair's choice or the suggestion, and names those left to choose", () => {
    const unchosen = handlingPlan(proposals, {}, 0);
    expect(unchosen.handlings).toEqual([
      { proposal: "p1", action: "bracket" },
      { proposal: "p4", action: "accept" },
    ]);
    expect(unchosen.unchosen).toEqual(["p2"]);
    expect(planSummary(unchosen)).toEqual({ accepted: 1, bracketed: 1, deferred: 0, notRetained: 0, merged: 0, unchosen: 1 });

    const chosen = handlingPlan(proposals, { p2: { action: "defer", text: "ignored" }, p4: { action: "not-retain", text: "" } }, 0);
    expect(chosen.handlings).toEqual([
      { proposal: "p1", action: "bracket" },
      { proposal: "p2", action: "defer" },
      { proposal: "p4", action: "not-retain" },
    ]);
    expect(chosen.unchosen).toEqual([]);
    expect(planSummary(chosen)).toEqual({ accepted: 0, bracketed: 1, deferred: 1, notRetained: 1, merged: 0, unchosen: 0 });
  });

  it("sends a merge with the proposal it goes into, and names one without a target or into one that is itself closed", () => {
    const merged = handlingPlan(proposals, { p2: { action: "merge", text: "", into: "p1" } }, 0);
    expect(merged.handlings).toContainEqual({ proposal: "p2", action: "merge", into: "p1" });
    expect(merged.missingInto).toEqual([]);
    expect(merged.invalidInto).toEqual([]);
    expect(planSummary(merged)).toEqual({ accepted: 1, bracketed: 1, deferred: 0, notRetained: 0, merged: 1, unchosen: 0 });

    expect(handlingPlan(proposals, { p2: { action: "merge", text: "" } }, 0).missingInto).toEqual(["p2"]);
    const intoClosed = handlingPlan(proposals, { p2: { action: "merge", text: "", into: "p1" }, p1: { action: "not-retain", text: "" } }, 0);
    expect(intoClosed.invalidInto).toEqual(["p2"]);
    const intoMerged = handlingPlan(proposals, { p2: { action: "merge", text: "", into: "p4" }, p4: { action: "merge", text: "", into: "p1" } }, 0);
    expect(intoMerged.invalidInto).toEqual(["p2"]);
    expect(handlingPlan(proposals, { p2: { action: "merge", text: "", into: "p3" } }, 0).invalidInto).toEqual(["p2"]);
  });

  it("carries the chair's wording for an accepted-with-modifications proposal, and names one left without wording", () => {
    expect(handlingPlan(proposals, { p1: { action: "accept-modified", text: "will" } }, 0).handlings[0]).toEqual({ proposal: "p1", action: "accept-modified", text: "will" });
    expect(handlingPlan(proposals, { p1: { action: "accept-modified", text: "  " } }, 0).missingText).toEqual(["p1"]);
  });
});
