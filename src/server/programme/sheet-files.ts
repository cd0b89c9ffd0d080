// Programme spreadsheets as files: a CSV (UTF-8; comma, semicolon or tab, as spreadsheet programs in each locale write it)
// or the first sheet of an XLSX workbook read into cell values, and events written back as either.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { EVENT_KINDS, EVENT_STATUSES, TRACKS } from "../../domain/programme/event.js";
import { MAX_ROWS, PROGRAMME_COLUMNS, type Cell } from "../../domain/programme/spreadsheet.js";

export type SpreadsheetFormat = "csv" | "xlsx";

/** A file that is not a readable CSV or XLSX: why, in English (the problem's detail). */
export class UnreadableSpreadsheetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnreadableSpreadsheetError";
  }
}

export interface SheetCells {
  readonly header: readonly Cell[];
  /** `rows[0]` is the sheet's row 2. */
  readonly rows: readonly (readonly Cell[])[];
}

/** Rows read at most: beyond MAX_ROWS events the file is refused anyway; the margin lets empty rows through. */
const MAX_SHEET_ROWS = MAX_ROWS * 5;

function tooLong(): UnreadableSpreadsheetError {
  return new UnreadableSpreadsheetError(`the sheet has more than ${MAX_SHEET_ROWS} rows; a programme has at most ${MAX_ROWS} events`);
}

/** The separator of a CSV's header line: the one of ",", ";" and tab it holds most often (a comma when none). */
export function csvDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const counts = [",", ";", "\t"].map((d) => [d, firstLine.split(d).length - 1] as const);
  const [best] = counts.sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ",";
}

function readCsv(buffer: Buffer): SheetCells {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(buffer);
  } catch {
    throw new UnreadableSpreadsheetError("the CSV file is not UTF-8 text: save it as “CSV UTF-8”");
  }
  let records: string[][];
  try {
    records = parse(text, { delimiter: csvDelimiter(text), relax_column_count: true, skip_empty_lines: false, bom: true, to: MAX_SHEET_ROWS + 1 }) as string[][];
  } catch (error) {
    throw new UnreadableSpreadsheetError(`the CSV file could not be read: ${(error as Error).message}`);
  }
  if (records.length > MAX_SHEET_ROWS) throw tooLong();
  return { header: records[0] ?? [], rows: records.slice(1) };
}

/** A cell's value as the sheet shows it: a formula's result, a rich text's or a link's text. */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if ("result" in value) return cellValue((value.result ?? null) as ExcelJS.CellValue);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("text" in value && typeof value.text === "string") return value.text;
  if ("error" in value) return String(value.error);
  return null;
}

/** What a workbook may unpack to at most: a programme of MAX_ROWS events is far smaller; a "ZIP bomb" far larger. */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

/**
 * The bytes a ZIP archive says its files unpack to, from its central directory (read before anything is unpacked); null
 * when the archive has no readable directory.
 */
export function unpackedSize(buffer: Buffer): number | null {
  // The end-of-central-directory record: 22 bytes, then a comment of up to 65,535.
  for (let end = buffer.length - 22; end >= Math.max(0, buffer.length - 22 - 0xffff); end--) {
    if (buffer.readUInt32LE(end) !== 0x06054b50) continue;
    const entries = buffer.readUInt16LE(end + 10);
    let at = buffer.readUInt32LE(end + 16);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== 0x02014b50) return null;
      total += buffer.readUInt32LE(at + 24);
      at += 46 + buffer.readUInt16LE(at + 28) + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
    }
    return total;
  }
  return null;
}

async function readXlsx(buffer: Buffer): Promise<SheetCells> {
  // An XLSX file is a ZIP archive; anything else is not worth handing to the reader.
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) throw new UnreadableSpreadsheetError("the file is not an XLSX workbook");
  const unpacked = unpackedSize(buffer);
  if (unpacked === null) throw new UnreadableSpreadsheetError("the XLSX workbook is damaged");
  if (unpacked > MAX_UNPACKED_BYTES) throw new UnreadableSpreadsheetError(`the XLSX workbook unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MiB`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (error) {
    throw new UnreadableSpreadsheetError(`the XLSX workbook could not be read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableSpreadsheetError("the XLSX workbook has no sheet");
  const byNumber = new Map<number, Cell[]>();
  let last = 0;
  sheet.eachRow((row, number) => {
    last = Math.max(last, number);
    if (number > MAX_SHEET_ROWS) return;
    const values = row.values as ExcelJS.CellValue[];
    // row.values starts at index 1, as columns do.
    byNumber.set(number, values.slice(1).map((v) => cellValue(v)));
  });
  if (last > MAX_SHEET_ROWS) throw tooLong();
  const rows: Cell[][] = [];
  for (let number = 2; number <= last; number++) rows.push(byNumber.get(number) ?? []);
  return { header: byNumber.get(1) ?? [], rows };
}

export async function readSpreadsheet(buffer: Buffer, format: SpreadsheetFormat): Promise<SheetCells> {
  return format === "csv" ? readCsv(buffer) : readXlsx(buffer);
}

function csvField(value: string): string {
  return /[",;\t\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A CSV with a byte-order mark, so that spreadsheet programs open it as UTF-8. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${[[...PROGRAMME_COLUMNS], ...rows].map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}

/** An XLSX workbook: the programme on its first sheet (every cell text, dates as written), the allowed codes on a second. */
export async function writeXlsx(rows: readonly (readonly string[])[], sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Concord";
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31) || "programme", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = PROGRAMME_COLUMNS.map((column) => ({ header: column, key: column, width: column.startsWith("title") ? 40 : column.startsWith("organizer") || column.startsWith("city") ? 20 : 12, style: { numFmt: "@" } }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow([...row]);
  const codes = workbook.addWorksheet("codes");
  codes.columns = [
    { header: "track", key: "track", width: 16 },
    { header: "kind", key: "kind", width: 16 },
    { header: "status", key: "status", width: 16 },
  ];
  codes.getRow(1).font = { bold: true };
  for (let i = 0; i < Math.max(TRACKS.length, EVENT_KINDS.length, EVENT_STATUSES.length); i++) codes.addRow([TRACKS[i] ?? null, EVENT_KINDS[i] ?? null, EVENT_STATUSES[i] ?? null]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
