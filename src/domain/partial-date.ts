// Dates known to the day, the month or only the year ("2004", "2004-06", "2004-06-17"), never padded with invented parts.

export type DatePrecision = "day" | "month" | "year";

export interface PartialDate {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
  readonly precision: DatePrecision;
}

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD"; returns null for anything else, including impossible days. */
export function parsePartialDate(text: string): PartialDate | null {
  const match = PATTERN.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 1) return null;
  if (match[2] === undefined) return { year, precision: "year" };
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  if (match[3] === undefined) return { year, month, precision: "month" };
  const day = Number(match[3]);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day, precision: "day" };
}

export function isPartialDate(text: string): boolean {
  return parsePartialDate(text) !== null;
}

/** Strict calendar day "YYYY-MM-DD". */
export function isCalendarDay(text: string): boolean {
  return parsePartialDate(text)?.precision === "day";
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

export function formatPartialDate(date: PartialDate): string {
  const y = pad(date.year, 4);
  if (date.precision === "year") return y;
  if (date.precision === "month") return `${y}-${pad(date.month ?? 1, 2)}`;
  return `${y}-${pad(date.month ?? 1, 2)}-${pad(date.day ?? 1, 2)}`;
}

function mustParse(text: string): PartialDate {
  const parsed = parsePartialDate(text);
  if (!parsed) throw new RangeError(`not a partial date: ${text}`);
  return parsed;
}

/** The first calendar day the partial date may denote. */
export function earliestDay(text: string): string {
  const d = mustParse(text);
  return formatPartialDate({ year: d.year, month: d.month ?? 1, day: d.day ?? 1, precision: "day" });
}

/** The last calendar day the partial date may denote. */
export function latestDay(text: string): string {
  const d = mustParse(text);
  const month = d.month ?? 12;
  const day = d.day ?? daysInMonth(d.year, month);
  return formatPartialDate({ year: d.year, month, day, precision: "day" });
}

export function precisionOf(text: string): DatePrecision {
  return mustParse(text).precision;
}

export function yearOf(text: string): number {
  return mustParse(text).year;
}

/**
 * Orders partial dates by their earliest day, then the more precise first
 * ("2004-06-17" before "2004-06" before "2004" would be wrong, so ties on the first day go to the coarser date).
 */
export function comparePartialDates(a: string, b: string): number {
  const byDay = earliestDay(a).localeCompare(earliestDay(b));
  if (byDay !== 0) return byDay;
  return latestDay(a).localeCompare(latestDay(b));
}

/** Whether `a` is certainly before `b`: every day `a` may denote is before every day `b` may denote. */
export function isCertainlyBefore(a: string, b: string): boolean {
  return latestDay(a) < earliestDay(b);
}

/** The same date `years` later, as precise as it was ("2025-09" + 1 → "2026-09"); 29 February falls back to the 28th. */
export function addYears(text: string, years: number): string {
  const d = mustParse(text);
  const year = d.year + years;
  if (d.precision === "day") {
    const day = Math.min(d.day ?? 1, daysInMonth(year, d.month ?? 1));
    return formatPartialDate({ year, month: d.month ?? 1, day, precision: "day" });
  }
  return formatPartialDate({ ...d, year });
}

/**
 * The day before a date known to the day ("2028-01-01" → "2027-12-31"). A date known only to the month or the year is
 * given back as it is: the day before an unknown day of that month or year cannot be told more precisely than it.
 */
export function dayBefore(text: string): string {
  const d = mustParse(text);
  return d.precision === "day" ? shiftDay(d, -1) : text;
}

/** The day after a date known to the day ("2025-12-31" → "2026-01-01"); a month or a year is given back as it is (see dayBefore). */
export function dayAfter(text: string): string {
  const d = mustParse(text);
  return d.precision === "day" ? shiftDay(d, 1) : text;
}

function shiftDay(d: PartialDate, days: number): string {
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0–99 as 1900–1999.
  const at = new Date(0);
  at.setUTCFullYear(d.year, (d.month ?? 1) - 1, (d.day ?? 1) + days);
  return formatPartialDate({ year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate(), precision: "day" });
}
