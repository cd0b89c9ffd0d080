// Partial dates read naturally in each interface language and never gain invented days or months.
import { describe, expect, it } from "vitest";
import { formatCount, formatInstant, formatPartialDate, formatPartialDateRange, todayUtc } from "./date-format";

describe("formatPartialDate", () => {
  it("shows a year-only date as just the year", () => {
    expect(formatPartialDate("2005", "en")).toBe("2005");
    expect(formatPartialDate("2005", "zh-CN")).toBe("2005年");
    expect(formatPartialDate("2005", "ru")).toMatch(/^2005/);
  });
  it("shows a month date as month and year", () => {
    expect(formatPartialDate("2017-06", "en")).toBe("June 2017");
    expect(formatPartialDate("2017-06", "zh-CN")).toBe("2017年6月");
    expect(formatPartialDate("2017-06", "ru").toLowerCase()).toContain("июнь 2017");
  });
  it("shows a day date in full, on that calendar day whatever the time zone", () => {
    expect(formatPartialDate("2017-06-09", "en")).toBe("June 9, 2017");
    expect(formatPartialDate("2017-06-09", "zh-CN")).toBe("2017年6月9日");
    expect(formatPartialDate("2017-06-09", "ru")).toMatch(/^9 июня 2017/);
    expect(formatPartialDate("2001-01-01", "en")).toBe("January 1, 2001");
  });
  it("declines a month after a preposition where the language does", () => {
    expect(formatPartialDate("2017-06", "ru", "afterPreposition")).toMatch(/^июня 2017\sг\.$/);
    expect(formatPartialDate("2017-06", "en", "afterPreposition")).toBe("June 2017");
    expect(formatPartialDate("2017-06", "zh-CN", "afterPreposition")).toBe("2017年6月");
    expect(formatPartialDate("2017-06-09", "ru", "afterPreposition")).toBe(formatPartialDate("2017-06-09", "ru"));
  });
  it("leaves text that is not a partial date alone", () => {
    expect(formatPartialDate("soon", "en")).toBe("soon");
  });
});

describe("formatPartialDateRange", () => {
  it("shares the common parts of two days", () => {
    expect(formatPartialDateRange("2024-07-03", "2024-07-04", "en")).toMatch(/^July 3\s*–\s*4, 2024$/);
  });
  it("shows a single date when there is no end", () => {
    expect(formatPartialDateRange("2024-07-03", null, "en")).toBe("July 3, 2024");
  });
  it("joins two full dates with 至 in Chinese rather than Intl's numeric fallback", () => {
    expect(formatPartialDateRange("2025-08-31", "2025-09-01", "zh-CN")).toBe("2025年8月31日至2025年9月1日");
  });
  it("joins dates of different precision with a dash", () => {
    expect(formatPartialDateRange("2024", "2025-06", "en")).toBe("2024 – June 2025");
  });
});

describe("formatCount and todayUtc", () => {
  it("formats counts with Intl", () => {
    expect(formatCount(1234, "en")).toBe("1,234");
    expect(formatCount(14, "zh-CN")).toBe("14");
  });
  it("takes today's UTC calendar day", () => {
    expect(todayUtc(new Date("2025-12-31T23:30:00-05:00"))).toBe("2026-01-01");
  });
});

describe("formatInstant", () => {
  it("shows the instant in the given zone and names the zone", () => {
    expect(formatInstant("2026-11-25T11:49:24.074Z", "en", "UTC")).toBe("Nov 25, 2026, 11:49:24 AM UTC");
    expect(formatInstant("2026-11-25T11:49:24.074Z", "en", "Asia/Almaty")).toMatch(/Nov 25, 2026, 0?4:49:24 PM GMT\+5/);
  });
  it("moves to the next calendar day where the zone is already there", () => {
    expect(formatInstant("2026-11-25T20:00:00Z", "zh-CN", "Asia/Shanghai")).toMatch(/^2026年11月26日.*04:00:00/);
    expect(formatInstant("2026-11-25T22:30:00Z", "ru", "Europe/Moscow")).toMatch(/^26 нояб\. 2026 г\., 01:30:00 GMT\+3$/);
  });
});
