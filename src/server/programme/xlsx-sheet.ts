// The first sheet of an XLSX workbook read into cell values within SHEET_BOUNDS: the archive opened with yauzl (each
// part's bytes counted while it inflates; a part that inflates beyond the size its directory declares is refused), and
// each part's XML read with saxes as it inflates, so that nothing beyond a bound is ever unpacked or held in memory.
import { posix } from "node:path";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import yauzl from "yauzl";
import type { Cell } from "../../domain/programme/spreadsheet.js";
import {
  cellTooLong,
  SHEET_BOUNDS,
  tooManyColumns,
  tooManyEntries,
  tooManyRows,
  tooManyStrings,
  tooManyStyles,
  unpackedTooLarge,
  UnreadableSpreadsheetError,
  type SheetCells,
} from "./sheet-bounds.js";

/** The bytes unpacked so far over every part read: a test passes its own to see how far reading went. */
export interface UnpackMeter {
  bytes: number;
}

/** Thrown by a part's reader once it has what it needs: the rest of the part is never inflated. */
class PartDone extends Error {}

type Handlers = {
  readonly open?: (name: string, attributes: Readonly<Record<string, string>>) => void;
  readonly close?: (name: string) => void;
  readonly text?: (text: string) => void;
};

/** A name without its namespace prefix: workbooks written with `x:` prefixes read as the usual ones. */
const local = (name: string): string => name.slice(name.indexOf(":") + 1);

/** An attribute by its local name and whether it has a prefix (`r:id` is a relationship, `sheetId` is not). */
function attribute(attributes: Readonly<Record<string, string>>, name: string, isPrefixed = false): string | undefined {
  for (const [key, value] of Object.entries(attributes)) {
    if (local(key) === name && key.includes(":") === isPrefixed) return value;
  }
  return undefined;
}

interface Zip {
  readonly file: yauzl.ZipFile;
  /** Entries by their name in lower case (part names are case-insensitive). */
  readonly entries: ReadonlyMap<string, yauzl.Entry>;
}

async function openZip(buffer: Buffer): Promise<Zip> {
  const file = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: false });
  // The count comes from the archive's end record, before any entry is read.
  if (file.entryCount > SHEET_BOUNDS.entries) {
    file.close();
    throw tooManyEntries();
  }
  const entries = new Map<string, yauzl.Entry>();
  try {
    for await (const entry of file.eachEntry()) {
      const name = entry.fileName.toLowerCase();
      if (!entries.has(name)) entries.set(name, entry);
    }
  } catch (error) {
    file.close();
    throw error;
  }
  return { file, entries };
}

/**
 * Reads one part of the archive through `handlers` as it inflates, counting its bytes into `meter` and stopping at the
 * unpacked bound. A handler throws PartDone to stop early, or a refusal.
 */
async function readPart(zip: Zip, entry: yauzl.Entry, meter: UnpackMeter, handlers: Handlers): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const { open, close, text } = handlers;
  if (open) parser.on("opentag", (tag: SaxesTagPlain) => open(local(tag.name), tag.attributes));
  if (close) parser.on("closetag", (tag: SaxesTagPlain) => close(local(tag.name)));
  if (text) {
    parser.on("text", text);
    parser.on("cdata", text);
  }
  // The size a part declares is exact (yauzl stops an entry that inflates past it or ends short of it), so a part that
  // would take the workbook beyond the bound is refused before a byte of it is inflated; the count below is the backstop.
  if (meter.bytes + entry.uncompressedSize > SHEET_BOUNDS.unpackedBytes) throw unpackedTooLarge();
  const stream = await zip.file.openReadStreamPromise(entry);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      meter.bytes += chunk.length;
      if (meter.bytes > SHEET_BOUNDS.unpackedBytes) throw unpackedTooLarge();
      parser.write(decoder.decode(chunk, { stream: true }));
    }
    parser.write(decoder.decode());
    parser.close();
  } catch (error) {
    if (!(error instanceof PartDone)) throw error;
  } finally {
    stream.destroy();
  }
}

