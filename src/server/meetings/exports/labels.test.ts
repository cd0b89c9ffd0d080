import { describe, expect, it } from "vitest";
import { RANKS } from "../../../domain/meetings/accreditation.js";
import { delegateCount, EXPORT_LANGUAGES, labelsFor, languageName, rankLabel, readerLanguage } from "./labels.js";

describe("the reader's language", () => {
  it("is ?lang= when given, whatever Accept-Language says", () => {
    expect(readerLanguage("zh", "ru-RU,ru;q=0.9")).toBe("zh");
  });

  it("is the first of Accept-Language that Concord writes in, by q-value then order", () => {
    expect(readerLanguage(undefined, "ru-RU,ru;q=0.9,en;q=0.8")).toBe("ru");
    expect(readerLanguage(undefined, "zh-Hans-CN")).toBe("zh");
    expect(readerLanguage(undefined, "fr-FR, de;q=0.9, ru;q=0.5, en;q=0.7")).toBe("en");
    expect(readerLanguage(undefined, "en;q=0.2, zh;q=0.8")).toBe("zh");
    // q=0 means "not this one".
    expect(readerLanguage(undefined, "ru;q=0, kk")).toBe("en");
  });

  it("is English when nothing usable is asked for", () => {
    expect(readerLanguage(undefined, undefined)).toBe("en");
    expect(readerLanguage(undefined, "")).toBe("en");
    expect(readerLanguage(undefined, ";;;,q=x")).toBe("en");
    expect(readerLanguage("fr", "de")).toBe("en");
  });
});

describe("the export's words", () => {
  it("name every rank in every language, each differently", () => {
    for (const language of EXPORT_LANGUAGES) {
      const labels = RANKS.map((rank) => rankLabel(rank, language));
      expect(labels.every((l) => l.trim() !== "")).toBe(true);
      expect(new Set(labels).size).toBe(RANKS.length);
    }
    expect(rankLabel("head_of_state_or_government", "ru")).toBe("Глава государства или правительства");
    expect(rankLabel("minister", "zh")).toBe("部长");
  });

  it("count delegates with the plural form the language needs", () => {
    expect([1, 2, 5, 21, 22, 25, 11].map((n) => delegateCount(n, "ru"))).toEqual([
      "1 делегат",
      "2 делегата",
      "5 делегатов",
      "21 делегат",
      "22 делегата",
      "25 делегатов",
      "11 делегатов",
    ]);
    expect(delegateCount(1, "en")).toBe("1 delegate");
    expect(delegateCount(3000, "en")).toBe("3,000 delegates");
    expect(delegateCount(3, "zh")).toBe("3名代表");
  });

  it("write Chinese labels with full-width punctuation only", () => {
    const zh = labelsFor("zh");
    const texts = [zh.noParticipants, zh.demonstration, zh.page(1, 2), zh.asOf("2025年7月15日"), zh.nameIn("中文"), zh.scanToVerify];
    for (const text of texts) expect(text).not.toMatch(/[:(),;!?]/);
    expect(zh.nameIn("中文")).toBe("姓名（中文）");
  });

  it("name a language in the reader's language, or by its code when Intl does not know it", () => {
    expect(languageName("zh", "en")).toBe("Chinese");
    expect(languageName("kk", "ru")).toBe("казахский");
    expect(languageName("ru", "zh")).toBe("俄语");
    expect(languageName("not a code", "en")).toBe("not a code");
  });
});
