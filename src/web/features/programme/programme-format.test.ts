import i18next, { type TFunction } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import en from "../../i18n/locales/en.json";
import ru from "../../i18n/locales/ru.json";
import zhCN from "../../i18n/locales/zh-CN.json";
import { cellPlace, cellProblem, monthLabel, reportedCount } from "./programme-format";

let t: Record<"en" | "ru" | "zh-CN", TFunction>;

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ resources: { en: { translation: en }, ru: { translation: ru }, "zh-CN": { translation: zhCN } }, lng: "en", interpolation: { escapeValue: false } });
  t = { en: instance.getFixedT("en"), ru: instance.getFixedT("ru"), "zh-CN": instance.getFixedT("zh-CN") };
});

describe("a spreadsheet error in the reader's language", () => {
  it("names the row and the column as the spreadsheet shows them", () => {
    expect(cellPlace("row 7, column start (E)", t.en)).toBe("Row 7, column “start” (E)");
    expect(cellPlace("row 7, column start (E)", t.ru)).toBe("Строка 7, столбец «start» (E)");
    expect(cellPlace("row 7, column start (E)", t["zh-CN"])).toBe("第 7 行，“start”列（E）");
    expect(cellPlace("column status", t.en)).toBe("Column “status”");
    expect(cellPlace("row 1, column  (P)", t.en)).toBe("Row 1, column P");
    expect(cellPlace("file", t.ru)).toBe("Весь файл");
  });

  it("says what is wrong by its code, with the bound in the form its number needs", () => {
    expect(cellProblem({ code: "bad-date" }, t.en)).toMatch(/^Not a date/);
    expect(cellProblem({ code: "unknown-track" }, t["zh-CN"])).toMatch(/^不是有效的领域/);
    expect(cellProblem({ code: "too-long", limit: 300 }, t.ru)).toBe("Слишком длинно: не более 300 символов.");
    expect(cellProblem({ code: "too-long", limit: 301 }, t.ru)).toBe("Слишком длинно: не более 301 символа.");
    // A bound of reading the file, in the reader's numbers.
    const number = (language: string) => (n: number) => new Intl.NumberFormat(language).format(n);
    expect(cellProblem({ code: "too-many-columns", limit: 26 }, t.en, number("en"))).toBe(
      "The sheet has cells beyond column Z (at most 26 columns): delete the columns after the programme's and try again.",
    );
    expect(cellProblem({ code: "too-many-columns", limit: 21 }, t.ru, number("ru"))).toMatch(/правее столбца U \(не более 21 столбца\)/);
    expect(cellProblem({ code: "too-many-sheet-rows", limit: 10_000 }, t.ru, number("ru"))).toMatch(/^В листе есть строки ниже строки 10\u00a0000 .* не более 2\u00a0000 мероприятий/);
    expect(cellProblem({ code: "unpacked-too-large", limit: 32 * 1024 * 1024 }, t["zh-CN"], number("zh-CN"))).toMatch(/^工作簿解压后超过 32 MiB/);
    expect(cellProblem({ code: "too-many-entries", limit: 1_000 }, t.en, number("en"))).toMatch(/^The workbook file holds more than 1,000 parts/);
    // A text check the programme has no words of its own for falls back to the general message.
    expect(cellProblem({ code: "bidi-controls" }, t.en)).toBe(t.en("problems.field.bidi-controls"));
  });
});

describe("a count as the source reports it", () => {
  it("keeps the source's wording: more than 100", () => {
    const format = (n: number) => String(n);
    expect(reportedCount(100, "more_than", t.en, format)).toBe("More than 100 events");
    expect(reportedCount(100, "more_than", t.ru, format)).toBe("Более 100 мероприятий");
    expect(reportedCount(21, "more_than", t.ru, format)).toBe("Более 21 мероприятия");
    expect(reportedCount(100, "more_than", t["zh-CN"], format)).toBe("100多项活动");
    expect(reportedCount(12, "exactly", t.en, format)).toBe("12 events");
    expect(reportedCount(40, "about", t.ru, format)).toBe("Около 40 мероприятий");
  });
});

describe("a chart's month", () => {
  it("is named in the reader's language", () => {
    expect(monthLabel("2025-04", "en")).toBe("Apr 2025");
    expect(monthLabel("2025-04", "zh-CN")).toBe("2025年4月");
  });
});