interface Relationship {
  readonly type: string;
  readonly target: string;
}

/** A part's relationships by id, their targets resolved against the part's folder. */
async function relationships(zip: Zip, partName: string, meter: UnpackMeter): Promise<Map<string, Relationship>> {
  const folder = posix.dirname(partName);
  const entry = zip.entries.get(posix.join(folder, "_rels", `${posix.basename(partName)}.rels`).toLowerCase());
  const found = new Map<string, Relationship>();
  if (!entry) return found;
  await readPart(zip, entry, meter, {
    open: (name, attributes) => {
      if (name !== "Relationship" || attribute(attributes, "TargetMode") === "External") return;
      const id = attribute(attributes, "Id");
      const target = attribute(attributes, "Target");
      if (id === undefined || target === undefined) return;
      const resolved = target.startsWith("/") ? target.slice(1) : posix.normalize(posix.join(folder === "." ? "" : folder, target));
      found.set(id, { type: attribute(attributes, "Type") ?? "", target: resolved });
      if (found.size > SHEET_BOUNDS.entries) throw tooManyEntries();
    },
  });
  return found;
}

const byType = (rels: ReadonlyMap<string, Relationship>, suffix: string): string | undefined => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;

/** Number formats that show a date or a time: Excel's built-in ones (14–22, 45–47, and 27–36, 50–58 in East Asian locales). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a custom number format shows a date or time: a y, m, d, h, s (or b, Buddhist year) outside quotes, brackets and escapes. */
export function isDateFormat(code: string): boolean {
  return /[ymdhsb]/i.test(code.replace(/\[[^\]]*\]|"[^"]*"|\\./g, "").replace(/general/gi, ""));
}

/** For each cell format (a cell's `s`), whether it shows a date. */
async function dateStyles(zip: Zip, entry: yauzl.Entry | undefined, meter: UnpackMeter): Promise<boolean[]> {
  const isDate: boolean[] = [];
  if (!entry) return isDate;
  const custom = new Map<number, boolean>();
  let isInCellFormats = false;
  await readPart(zip, entry, meter, {
    open: (name, attributes) => {
      if (name === "numFmt") {
        if (custom.size >= SHEET_BOUNDS.styles) throw tooManyStyles();
        custom.set(Number(attribute(attributes, "numFmtId")), isDateFormat(attribute(attributes, "formatCode") ?? ""));
      } else if (name === "cellXfs") {
        isInCellFormats = true;
      } else if (name === "xf" && isInCellFormats) {
        if (isDate.length >= SHEET_BOUNDS.styles) throw tooManyStyles();
        const id = Number(attribute(attributes, "numFmtId") ?? 0);
        isDate.push(custom.get(id) ?? BUILT_IN_DATE_FORMATS.has(id));
      }
    },
    close: (name) => {
      // Number formats come before the cell formats; nothing after them matters here.
      if (name === "cellXfs") throw new PartDone();
    },
  });
  return isDate;
}

/**
 * The shared-strings table: rich text joined, phonetic runs left out; a text is kept up to one character over the cell
 * bound (enough for a cell that uses it to be refused), and the table to SHEET_BOUNDS.sharedStrings texts.
 */
async function sharedStrings(zip: Zip, entry: yauzl.Entry | undefined, meter: UnpackMeter): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  let current: string | null = null;
  let isInText = false;
  let isInPhonetic = false;
  await readPart(zip, entry, meter, {
    open: (name) => {
      if (name === "si") {
        if (strings.length >= SHEET_BOUNDS.sharedStrings) throw tooManyStrings();
        current = "";
      } else if (name === "rPh") isInPhonetic = true;
      else if (name === "t" && current !== null && !isInPhonetic) isInText = true;
    },
    text: (text) => {
      if (isInText && current !== null && current.length <= SHEET_BOUNDS.cellCharacters) current = (current + text).slice(0, SHEET_BOUNDS.cellCharacters + 1);
    },
    close: (name) => {
      if (name === "t") isInText = false;
      else if (name === "rPh") isInPhonetic = false;
      else if (name === "si" && current !== null) {
        strings.push(current);
        current = null;
      }
    },
  });
  return strings;
}

