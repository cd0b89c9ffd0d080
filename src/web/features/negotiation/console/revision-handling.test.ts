// The chair sees the default handling of every open proposal (bracket if opposed, else accept) and may override it.
import { describe, expect, it } from "vitest";
import type { ProposalDto } from "../../../../contracts/negotiation";
import { defaultChoice, handlingPlan, planSummary, proposalsToHandle } from "./revision-handling";

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
    positions: [],
    at: "2025-08-01T10:00:00Z",
    ...overrides,
  };
}

describe("defaultChoice", () => {
  it("brackets an opposed proposal and accepts an unopposed one, supported or not", () => {
    expect(defaultChoice(proposal("p1", { opposers: ["IN"], supporters: ["KZ"] })).action).toBe("bracket");
    expect(defaultChoice(proposal("p2", { supporters: ["KZ"] })).action).toBe("accept");
    expect(defaultChoice(proposal("p3")).action).toBe("accept");
  });
});

describe("proposalsToHandle", () => {
  it("keeps open and colliding proposals only", () => {
    const all = [proposal("a"), proposal("b", { status: "applied" }), proposal("c", { status: "colliding" }), proposal("d", { status: "withdrawn" })];
    expect(proposalsToHandle(all).map((p) => p.id)).toEqual(["a", "c"]);
  });
});

describe("handlingPlan", () => {
  const proposals = [proposal("p1", { opposers: ["IN"] }), proposal("p2"), proposal("p3", { status: "applied" })];

  it("sends every open proposal's handling, defaults where the chair chose nothing", () => {
    const plan = handlingPlan(proposals, { p2: { action: "defer", text: "ignored" } });
    expect(plan.handlings).toEqual([
      { proposal: "p1", action: "bracket" },
      { proposal: "p2", action: "defer" },
    ]);
    expect(plan.missingText).toEqual([]);
    expect(planSummary(plan)).toEqual({ accepted: 0, bracketed: 1, other: 1 });
  });

  it("carries the chair's wording for an accepted-with-modifications proposal, and names one left without wording", () => {
    expect(handlingPlan(proposals, { p1: { action: "accept-modified", text: "will" } }).handlings[0]).toEqual({ proposal: "p1", action: "accept-modified", text: "will" });
    expect(handlingPlan(proposals, { p1: { action: "accept-modified", text: "  " } }).missingText).toEqual(["p1"]);
  });
});
