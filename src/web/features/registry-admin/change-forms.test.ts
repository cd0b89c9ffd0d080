import { describe, expect, it } from "vitest";
import { RECORD_SCHEMAS } from "../../../contracts/registry-changes";
import { emptyValues, FORM_TARGETS, isJsonTarget, recordLanguages, recordOf, recordOfJson, valuesOf } from "./change-forms";

/** The SCO's languages in a form: its own (Chinese, Russian; English translations), then the interface's. */
const SCO = ["zh", "ru", "en"];

const observer = {
  code: "observer",
  names: { zh: "观察员国", ru: "Государство-наблюдатель", en: "Observer state" },
  countNames: { en: { one: "observer state", other: "observer states" } },
  isStanding: true,
  rights: { attend: true, attendByRight: false, speak: true, circulateStatements: true, propose: false, object: false, chair: false, seeDrafts: false },
  source: "obs-reg",
};

describe("registry change forms", () => {
  it("shows a record and makes it back unchanged, keeping what the form does not show", () => {
    const values = valuesOf("tiers", observer, SCO);
    expect(values["names.ru"]).toBe("Государство-наблюдатель");
    expect(values["rights.speak"]).toBe(true);
    expect(recordOf("tiers", values, observer)).toEqual(observer);
  });

  it("makes a correction: a tier retired with its successor, the rest as it was", () => {
    const values = { ...valuesOf("tiers", observer, SCO), retired: "2025-09-01", successor: "partner" };
    const record = recordOf("tiers", values, observer);
    expect(record).toEqual({ ...observer, retired: "2025-09-01", successor: "partner" });
    expect(RECORD_SCHEMAS.tiers.safeParse(record).success).toBe(true);
  });

  it("leaves out empty optional fields, and keeps only the languages typed in", () => {
    const values = {
      ...emptyValues("membership", SCO),
      id: "LA-2025-partner",
      state: "LA",
      kind: "admitted",
      tier: "partner",
      date: "2025-09-01",
      decision: "CHS-2025-partner-LA",
      source: "summit-2025",
      "reason.en": "Granted at Tianjin",
    };
    expect(recordOf("membership", values)).toEqual({
      id: "LA-2025-partner",
      state: "LA",
      kind: "admitted",
      tier: "partner",
      date: "2025-09-01",
      decision: "CHS-2025-partner-LA",
      source: "summit-2025",
      reason: { en: "Granted at Tianjin" },
    });
    // A withdrawal has no tier: null, as the schema wants.
    expect(recordOf("membership", { ...values, kind: "left", tier: "" }).tier).toBeNull();
  });

  it("gives every empty form a record the contract refuses with a reason, never one it accepts by accident", () => {
    for (const target of FORM_TARGETS) {
      const result = RECORD_SCHEMAS[target].safeParse(recordOf(target, emptyValues(target, SCO)));
      expect(result.success, target).toBe(false);
    }
  });
});

describe("records written as JSON", () => {
  it("takes a JSON object and nothing else", () => {
    expect(recordOfJson('{"id": "x"}')).toEqual({ id: "x" });
    expect(recordOfJson("[1, 2]")).toBeNull();
    expect(recordOfJson("null")).toBeNull();
    expect(recordOfJson("{ id: x }")).toBeNull();
  });

  it("offers JSON for the records with lists of their own, and forms for the rest", () => {
    expect(isJsonTarget("accessions")).toBe(true);
    expect(isJsonTarget("organization")).toBe(true);
    expect(isJsonTarget("membership")).toBe(false);
    for (const target of FORM_TARGETS) expect(isJsonTarget(target)).toBe(false);
  });
});

describe("the languages of a form's texts", () => {
  it("offers the organization's languages first, then the interface's", () => {
    expect(recordLanguages({ officialLanguages: ["zh", "ru"], workingLanguages: ["zh", "ru"] })).toEqual(["zh", "ru", "en"]);
    expect(recordLanguages({ officialLanguages: ["fr"], workingLanguages: ["fr", "es"] })).toEqual(["fr", "es", "zh", "ru", "en"]);
    expect(recordLanguages({ officialLanguages: ["fr", "ar"], workingLanguages: ["fr"], translationLanguages: ["es"] })).toEqual(["fr", "ar", "es", "zh", "ru", "en"]);
  });

  it("keeps a text's other languages when the record is corrected", () => {
    const state = { code: "FR", isoNumeric: "250", names: { fr: "France", en: "France", de: "Frankreich" }, source: "s" };
    const values = valuesOf("states", state, ["fr", "en"]);
    expect(values["names.de"]).toBe("Frankreich");
    expect(recordOf("states", { ...values, "names.en": "French Republic" }, state)).toEqual({ ...state, names: { fr: "France", en: "French Republic", de: "Frankreich" } });
  });
});
