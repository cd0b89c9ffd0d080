// How the programme reads in the reader's language: a spreadsheet error with its row and column, a count as a source
// reports it, the months of the chart. Pure, so it is tested without a browser.
import type { TFunction } from "i18next";
import { parseCellField } from "../../../contracts/programme";
import type { FieldError } from "../../../contracts/problems";
import { columnLetter, MAX_ROWS, type ReportedQualifier } from "../../shared/core-rules";

/** Where a spreadsheet error is, as the reader's spreadsheet program shows it ("Row 7, column “start” (E)"). */
export function cellPlace(field: string, t: TFunction): string {
  const place = parseCellField(field);
  if (place === null) return field;
  if (place.row !== null && place.column !== null && place.letter !== null) {
    return place.column === "" ? t("programme.import.rowLetter", { row: place.row, letter: place.letter }) : t("programme.import.rowColumn", { row: place.row, column: place.column, letter: place.letter });
  }
  if (place.column !== null) return t("programme.import.column", { column: place.column });
  if (place.row !== null) return t("programme.import.row", { row: place.row });
  return t("programme.import.wholeFile");
}

/**
 * What is wrong with the cell or the file, by its code (and bound), never by the server's English message. A bound of
 * reading the file is said in the reader's numbers: the count (`formatted`), the last column it allows (`lastColumn`),
 * mebibytes (`mebibytes`).
 */
export function cellProblem(error: Pick<FieldError, "code" | "limit">, t: TFunction, formatCount: (n: number) => string = String): string {
  const key = `programme.errors.${error.code}`;
  const limit = error.limit;
  const bound =
    limit === undefined
      ? {}
      : { count: limit, limit, formatted: formatCount(limit), lastColumn: columnLetter(Math.max(0, limit - 1)), mebibytes: formatCount(Math.round(limit / 1024 / 1024)), events: formatCount(MAX_ROWS) };
  return t(key, { defaultValue: t(`problems.field.${error.code}`), ...bound });
}

const QUALIFIER_KEYS: Readonly<Record<ReportedQualifier, string>> = {
  more_than: "programme.reported.moreThan",
  exactly: "programme.reported.exactly",
  about: "programme.reported.about",
};

/** "More than 100 events", as the source words it. */
export function reportedCount(count: number, qualifier: ReportedQualifier, t: TFunction, formatCount: (n: number) => string): string {
  return t(QUALIFIER_KEYS[qualifier], { count, formatted: formatCount(count) });
}

/** "2025-04" as the reader's language names the month in a chart's axis ("Apr 2025", "2025年4月", "апр. 2025 г."). */
export function monthLabel(month: string, language: string): string {
  const [year, number] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat(language, { year: "numeric", month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(year, number - 1, 1)));
}
