import { describe, expect, it } from "vitest";
import { meetingEntry, programmeEntry, type MeetingForCalendar } from "./entries.js";

const context = { language: "ru", organizationLanguages: ["zh", "ru"], organization: "sco", origin: "https://portal.example" };
const meeting: MeetingForCalendar = {
  id: "CMFA-demo",
  title: { zh: "外长理事会会议", ru: "Заседание СМИД", en: "CMFA meeting" },
  start: new Date("2025-07-15T04:00:00Z"),
  end: new Date("2025-07-15T10:00:00Z"),
  timeZone: "Asia/Almaty",
  startDate: "2025-07-15",
  endDate: "2025-07-15",
  timePrecision: "instant",
  city: { zh: "阿拉木图", ru: "Алматы" },
  status: "confirmed",
  note: null,
  version: 4,
  updatedAt: new Date("2025-07-01T00:00:00Z"),
};

describe("a meeting in a calendar", () => {
  it("is timed at its venue, in the calendar's language, linked to its page, with its version as the sequence", () => {
    expect(meetingEntry(meeting, context)).toEqual({
      uid: "meeting-CMFA-demo@sco.concord",
      summary: "Заседание СМИД",
      description: null,
      location: "Алматы",
      url: "https://portal.example/meetings/CMFA-demo",
      status: "confirmed",
      time: { kind: "instant", start: meeting.start, end: meeting.end, timeZone: "Asia/Almaty" },
      updatedAt: meeting.updatedAt,
      sequence: 4,
    });
  });

  it("falls back to the organization's languages for a text missing in the calendar's", () => {
    expect(meetingEntry(meeting, { ...context, language: "en" })?.location).toBe("阿拉木图");
  });

  it("is all-day when known only to the day, and left out when known only to the month or year", () => {
    const summit = { ...meeting, start: null, end: null, timeZone: null, timePrecision: "day", startDate: "2025-08-31", endDate: "2025-09-01", status: "held" };
    expect(meetingEntry(summit, context)?.time).toEqual({ kind: "days", first: "2025-08-31", last: "2025-09-01" });
    expect(meetingEntry({ ...summit, timePrecision: "month", startDate: "2025-07", endDate: "2025-07" }, context)).toBeNull();
    expect(meetingEntry({ ...summit, timePrecision: "year", startDate: "2025", endDate: "2025" }, context)).toBeNull();
  });

  it("is tentative while planned or postponed, cancelled when cancelled", () => {
    expect(meetingEntry({ ...meeting, status: "planned" }, context)?.status).toBe("tentative");
    expect(meetingEntry({ ...meeting, status: "postponed" }, context)?.status).toBe("tentative");
    expect(meetingEntry({ ...meeting, status: "cancelled" }, context)?.status).toBe("cancelled");
  });
});

describe("a programme's event in a calendar", () => {
  const event = {
    id: "chair-2025-tianjin-summit",
    term: "chair-2025",
    title: { zh: "天津峰会", ru: "Саммит в Тяньцзине", en: "Tianjin summit" },
    startDate: "2025-08-31",
    endDate: "2025-09-01",
    city: { zh: "天津", ru: "Тяньцзинь", en: "Tianjin" },
    track: "institutional",
    kind: "summit",
    organizer: null,
    status: "held",
    meetingId: "CHS-2025",
    source: "summit-2025",
    origin: "dataset",
    isDemo: false,
    version: 1,
    updatedAt: new Date("2025-09-02T00:00:00Z"),
  } as const;
  const termUrl = "https://portal.example/chairmanship/chair-2025";

  it("is an all-day event over its days when known to the day", () => {
    expect(programmeEntry(event, { ...context, language: "zh", termUrl })).toMatchObject({
      uid: "programme-chair-2025-tianjin-summit@sco.concord",
      summary: "天津峰会",
      location: "天津",
      url: termUrl,
      status: "confirmed",
      time: { kind: "days", first: "2025-08-31", last: "2025-09-01" },
    });
  });

  it("is left out when known only to the month or year", () => {
    expect(programmeEntry({ ...event, startDate: "2025-04", endDate: null }, { ...context, termUrl })).toBeNull();
    expect(programmeEntry({ ...event, startDate: "2025", endDate: null }, { ...context, termUrl })).toBeNull();
  });

  it("lasts its start day when its end is less precise", () => {
    expect(programmeEntry({ ...event, endDate: "2025-09" }, { ...context, termUrl })?.time).toEqual({ kind: "days", first: "2025-08-31", last: "2025-08-31" });
  });
});
