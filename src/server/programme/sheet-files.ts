// Programme spreadsheets as files: a CSV (UTF-8; comma, semicolon or tab, as spreadsheet programs in each locale write it)
// or the first sheet of an XLSX workbook read into cell values within SHEET_BOUNDS, and events written back as CSV (the
// XLSX export: xlsx-export.ts). Reading runs in the work pool (sheet-task.ts), never on the thread that answers requests.
import { cellTooLong, SHEET_BOUNDS, tooManyColumns, tooManyRows, UnreadableSpreadsheetError, type SheetCells } from "./sheet-bounds.js";
import { readXlsx } from "./xlsx-sheet.js";

export type SpreadsheetFormat = "csv" | "xlsx";

/** The separator of a CSV's header line: the one of ",", ";" and tab it holds most often (a comma when none). */
export function csvDelimiter(text: string): string {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  // Counted, not split: a header line may be a megabyte of separators.
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === "\n" || char === "\r") break;
    if (char === "," || char === ";" || char === "\t") counts[char]++;
  }
  const [best] = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ",";
}

const QUOTE = 0x22;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

function brokenCsv(why: string): UnreadableSpreadsheetError {
  return new UnreadableSpreadsheetError(`the CSV file could not be read: ${why}`);
}

/**
 * A CSV's records (RFC 4180: quoted fields may hold separators, line breaks and doubled quotes; lines end in CRLF, LF or
 * CR), read within SHEET_BOUNDS: the reader stops at the first field beyond the last column, the first record beyond the
 * last row and the first cell longer than the bound, so that no more than the bounds allow is ever held. An empty line
 * is a record of one empty field, as spreadsheet programs number it.
 */
export function csvRecords(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  const length = text.length;
  const separator = delimiter.charCodeAt(0);
  let header: string[] = [];
  let record: string[] = [];
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (at >= length) return records;
  for (;;) {
    const row = records.length + 1;
    if (record.length === 0 && row > SHEET_BOUNDS.rows) throw tooManyRows();
    if (record.length >= SHEET_BOUNDS.columns) throw tooManyColumns();
    let value = "";
    if (text.charCodeAt(at) === QUOTE) {
      at++;
      for (;;) {
        const close = text.indexOf('"', at);
        if (close === -1) throw brokenCsv(`a quoted field in row ${row} is never closed`);
        if (value.length + (close - at) > SHEET_BOUNDS.cellCharacters) throw cellTooLong(row, record.length, header);
        value += text.slice(at, close);
        at = close + 1;
        if (text.charCodeAt(at) !== QUOTE) break;
        value += '"';
        at++;
      }
      const next = text.charCodeAt(at);
      if (at < length && next !== separator && next !== LINE_FEED && next !== CARRIAGE_RETURN) throw brokenCsv(`a field in row ${row} goes on after its closing quote`);
    } else {
      const start = at;
      for (; at < length; at++) {
        const code = text.charCodeAt(at);
        if (code === separator || code === LINE_FEED || code === CARRIAGE_RETURN) break;
        if (code === QUOTE) throw brokenCsv(`a quote inside a field in row ${row}: put the field in quotes and double the quote`);
        if (at - start >= SHEET_BOUNDS.cellCharacters) throw cellTooLong(row, record.length, header);
      }
      value = text.slice(start, at);
    }
    record.push(value);
    if (row === 1) header = record;
    if (at >= length) {
      records.push(record);
      return records;
    }
    if (text.charCodeAt(at) === separator) {
      at++;
      continue;
    }
    at += text.charCodeAt(at) === CARRIAGE_RETURN && text.charCodeAt(at + 1) === LINE_FEED ? 2 : 1;
    records.push(record);
    record = [];
    if (at >= length) return records;
  }
}

function readCsv(buffer: Buffer): SheetCells {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(buffer);
  } catch {
    throw new UnreadableSpreadsheetError("the CSV file is not UTF-8 text: save it as “CSV UTF-8”");
  }
  const records = csvRecords(text, csvDelimiter(text));
  return { header: records[0] ?? [], rows: records.slice(1) };
}

/** A spreadsheet's cells, or UnreadableSpreadsheetError (naming the bound the file broke, if it broke one). */
export async function readSpreadsheet(buffer: Buffer, format: SpreadsheetFormat): Promise<SheetCells> {
  return format === "csv" ? readCsv(buffer) : readXlsx(buffer);
}

function csvField(value: string): string {
  return /[",;\t\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A CSV with a byte-order mark, so that spreadsheet programs open it as UTF-8: the header `columns`, then the rows. */
export function writeCsv(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  return `\uFEFF${[[...columns], ...rows].map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}
