// A meeting's schedule (instants plus the venue's IANA time zone), the venue's local time of an instant, the meeting's
// status machine and its default chair. Pure: instants are passed in, time zones are resolved through Intl alone.
import { codesOf, refusalClass, type RefusalCatalogue } from "../errors.js";

export const MEETING_FORMATS = ["in_person", "video", "hybrid"] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

export const MEETING_STATUSES = ["planned", "confirmed", "held", "postponed", "cancelled"] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

const MEETING_REFUSALS = {
  "invalid-instant": { kind: "invalid", title: "Not an instant with its offset" },
  "end-not-after-start": { kind: "invalid", title: "The end is not after the start" },
  "unknown-time-zone": { kind: "invalid", title: "Unknown time zone" },
  "unknown-format": { kind: "invalid", title: "Unknown meeting format" },
  "invalid-transition": { kind: "conflict", title: "The meeting cannot change to that status" },
} as const satisfies RefusalCatalogue<string>;
export type MeetingErrorCode = keyof typeof MEETING_REFUSALS;
export const MEETING_ERROR_CODES = codesOf<MeetingErrorCode>(MEETING_REFUSALS);

export const MeetingError = refusalClass<MeetingErrorCode>("MeetingError", MEETING_REFUSALS);
export type MeetingError = InstanceType<typeof MeetingError>;

/** When and how a meeting takes place: `start` and `end` as UTC ISO instants, the venue's zone as IANA names it. */
export interface MeetingSchedule {
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
  readonly format: MeetingFormat;
}

export interface ScheduleInput {
  /** ISO 8601 with an offset or Z ("2025-07-15T10:00:00+05:00"), or a Date. */
  readonly start: string | Date;
  readonly end: string | Date;
  readonly timeZone: string;
  readonly format: string;
}

// A local time without an offset would depend on the server's zone, so an instant must carry one.
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The instant an ISO 8601 string with an offset (or Z) names, or a valid Date; null for anything else (Feb 30, 24:00, no offset…). */
export function parseInstant(value: string | Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : new Date(value.getTime());
  const match = INSTANT.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, , oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  const isCalendarDay = month >= 1 && month <= 12 && Number(d) >= 1 && Number(d) <= daysInMonth(year, month);
  const isClockTime = Number(h) <= 23 && Number(mi) <= 59 && Number(s ?? 0) <= 59;
  const isOffset = oh === undefined || (Number(oh) <= 23 && Number(om) <= 59);
  if (!isCalendarDay || !isClockTime || !isOffset) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

function requireInstant(value: string | Date, field: string): Date {
  const instant = parseInstant(value);
  if (!instant) throw new MeetingError("invalid-instant", `${field} must be a date and time with an offset or Z, e.g. 2025-07-15T10:00:00+05:00.`, field);
  return instant;
}

let zoneSpellings: Map<string, string> | null = null;

/** IANA's spelling of a zone name given in any case ("asia/almaty" → "Asia/Almaty"); null when Intl does not know it. */
export function timeZoneName(zone: string): string | null {
  // Offsets ("+05:00") are not venues' zones, though newer engines accept them as time zones.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return null;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
  } catch {
    return null;
  }
  // supportedValuesOf lists canonical zones only (not "UTC", "Etc/UTC" or links such as "Asia/Calcutta"): those Intl
  // still accepts, and they keep the spelling they were given rather than ICU's canonical one ("Asia/Kolkata" → "Asia/Calcutta").
  zoneSpellings ??= new Map(["UTC", "Etc/UTC", ...Intl.supportedValuesOf("timeZone")].map((z) => [z.toLowerCase(), z]));
  return zoneSpellings.get(zone.toLowerCase()) ?? zone;
}

export function isKnownTimeZone(zone: string): boolean {
  return timeZoneName(zone) !== null;
}

export function isMeetingFormat(format: string): format is MeetingFormat {
  return (MEETING_FORMATS as readonly string[]).includes(format);
}

/** Validates a schedule: both instants well formed, the end after the start, the zone known, the format one of ours. */
export function meetingSchedule(input: ScheduleInput): MeetingSchedule {
  const start = requireInstant(input.start, "start");
  const end = requireInstant(input.end, "end");
  if (!(end.getTime() > start.getTime())) {
    throw new MeetingError("end-not-after-start", "The meeting must end after it starts.", "end", { start: start.toISOString(), end: end.toISOString() });
  }
  const timeZone = timeZoneName(input.timeZone);
  if (timeZone === null) throw new MeetingError("unknown-time-zone", `Unknown time zone "${input.timeZone}": give an IANA name such as Asia/Almaty.`, "timeZone");
  if (!isMeetingFormat(input.format)) {
    throw new MeetingError("unknown-format", `Unknown meeting format "${input.format}".`, "format", { allowed: MEETING_FORMATS });
  }
  return { start: start.toISOString(), end: end.toISOString(), timeZone, format: input.format };
}

