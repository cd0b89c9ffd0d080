// What goes into a calendar: a meeting timed at its venue or known to the day, a programme's event known to the day. What is
// known only to the month or the year has no place in a calendar and is left out (the page of the meeting or programme
// shows it). Texts in the calendar's language, falling back as the portal does.
import { fallbackOrder, pick, type LocalizedText } from "../../domain/localized-text.js";
import { isCalendarDay, isCertainlyBefore } from "../../domain/partial-date.js";
import type { ProgrammeEvent } from "../../domain/programme/event.js";
import type { CalendarEntry } from "./icalendar.js";

/** What an entry needs of a meeting (a row of the meetings' table). */
export interface MeetingForCalendar {
  readonly id: string;
  readonly title: LocalizedText;
  readonly start: Date | null;
  readonly end: Date | null;
  readonly timeZone: string | null;
  readonly startDate: string;
  readonly endDate: string;
  readonly timePrecision: string;
  readonly city: LocalizedText | null;
  readonly status: string;
  readonly note: LocalizedText | null;
  readonly version: number;
  readonly updatedAt: Date;
}

export interface EntryContext {
  /** The calendar's language ("zh", "ru", "en"). */
  readonly language: string;
  readonly organizationLanguages: readonly string[];
  /** Makes entry identifiers unique to the organization ("sco"). */
  readonly organization: string;
  /** The portal's address, for links to a meeting's page; null: no links. */
  readonly origin: string | null;
}

const text = (value: LocalizedText | null, context: EntryContext): string | null => {
  if (value === null) return null;
  const picked = pick(value, fallbackOrder(context.language, context.organizationLanguages));
  return picked === "" ? null : picked;
};

const MEETING_STATUS: Readonly<Record<string, CalendarEntry["status"]>> = {
  planned: "tentative",
  postponed: "tentative",
  confirmed: "confirmed",
  held: "confirmed",
  cancelled: "cancelled",
};

/** A meeting's entry: timed in its venue's zone, or all-day; null when known only to the month or year. */
export function meetingEntry(meeting: MeetingForCalendar, context: EntryContext): CalendarEntry | null {
  let time: CalendarEntry["time"];
  if (meeting.timePrecision === "instant" && meeting.start && meeting.end && meeting.timeZone) {
    time = { kind: "instant", start: meeting.start, end: meeting.end, timeZone: meeting.timeZone };
  } else if (meeting.timePrecision === "day" && isCalendarDay(meeting.startDate.slice(0, 10))) {
    const first = meeting.startDate.slice(0, 10);
    const end = meeting.endDate.slice(0, 10);
    time = { kind: "days", first, last: isCalendarDay(end) && !isCertainlyBefore(end, first) ? end : first };
  } else return null;
  return {
    uid: `meeting-${meeting.id}@${context.organization}.concord`,
    summary: text(meeting.title, context) ?? meeting.id,
    description: text(meeting.note, context),
    location: text(meeting.city, context),
    url: context.origin === null ? null : `${context.origin}/meetings/${encodeURIComponent(meeting.id)}`,
    status: MEETING_STATUS[meeting.status] ?? "tentative",
    time,
    updatedAt: meeting.updatedAt,
    sequence: meeting.version,
  };
}

const EVENT_STATUS: Readonly<Record<ProgrammeEvent["status"], CalendarEntry["status"]>> = {
  planned: "tentative",
  postponed: "tentative",
  held: "confirmed",
  cancelled: "cancelled",
};

/** A programme event's entry, all-day; null when its start is known only to the month or year. */
export function programmeEntry(event: ProgrammeEvent & { readonly updatedAt: Date; readonly version: number }, context: EntryContext & { readonly termUrl: string | null }): CalendarEntry | null {
  if (!isCalendarDay(event.startDate)) return null;
  const last = event.endDate !== null && isCalendarDay(event.endDate) && !isCertainlyBefore(event.endDate, event.startDate) ? event.endDate : event.startDate;
  return {
    uid: `programme-${event.id}@${context.organization}.concord`,
    summary: text(event.title, context) ?? event.id,
    description: text(event.organizer, context),
    location: text(event.city, context),
    url: context.termUrl,
    status: EVENT_STATUS[event.status],
    time: { kind: "days", first: event.startDate, last },
    updatedAt: event.updatedAt,
    sequence: event.version,
  };
}
