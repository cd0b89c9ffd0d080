// iCalendar files: entries (a meeting, a programme's event) written with ical-generator. A timed entry carries the venue's
// zone (TZID) with its VTIMEZONE, so calendar programs show the venue's time; an entry known only to the day is all-day.
import ical, { ICalCalendarMethod, ICalEventStatus, type ICalTemporalPlainDateStub, type ICalTemporalPlainDateTimeStub, type ICalTemporalZonedDateTimeStub } from "ical-generator";
import { tzlib_get_ical_block } from "timezones-ical-library";
import { localDateTime } from "../../domain/meetings/meeting.js";

/** When an entry takes place: instants at a venue in its IANA zone, or whole days ("YYYY-MM-DD", the last one included). */
export type EntryTime =
  | { readonly kind: "instant"; readonly start: Date; readonly end: Date; readonly timeZone: string }
  | { readonly kind: "days"; readonly first: string; readonly last: string };

export interface CalendarEntry {
  /** Unique and stable, so that a calendar program updates the entry instead of adding it again. */
  readonly uid: string;
  readonly summary: string;
  readonly description: string | null;
  readonly location: string | null;
  readonly url: string | null;
  readonly status: "confirmed" | "tentative" | "cancelled";
  readonly time: EntryTime;
  /** When the entry last changed (DTSTAMP, LAST-MODIFIED). */
  readonly updatedAt: Date;
  /** Grows with each change (SEQUENCE). */
  readonly sequence: number;
}

function plainDate(day: string): ICalTemporalPlainDateStub & { toPlainDateTime(): ICalTemporalPlainDateTimeStub } {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const self = {
    year,
    month,
    day: date,
    toJSON: () => day,
    toString: () => day,
    toPlainDateTime: () => plainDateTime(year, month, date, 0, 0, 0),
  };
  return self;
}

function plainDateTime(year: number, month: number, day: number, hour: number, minute: number, second: number): ICalTemporalPlainDateTimeStub {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    toJSON: () => text,
    toString: () => text,
    toPlainDate: () => plainDate(text.slice(0, 10)),
    toZonedDateTime: () => {
      throw new Error("a plain date-time is not placed in a zone here");
    },
  };
}

/**
 * An instant as the clock at the venue reads it (a Temporal.ZonedDateTime in the shape ical-generator accepts): it then
 * writes the venue's wall time with TZID, whatever zone the server runs in.
 */
export function zonedDateTime(instant: Date, timeZone: string): ICalTemporalZonedDateTimeStub {
  const local = localDateTime(instant, timeZone);
  const [year, month, day] = local.date.split("-").map(Number) as [number, number, number];
  const [hour, minute, second] = local.time.split(":").map(Number) as [number, number, number];
  const text = `${local.date}T${local.time}${local.offset}[${timeZone}]`;
  const instantStub = {
    epochMilliseconds: instant.getTime(),
    toJSON: () => instant.toISOString(),
    toString: () => instant.toISOString(),
    toZonedDateTimeISO: (zone: string) => zonedDateTime(instant, zone),
  };
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    timeZoneId: timeZone,
    toInstant: () => instantStub,
    toPlainDateTime: () => plainDateTime(year, month, day, hour, minute, second),
    withTimeZone: (zone: string) => zonedDateTime(instant, zone),
    toJSON: () => text,
    toString: () => text,
  };
}

/** The VTIMEZONE of an IANA zone (its current rules), or null for a zone the library does not know. */
export function vtimezone(zone: string): string | null {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
  } catch {
    return null;
  }
  const block = tzlib_get_ical_block(zone);
  return Array.isArray(block) && typeof block[0] === "string" && block[0].startsWith("BEGIN:VTIMEZONE") ? block[0] : null;
}

/** The day after a "YYYY-MM-DD" day: an all-day entry's DTEND, which iCalendar does not include. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const STATUS = { confirmed: ICalEventStatus.CONFIRMED, tentative: ICalEventStatus.TENTATIVE, cancelled: ICalEventStatus.CANCELLED } as const;

/** A calendar file holding the entries, with a VTIMEZONE for each zone they use. */
export function calendarText(options: { name: string; description?: string; language: string; entries: readonly CalendarEntry[] }): string {
  const calendar = ical({
    name: options.name,
    ...(options.description !== undefined ? { description: options.description } : {}),
    prodId: { company: "Concord", product: "Concord", language: options.language.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone: each timed entry names its venue's, and the generator adds that zone's VTIMEZONE.
    timezone: { name: null, generator: vtimezone },
  });
  for (const entry of options.entries) {
    const time = entry.time;
    calendar.createEvent({
      id: entry.uid,
      sequence: entry.sequence,
      stamp: entry.updatedAt,
      lastModified: entry.updatedAt,
      summary: entry.summary,
      description: entry.description,
      location: entry.location,
      url: entry.url,
      status: STATUS[entry.status],
      ...(time.kind === "instant"
        ? { start: zonedDateTime(time.start, time.timeZone), end: zonedDateTime(time.end, time.timeZone), timezone: time.timeZone }
        : { start: plainDate(time.first), end: plainDate(nextDay(time.last)), allDay: true }),
    });
  }
  return calendar.toString();
}
