import { describe, expect, it } from "vitest";
import type { BadgeVerification } from "../../../../contracts/meetings";
import { displayZone, instantAt, namesInOrder, verdictOf } from "./verify-view";

const ANSWER: BadgeVerification = {
  isValid: true,
  reason: null,
  validUntil: "2025-07-16T15:00:00.000Z",
  meeting: { id: "m", title: { en: "CMFA" }, start: null, end: null, timeZone: "Asia/Shanghai", startDate: "2025-07-15", endDate: "2025-07-16", isDemo: false },
  delegation: { code: "RU", names: { ru: "Россия" } },
  revocation: null,
  delegate: { name: { ru: "Сергей Лавров", en: "Sergey Lavrov" }, function: {}, rank: "minister" },
  checkedAt: "2025-07-15T06:00:05.000Z",
};

describe("the verdict", () => {
  it("is valid or not as the server says, and unknown when no badge has the code", () => {
    expect(verdictOf(ANSWER)).toBe("valid");
    expect(verdictOf({ ...ANSWER, isValid: false, reason: "expired" })).toBe("invalid");
    expect(verdictOf(null)).toBe("unknown");
  });
});

describe("the delegate's names", () => {
  it("come in the reader's order, blanks and repeats left out", () => {
    expect(namesInOrder({ en: "Wang Yi", zh: "王毅", ru: "Ван И", kk: " " }, ["zh", "ru", "en"])).toEqual(["王毅", "Ван И", "Wang Yi"]);
    expect(namesInOrder({ en: "Aigerim", kk: "Aigerim", ar: "x" }, ["ru"])).toEqual(["x", "Aigerim"]);
  });
});

describe("instants on the page", () => {
  it("are shown at the venue, to the second, with the zone's offset", () => {
    expect(instantAt("2025-07-15T06:00:05Z", "en", "Asia/Shanghai")).toBe("July 15, 2025 at 02:00:05 PM GMT+8");
    expect(instantAt("2025-07-15T06:00:05Z", "ru", "Asia/Shanghai")).toBe("15 июля 2025 г. в 14:00:05 GMT+8");
    expect(instantAt("2025-07-15T06:00:05Z", "zh-CN", "Asia/Shanghai")).toBe("2025年7月15日 GMT+8 14:00:05");
  });

  it("fall back to the reader's zone when the meeting has none or an unknown one", () => {
    expect(displayZone("Asia/Bishkek", "Europe/Moscow")).toBe("Asia/Bishkek");
    expect(displayZone(null, "Europe/Moscow")).toBe("Europe/Moscow");
    expect(displayZone("Mars/Olympus", "UTC")).toBe("UTC");
  });
});
