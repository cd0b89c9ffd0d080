import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { PROGRAMME_COLUMNS, programmeRows, readProgrammeSheet } from "../../domain/programme/spreadsheet.js";
import { csvDelimiter, MAX_UNPACKED_BYTES, readSpreadsheet, unpackedSize, UnreadableSpreadsheetError, writeCsv, writeXlsx } from "./sheet-files.js";

const EVENT = {
  title: { zh: "天津峰会", ru: "Саммит, «Тяньцзинь»", en: 'The "Tianjin" summit; day one' },
  startDate: "2025-08-31",
  endDate: "2025-09-01",
  city: { en: "Tianjin" },
  track: "institutional",
  kind: "summit",
  organizer: null,
  status: "held",
  meetingId: "CHS-2025",
} as const;

/** A one-file ZIP archive whose central directory says the file unpacks to `declared` bytes. */
function zipDeclaring(declared: number): Buffer {
  const name = Buffer.from("a.xml");
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length, 16);
  return Buffer.concat([local, name, central, name, end]);
}

describe("programme spreadsheets as files", () => {
  it("writes a CSV that reads back as the same event", async () => {
    const text = writeCsv(programmeRows([EVENT]));
    expect(text.startsWith(`\uFEFF${PROGRAMME_COLUMNS.join(",")}\r\n`)).toBe(true);
    const cells = await readSpreadsheet(Buffer.from(text, "utf8"), "csv");
    const read = readProgrammeSheet(cells.header, cells.rows);
    expect(read.ok && read.events.map(({ row: _row, ...e }) => e)).toEqual([EVENT]);
  });

  it("writes an XLSX that reads back as the same event, the codes on a second sheet", async () => {
    const file = await writeXlsx(programmeRows([EVENT]), "chair-2025");
    const cells = await readSpreadsheet(file, "xlsx");
    const read = readProgrammeSheet(cells.header, cells.rows);
    expect(read.ok && read.events.map(({ row: _row, ...e }) => e)).toEqual([EVENT]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(["chair-2025", "codes"]);
  });

  it("reads an XLSX cell as the sheet shows it: a formula's result, rich text, a link's text, a date cell", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("p");
    sheet.addRow(["title_en", "start", "city_en", "organizer_en"]);
    sheet.addRow([{ formula: 'CONCAT("Youth ","forum")', result: "Youth forum" }, new Date(Date.UTC(2025, 3, 12)), { richText: [{ text: "Bei" }, { text: "jing", font: { bold: true } }] }, { text: "Ministry", hyperlink: "https://example.org" }]);
    // A gap, then a row further down: its number is kept.
    sheet.getRow(5).values = ["Late event", "2025"];
    const cells = await readSpreadsheet(Buffer.from(await book.xlsx.writeBuffer()), "xlsx");
    expect(cells.header).toEqual(["title_en", "start", "city_en", "organizer_en"]);
    expect(cells.rows[0]).toEqual(["Youth forum", new Date(Date.UTC(2025, 3, 12)), "Beijing", "Ministry"]);
    expect(cells.rows[1]).toEqual([]);
    expect(cells.rows[3]).toEqual(["Late event", "2025"]);
  });

  it("finds the CSV's separator in its header line", () => {
    expect(csvDelimiter("title_en;start;track\n")).toBe(";");
    expect(csvDelimiter("title_en\tstart\ttrack")).toBe("\t");
    expect(csvDelimiter("title_en,start")).toBe(",");
    expect(csvDelimiter("title_en")).toBe(",");
  });

  it("refuses a CSV that is not UTF-8, one with a broken quote, and a file that is not a workbook", async () => {
    await expect(readSpreadsheet(Buffer.from([0x74, 0xe9, 0x0a]), "csv")).rejects.toThrow(/UTF-8/);
    await expect(readSpreadsheet(Buffer.from('title_en\n"unclosed\n'), "csv")).rejects.toBeInstanceOf(UnreadableSpreadsheetError);
    await expect(readSpreadsheet(Buffer.from("title_en\n"), "xlsx")).rejects.toThrow(/not an XLSX/);
  });

  it("refuses a workbook that would unpack to far more than a programme, before unpacking it", async () => {
    expect(unpackedSize(zipDeclaring(1234))).toBe(1234);
    await expect(readSpreadsheet(zipDeclaring(MAX_UNPACKED_BYTES + 1), "xlsx")).rejects.toThrow(/unpacks to more than/);
    const real = await writeXlsx([], "p");
    expect(unpackedSize(real)).toBeGreaterThan(real.length);
    expect(unpackedSize(real)).toBeLessThan(MAX_UNPACKED_BYTES);
  });
});
