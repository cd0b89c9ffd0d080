import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import { generalRule, resolveDecisionRule, type RuleData } from "./decision-rules.js";

const SCO: RuleData[] = [
  { code: "consensus" },
  { code: "consensus_minus_one", excludesConcerned: true, subjects: [{ code: "suspension" }, { code: "expulsion" }] },
];
const members = new Set(["CN", "RU", "IN", "IR", "BY"]);
const isMember = (party: string) => members.has(party);

function refusal(run: () => unknown): { field: string | undefined; code: string | undefined } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return { field: (error as DomainError).field, code: (error as DomainError).fieldCode };
  }
  throw new Error("expected a refusal");
}

describe("the decision rule of a document", () => {
  it("is the general rule for anything the rules do not name", () => {
    for (const kind of ["declaration", "statement", "decision", "communique"]) {
      expect(resolveDecisionRule(SCO, kind, { subject: null, concerning: null }, isMember)).toEqual({ rule: "consensus", excludesConcerned: false, subject: null, concerning: null });
    }
    expect(generalRule(SCO)?.code).toBe("consensus");
  });

  it("is consensus minus one only for a decision suspending or expelling a member, who must be a member that day", () => {
    expect(resolveDecisionRule(SCO, "decision", { subject: "suspension", concerning: "BY" }, isMember)).toEqual({
      rule: "consensus_minus_one",
      excludesConcerned: true,
      subject: "suspension",
      concerning: "BY",
    });
    expect(resolveDecisionRule(SCO, "decision", { subject: "expulsion", concerning: "IR" }, isMember).rule).toBe("consensus_minus_one");
  });

  it("cannot put a statement, declaration or any other document under consensus minus one", () => {
    for (const kind of ["statement", "declaration", "communique", "agreement", "action-plan"]) {
      expect(refusal(() => resolveDecisionRule(SCO, kind, { subject: "suspension", concerning: "BY" }, isMember))).toEqual({ field: "subject", code: "not-a-decision" });
    }
  });

  it("refuses an unknown subject, a member concerned missing, unknown, not a member, or named under the general rule", () => {
    expect(refusal(() => resolveDecisionRule(SCO, "decision", { subject: "majority", concerning: null }, isMember))).toEqual({ field: "subject", code: "choice" });
    expect(refusal(() => resolveDecisionRule(SCO, "decision", { subject: "suspension", concerning: null }, isMember))).toEqual({ field: "concerning", code: "required" });
    expect(refusal(() => resolveDecisionRule(SCO, "decision", { subject: "suspension", concerning: "MN" }, isMember))).toEqual({ field: "concerning", code: "not-a-member" });
    expect(refusal(() => resolveDecisionRule(SCO, "decision", { subject: "suspension", concerning: "XX" }, isMember))).toEqual({ field: "concerning", code: "not-a-member" });
    expect(refusal(() => resolveDecisionRule(SCO, "statement", { subject: null, concerning: "BY" }, isMember))).toEqual({ field: "concerning", code: "invalid" });
  });

  it("follows another organization's rules: unanimity for everything, no subjects", () => {
    const rules: RuleData[] = [{ code: "unanimity" }];
    expect(resolveDecisionRule(rules, "decision", { subject: null, concerning: null }, isMember).rule).toBe("unanimity");
    expect(refusal(() => resolveDecisionRule(rules, "decision", { subject: "suspension", concerning: "BY" }, isMember))).toEqual({ field: "subject", code: "choice" });
  });
});
