// A programme as a spreadsheet: the columns, reading a sheet's rows into events (or every error, each naming the row as
// the reader's spreadsheet numbers it and the column by its header and letter), and writing events back as rows that read
// in again unchanged. Pure: the server turns CSV and XLSX files into cell values and back.
import type { LocalizedText } from "../localized-text.js";
import { isCertainlyBefore, parsePartialDate } from "../partial-date.js";
import { EVENT_KINDS, EVENT_STATUSES, MEETING_ID, TRACKS, isEventKind, isEventStatus, isTrack, type EventFields } from "./event.js";
import type { SpreadsheetErrorCode } from "./errors.js";

/** The columns written once per language: `title_fr`, `city_ar`… */
export const LOCALIZED_COLUMNS = ["title", "city", "organizer"] as const;
type LocalizedColumn = (typeof LOCALIZED_COLUMNS)[number];
/** A column's header: one of the others ("start") or a localized one with its language code ("title_zh", "city_pt-br"). */
export type ProgrammeColumn = "start" | "end" | "track" | "kind" | "status" | "meeting" | `${LocalizedColumn}_${string}`;

/**
 * The columns of a programme spreadsheet for an organization working in `languages` (its official and working languages,
 * in order), as an export writes them: title in each language, start, end, city in each, track, kind, organizer in each,
 * status, meeting. Headers are lower-case (a language tag's region too: "title_pt-br").
 */
export function programmeColumns(languages: readonly string[]): ProgrammeColumn[] {
  const each = (prefix: LocalizedColumn) => languages.map((language) => `${prefix}_${language.toLowerCase()}` as ProgrammeColumn);
  return [...each("title"), "start", "end", ...each("city"), "track", "kind", ...each("organizer"), "status", "meeting"];
}

/** Columns a file must have (their cells may still be empty where the event allows it): the titles, start, track, kind, status. */
export function requiredColumns(languages: readonly string[]): ProgrammeColumn[] {
  return [...languages.map((language) => `title_${language.toLowerCase()}` as ProgrammeColumn), "start", "track", "kind", "status"];
}

/** The most events one file may hold, and the longest text one cell may hold. */
export const MAX_ROWS = 2000;
export const MAX_TEXT_LENGTH = 300;

/** A cell as a spreadsheet gives it: text, a number, a date (an XLSX date cell), a boolean, or nothing. */
export type Cell = string | number | boolean | Date | null | undefined;

/** Text checks other than length (control characters, bidirectional controls…), given by the caller. */
export type TextCheck = (text: string) => TextProblemCode | null;
export type TextProblemCode = "malformed-text" | "control-characters" | "bidi-controls" | "combining-marks" | "invisible";

export type SheetErrorCode = SpreadsheetErrorCode | TextProblemCode | "required" | "too-long" | "format";

export interface SheetError {
  /** The row as the spreadsheet shows it (the header is row 1); null for an error about the whole file. */
  readonly row: number | null;
  /** The column's header ("start"), or null for an error about the whole file or row. */
  readonly column: string | null;
  /** The column's letter ("E"); null when the column is not in the file (a missing column). */
  readonly letter: string | null;
  readonly code: SheetErrorCode;
  /** What is wrong, in English (the web says it in the reader's language from the code). */
  readonly message: string;
  /** With too-long, too-many-rows and the bounds of reading a file: the bound. */
  readonly limit?: number;
}

/** An event read from a row, with the row it came from. */
export interface SheetEvent extends EventFields {
  readonly row: number;
}

export type SheetResult = { readonly ok: true; readonly events: readonly SheetEvent[] } | { readonly ok: false; readonly errors: readonly SheetError[] };

