// When a meeting takes place, as its readers see it: a wall-clock time typed at the venue sent as an instant with the
// venue's offset, and a meeting's span written in the venue's time zone and in the reader's, each zone named. Every
// zone is passed in; nothing here reads the clock.
import { localDateTime, timeZoneName } from "../../shared/core-rules";

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Minutes a zone is ahead of UTC at an instant (negative west of Greenwich). */
export function offsetMinutesAt(timeZone: string, at: number): number {
  return localDateTime(new Date(at), timeZone).offsetMinutes;
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/**
 * The instant of a wall-clock time "YYYY-MM-DDTHH:mm" (a datetime-local input's value) at the venue, written with the
 * venue's offset ("2025-07-15T10:00:00+08:00"); null for anything else or an unknown zone. A time skipped when clocks go
 * forward is read with the offset before the change.
 */
export function venueLocalToInstant(local: string, timeZone: string): string | null {
  const match = LOCAL_PATTERN.exec(local);
  if (!match || timeZoneName(timeZone) === null) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (Number.isNaN(wall) || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  const first = wall - offsetMinutesAt(timeZone, wall) * 60_000;
  const second = wall - offsetMinutesAt(timeZone, first) * 60_000;
  const instant = Math.max(first, second);
  const offset = offsetMinutesAt(timeZone, instant);
  const shown = new Date(instant + offset * 60_000).toISOString().slice(0, 19);
  return `${shown}${offsetText(offset)}`;
}

/** The venue's wall-clock time "YYYY-MM-DDTHH:mm" of an instant, to fill a datetime-local input. */
export function instantToVenueLocal(instant: string, timeZone: string): string {
  const local = localDateTime(instant, timeZone);
  return `${local.date}T${local.time.slice(0, 5)}`;
}

/**
 * Every IANA time zone this browser knows, sorted, and UTC; the reader's own first (also when Intl lists it under another
 * name, or not at all, as with "UTC"), unless it is not a zone at all.
 */
export function timeZoneChoices(readerZone: string): string[] {
  const zones = [...new Set([...Intl.supportedValuesOf("timeZone"), "UTC"])].sort();
  if (timeZoneName(readerZone) === null) return zones;
  return [readerZone, ...zones.filter((zone) => zone !== readerZone)];
}

/** "GMT+8", "GMT+5:30", "GMT" as the reader's language writes a zone's offset at an instant. */
export function zoneOffsetName(timeZone: string, locale: string, at: number): string {
  return new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "shortOffset" }).formatToParts(at).find((part) => part.type === "timeZoneName")?.value ?? timeZone;
}

/** A zone's name in the reader's language ("China Standard Time", "中国标准时间"), or its IANA name when Intl has none. */
export function zoneName(timeZone: string, locale: string, at: number): string {
  const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "longGeneric" }).formatToParts(at).find((part) => part.type === "timeZoneName")?.value;
  // Where Intl has no name of its own it gives the offset ("GMT+06:00"): the IANA name ("Asia/Bishkek") says more.
  return name && !/^(GMT|UTC)[+-−]/.test(name) ? name : timeZone.replaceAll("_", " ");
}

/** An instant to the minute in a named zone, with the zone's short name ("15 Jul 2025, 10:00 GMT+8"). */
export function formatInstantAt(instant: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(Date.parse(instant)) + ` ${zoneOffsetName(timeZone, locale, Date.parse(instant))}`;
}

function isSameDay(a: number, b: number, timeZone: string): boolean {
  return localDateTime(new Date(a), timeZone).date === localDateTime(new Date(b), timeZone).date;
}

/**
 * A span of time in a zone, to the minute. Intl's formatRange shares what both ends have in common; its Chinese interval
 * patterns fall back to numeric dates ("2025/7/15"), so Chinese joins two full readings with 至.
 */
export function formatSpan(start: string, end: string, locale: string, timeZone: string): string {
  const from = Date.parse(start);
  const to = Date.parse(end);
  if (locale.toLowerCase().startsWith("zh")) {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone });
    const time = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone });
    return isSameDay(from, to, timeZone) ? `${dateTime.format(from)}至${time.format(to)}` : `${dateTime.format(from)}至${dateTime.format(to)}`;
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).formatRange(from, to);
}

/** One reading of a meeting's span: in which zone, that zone's name and offset, and the span there. */
export interface ZonedSpan {
  readonly timeZone: string;
  readonly zoneName: string;
  readonly offsetName: string;
  readonly text: string;
}

export interface MeetingWhen {
  /** At the venue, when the meeting's times are known to the minute. */
  readonly venue: ZonedSpan | null;
  /** In the reader's zone; null when it reads the same as at the venue (same offsets at both ends). */
  readonly reader: ZonedSpan | null;
}

function zonedSpan(start: string, end: string, locale: string, timeZone: string): ZonedSpan {
  const at = Date.parse(start);
  return { timeZone, zoneName: zoneName(timeZone, locale, at), offsetName: zoneOffsetName(timeZone, locale, at), text: formatSpan(start, end, locale, timeZone) };
}

/** A meeting's span at the venue and in the reader's zone; nothing for a meeting known only by its dates. */
export function meetingWhen(
  meeting: { readonly start: string | null; readonly end: string | null; readonly timeZone: string | null },
  locale: string,
  readerZone: string,
): MeetingWhen {
  const { start, end, timeZone } = meeting;
  if (start === null || end === null || timeZone === null || timeZoneName(timeZone) === null) return { venue: null, reader: null };
  const venue = zonedSpan(start, end, locale, timeZone);
  const from = Date.parse(start);
  const to = Date.parse(end);
  const isSame = offsetMinutesAt(readerZone, from) === offsetMinutesAt(timeZone, from) && offsetMinutesAt(readerZone, to) === offsetMinutesAt(timeZone, to);
  return { venue, reader: isSame ? null : zonedSpan(start, end, locale, readerZone) };
}
