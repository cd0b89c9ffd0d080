// Calendar dates known to the day, month or year, written the way the reader's language writes them (Intl, UTC).
import { parsePartialDate, type PartialDate } from "../shared/core-rules";

const OPTIONS: Readonly<Record<PartialDate["precision"], Intl.DateTimeFormatOptions>> = {
  year: { year: "numeric", timeZone: "UTC" },
  month: { year: "numeric", month: "long", timeZone: "UTC" },
  day: { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" },
};

/**
 * Where a date stands in a sentence. After a preposition ("since …", "с …") Russian declines the month
 * ("с июня 2017 г.", not "с июнь 2017 г."); Intl only declines a month that has a day, so that form is the day format without the day.
 */
export type DateForm = "standalone" | "afterPreposition";

function toUtcDate(date: PartialDate): Date {
  return new Date(Date.UTC(date.year, (date.month ?? 1) - 1, date.day ?? 1));
}

function monthAfterPreposition(date: PartialDate, locale: string): string {
  const parts = new Intl.DateTimeFormat(locale, OPTIONS.day).formatToParts(toUtcDate(date));
  const dayAt = parts.findIndex((part) => part.type === "day");
  // Drop the day and the separator that belongs to it ("9 " in Russian, "9日" in Chinese, ", " after it in English).
  const neighbour = parts[dayAt + 1]?.type === "literal" && dayAt !== parts.length - 1 ? dayAt + 1 : dayAt - 1;
  return parts
    .filter((_, index) => index !== dayAt && !(index === neighbour && parts[index]?.type === "literal"))
    .map((part) => part.value)
    .join("")
    .trim();
}

/** "2005" → 2005 / 2005年 / 2005 г.; "2017-06" → June 2017; "2017-06-09" → June 9, 2017. Unparseable text is shown as is. */
export function formatPartialDate(text: string, locale: string, form: DateForm = "standalone"): string {
  const date = parsePartialDate(text);
  if (!date) return text;
  if (date.precision === "month" && form === "afterPreposition") return monthAfterPreposition(date, locale);
  return new Intl.DateTimeFormat(locale, OPTIONS[date.precision]).format(toUtcDate(date));
}

/**
 * A span such as a summit's days. Intl's formatRange shares what the two ends have in common ("3–4 July 2024"),
 * but its Chinese interval patterns fall back to numeric dates ("2024/7/3 – 2024/7/4"), so Chinese joins two full dates with 至.
 */
export function formatPartialDateRange(start: string, end: string | null, locale: string): string {
  const from = parsePartialDate(start);
  const to = end === null ? null : parsePartialDate(end);
  if (!from) return start;
  if (!to || end === start) return formatPartialDate(start, locale);
  if (locale.toLowerCase().startsWith("zh")) return `${formatPartialDate(start, locale)}至${formatPartialDate(end ?? start, locale)}`;
  if (from.precision === to.precision) {
    return new Intl.DateTimeFormat(locale, OPTIONS[from.precision]).formatRange(toUtcDate(from), toUtcDate(to));
  }
  return `${formatPartialDate(start, locale)} – ${formatPartialDate(end ?? start, locale)}`;
}

export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** Today's calendar day in UTC, "YYYY-MM-DD" (the registry's days are UTC calendar days). */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The reader's own time zone (IANA name, e.g. "Asia/Almaty"), which instants are shown in. */
export function localTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * An instant (ISO 8601) to the second (or the minute) in a named time zone, with the zone's short name:
 * "25 Nov 2026, 14:49:24 GMT+5".
 */
export function formatInstant(iso: string, locale: string, timeZone: string, precision: "second" | "minute" = "second"): string {
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(precision === "second" ? { second: "2-digit" } : {}),
    timeZoneName: "short",
    timeZone,
  }).format(new Date(iso));
}