/** "A", "B", … "Z", "AA", … for a zero-based column index. */
export function columnLetter(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const isBlank = (cell: Cell): boolean => cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");

/** The day of a date cell: spreadsheets store dates without a zone, which XLSX readers hand over as UTC midnight. */
function dayOfDate(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Text a spreadsheet program would read as a formula (it starts with = + - @, after any apostrophes): an export puts an
 * apostrophe before it, and reading takes one off again, so that text starting with apostrophes reads back unchanged too.
 */
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;

function cellText(cell: Cell): string {
  if (cell instanceof Date) return dayOfDate(cell) ?? "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  const text = (cell ?? "").normalize("NFC").trim();
  // The apostrophe an export put before text that would read as a formula is not part of the text.
  return text.startsWith("'") && FORMULA_LIKE.test(text.slice(1)) ? text.slice(1) : text;
}

/** A partial date from a cell: a date cell, a four-digit year typed as a number, or text "YYYY", "YYYY-MM", "YYYY-MM-DD". */
export function cellDate(cell: Cell): string | null {
  if (cell instanceof Date) return dayOfDate(cell);
  if (typeof cell === "number") return Number.isInteger(cell) && cell >= 1000 && cell <= 9999 ? String(cell) : null;
  if (typeof cell !== "string") return null;
  const text = cell.trim();
  return parsePartialDate(text) ? text : null;
}

interface ColumnAt {
  readonly name: ProgrammeColumn;
  readonly index: number;
}

/** The header's columns, or the errors that refuse the whole file (a missing, unknown or repeated column). */
function readHeader(header: readonly Cell[], rows: readonly (readonly Cell[])[], languages: readonly string[]): { columns: ColumnAt[] } | { errors: SheetError[] } {
  const known = programmeColumns(languages) as readonly string[];
  const errors: SheetError[] = [];
  const columns: ColumnAt[] = [];
  const seen = new Set<string>();
  const width = Math.max(header.length, ...rows.map((r) => r.length));
  for (let index = 0; index < width; index++) {
    const name = cellText(header[index]).toLowerCase();
    const letter = columnLetter(index);
    if (name === "") {
      // A column with neither a name nor anything in it is no column at all (spreadsheets pad rows with empty cells).
      if (rows.some((row) => !isBlank(row[index]))) {
        errors.push({ row: 1, column: "", letter, code: "unknown-column", message: `column ${letter} has values but no name in the header row` });
      }
      continue;
    }
    if (!known.includes(name)) {
      errors.push({ row: 1, column: name, letter, code: "unknown-column", message: `"${name}" is not a column of the programme (columns: ${known.join(", ")})` });
      continue;
    }
    if (seen.has(name)) {
      errors.push({ row: 1, column: name, letter, code: "duplicate-column", message: `the column "${name}" appears twice in the header row` });
      continue;
    }
    seen.add(name);
    columns.push({ name: name as ProgrammeColumn, index });
  }
  for (const required of requiredColumns(languages)) {
    if (!seen.has(required)) errors.push({ row: null, column: required, letter: null, code: "missing-column", message: `the header row has no column "${required}"` });
  }
  return errors.length > 0 ? { errors } : { columns };
}

const CODE_LISTS = {
  track: { codes: TRACKS, error: "unknown-track", is: isTrack },
  kind: { codes: EVENT_KINDS, error: "unknown-kind", is: isEventKind },
  status: { codes: EVENT_STATUSES, error: "unknown-status", is: isEventStatus },
} as const;

/** One row read into an event, or the errors of its cells. */
function readRow(cells: readonly Cell[], row: number, columns: readonly ColumnAt[], languages: readonly string[], checkText: TextCheck | undefined): { event: SheetEvent } | { errors: SheetError[] } {
  const errors: SheetError[] = [];
  const at = new Map(columns.map((c) => [c.name, c]));
  const fail = (column: ProgrammeColumn, code: SheetErrorCode, message: string, limit?: number) => {
    errors.push({ row, column, letter: columnLetter(at.get(column)?.index ?? 0), code, message, ...(limit !== undefined ? { limit } : {}) });
  };
  const raw = (column: ProgrammeColumn): Cell => {
    const place = at.get(column);
    return place === undefined ? null : cells[place.index];
  };
  const text = (column: ProgrammeColumn): string | null => {
    const value = cellText(raw(column));
    if (value === "") return null;
    const problem = checkText?.(value) ?? null;
    if (problem) {
      fail(column, problem, "is not text that can be shown safely");
      return null;
    }
    if (value.length > MAX_TEXT_LENGTH) {
      fail(column, "too-long", `at most ${MAX_TEXT_LENGTH} characters`, MAX_TEXT_LENGTH);
      return null;
    }
    return value;
  };
  const localized = (prefix: LocalizedColumn): LocalizedText | null => {
    const texts: Record<string, string> = {};
    for (const language of languages) {
      const value = text(`${prefix}_${language.toLowerCase()}`);
      if (value !== null) texts[language] = value;
    }
    return Object.keys(texts).length > 0 ? texts : null;
  };
  const date = (column: "start" | "end", isRequired: boolean): string | null => {
    const cell = raw(column);
    if (isBlank(cell)) {
      if (isRequired) fail(column, "required", "the start date is required");
      return null;
    }
    const value = cellDate(cell);
    if (value === null) fail(column, "bad-date", `"${cellText(cell)}" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date), or use a date cell`);
    return value;
  };
  const code = <K extends keyof typeof CODE_LISTS>(column: K) => {
    const value = cellText(raw(column)).toLowerCase();
    const list = CODE_LISTS[column];
    if (value === "") {
      fail(column, "required", `the ${column} is required (one of ${list.codes.join(", ")})`);
      return null;
    }
    if (!(list.is as (v: string) => boolean)(value)) {
      fail(column, list.error, `"${value}" is not a ${column} (one of ${list.codes.join(", ")})`);
      return null;
    }
    return value as (typeof list.codes)[number];
  };

  const title = localized("title");
  if (title === null && !errors.some((e) => e.column?.startsWith("title_"))) {
    const titles = languages.map((language) => `title_${language.toLowerCase()}`);
    fail(titles[0] as ProgrammeColumn, "required", `a title is required in at least one language (${titles.join(", ")})`);
  }
  const startDate = date("start", true);
  const endDate = date("end", false);
  if (startDate !== null && endDate !== null && isCertainlyBefore(endDate, startDate)) fail("end", "end-before-start", `the end (${endDate}) is before the start (${startDate})`);
  const city = localized("city");
  const track = code("track");
  const kind = code("kind");
  const organizer = localized("organizer");
  const status = code("status");
  const meetingCell = cellText(raw("meeting"));
  const meetingId = meetingCell === "" ? null : meetingCell;
  if (meetingId !== null && !MEETING_ID.test(meetingId)) fail("meeting", "format", "a meeting's identifier: letters, digits, '_' or '-' (at most 64)");

  if (errors.length > 0 || title === null || startDate === null || track === null || kind === null || status === null) return { errors };
  return { event: { row, title, startDate, endDate, city, track: track as EventFields["track"], kind: kind as EventFields["kind"], organizer, status: status as EventFields["status"], meetingId } };
}

/**
 * Reads a sheet: the header (row 1) and the rows after it (`rows[0]` is row 2). A missing, unknown or repeated column
 * refuses the whole file; otherwise every cell is checked and every error reported. Empty rows are skipped, but keep their
 * numbers, so that an error names the row the reader sees.
 */
export function readProgrammeSheet(header: readonly Cell[], rows: readonly (readonly Cell[])[], options: { languages: readonly string[]; checkText?: TextCheck }): SheetResult {
  const { languages } = options;
  if (languages.length === 0) throw new Error("a programme spreadsheet needs the organization's languages");
  const read = readHeader(header, rows, languages);
  if ("errors" in read) return { ok: false, errors: read.errors };
  const filled = rows.map((cells, i) => ({ cells, row: i + 2 })).filter(({ cells }) => cells.some((cell) => !isBlank(cell)));
  if (filled.length === 0) return { ok: false, errors: [{ row: null, column: null, letter: null, code: "no-rows", message: "the file has a header row but no events" }] };
  if (filled.length > MAX_ROWS) {
    return { ok: false, errors: [{ row: null, column: null, letter: null, code: "too-many-rows", message: `at most ${MAX_ROWS} events in one file`, limit: MAX_ROWS }] };
  }
  const events: SheetEvent[] = [];
  const errors: SheetError[] = [];
  for (const { cells, row } of filled) {
    const result = readRow(cells, row, read.columns, languages, options.checkText);
    if ("event" in result) events.push(result.event);
    else errors.push(...result.errors);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, events };
}

/** Text a spreadsheet program would read as a formula gets a leading apostrophe, which reading the file takes off again. */
export function guardFormula(text: string): string {
  return FORMULA_LIKE.test(text) ? `'${text}` : text;
}

/** Events as rows under programmeColumns(languages): what an export writes, and what reads back in as the same events. */
export function programmeRows(events: readonly EventFields[], languages: readonly string[]): string[][] {
  const columns = programmeColumns(languages);
  return events.map((event) => {
    const localized = (texts: LocalizedText | null, language: string) => guardFormula(texts?.[language] ?? "");
    const values = new Map<string, string>([
      ["start", event.startDate],
      ["end", event.endDate ?? ""],
      ["track", event.track],
      ["kind", event.kind],
      ["status", event.status],
      ["meeting", event.meetingId ?? ""],
    ]);
    for (const language of languages) {
      const suffix = language.toLowerCase();
      values.set(`title_${suffix}`, localized(event.title, language));
      values.set(`city_${suffix}`, localized(event.city, language));
      values.set(`organizer_${suffix}`, localized(event.organizer, language));
    }
    return columns.map((column) => values.get(column) ?? "");
  });
}