/** A spreadsheet's date serial (days since 1899-12-30, or since 1904-01-01) as UTC midnight of its day plus the time. */
function serialDate(serial: number, isDate1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (isDate1904 ? 1462 : 0)) * 86_400_000));
}

/** "XFD17" → 16383; a reference without letters → null. */
function columnIndex(reference: string): number | null {
  let index = 0;
  let letters = 0;
  for (const char of reference) {
    const code = char.toUpperCase().charCodeAt(0);
    if (code < 65 || code > 90) break;
    // Past three letters (XFD is a sheet's last column) it is beyond any sheet; the exact number no longer matters.
    if (++letters > 3) return Number.MAX_SAFE_INTEGER;
    index = index * 26 + (code - 64);
  }
  return letters === 0 ? null : index - 1;
}

interface Workbook {
  readonly sheet: yauzl.Entry;
  readonly isDate1904: boolean;
  readonly strings: readonly string[];
  readonly isDateStyle: readonly boolean[];
}

async function openWorkbook(zip: Zip, meter: UnpackMeter): Promise<Workbook> {
  const root = await relationships(zip, "", meter);
  const workbookName = byType(root, "/officeDocument") ?? "xl/workbook.xml";
  const workbookEntry = zip.entries.get(workbookName.toLowerCase());
  if (!workbookEntry) throw new UnreadableSpreadsheetError("the file is not an XLSX workbook");
  let isDate1904 = false;
  let firstSheet: string | undefined;
  await readPart(zip, workbookEntry, meter, {
    open: (name, attributes) => {
      if (name === "workbookPr") isDate1904 = ["1", "true"].includes(attribute(attributes, "date1904") ?? "");
      if (name === "sheet") {
        firstSheet = attribute(attributes, "id", true);
        throw new PartDone();
      }
    },
  });
  const rels = await relationships(zip, workbookName, meter);
  const sheetName = firstSheet === undefined ? undefined : rels.get(firstSheet)?.target;
  const sheet = sheetName === undefined ? undefined : zip.entries.get(sheetName.toLowerCase());
  if (!sheet) throw new UnreadableSpreadsheetError("the XLSX workbook has no sheet");
  const part = (suffix: string, usual: string) => zip.entries.get((byType(rels, suffix) ?? usual).toLowerCase());
  const isDateStyle = await dateStyles(zip, part("/styles", "xl/styles.xml"), meter);
  const strings = await sharedStrings(zip, part("/sharedStrings", "xl/sharedStrings.xml"), meter);
  return { sheet, isDate1904, strings, isDateStyle };
}

/** A cell's value as the sheet shows it: a shared or inline text, a formula's cached result, a number, a date, a boolean. */
function cellValue(type: string, value: string | null, inline: string | null, style: number, workbook: Workbook): Cell {
  if (type === "inlineStr") return inline;
  if (value === null) return null;
  switch (type) {
    case "s": {
      const text = workbook.strings[Number(value)];
      if (text === undefined) throw new UnreadableSpreadsheetError("the XLSX workbook is damaged: a cell refers to a text its table does not have");
      return text;
    }
    case "str":
    case "e":
      return value;
    case "b":
      return value === "1" || value === "true";
    case "d": {
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? value : date;
    }
    default: {
      const number = Number(value);
      if (value.trim() === "" || !Number.isFinite(number)) return null;
      return workbook.isDateStyle[style] ? serialDate(number, workbook.isDate1904) : number;
    }
  }
}

