// A time typed at the venue becomes the right instant with the venue's offset; a meeting's span reads in the venue's zone
// and in the reader's, each named, in three languages.
import { describe, expect, it } from "vitest";
import { formatSpan, instantToVenueLocal, meetingWhen, timeZoneChoices, venueLocalToInstant, zoneName } from "./meeting-time";

describe("venueLocalToInstant", () => {
  it("writes the venue's wall-clock time with the venue's offset", () => {
    expect(venueLocalToInstant("2025-07-15T10:00", "Asia/Shanghai")).toBe("2025-07-15T10:00:00+08:00");
    expect(venueLocalToInstant("2025-07-15T10:00", "Asia/Kolkata")).toBe("2025-07-15T10:00:00+05:30");
    expect(venueLocalToInstant("2025-01-15T09:30", "America/New_York")).toBe("2025-01-15T09:30:00-05:00");
    expect(venueLocalToInstant("2025-07-15T09:30", "America/New_York")).toBe("2025-07-15T09:30:00-04:00");
    expect(Date.parse(venueLocalToInstant("2025-07-15T10:00", "Asia/Bishkek") ?? "")).toBe(Date.parse("2025-07-15T04:00:00Z"));
  });

  it("reads a time skipped when clocks go forward with the offset before the change, and an hour repeated once", () => {
    // Berlin, 30 March 2025: 02:00 became 03:00.
    expect(venueLocalToInstant("2025-03-30T02:30", "Europe/Berlin")).toBe("2025-03-30T03:30:00+02:00");
    // 26 October 2025: 02:30 happened twice; the later reading is taken.
    expect(Date.parse(venueLocalToInstant("2025-10-26T02:30", "Europe/Berlin") ?? "")).toBe(Date.parse("2025-10-26T01:30:00Z"));
  });

  it("refuses what is not a time at a known venue", () => {
    expect(venueLocalToInstant("", "Asia/Shanghai")).toBeNull();
    expect(venueLocalToInstant("2025-02-30T10:00", "Asia/Shanghai")).toBeNull();
    expect(venueLocalToInstant("2025-07-15T24:00", "Asia/Shanghai")).toBeNull();
    expect(venueLocalToInstant("2025-07-15T10:00", "Mars/Olympus")).toBeNull();
    expect(venueLocalToInstant("2025-07-15 10:00", "Asia/Shanghai")).toBeNull();
  });

  it("comes back to the same wall-clock time", () => {
    for (const zone of ["Asia/Shanghai", "Europe/Moscow", "Asia/Kathmandu", "America/Sao_Paulo"]) {
      expect(instantToVenueLocal(venueLocalToInstant("2025-11-03T17:45", zone) ?? "", zone)).toBe("2025-11-03T17:45");
    }
  });
});

describe("timeZoneChoices", () => {
  it("lists IANA zones with the reader's first", () => {
    const zones = timeZoneChoices("Asia/Almaty");
    expect(zones[0]).toBe("Asia/Almaty");
    expect(zones).toContain("Asia/Shanghai");
    expect(zones.filter((zone) => zone === "Asia/Almaty")).toHaveLength(1);
    expect(timeZoneChoices("Nowhere/Else")).not.toContain("Nowhere/Else");
    // A reader whose browser says "UTC" (which Intl does not list among its zones) still finds it, first.
    expect(timeZoneChoices("UTC")[0]).toBe("UTC");
    expect(timeZoneChoices("Asia/Almaty")).toContain("UTC");
    expect(timeZoneChoices("Asia/Calcutta")[0]).toBe("Asia/Calcutta");
  });
});

describe("formatSpan", () => {
  const start = "2025-07-15T02:00:00Z";
  it("writes a span within a day, and across days, in each language", () => {
    expect(formatSpan(start, "2025-07-15T09:00:00Z", "en", "Asia/Shanghai")).toMatch(/Jul 15, 2025, 10:00\s?AM\s?–\s?5:00\s?PM/);
    expect(formatSpan(start, "2025-07-15T09:00:00Z", "ru", "Asia/Shanghai")).toMatch(/15 июл\. 2025\s?г\., 10:00\s?–\s?17:00/);
    expect(formatSpan(start, "2025-07-15T09:00:00Z", "zh-CN", "Asia/Shanghai")).toBe("2025年7月15日 10:00至17:00");
    expect(formatSpan(start, "2025-07-16T10:00:00Z", "zh-CN", "Asia/Shanghai")).toBe("2025年7月15日 10:00至2025年7月16日 18:00");
  });

  it("reads the same instants in another zone", () => {
    expect(formatSpan(start, "2025-07-15T09:00:00Z", "ru", "Europe/Moscow")).toMatch(/05:00\s?–\s?12:00/);
  });
});

describe("meetingWhen", () => {
  const meeting = { start: "2025-07-15T02:00:00Z", end: "2025-07-15T09:00:00Z", timeZone: "Asia/Shanghai" };

  it("names the venue's zone and the reader's", () => {
    const when = meetingWhen(meeting, "en", "Europe/Moscow");
    expect(when.venue).toMatchObject({ timeZone: "Asia/Shanghai", zoneName: "China Standard Time", offsetName: "GMT+8" });
    expect(when.reader).toMatchObject({ timeZone: "Europe/Moscow", offsetName: "GMT+3" });
    expect(when.reader?.text).toMatch(/5:00\s?AM/);
  });

  it("shows one reading when the reader's zone has the venue's offsets", () => {
    expect(meetingWhen(meeting, "ru", "Asia/Shanghai").reader).toBeNull();
    expect(meetingWhen(meeting, "ru", "Asia/Taipei").reader).toBeNull();
  });

  it("has nothing to say about a meeting known only by its dates", () => {
    expect(meetingWhen({ start: null, end: null, timeZone: null }, "en", "UTC")).toEqual({ venue: null, reader: null });
  });
});

describe("zoneName", () => {
  it("names a zone in the reader's language", () => {
    expect(zoneName("Asia/Shanghai", "zh-CN", Date.parse("2025-07-15T00:00:00Z"))).toBe("中国标准时间");
    expect(zoneName("Asia/Shanghai", "ru", Date.parse("2025-07-15T00:00:00Z"))).toMatch(/Китай/);
  });
});
