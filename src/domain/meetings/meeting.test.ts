import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  canTransition,
  defaultChair,
  isFinal,
  isKnownTimeZone,
  localDateTime,
  MEETING_STATUSES,
  MeetingError,
  meetingDay,
  meetingSchedule,
  parseInstant,
  resumePostponed,
  timeZoneName,
  transition,
  type MeetingErrorCode,
  type MeetingSchedule,
  type MeetingStatus,
} from "./meeting.js";

function refusal(run: () => unknown): { code: MeetingErrorCode; field: string | undefined } {
  try {
    run();
  } catch (error) {
    if (error instanceof MeetingError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error("not refused");
}

const cmfa = { start: "2025-07-15T10:00:00+05:00", end: "2025-07-15T18:00:00+05:00", timeZone: "Asia/Almaty", format: "in_person" };

describe("meetingSchedule", () => {
  it("keeps both instants as UTC and the venue's zone, whatever offset they were written with", () => {
    expect(meetingSchedule(cmfa)).toEqual({ start: "2025-07-15T05:00:00.000Z", end: "2025-07-15T13:00:00.000Z", timeZone: "Asia/Almaty", format: "in_person" });
    const fromDates = meetingSchedule({ ...cmfa, start: new Date("2025-07-15T05:00:00Z"), end: new Date("2025-07-15T13:00:00Z") });
    expect(fromDates.start).toBe("2025-07-15T05:00:00.000Z");
  });

  it("refuses an end before the start, or at the same instant written with another offset", () => {
    expect(refusal(() => meetingSchedule({ ...cmfa, end: "2025-07-14T18:00:00+05:00" }))).toEqual({ code: "end-not-after-start", field: "end" });
    expect(refusal(() => meetingSchedule({ ...cmfa, end: "2025-07-15T05:00:00Z" }))).toEqual({ code: "end-not-after-start", field: "end" });
  });

  it.each(["2025-07-15T10:00:00", "2025-07-15", "2025-02-30T10:00Z", "2025-07-15T24:00Z", "2025-07-15T10:60Z", "15/07/2025 10:00", "", "2025-07-15T10:00+5:00"])(
    "refuses the instant %j, naming the field",
    (start) => {
      expect(refusal(() => meetingSchedule({ ...cmfa, start }))).toEqual({ code: "invalid-instant", field: "start" });
    },
  );

  it("accepts leap days, fractions of a second and half-hour offsets", () => {
    expect(parseInstant("2024-02-29T12:00Z")?.toISOString()).toBe("2024-02-29T12:00:00.000Z");
    expect(parseInstant("2025-07-15T10:00:00.250+05:30")?.toISOString()).toBe("2025-07-15T04:30:00.250Z");
    expect(parseInstant("2025-02-29T12:00Z")).toBeNull();
    expect(parseInstant(new Date(Number.NaN))).toBeNull();
  });

  it.each(["Mars/Olympus", "+05:00", "", " Asia/Almaty", "Asia/Almaty/", "Almaty"])("refuses the time zone %j", (timeZone) => {
    expect(refusal(() => meetingSchedule({ ...cmfa, timeZone }))).toEqual({ code: "unknown-time-zone", field: "timeZone" });
  });

  it("accepts UTC and Etc/UTC (which Intl does not list) and spells zones the way IANA does", () => {
    expect(meetingSchedule({ ...cmfa, timeZone: "UTC" }).timeZone).toBe("UTC");
    expect(meetingSchedule({ ...cmfa, timeZone: "Etc/UTC" }).timeZone).toBe("Etc/UTC");
    expect(timeZoneName("utc")).toBe("UTC");
    expect(timeZoneName("asia/shanghai")).toBe("Asia/Shanghai");
    // A link keeps the name the secretariat gave rather than ICU's older canonical one.
    expect(timeZoneName("Asia/Kolkata")).toBe("Asia/Kolkata");
    expect(isKnownTimeZone("Europe/Moscow")).toBe(true);
  });

  it("refuses a format other than in person, video or hybrid", () => {
    expect(refusal(() => meetingSchedule({ ...cmfa, format: "telepathy" }))).toEqual({ code: "unknown-format", field: "format" });
    for (const format of ["in_person", "video", "hybrid"]) expect(meetingSchedule({ ...cmfa, format }).format).toBe(format);
  });

  it("accepts exactly the pairs whose end is after the start", () => {
    const instant = fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true });
    fc.assert(
      fc.property(instant, instant, (start, end) => {
        const run = (): MeetingSchedule => meetingSchedule({ start: start.toISOString(), end: end.toISOString(), timeZone: "UTC", format: "video" });
        if (end.getTime() > start.getTime()) expect(run().end).toBe(end.toISOString());
        else expect(refusal(run).code).toBe("end-not-after-start");
      }),
    );
  });
});