/** The first sheet's cells, every bound checked before a cell is kept: nothing beyond column Z or row 10,000 is held. */
async function readSheet(zip: Zip, workbook: Workbook, meter: UnpackMeter): Promise<SheetCells> {
  const rows = new Map<number, Cell[]>();
  let row = 0;
  let column = -1;
  let type = "n";
  let style = 0;
  let value: string | null = null;
  let inline: string | null = null;
  let where: "v" | "t" | null = null;
  let isInCell = false;
  let isInInline = false;
  let isInPhonetic = false;
  const header = (): readonly Cell[] => rows.get(1) ?? [];
  // A value is about to be read: it must lie within the bounds.
  const checkPlace = () => {
    if (row > SHEET_BOUNDS.rows) throw tooManyRows();
    if (column >= SHEET_BOUNDS.columns) throw tooManyColumns();
  };
  const append = (current: string | null, text: string): string => {
    const joined = (current ?? "") + text;
    if (joined.length > SHEET_BOUNDS.cellCharacters) throw cellTooLong(row, column, header());
    return joined;
  };
  await readPart(zip, workbook.sheet, meter, {
    open: (name, attributes) => {
      if (name === "row") {
        const number = attribute(attributes, "r");
        row = number === undefined ? row + 1 : Number(number);
        if (!Number.isInteger(row) || row < 1) throw new UnreadableSpreadsheetError("the XLSX workbook is damaged: a row without a valid number");
        column = -1;
      } else if (name === "c") {
        const reference = attribute(attributes, "r");
        column = (reference === undefined ? null : columnIndex(reference)) ?? column + 1;
        type = attribute(attributes, "t") ?? "n";
        style = Number(attribute(attributes, "s") ?? 0);
        value = null;
        inline = null;
        isInCell = true;
      } else if (isInCell && name === "v") {
        checkPlace();
        where = "v";
      } else if (isInCell && name === "is") {
        checkPlace();
        isInInline = true;
        inline = "";
      } else if (isInInline && name === "rPh") isInPhonetic = true;
      else if (isInInline && name === "t" && !isInPhonetic) where = "t";
    },
    text: (text) => {
      if (where === "v") value = append(value, text);
      else if (where === "t") inline = append(inline, text);
    },
    close: (name) => {
      if (name === "v" || name === "t") where = null;
      else if (name === "rPh") isInPhonetic = false;
      else if (name === "is") isInInline = false;
      else if (name === "c") {
        isInCell = false;
        const cell = cellValue(type, value, inline, style, workbook);
        if (cell === null) return;
        if (typeof cell === "string" && cell.length > SHEET_BOUNDS.cellCharacters) throw cellTooLong(row, column, header());
        const cells = rows.get(row) ?? [];
        while (cells.length < column) cells.push(null);
        cells[column] = cell;
        rows.set(row, cells);
      } else if (name === "sheetData") throw new PartDone();
    },
  });
  const last = Math.max(1, ...rows.keys());
  const after: (readonly Cell[])[] = [];
  for (let number = 2; number <= last; number++) after.push(rows.get(number) ?? []);
  return { header: header(), rows: after };
}

/** The first sheet of an XLSX workbook as cells, or UnreadableSpreadsheetError (naming the bound the file broke, if any). */
export async function readXlsx(buffer: Buffer, meter: UnpackMeter = { bytes: 0 }): Promise<SheetCells> {
  // An XLSX file is a ZIP archive; anything else is not worth handing to the reader.
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) throw new UnreadableSpreadsheetError("the file is not an XLSX workbook");
  let zip: Zip | undefined;
  try {
    zip = await openZip(buffer);
    const workbook = await openWorkbook(zip, meter);
    return await readSheet(zip, workbook, meter);
  } catch (error) {
    if (error instanceof UnreadableSpreadsheetError) throw error;
    // No archive directory, a part that inflates beyond its declared size, broken deflate data, XML that is not
    // well-formed, text that is not UTF-8.
    throw new UnreadableSpreadsheetError(`the XLSX workbook is damaged: ${(error as Error).message}`);
  } finally {
    zip?.file.close();
  }
}