/** A wall-clock reading at the venue: what the room's clock and calendar show, and how far that is from UTC. */
export interface LocalDateTime {
  /** YYYY-MM-DD */
  readonly date: string;
  /** HH:MM:SS */
  readonly time: string;
  /** The zone's offset at that instant, in minutes east of UTC (Asia/Kolkata: 330). */
  readonly offsetMinutes: number;
  /** "+05:30", "-03:00", "+00:00" */
  readonly offset: string;
  /** iCalendar's local form, to go with TZID: "20250715T100000". */
  readonly icalendar: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** The venue's date and time of `instant` in `timeZone` (a zone `timeZoneName` accepts). */
export function localDateTime(instant: string | Date, timeZone: string): LocalDateTime {
  const at = requireInstant(instant, "instant");
  if (!isKnownTimeZone(timeZone)) throw new MeetingError("unknown-time-zone", `Unknown time zone "${timeZone}".`, "timeZone");
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  const yearOfEra = Number(parts.year);
  const year = parts.era === "BC" || parts.era === "B" ? 1 - yearOfEra : yearOfEra;
  const [month, day, hour, minute, second] = [parts.month, parts.day, parts.hour, parts.minute, parts.second].map(Number) as [number, number, number, number, number];
  // Seconds are dropped from both sides: historical offsets with seconds (LMT) would otherwise round oddly.
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  const offsetMinutes = Math.round((wallAsUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const date = `${year < 0 ? "-" : ""}${pad(Math.abs(year), 4)}-${pad(month)}-${pad(day)}`;
  const time = `${pad(hour)}:${pad(minute)}:${pad(second)}`;
  return {
    date,
    time,
    offsetMinutes,
    offset: `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`,
    icalendar: `${date.replaceAll("-", "")}T${time.replaceAll(":", "")}`,
  };
}

/** The venue's calendar day on which the meeting opens: its start, read in its own zone. */
export function meetingDay(schedule: Pick<MeetingSchedule, "start" | "timeZone">): string {
  return localDateTime(schedule.start, schedule.timeZone).date;
}

/**
 * The meeting's chair unless someone else is named: the delegation holding the body's chairmanship on the venue's day
 * of the opening (a meeting opening at 01:00 in Astana on 1 July is a 1 July meeting, though it is still 30 June in UTC).
 */
export function defaultChair(
  body: string,
  schedule: Pick<MeetingSchedule, "start" | "timeZone">,
  chairOn: (body: string, day: string) => string | null,
): string | null {
  return chairOn(body, meetingDay(schedule));
}

// ---- Status

const NEXT: Readonly<Record<MeetingStatus, readonly MeetingStatus[]>> = {
  planned: ["confirmed", "postponed", "cancelled"],
  confirmed: ["held", "postponed", "cancelled"],
  postponed: ["planned", "confirmed", "cancelled"],
  held: [],
  cancelled: [],
};

export function nextStatuses(current: MeetingStatus): readonly MeetingStatus[] {
  return NEXT[current];
}

export function canTransition(current: MeetingStatus, next: MeetingStatus): boolean {
  return NEXT[current].includes(next);
}

/** Held and cancelled meetings are history: nothing changes their status again. */
export function isFinal(status: MeetingStatus): boolean {
  return NEXT[status].length === 0;
}

/** The status after a change, or "invalid-transition" (a meeting is held only once confirmed; held and cancelled are final). */
export function transition(current: MeetingStatus, next: MeetingStatus): MeetingStatus {
  if (!canTransition(current, next)) {
    throw new MeetingError("invalid-transition", `A ${current} meeting cannot become ${next}.`, "status", { from: current, to: next, allowed: NEXT[current] });
  }
  return next;
}

/** A postponed meeting comes back planned or confirmed only with its new dates. */
export function resumePostponed(
  current: MeetingStatus,
  next: "planned" | "confirmed",
  schedule: MeetingSchedule,
): { readonly status: MeetingStatus; readonly schedule: MeetingSchedule } {
  if (current !== "postponed") {
    throw new MeetingError("invalid-transition", `Only a postponed meeting is given new dates this way; this one is ${current}.`, "status", { from: current, to: next });
  }
  return { status: transition(current, next), schedule };
}
