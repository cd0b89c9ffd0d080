import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  comparePartialDates,
  dayAfter,
  dayBefore,
  earliestDay,
  formatPartialDate,
  isCalendarDay,
  isCertainlyBefore,
  latestDay,
  parsePartialDate,
  precisionOf,
} from "./partial-date.js";

const partialDates = fc.oneof(
  fc.integer({ min: 1900, max: 2100 }).map(String),
  fc.record({ y: fc.integer({ min: 1900, max: 2100 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => `${y}-${String(m).padStart(2, "0")}`),
  fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);

describe("partial dates", () => {
  it("keeps the precision it was given and invents no day", () => {
    expect(parsePartialDate("2004")).toEqual({ year: 2004, precision: "year" });
    expect(parsePartialDate("2024-07")).toEqual({ year: 2024, month: 7, precision: "month" });
    expect(parsePartialDate("2017-06-09")).toEqual({ year: 2017, month: 6, day: 9, precision: "day" });
    expect(precisionOf("2015")).toBe("year");
  });

  it.each(["", "04", "2004-6", "2004-13", "2004-00", "2017-02-29", "2016-02-30", "2004/06/01", "2004-06-01T00:00", " 2004", "0000"])(
    "refuses %j",
    (text) => {
      expect(parsePartialDate(text)).toBeNull();
    },
  );

  it("accepts leap days only in leap years", () => {
    expect(isCalendarDay("2016-02-29")).toBe(true);
    expect(isCalendarDay("2100-02-29")).toBe(false);
    expect(isCalendarDay("2000-02-29")).toBe(true);
  });

  it("spans the whole period it may denote", () => {
    expect([earliestDay("2004"), latestDay("2004")]).toEqual(["2004-01-01", "2004-12-31"]);
    expect([earliestDay("2024-02"), latestDay("2024-02")]).toEqual(["2024-02-01", "2024-02-29"]);
    expect([earliestDay("2017-06-09"), latestDay("2017-06-09")]).toEqual(["2017-06-09", "2017-06-09"]);
  });

  it("round-trips through parse and format", () => {
    fc.assert(fc.property(partialDates, (text) => formatPartialDate(parsePartialDate(text)!) === text));
  });

  it("never has its earliest day after its latest day", () => {
    fc.assert(fc.property(partialDates, (text) => earliestDay(text) <= latestDay(text)));
  });

  it("orders consistently: antisymmetric and transitive", () => {
    fc.assert(
      fc.property(partialDates, partialDates, partialDates, (a, b, c) => {
        expect(Math.sign(comparePartialDates(a, b)) + Math.sign(comparePartialDates(b, a))).toBe(0);
        if (comparePartialDates(a, b) <= 0 && comparePartialDates(b, c) <= 0) expect(comparePartialDates(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it("is certainly before only when every possible day is before", () => {
    expect(isCertainlyBefore("2017", "2018")).toBe(true);
    expect(isCertainlyBefore("2018-06-15", "2018")).toBe(false);
    expect(isCertainlyBefore("2018", "2018-06-15")).toBe(false);
    fc.assert(fc.property(partialDates, partialDates, (a, b) => !(isCertainlyBefore(a, b) && isCertainlyBefore(b, a))));
  });
});

describe("dayBefore and dayAfter", () => {
  it("move a day known to the day across months, years and leap days, and leave a month or a year as it is", () => {
    expect(dayBefore("2028-01-01")).toBe("2027-12-31");
    expect(dayBefore("2024-03-01")).toBe("2024-02-29");
    expect(dayAfter("2025-12-31")).toBe("2026-01-01");
    expect(dayAfter("2023-02-28")).toBe("2023-03-01");
    expect(dayBefore("0050-01-01")).toBe("0049-12-31");
    for (const coarse of ["2027-09", "2027"]) {
      expect(dayBefore(coarse)).toBe(coarse);
      expect(dayAfter(coarse)).toBe(coarse);
    }
  });

  it("are each other's inverse on days", () => {
    const day = fc.date({ min: new Date("1000-01-02T00:00:00Z"), max: new Date("9999-12-30T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(fc.property(day, (d) => dayAfter(dayBefore(d)) === d && dayBefore(dayAfter(d)) === d && isCertainlyBefore(dayBefore(d), d)));
  });
});
