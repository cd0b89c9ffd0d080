// Dates are typed in the order of the interface language and read back strictly into the forms' own values.
import { describe, expect, it } from "vitest";
import { datePattern, dateTimePattern, dayjsLocale, fromPickerDateTime, readTypedDate, readTypedDateTime, toPickerDateTime } from "./date-fields";

describe("the order a date is typed in", () => {
  it("follows the interface language, not the browser's", () => {
    expect(datePattern("ru")).toBe("DD.MM.YYYY");
    expect(datePattern("zh-CN")).toBe("YYYY/MM/DD");
    expect(datePattern("en")).toBe("MM/DD/YYYY");
    expect(dateTimePattern("ru")).toBe("DD.MM.YYYY HH:mm");
    expect([dayjsLocale("zh-CN"), dayjsLocale("ru"), dayjsLocale("en")]).toEqual(["zh-cn", "ru", "en"]);
  });

  it("reads the same day from each language's way of writing it, and nothing else", () => {
    expect(readTypedDate("10.12.2026", datePattern("ru"))).toBe("2026-12-10");
    expect(readTypedDate("2026/12/10", datePattern("zh-CN"))).toBe("2026-12-10");
    expect(readTypedDate("12/10/2026", datePattern("en"))).toBe("2026-12-10");
    // Not a day, not in the pattern, or another language's order: refused, never guessed.
    for (const [text, language] of [
      ["31.02.2026", "ru"],
      ["12/10/2026", "ru"],
      ["2026-12-10", "ru"],
      ["10.12.26", "ru"],
      ["13/10/2026", "en"],
      ["", "zh-CN"],
    ] as const) {
      expect(readTypedDate(text, datePattern(language)), `${text} in ${language}`).toBeNull();
    }
  });

  it("reads a date and a 24-hour time, as the picker keeps it", () => {
    expect(readTypedDateTime("10.12.2026 09:30", dateTimePattern("ru"))).toBe("2026-12-10 09:30:00");
    expect(readTypedDateTime("2026/12/10  18:00", dateTimePattern("zh-CN"))).toBe("2026-12-10 18:00:00");
    expect(readTypedDateTime("12/10/2026 24:00", dateTimePattern("en"))).toBeNull();
    expect(readTypedDateTime("12/10/2026", dateTimePattern("en"))).toBeNull();
  });
});

describe("the forms' wall-clock values", () => {
  it("go to the picker and come back unchanged", () => {
    expect(toPickerDateTime("2026-12-10T09:30")).toBe("2026-12-10 09:30:00");
    expect(toPickerDateTime("")).toBeNull();
    expect(fromPickerDateTime("2026-12-10 09:30:00", "")).toBe("2026-12-10T09:30");
    expect(fromPickerDateTime(toPickerDateTime("2027-01-31T23:59"), "")).toBe("2027-01-31T23:59");
    expect(fromPickerDateTime(null, "2026-12-10T09:30")).toBe("");
  });

  it("keep the time already given when a day is picked in the calendar, else start it at 00:00", () => {
    expect(fromPickerDateTime("2026-12-11", "2026-12-10T09:30")).toBe("2026-12-11T09:30");
    expect(fromPickerDateTime("2026-12-11", "")).toBe("2026-12-11T00:00");
  });
});
