import { describe, expect, it } from "vitest";
import { fallbackOrder, organizationLanguages, pick, textDirection } from "./localized-text.js";

describe("an organization's languages", () => {
  it("are its official, then working, then translation languages, each once", () => {
    expect(organizationLanguages({ officialLanguages: ["zh", "ru"], workingLanguages: ["zh", "ru"], translationLanguages: ["en"] })).toEqual(["zh", "ru", "en"]);
    expect(organizationLanguages({ officialLanguages: ["fr"], workingLanguages: ["fr", "ar"] })).toEqual(["fr", "ar"]);
  });

  it("give a reader's order: their language, the organization's, then English and the interface's", () => {
    expect(fallbackOrder("ar", ["fr", "ar"])).toEqual(["ar", "fr", "en", "zh", "ru"]);
    expect(pick({ fr: "Forum", ar: "منتدى" }, fallbackOrder("ru", ["fr", "ar"]))).toBe("Forum");
  });
});

describe("the direction a language is written in", () => {
  it("is right to left for Arabic, Persian, Hebrew, Urdu, Pashto, Uyghur and Yiddish", () => {
    for (const code of ["ar", "fa", "he", "ur", "ps", "ug", "yi", "ar-EG", "AR"]) expect(textDirection(code), code).toBe("rtl");
  });

  it("is left to right for the SCO's languages and others", () => {
    for (const code of ["zh", "zh-Hans-CN", "ru", "en", "fr", "kk", "hi", "az", "tg", "uz"]) expect(textDirection(code), code).toBe("ltr");
  });

  it("follows the script a tag names", () => {
    expect(textDirection("az-Arab")).toBe("rtl");
    expect(textDirection("pa-Arab-PK")).toBe("rtl");
    expect(textDirection("ug-Cyrl")).toBe("ltr");
    expect(textDirection("uz-Latn")).toBe("ltr");
  });
});
