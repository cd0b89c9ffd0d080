// "Contested only" keeps provisions with brackets or opposed proposals; "mine only" keeps those my delegation proposes to change.
import { describe, expect, it } from "vitest";
import type { ProposalDto, ProvisionDto } from "../../../../contracts/negotiation";
import { closedProposalsByProvision, isContested, openProposalsByProvision, proposalsAtStart, visibleProvisions } from "./provision-filters";

function provision(id: string, overrides: Partial<ProvisionDto> = {}): ProvisionDto {
  return { id, number: id.toUpperCase(), kind: "operative", texts: { ru: "текст" }, status: "open", version: 1, facilitator: null, outdated: [], brackets: [], options: null, ...overrides };
}

function proposal(id: string, change: ProposalDto["change"], overrides: Partial<ProposalDto> = {}): ProposalDto {
  return {
    id,
    label: id,
    delegation: "RU",
    change,
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
    at: "2025-08-01T10:00:00Z",
    ...overrides,
  };
}

const bracket = { index: 0, start: 0, end: 5, alternatives: [], requestedBy: ["IN"] };
const provisions = [provision("op1"), provision("op2", { status: "bracketed", brackets: [bracket] }), provision("op3"), provision("op4")];
const proposals = [
  proposal("P1", { type: "delete", provision: "op1", start: 0, end: 2 }, { opposers: ["IN"] }),
  proposal("P2", { type: "add-provision", after: "op3", kind: "operative", text: "новый" }, { delegation: "PK" }),
  proposal("P3", { type: "add-provision", after: null, kind: "preambular", text: "начало" }, { delegation: "KZ" }),
  proposal("P4", { type: "delete-provision", provision: "op4" }, { status: "applied" }),
];
const document = { provisions, proposals };

describe("openProposalsByProvision", () => {
  it("groups open proposals under the provision they are about, an added one under the provision it follows", () => {
    const grouped = openProposalsByProvision(proposals);
    expect(grouped.get("op1")?.map((p) => p.id)).toEqual(["P1"]);
    expect(grouped.get("op3")?.map((p) => p.id)).toEqual(["P2"]);
    expect(grouped.has("op4")).toBe(false);
  });

  it("keeps the closed ones apart, shown on request under their provision", () => {
    expect(closedProposalsByProvision(proposals).get("op4")?.map((p) => p.id)).toEqual(["P4"]);
    expect(closedProposalsByProvision(proposals).has("op1")).toBe(false);
    expect(visibleProvisions(document, { onlyContested: false, onlyMine: false, delegation: "RU" }).find((v) => v.provision.id === "op4")?.closed.map((p) => p.id)).toEqual(["P4"]);
  });
});

describe("isContested", () => {
  it("counts brackets, a bracketed status and opposed proposals; support alone is not a contest", () => {
    expect(isContested(provisions[1]!, [])).toBe(true);
    expect(isContested(provisions[0]!, [proposals[0]!])).toBe(true);
    expect(isContested(provisions[2]!, [proposals[1]!])).toBe(false);
  });
});

describe("visibleProvisions", () => {
  it("shows everything without filters", () => {
    expect(visibleProvisions(document, { onlyContested: false, onlyMine: false, delegation: "RU" }).map((v) => v.provision.id)).toEqual(["op1", "op2", "op3", "op4"]);
  });

  it("keeps contested provisions only", () => {
    expect(visibleProvisions(document, { onlyContested: true, onlyMine: false, delegation: "RU" }).map((v) => v.provision.id)).toEqual(["op1", "op2"]);
  });

  it("keeps provisions with my delegation's open proposals, and only those proposals", () => {
    const mine = visibleProvisions(document, { onlyContested: false, onlyMine: true, delegation: "PK" });
    expect(mine.map((v) => [v.provision.id, v.proposals.map((p) => p.id)])).toEqual([["op3", ["P2"]]]);
    expect(visibleProvisions(document, { onlyContested: false, onlyMine: true, delegation: null })).toEqual([]);
  });

  it("combines both filters", () => {
    expect(visibleProvisions(document, { onlyContested: true, onlyMine: true, delegation: "RU" }).map((v) => v.provision.id)).toEqual(["op1"]);
  });
});

describe("proposalsAtStart", () => {
  it("lists proposals to add a provision before all others, filtered like the rest", () => {
    expect(proposalsAtStart(proposals, { onlyContested: false, onlyMine: false, delegation: "RU" }).map((p) => p.id)).toEqual(["P3"]);
    expect(proposalsAtStart(proposals, { onlyContested: false, onlyMine: true, delegation: "RU" })).toEqual([]);
  });
});
