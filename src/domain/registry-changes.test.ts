import { describe, expect, it } from "vitest";
import { checkConsistency } from "./dataset-consistency.js";
import { countByTier, timelineOf } from "./membership.js";
import { applyRegistryChanges } from "./registry-changes.js";
import type { Registry, Tier } from "./registry.js";

const text = (en: string) => ({ zh: en, ru: en, en });
const rights = (all: boolean) => ({ attend: true, attendByRight: false, speak: all, circulateStatements: all, propose: all, object: all, chair: all, seeDrafts: all });
const tier = (code: string, extra: Partial<Tier> = {}): Tier => ({ code, names: text(code), isStanding: true, rights: rights(code === "member"), source: "s", ...extra });

/** A small organization: two members, an observer and a dialogue partner. */
function registry(): Registry {
  return {
    organization: {
      code: "ORG",
      names: text("Organization"),
      shortNames: text("ORG"),
      founded: "2001",
      officialLanguages: ["en"],
      workingLanguages: ["en"],
      tiers: [tier("member"), tier("observer"), tier("dialogue_partner")],
      decisionRules: [],
      rotation: { orderLanguage: "en", termYears: 1, description: text("yearly"), source: "s" },
      values: [],
      valuesName: text("values"),
      source: "s",
    },
    sources: [{ key: "s", title: text("Source") }],
    states: ["AA", "BB", "CC", "DD"].map((code, i) => ({ code, isoNumeric: String(100 + i), names: text(code), source: "s" })),
    organizations: [],
    bodies: [{ code: "SUM", kind: "council", names: text("Summit"), shortNames: text("S"), description: text("d"), order: 1, source: "s" }],
    decisions: [{ id: "d-2001", body: "SUM", date: "2001", title: text("Founding"), source: "s" }],
    membership: [
      { id: "aa", state: "AA", kind: "admitted", tier: "member", date: "2001", decision: "d-2001", source: "s" },
      { id: "bb", state: "BB", kind: "admitted", tier: "member", date: "2001", decision: "d-2001", source: "s" },
      { id: "cc", state: "CC", kind: "admitted", tier: "observer", date: "2001", decision: "d-2001", source: "s" },
      { id: "dd", state: "DD", kind: "admitted", tier: "dialogue_partner", date: "2001", decision: "d-2001", source: "s" },
    ],
    reclassifications: [],
    accessions: [],
    summits: [],
    chairmanship: [],
    rotation: [],
    secretariesGeneral: [],
  };
}

const merger = [
  { put: "decisions" as const, record: { id: "d-2025", body: "SUM", date: "2025-09-01", title: text("Merger"), source: "s" } },
  { put: "tiers" as const, record: tier("partner", { rights: rights(false), established: "2025-09-01" }) },
  { put: "tiers" as const, record: tier("observer", { retired: "2025-09-01", successor: "partner" }) },
  { put: "tiers" as const, record: tier("dialogue_partner", { retired: "2025-09-01", successor: "partner" }) },
  { put: "reclassifications" as const, record: { id: "merge", from: ["observer", "dialogue_partner"], to: "partner", date: "2025-09-01", decision: "d-2025", source: "s" } },
];

describe("registry changes", () => {
  it("adds new records at the end and corrects records in place, saying which it did and keeping what a correction replaced", () => {
    const before = registry();
    const { registry: after, applied } = applyRegistryChanges(before, merger);
    expect(applied.map((a) => [a.put, a.key, a.outcome])).toEqual([
      ["decisions", "d-2025", "added"],
      ["tiers", "partner", "added"],
      ["tiers", "observer", "corrected"],
      ["tiers", "dialogue_partner", "corrected"],
      ["reclassifications", "merge", "added"],
    ]);
    expect(applied[2]!.previous).toEqual(tier("observer"));
    expect(after.organization.tiers.map((t) => t.code)).toEqual(["member", "observer", "dialogue_partner", "partner"]);
    expect(checkConsistency(after)).toEqual([]);
    expect(countByTier(timelineOf(after), "2025-09-01")).toEqual({ member: 2, partner: 2 });
    expect(countByTier(timelineOf(after), "2025-08-31")).toEqual({ member: 2, observer: 1, dialogue_partner: 1 });
    // The registry it was given is untouched.
    expect(before.organization.tiers).toHaveLength(3);
    expect(before.reclassifications).toEqual([]);
  });

  it("reports a record put again as it is as unchanged, whatever the order of its keys", () => {
    const before = registry();
    const same = { source: "s", names: text("AA"), isoNumeric: "100", code: "AA" };
    const { applied } = applyRegistryChanges(before, [{ put: "states", record: same }]);
    expect(applied).toEqual([{ put: "states", key: "AA", outcome: "unchanged" }]);
  });

  it("leaves an inconsistency for the checks to find: retiring a tier that states still hold, with no reclassification", () => {
    const { registry: after } = applyRegistryChanges(registry(), merger.slice(0, 3));
    const issues = checkConsistency(after);
    expect(issues).toContainEqual(expect.objectContaining({ section: "organization", field: "tiers.observer.retired", message: expect.stringContaining("CC") }));
  });

  it("refuses a status change to a tier not in force on its date, and a successor that does not exist", () => {
    const { registry: after } = applyRegistryChanges(registry(), [
      ...merger,
      { put: "membership", record: { id: "late", state: "AA", kind: "changed", tier: "observer", date: "2026", decision: "d-2025", source: "s" } },
      { put: "tiers", record: tier("old", { retired: "2020", successor: "nothing" }) },
    ]);
    const fields = checkConsistency(after).map((i) => `${i.section}:${i.record}:${i.field}`);
    expect(fields).toContain("membership:late:tier");
    expect(fields).toContain("organization:ORG:tiers.old.successor");
  });

  it("checks accessions against the organization's stages, its decisions and the order of their steps", () => {
    const base = registry();
    const withStages = { ...base.organization, accessionStages: [{ code: "applied", names: text("Application") }, { code: "granted", names: text("Granted") }] };
    const { registry: after } = applyRegistryChanges(base, [
      { put: "organization", record: withStages },
      {
        put: "accessions",
        record: {
          id: "cc-membership",
          applicant: "CC",
          requestedTier: "member",
          steps: [
            { stage: "granted", date: "2020", decision: "d-none", source: "s" },
            { stage: "unknown", date: "2019", source: "s" },
          ],
          source: "s",
        },
      },
    ]);
    const fields = checkConsistency(after).map((i) => `${i.record}:${i.field}`);
    expect(fields).toEqual(expect.arrayContaining(["cc-membership:steps.0.decision", "cc-membership:steps.1.stage", "cc-membership:steps.1.date"]));
  });
});
