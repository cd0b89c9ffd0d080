// How a date, or a date and time, is typed in the interface language: the order and separators of its parts as Intl writes
// a numeric date in that language (10.12.2026 in Russian, 2026/12/10 in Chinese, 12/10/2026 in English), read back
// strictly (never guessed), and the values the forms and the API use ("2026-12-10", "2026-12-10T10:00") unchanged.
import dayjs from "dayjs";
import customParseFormat from "dayjs/plugin/customParseFormat";

dayjs.extend(customParseFormat);

/** The dayjs locale whose month and weekday names the calendar shows for an interface language. */
export function dayjsLocale(language: string): "zh-cn" | "ru" | "en" {
  return language.startsWith("zh") ? "zh-cn" : language.startsWith("ru") ? "ru" : "en";
}

const TOKENS = { year: "YYYY", month: "MM", day: "DD" } as const;

/** The dayjs pattern of a numeric date as the language writes it ("DD.MM.YYYY", "YYYY/MM/DD", "MM/DD/YYYY"). */
export function datePattern(language: string): string {
  const parts = new Intl.DateTimeFormat(language, { year: "numeric", month: "2-digit", day: "2-digit", calendar: "gregory", numberingSystem: "latn" }).formatToParts(new Date(Date.UTC(2026, 11, 10, 12)));
  // Letters some languages write after a part ("2026年12月10日") are kept as literals; marks of direction are dropped.
  return parts
    .map((part) => (part.type in TOKENS ? TOKENS[part.type as keyof typeof TOKENS] : part.type === "literal" ? part.value.replace(/[\u200e\u200f\u061c]/g, "").replace(/[A-Za-z]+/g, (text) => `[${text}]`) : ""))
    .join("");
}

/** The pattern of a date and a time (24-hour clock, as meetings are announced). */
export function dateTimePattern(language: string): string {
  return `${datePattern(language)} HH:mm`;
}

/** A typed date in the pattern, as "YYYY-MM-DD"; null unless it is exactly a real day in that pattern (31.02.2026 is not). */
export function readTypedDate(text: string, pattern: string): string | null {
  const parsed = dayjs(text.trim(), pattern, true);
  return parsed.isValid() ? parsed.format("YYYY-MM-DD") : null;
}

/** A typed date and time in the pattern, as the picker's value "YYYY-MM-DD HH:mm:ss"; null unless exactly that. */
export function readTypedDateTime(text: string, pattern: string): string | null {
  const parsed = dayjs(text.trim().replace(/\s+/g, " "), pattern, true);
  return parsed.isValid() ? parsed.format("YYYY-MM-DD HH:mm:ss") : null;
}

/** The forms' wall-clock value "YYYY-MM-DDTHH:mm" as the picker's "YYYY-MM-DD HH:mm:ss"; null when empty or not one. */
export function toPickerDateTime(local: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(local);
  return match ? `${match[1]} ${match[2]}:00` : null;
}

/**
 * The picker's value back as the forms' "YYYY-MM-DDTHH:mm". A day chosen in the calendar comes without its time: it keeps
 * the time already given (`previous`), else starts at 00:00, shown in the field for the reader to change.
 */
export function fromPickerDateTime(value: string | null, previous: string): string {
  if (value === null) return "";
  const match = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}))?/.exec(value);
  if (!match) return "";
  const time = match[2] ?? /T(\d{2}:\d{2})$/.exec(previous)?.[1] ?? "00:00";
  return `${match[1]}T${time}`;
}
