// The programme's costly work, run in the work pool's threads: reading and checking an imported spreadsheet, and writing
// the XLSX export. Plain data in and out; a refused file is an answer (data), not an error.
import { textProblem } from "../../contracts/text.js";
import { readProgrammeSheet, type SheetError, type SheetEvent, type TextProblemCode } from "../../domain/programme/spreadsheet.js";
import { UnreadableSpreadsheetError } from "./sheet-bounds.js";
import { readSpreadsheet, type SpreadsheetFormat } from "./sheet-files.js";
import { writeXlsx } from "./xlsx-export.js";

/** The errors a refused spreadsheet reports at most (the count says how many there were). */
export const MAX_REPORTED_ERRORS = 200;

export type ProgrammeFileRead =
  | { readonly ok: true; readonly events: readonly SheetEvent[] }
  /** Bad cells, each named by row and column (at most MAX_REPORTED_ERRORS of `count`). */
  | { readonly ok: false; readonly problem: "spreadsheet-invalid"; readonly errors: readonly SheetError[]; readonly count: number }
  /** Not a readable CSV or XLSX: why (English), and the bound the file broke when that is why. */
  | { readonly ok: false; readonly problem: "spreadsheet-unreadable"; readonly reason: string; readonly errors: readonly SheetError[] };

const checkText = (text: string) => textProblem(text, { isMultiLine: false }) as TextProblemCode | null;

/** Reads an imported file and checks every cell: the events it holds, or why it is refused. */
export async function readProgrammeFile(input: {
  readonly bytes: Uint8Array;
  readonly format: SpreadsheetFormat;
  /** The organization's languages: a column per language for each localized text. */
  readonly languages: readonly string[];
}): Promise<ProgrammeFileRead> {
  // The bytes arrive as a Uint8Array (a Buffer loses its class crossing to the thread); a view of them, not a copy.
  const buffer = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  let cells;
  try {
    cells = await readSpreadsheet(buffer, input.format);
  } catch (error) {
    if (!(error instanceof UnreadableSpreadsheetError)) throw error;
    const { bound } = error;
    // A cell far too long is named like any bad cell; a bound of the whole file makes it unreadable.
    if (bound && bound.row !== null) return { ok: false, problem: "spreadsheet-invalid", errors: [bound], count: 1 };
    return { ok: false, problem: "spreadsheet-unreadable", reason: error.message, errors: bound ? [bound] : [] };
  }
  const read = readProgrammeSheet(cells.header, cells.rows, { languages: input.languages, checkText });
  if (!read.ok) return { ok: false, problem: "spreadsheet-invalid", errors: read.errors.slice(0, MAX_REPORTED_ERRORS), count: read.errors.length };
  return read;
}

/** The programme as an XLSX workbook's bytes (moved back to the caller, not copied). */
export async function writeProgrammeWorkbook(input: { readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[]; readonly sheetName: string }): Promise<Uint8Array> {
  return writeXlsx(input.columns, input.rows, input.sheetName);
}
