// The meetings' counted phrases read right in each language, through i18next with the real locale files: Russian takes
// the form each number needs, Chinese its one form with full-width punctuation.
import i18next, { type TFunction } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import en from "../../i18n/locales/en.json";
import ru from "../../i18n/locales/ru.json";
import zhCN from "../../i18n/locales/zh-CN.json";

let t: Record<"en" | "ru" | "zh-CN", TFunction>;

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ resources: { en: { translation: en }, ru: { translation: ru }, "zh-CN": { translation: zhCN } }, lng: "en", interpolation: { escapeValue: false } });
  t = { en: instance.getFixedT("en"), ru: instance.getFixedT("ru"), "zh-CN": instance.getFixedT("zh-CN") };
});

describe("counted phrases of meetings", () => {
  it("counts requests for the floor in Russian by their number", () => {
    expect([1, 2, 5, 11, 21, 22].map((count) => t.ru("meetings.speakers.queueTitle", { count }))).toEqual([
      "В очереди 1 заявка",
      "В очереди 2 заявки",
      "В очереди 5 заявок",
      "В очереди 11 заявок",
      "В очереди 21 заявка",
      "В очереди 22 заявки",
    ]);
    expect([1, 3].map((count) => t.en("meetings.speakers.queueTitle", { count }))).toEqual(["1 request waiting", "3 requests waiting"]);
    expect(t["zh-CN"]("meetings.speakers.queueTitle", { count: 3 })).toBe("等候发言：3 项");
  });

  it("says the speaking time and the delegates a quota leaves in the form the number needs", () => {
    expect([1, 2, 5].map((count) => t.ru("meetings.speakers.minutes", { count }))).toEqual(["1 минута", "2 минуты", "5 минут"]);
    expect([1, 2, 5, 21].map((count) => t.ru("meetings.accreditation.quotaExceeded", { count, quota: 10, held: 9 }).split(", ").at(-1))).toEqual([
      "можно добавить не более 1 делегата.",
      "можно добавить не более 2 делегатов.",
      "можно добавить не более 5 делегатов.",
      "можно добавить не более 21 делегата.",
    ]);
    expect(t.en("meetings.accreditation.quotaExceeded", { count: 1, quota: 3, held: 2 })).toBe("Beyond your quota of 3: 2 already submitted or approved, so 1 more delegate at most.");
  });

  it("counts meetings and delegations present", () => {
    expect([1, 4, 10].map((count) => t.ru("meetings.list.count", { count, total: String(count) }))).toEqual(["1 заседание", "4 заседания", "10 заседаний"]);
    expect([1, 3, 5].map((count) => t.ru("meetings.outcome.attendanceCount", { count }))).toEqual(["Присутствовала 1 делегация", "Присутствовали 3 делегации", "Присутствовали 5 делегаций"]);
  });

  it("writes a reading's label with the punctuation of each language", () => {
    expect(t["zh-CN"]("meetings.reading", { label: "会议地点时间" })).toBe("<label>会议地点时间：</label><value/>");
    expect(t.en("meetings.reading", { label: "At the venue" })).toBe("<label>At the venue:</label> <value/>");
  });
});
