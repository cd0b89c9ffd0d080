// Titles fall back sensibly between languages; instants carry their zone; languages are named in the reader's language.
import { describe, expect, it } from "vitest";
import { formatInstantIn, languageName, pickText } from "./negotiation-format";

describe("pickText", () => {
  it("prefers the reader's language, then the base language, then any", () => {
    expect(pickText({ ru: "Декларация", en: "Declaration" }, "en", "ru")).toBe("Declaration");
    expect(pickText({ ru: "Декларация", en: "Declaration" }, "zh", "ru")).toBe("Декларация");
    expect(pickText({ en: "Declaration" }, "zh", "ru")).toBe("Declaration");
    expect(pickText(null, "en")).toBe("");
  });
});

describe("formatInstantIn", () => {
  it("writes the instant in the zone named, whatever the machine's zone", () => {
    expect(formatInstantIn("2025-08-20T12:00:00Z", "ru", "Asia/Bishkek")).toBe("20 авг. 2025 г., 18:00 GMT+6");
    expect(formatInstantIn("2025-08-20T12:00:00Z", "zh-CN", "UTC")).toBe("2025年8月20日 UTC 12:00");
  });
});

describe("languageName", () => {
  it("names a document language in the reader's language", () => {
    expect(languageName("zh", "en")).toBe("Chinese");
    expect(languageName("en", "ru")).toBe("английский");
    expect(languageName("ru", "zh-CN")).toBe("俄语");
    expect(languageName("zh", "ru", "label")).toBe("Китайский");
  });
});
