// What reading a programme spreadsheet may cost at most: the bounds a CSV or XLSX reader stops at, before anything beyond
// them is held in memory, and the refusal that names the bound a file broke.
import { MAX_ROWS, MAX_TEXT_LENGTH, columnLetter, type Cell, type SheetError } from "../../domain/programme/spreadsheet.js";

/**
 * A programme has 15 columns and at most 2,000 events of one-line texts of at most 300 characters; a real file is far
 * inside these bounds, a hostile one is stopped at them, so that reading costs time linear in the file and capped.
 */
export const SHEET_BOUNDS = {
  /** Columns A to Z: the programme's 15 and a margin for a spreadsheet's own (an unknown column is refused anyway). */
  columns: 26,
  /** Rows read at most, the header and empty rows included: beyond MAX_ROWS events the file is refused anyway. */
  rows: MAX_ROWS * 5,
  /** Characters one cell may hold before reading stops; a cell over MAX_TEXT_LENGTH but under this is reported with the others. */
  cellCharacters: MAX_TEXT_LENGTH * 4,
  /** Bytes the parts of an XLSX workbook that are read may unpack to, counted while inflating (never the declared sizes). */
  unpackedBytes: 32 * 1024 * 1024,
  /** Files in an XLSX archive (a workbook has a dozen or so). */
  entries: 1_000,
  /** Texts in a workbook's shared-strings table: no more than the cells a sheet within the bounds can hold. */
  sharedStrings: MAX_ROWS * 5 * 26,
  /** Cell formats and number formats in a workbook's styles (Excel's own limit of cell formats). */
  styles: 64_000,
} as const;

/**
 * A file that is not a readable CSV or XLSX: why, in English (the problem's detail). `bound`, when set, is the bound the
 * file broke as a spreadsheet error: about the whole file (`row` and `column` null), or about one cell.
 */
export class UnreadableSpreadsheetError extends Error {
  constructor(
    message: string,
    readonly bound?: SheetError,
  ) {
    super(message);
    this.name = "UnreadableSpreadsheetError";
  }
}

export interface SheetCells {
  readonly header: readonly Cell[];
  /** `rows[0]` is the sheet's row 2. */
  readonly rows: readonly (readonly Cell[])[];
}

function fileBound(code: SheetError["code"], limit: number, message: string): UnreadableSpreadsheetError {
  return new UnreadableSpreadsheetError(message, { row: null, column: null, letter: null, code, message, limit });
}

export const tooManyColumns = (): UnreadableSpreadsheetError =>
  fileBound("too-many-columns", SHEET_BOUNDS.columns, `the sheet has cells beyond column ${columnLetter(SHEET_BOUNDS.columns - 1)} (at most ${SHEET_BOUNDS.columns} columns)`);

export const tooManyRows = (): UnreadableSpreadsheetError =>
  fileBound("too-many-sheet-rows", SHEET_BOUNDS.rows, `the sheet has rows beyond row ${SHEET_BOUNDS.rows} (empty rows count too); a programme has at most ${MAX_ROWS} events`);

export const unpackedTooLarge = (): UnreadableSpreadsheetError =>
  fileBound("unpacked-too-large", SHEET_BOUNDS.unpackedBytes, `the XLSX workbook unpacks to more than ${SHEET_BOUNDS.unpackedBytes / 1024 / 1024} MiB`);

export const tooManyEntries = (): UnreadableSpreadsheetError =>
  fileBound("too-many-entries", SHEET_BOUNDS.entries, `the XLSX archive holds more than ${SHEET_BOUNDS.entries} files`);

export const tooManyStrings = (): UnreadableSpreadsheetError =>
  fileBound("too-many-strings", SHEET_BOUNDS.sharedStrings, `the XLSX workbook's shared-strings table holds more than ${SHEET_BOUNDS.sharedStrings} texts`);

export const tooManyStyles = (): UnreadableSpreadsheetError =>
  fileBound("too-many-styles", SHEET_BOUNDS.styles, `the XLSX workbook holds more than ${SHEET_BOUNDS.styles} cell or number formats`);

/**
 * A cell far longer than any text of the programme: reading stops there, and the refusal names the cell (its column by
 * its header when the header row had one) and the bound of a text.
 */
export function cellTooLong(row: number, index: number, header: readonly Cell[]): UnreadableSpreadsheetError {
  const name = row === 1 ? "" : typeof header[index] === "string" ? (header[index] as string).trim().toLowerCase().slice(0, 64) : "";
  const letter = columnLetter(index);
  const message = `at most ${MAX_TEXT_LENGTH} characters; this cell holds more than ${SHEET_BOUNDS.cellCharacters}, and the file was not read further`;
  return new UnreadableSpreadsheetError(`the cell in row ${row}, column ${letter} is far too long`, { row, column: name, letter, code: "too-long", message, limit: MAX_TEXT_LENGTH });
}