describe("localDateTime", () => {
  it("reads an instant on the venue's clock, with the offset in force that day", () => {
    expect(localDateTime("2025-08-31T09:30:00Z", "Asia/Shanghai")).toEqual({
      date: "2025-08-31",
      time: "17:30:00",
      offsetMinutes: 480,
      offset: "+08:00",
      icalendar: "20250831T173000",
    });
    expect(localDateTime("2025-07-15T04:30:00Z", "Asia/Kolkata")).toMatchObject({ time: "10:00:00", offset: "+05:30" });
    expect(localDateTime("2025-07-15T04:30:00Z", "Asia/Kathmandu")).toMatchObject({ time: "10:15:00", offset: "+05:45" });
    expect(localDateTime("2025-07-15T04:30:00Z", "UTC")).toMatchObject({ time: "04:30:00", offset: "+00:00" });
  });

  it("follows daylight saving time and crosses the date line", () => {
    expect(localDateTime("2025-01-15T12:00:00Z", "Europe/Berlin")).toMatchObject({ time: "13:00:00", offset: "+01:00" });
    expect(localDateTime("2025-07-15T12:00:00Z", "Europe/Berlin")).toMatchObject({ time: "14:00:00", offset: "+02:00" });
    expect(localDateTime("2025-07-15T12:00:00Z", "America/St_Johns")).toMatchObject({ date: "2025-07-15", time: "09:30:00", offset: "-02:30" });
    expect(localDateTime("2025-12-31T11:00:00Z", "Pacific/Kiritimati")).toMatchObject({ date: "2026-01-01", time: "01:00:00", offset: "+14:00" });
  });

  it("refuses an unknown zone", () => {
    expect(refusal(() => localDateTime("2025-07-15T04:30:00Z", "Nowhere/Atlantis")).code).toBe("unknown-time-zone");
  });

  it("names the same instant again when its date, time and offset are read back", () => {
    const zones = ["UTC", "Asia/Shanghai", "Asia/Almaty", "Asia/Kolkata", "Asia/Kathmandu", "Europe/Moscow", "Europe/Berlin", "America/New_York", "America/St_Johns", "Australia/Lord_Howe", "Pacific/Chatham", "Pacific/Kiritimati"];
    fc.assert(
      fc.property(fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }), fc.constantFrom(...zones), (instant, zone) => {
        const local = localDateTime(instant, zone);
        expect(Date.parse(`${local.date}T${local.time}${local.offset}`)).toBe(Math.floor(instant.getTime() / 1000) * 1000);
      }),
    );
  });
});

describe("the default chair", () => {
  // China held the chairmanship from 4 July 2024, Kyrgyzstan from 1 September 2025 (a simplified record for the test).
  const chairOn = (body: string, day: string): string | null => (body !== "CHS" ? null : day >= "2025-09-01" ? "KG" : day >= "2024-07-04" ? "CN" : "KZ");

  it("is the chair on the venue's calendar day of the opening, not on the UTC day", () => {
    // 1 September 2025 at 01:00 in Tianjin is still 31 August in UTC.
    const schedule = meetingSchedule({ start: "2025-09-01T01:00:00+08:00", end: "2025-09-01T12:00:00+08:00", timeZone: "Asia/Shanghai", format: "in_person" });
    expect(meetingDay(schedule)).toBe("2025-09-01");
    expect(defaultChair("CHS", schedule, chairOn)).toBe("KG");
    // The same instant seen from a venue west of Greenwich is a 31 August meeting.
    expect(defaultChair("CHS", { start: schedule.start, timeZone: "Europe/London" }, chairOn)).toBe("CN");
  });

  it("asks the lookup about the meeting's own body and is null when no delegation holds the chair", () => {
    const asked: [string, string][] = [];
    const lookup = (body: string, day: string): string | null => {
      asked.push([body, day]);
      return null;
    };
    expect(defaultChair("CMFA", { start: "2025-07-15T05:00:00.000Z", timeZone: "Asia/Almaty" }, lookup)).toBeNull();
    expect(asked).toEqual([["CMFA", "2025-07-15"]]);
  });
});

describe("meeting status", () => {
  const allowed: Record<MeetingStatus, MeetingStatus[]> = {
    planned: ["confirmed", "postponed", "cancelled"],
    confirmed: ["held", "postponed", "cancelled"],
    postponed: ["planned", "confirmed", "cancelled"],
    held: [],
    cancelled: [],
  };

  it("allows exactly the changes of the status machine and refuses every other with invalid-transition", () => {
    for (const from of MEETING_STATUSES) {
      for (const to of MEETING_STATUSES) {
        if (allowed[from].includes(to)) expect(transition(from, to)).toBe(to);
        else expect(refusal(() => transition(from, to))).toEqual({ code: "invalid-transition", field: "status" });
      }
    }
  });

  it("holds a meeting only once confirmed, and never changes a held or cancelled one", () => {
    expect(canTransition("planned", "held")).toBe(false);
    expect(canTransition("postponed", "held")).toBe(false);
    expect(isFinal("held") && isFinal("cancelled")).toBe(true);
    expect(isFinal("postponed")).toBe(false);
  });

  it("never reaches held without passing through confirmed, whatever changes are attempted", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...MEETING_STATUSES), { maxLength: 30 }), (attempts) => {
        let status: MeetingStatus = "planned";
        let previous: MeetingStatus | null = null;
        for (const next of attempts) {
          if (!canTransition(status, next)) {
            expect(() => transition(status, next)).toThrow(MeetingError);
            continue;
          }
          previous = status;
          status = transition(status, next);
          if (status === "held") expect(previous).toBe("confirmed");
        }
      }),
    );
  });

  it("brings a postponed meeting back with its new dates, and nothing else", () => {
    const newDates = meetingSchedule({ ...cmfa, start: "2025-09-10T10:00:00+05:00", end: "2025-09-10T18:00:00+05:00" });
    expect(resumePostponed("postponed", "confirmed", newDates)).toEqual({ status: "confirmed", schedule: newDates });
    expect(refusal(() => resumePostponed("planned", "confirmed", newDates)).code).toBe("invalid-transition");
    expect(refusal(() => resumePostponed("cancelled", "planned", newDates)).code).toBe("invalid-transition");
  });
});
