// A document's rule reads by the organization's names for it, its kind of decision and the member concerned; the
// subjects offered, the members a decision may concern and the non-members the chair may invite come from the
// organization's data.
import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import type { Organization, StateListItem } from "../../../contracts/registry";
import { decisionSubjects, describeRule, memberStates, namesConcerned, nonMemberParties, ruleForSubject, type RuleNames } from "./decision-rule";

const t = ((key: string, options?: Record<string, unknown>) => (options ? `${key}${JSON.stringify(options)}` : key)) as unknown as TFunction;

const RULES: Organization["decisionRules"] = [
  { code: "consensus", names: { en: "Consensus", ru: "Консенсус" }, appliesTo: { en: "All decisions" }, source: "charter" },
  {
    code: "consensus_minus_one",
    names: { en: "Consensus minus one" },
    appliesTo: { en: "Suspension or expulsion of a member" },
    excludesConcerned: true,
    subjects: [
      { code: "suspension", names: { en: "Suspension of a member" } },
      { code: "expulsion", names: { en: "Expulsion of a member" } },
    ],
    source: "charter",
  },
];
const names: RuleNames = { text: (value) => value.en ?? "", party: (code) => ({ BY: "Belarus" })[code] ?? code };

describe("describeRule", () => {
  it("names the general rule alone, and a subject's rule with the subject and the member concerned", () => {
    expect(describeRule({ rule: "consensus", subject: null, concerning: null }, RULES, names, t)).toBe("Consensus");
    expect(describeRule({ rule: "consensus_minus_one", subject: "suspension", concerning: "BY" }, RULES, names, t)).toBe(
      'negotiation.rule.withConcerned{"rule":"Consensus minus one","subject":"Suspension of a member","member":"Belarus"}',
    );
  });

  it("shows by its code what the organization's data no longer names", () => {
    expect(describeRule({ rule: "unanimity", subject: "accession", concerning: null }, RULES, names, t)).toBe('negotiation.rule.withSubject{"rule":"unanimity","subject":"accession"}');
  });
});

describe("subjects and their rules", () => {
  it("lists each subject with its rule, and finds the general rule for none", () => {
    expect(decisionSubjects(RULES).map((s) => [s.code, s.rule.code])).toEqual([
      ["suspension", "consensus_minus_one"],
      ["expulsion", "consensus_minus_one"],
    ]);
    expect(ruleForSubject(RULES, null)?.code).toBe("consensus");
    expect(ruleForSubject(RULES, "expulsion")?.code).toBe("consensus_minus_one");
    expect(ruleForSubject(RULES, "accession")).toBeUndefined();
  });

  it("asks for the member concerned only under a rule that leaves its objection out", () => {
    expect(namesConcerned(RULES, "suspension")).toBe(true);
    expect(namesConcerned(RULES, null)).toBe(false);
  });
});

describe("memberStates", () => {
  it("keeps the states whose status lets them object", () => {
    const rights = { attend: true, attendByRight: true, speak: true, circulateStatements: true, propose: true, chair: true, seeDrafts: true };
    const tiers = [
      { code: "member", names: {}, isStanding: true, rights: { ...rights, object: true }, source: "charter" },
      { code: "observer", names: {}, isStanding: true, rights: { ...rights, object: false }, source: "charter" },
    ];
    const state = (code: string, tier: string): StateListItem => ({ code, isoNumeric: "000", names: {}, tier, since: "2001", sincePrecision: "year", suspended: false });
    expect(memberStates([state("BY", "member"), state("MN", "observer")], tiers).map((s) => s.code)).toEqual(["BY"]);
    // Whom the chair may invite: the others, and partner organizations, not those invited already.
    expect(nonMemberParties([state("BY", "member"), state("MN", "observer"), state("AZ", "observer")], tiers, [{ code: "ASEAN" }], ["AZ"])).toEqual(["MN", "ASEAN"]);
  });
});
