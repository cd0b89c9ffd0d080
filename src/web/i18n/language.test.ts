// Browser languages map onto the three interface languages, and each reads the right data text.
import { describe, expect, it } from "vitest";
import { dataLanguageOf, resolveUiLanguage } from "./language";

describe("resolveUiLanguage", () => {
  it("maps every Chinese variant to zh-CN", () => {
    for (const tag of ["zh", "zh-CN", "zh-TW", "zh-Hant-HK", "ZH-cn"]) expect(resolveUiLanguage(tag)).toBe("zh-CN");
  });
  it("maps every Russian variant to ru", () => {
    for (const tag of ["ru", "ru-RU", "ru-KZ"]) expect(resolveUiLanguage(tag)).toBe("ru");
  });
  it("falls back to English for anything else, including nothing", () => {
    for (const tag of ["en-GB", "fr", "kk", "", undefined, null, "zhuang"]) expect(resolveUiLanguage(tag)).toBe("en");
  });
});

describe("dataLanguageOf", () => {
  it("reads the zh field for the Chinese interface", () => {
    expect(dataLanguageOf("zh-CN")).toBe("zh");
    expect(dataLanguageOf("ru")).toBe("ru");
    expect(dataLanguageOf("en")).toBe("en");
  });
});
