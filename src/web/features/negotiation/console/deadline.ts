// A silence procedure's deadline: typed as a wall-clock time in the reader's own zone, sent as an instant, shown in the
// reader's zone, in UTC and in the chair's capital's zone. Every zone is named explicitly; nothing reads the clock.
import { formatInstantIn } from "../negotiation-format";

/** The minutes a zone is ahead of UTC at an instant (negative west of Greenwich). */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const wall = Date.UTC(field("year"), field("month") - 1, field("day"), field("hour"), field("minute"), field("second"));
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The instant (ISO 8601, UTC) of a wall-clock time "YYYY-MM-DDTHH:mm" (a datetime-local input's value) in a zone; null
 * for anything else. In a gap (clocks put forward) the time is read with the offset before the change.
 */
export function zonedLocalToInstant(local: string, timeZone: string): string | null {
  const match = LOCAL_PATTERN.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(wall)) return null;
  const first = wall - zoneOffsetMinutes(timeZone, new Date(wall)) * 60_000;
  const second = wall - zoneOffsetMinutes(timeZone, new Date(first)) * 60_000;
  return new Date(Math.max(first, second)).toISOString();
}

/** The wall-clock time "YYYY-MM-DDTHH:mm" of an instant in a zone (to fill a datetime-local input). */
export function instantToZonedLocal(instant: Date, timeZone: string): string {
  const shifted = new Date(instant.getTime() + zoneOffsetMinutes(timeZone, instant) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

export type ZoneRole = "viewer" | "utc" | "chair";

export interface ZonedTime {
  /** Whose time this is: a zone shared by several (a reader in UTC, a chair in the reader's own zone) is shown once. */
  readonly roles: readonly ZoneRole[];
  readonly timeZone: string;
  readonly text: string;
}

const UTC_NAMES = new Set(["UTC", "Etc/UTC", "GMT", "Etc/GMT", "Etc/Universal", "Universal", "Zulu", "Etc/Zulu"]);
const sameZone = (a: string, b: string): boolean => a === b || (UTC_NAMES.has(a) && UTC_NAMES.has(b));

/** The deadline in the reader's zone, in UTC and in the chair's zone: the same instant, each zone once. */
export function deadlineInZones(instant: string, locale: string, zones: { readonly viewer: string; readonly chair: string | null }): ZonedTime[] {
  const wanted: { role: ZoneRole; timeZone: string }[] = [
    { role: "viewer", timeZone: zones.viewer },
    { role: "utc", timeZone: "UTC" },
    ...(zones.chair ? [{ role: "chair" as const, timeZone: zones.chair }] : []),
  ];
  const shown: { roles: ZoneRole[]; timeZone: string; text: string }[] = [];
  for (const zone of wanted) {
    const same = shown.find((other) => sameZone(other.timeZone, zone.timeZone));
    if (same) same.roles.push(zone.role);
    else shown.push({ roles: [zone.role], timeZone: zone.timeZone, text: formatInstantIn(instant, locale, zone.timeZone) });
  }
  return shown;
}

export interface TimeLeft {
  readonly isPassed: boolean;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
}

/** What is left until the deadline, rounded down to the minute (nothing once it has passed). */
export function timeLeft(deadline: string, now: Date): TimeLeft {
  const ms = new Date(deadline).getTime() - now.getTime();
  if (!(ms > 0)) return { isPassed: true, days: 0, hours: 0, minutes: 0 };
  const minutes = Math.floor(ms / 60_000);
  return { isPassed: false, days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}
