import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { calendarText, nextDay, vtimezone, zonedDateTime, type CalendarEntry } from "./icalendar.js";

const base = { description: null, location: null, url: null, status: "confirmed", updatedAt: new Date("2025-07-01T00:00:00Z"), sequence: 1 } as const;
const almaty: CalendarEntry = {
  ...base,
  uid: "meeting-CMFA-demo@sco.concord",
  summary: "Заседание СМИД, Алматы",
  location: "Алматы",
  description: "Повестка; пункт 1, пункт 2",
  time: { kind: "instant", start: new Date("2025-07-15T04:00:00Z"), end: new Date("2025-07-15T10:30:00Z"), timeZone: "Asia/Almaty" },
};
const berlin: CalendarEntry = {
  ...base,
  uid: "meeting-berlin@sco.concord",
  summary: "Across the change to summer time",
  time: { kind: "instant", start: new Date("2025-03-29T23:30:00Z"), end: new Date("2025-03-30T08:00:00Z"), timeZone: "Europe/Berlin" },
};
const tianjin: CalendarEntry = { ...base, uid: "meeting-CHS-2025@sco.concord", summary: "天津峰会", status: "tentative", time: { kind: "days", first: "2025-08-31", last: "2025-09-01" } };

/** The file as a standard parser reads it: its zones registered first, so that times in them become instants. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  return { calendar, events: calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v)) };
}

describe("an iCalendar file", () => {
  const text = calendarText({ name: "CMFA", language: "ru", entries: [almaty, berlin, tianjin] });

  it("parses with a standard parser, one event per entry, texts intact", () => {
    const { calendar, events } = parse(text);
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//Concord//Concord//RU");
    expect(events.map((e) => e.uid)).toEqual(["meeting-CMFA-demo@sco.concord", "meeting-berlin@sco.concord", "meeting-CHS-2025@sco.concord"]);
    expect(events[0]?.summary).toBe("Заседание СМИД, Алматы");
    expect(events[0]?.description).toBe("Повестка; пункт 1, пункт 2");
    expect(events[2]?.summary).toBe("天津峰会");
  });

  it("gives a timed meeting the venue's wall time with its zone, and that zone's VTIMEZONE", () => {
    expect(text).toContain("DTSTART;TZID=Asia/Almaty:20250715T090000");
    expect(text).toContain("DTEND;TZID=Asia/Almaty:20250715T153000");
    const { calendar, events } = parse(text);
    const zones = calendar.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid"));
    expect(zones.sort()).toEqual(["Asia/Almaty", "Europe/Berlin"]);
    // The zones turn the wall times back into the same instants.
    const [first, second] = events;
    expect(first?.component.getFirstProperty("dtstart")?.getParameter("tzid")).toBe("Asia/Almaty");
    expect(first?.startDate.zone.tzid).toBe("Asia/Almaty");
    expect(first?.startDate.toJSDate().toISOString()).toBe("2025-07-15T04:00:00.000Z");
    expect(first?.endDate.toJSDate().toISOString()).toBe("2025-07-15T10:30:00.000Z");
    // Berlin moves to summer time in the night of 30 March 2025: the VTIMEZONE carries the rule, and the end reads 10:00 CEST.
    expect(text).toContain("DTSTART;TZID=Europe/Berlin:20250330T003000");
    expect(text).toContain("DTEND;TZID=Europe/Berlin:20250330T100000");
    expect(second?.startDate.toJSDate().toISOString()).toBe("2025-03-29T23:30:00.000Z");
    expect(second?.endDate.toJSDate().toISOString()).toBe("2025-03-30T08:00:00.000Z");
  });

  it("writes the same whatever zone the server runs in", () => {
    const previous = process.env.TZ;
    try {
      process.env.TZ = "America/Los_Angeles";
      expect(calendarText({ name: "CMFA", language: "ru", entries: [almaty] })).toContain("DTSTART;TZID=Asia/Almaty:20250715T090000");
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });

  it("makes a meeting known to the day an all-day event, its last day included", () => {
    expect(text).toContain("DTSTART;VALUE=DATE:20250831");
    expect(text).toContain("DTEND;VALUE=DATE:20250902");
    const summit = parse(text).events[2];
    expect(summit?.startDate.isDate).toBe(true);
    expect(summit?.startDate.toString()).toBe("2025-08-31");
    expect(summit?.endDate.toString()).toBe("2025-09-02");
  });

  it("holds no VTIMEZONE when nothing is timed, and stays valid with no entries", () => {
    const days = calendarText({ name: "Programme", language: "en", entries: [tianjin] });
    expect(days).not.toContain("VTIMEZONE");
    expect(parse(calendarText({ name: "Empty", language: "en", entries: [] })).events).toEqual([]);
  });
});

describe("the pieces", () => {
  it("reads an instant at the venue", () => {
    const zoned = zonedDateTime(new Date("2025-07-15T04:00:00Z"), "Asia/Almaty");
    expect([zoned.year, zoned.month, zoned.day, zoned.hour, zoned.minute, zoned.timeZoneId]).toEqual([2025, 7, 15, 9, 0, "Asia/Almaty"]);
    expect(zoned.toInstant().epochMilliseconds).toBe(Date.parse("2025-07-15T04:00:00Z"));
  });

  it("knows the zones' VTIMEZONE, and says so when it does not", () => {
    expect(vtimezone("Asia/Shanghai")).toMatch(/^BEGIN:VTIMEZONE\r\nTZID:Asia\/Shanghai/);
    expect(vtimezone("Asia/Nowhere")).toBeNull();
  });

  it("counts the day after, across months and leap years", () => {
    expect(nextDay("2025-08-31")).toBe("2025-09-01");
    expect(nextDay("2024-02-28")).toBe("2024-02-29");
    expect(nextDay("2025-12-31")).toBe("2026-01-01");
  });
});
