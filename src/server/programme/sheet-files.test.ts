import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { programmeColumns, programmeRows, readProgrammeSheet } from "../../domain/programme/spreadsheet.js";
import { farRightColumn, longCellCsv, longCsv, manyEntries, wideCsv, workbookWith, zipBomb } from "../../../tests/fixtures/programme/hostile-spreadsheets.js";
import { SHEET_BOUNDS, UnreadableSpreadsheetError } from "./sheet-bounds.js";
import { csvDelimiter, csvRecords, readSpreadsheet, writeCsv } from "./sheet-files.js";
import { writeXlsx } from "./xlsx-export.js";
import { isDateFormat, readXlsx, type UnpackMeter } from "./xlsx-sheet.js";

const SCO = ["zh", "ru", "en"];
const PROGRAMME_COLUMNS = programmeColumns(SCO);

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

describe("programme spreadsheets as files", () => {
  it("writes a CSV that reads back as the same event", async () => {
    const text = writeCsv(PROGRAMME_COLUMNS, programmeRows([EVENT], SCO));
    expect(text.startsWith(`\uFEFF${PROGRAMME_COLUMNS.join(",")}\r\n`)).toBe(true);
    const cells = await readSpreadsheet(Buffer.from(text, "utf8"), "csv");
    const read = readProgrammeSheet(cells.header, cells.rows, { languages: SCO });
    expect(read.ok && read.events.map(({ row: _row, ...e }) => e)).toEqual([EVENT]);
  });

  it("writes an XLSX that reads back as the same event, the codes on a second sheet", async () => {
    const file = await writeXlsx(PROGRAMME_COLUMNS, programmeRows([EVENT], SCO), "chair-2025");
    const cells = await readSpreadsheet(file, "xlsx");
    const read = readProgrammeSheet(cells.header, cells.rows, { languages: SCO });
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

  it("reads CSV records as spreadsheet programs write them: quoted separators, line breaks and quotes, any line ending, empty lines kept", () => {
    expect(csvRecords('\uFEFFa;"b;c"\r\n"say ""hi""";"two\nlines"\n\nlast;\rx', ";")).toEqual([["a", "b;c"], ['say "hi"', "two\nlines"], [""], ["last", ""], ["x"]]);
    expect(csvRecords("", ",")).toEqual([]);
    expect(csvRecords("a,b\n", ",")).toEqual([["a", "b"]]);
  });

  it("reads back any records written with every field quoted", () => {
    const field = fc.string({ unit: fc.constantFrom("a", "я", "文", ",", ";", '"', "\n", "\r", " ", "\t"), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 26 }), { minLength: 1, maxLength: 20 }), fc.constantFrom(",", ";", "\t"), (records, delimiter) => {
        const text = records.map((r) => r.map((v) => `"${v.replaceAll('"', '""')}"`).join(delimiter)).join("\r\n");
        expect(csvRecords(text, delimiter)).toEqual(records);
      }),
    );
  });

  it("refuses a CSV that is not UTF-8, one with a broken quote, and a file that is not a workbook", async () => {
    await expect(readSpreadsheet(Buffer.from([0x74, 0xe9, 0x0a]), "csv")).rejects.toThrow(/UTF-8/);
    await expect(readSpreadsheet(Buffer.from('title_en\n"unclosed\n'), "csv")).rejects.toThrow(/row 2 is never closed/);
    await expect(readSpreadsheet(Buffer.from('title_en\n"closed" too\n'), "csv")).rejects.toThrow(/after its closing quote/);
    await expect(readSpreadsheet(Buffer.from('title_en\nsay "hi"\n'), "csv")).rejects.toBeInstanceOf(UnreadableSpreadsheetError);
    await expect(readSpreadsheet(Buffer.from("title_en\n"), "xlsx")).rejects.toThrow(/not an XLSX/);
  });

  it("reads a workbook as other programs write it: inline and shared texts (phonetic runs left out), booleans, formula results, date formats, cells without a reference", async () => {
    const file = workbookWith(
      [
        `<row r="1"><c r="A1" t="inlineStr"><is><t>title_en</t></is></c><c t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>`,
        `<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>45762</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="str"><f>A2</f><v>Forum</v></c><c r="E2" s="2"><v>2025</v></c></row>`,
        // An empty styled cell far to the right, as spreadsheet programs write a formatted column: nothing to read.
        `<row r="4"><c r="A4" t="inlineStr"><is><r><t>Bei</t></r><r><rPr><b/></rPr><t>jing</t></r></is></c><c r="XFD4" s="1"/></row>`,
      ].join(""),
      {
        sharedStrings: `<si><t>start</t></si><si><t>flag</t></si><si><r><t xml:space="preserve">Youth </t></r><r><t>forum</t></r><rPh><t>ユース</t></rPh></si>`,
        styles: `<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="1"/></cellXfs>`,
      },
    );
    const cells = await readSpreadsheet(file, "xlsx");
    expect(cells.header).toEqual(["title_en", "start", "flag"]);
    expect(cells.rows).toEqual([["Youth forum", new Date(Date.UTC(2025, 3, 15)), true, "Forum", 2025], [], ["Beijing"]]);
  });

  it("reads a date in the 1904 date system as the same day", async () => {
    const file = workbookWith(`<row r="1"><c r="A1" s="1"><v>44300</v></c></row>`, { isDate1904: true, styles: `<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>` });
    expect((await readXlsx(file)).header).toEqual([new Date(Date.UTC(2025, 3, 15))]);
  });

  it("tells a date format from a number format as spreadsheet programs do", () => {
    expect(["yyyy-mm-dd", "d.m.yyyy", 'yyyy"年"m"月"d"日"', "[$-409]mmmm d, yyyy", "h:mm"].map(isDateFormat)).toEqual([true, true, true, true, true]);
    expect(["General", "0.00", "#,##0", '0.0 "days"', "[Red]0", "@"].map(isDateFormat)).toEqual([false, false, false, false, false, false]);
  });
});

/** The refusal a read ends in: an UnreadableSpreadsheetError, whose `bound` says which bound the file broke. */
async function refusal(reading: Promise<unknown>): Promise<UnreadableSpreadsheetError> {
  const error = await reading.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnreadableSpreadsheetError);
  return error as UnreadableSpreadsheetError;
}

describe("hostile spreadsheets are stopped at a bound, before what lies beyond it is read", () => {
  it("stops a workbook whose directory lies about its sheet's size once the sheet inflates past what was declared", async () => {
    // The pen test's bomb: the headers say 1,000 bytes, the sheet inflates to a gibibyte of blanks.
    const meter: UnpackMeter = { bytes: 0 };
    const error = await refusal(readXlsx(zipBomb(1024 ** 3, 1000), meter));
    expect(error.message).toMatch(/damaged: too many bytes in the stream/);
    // Inflated: the parts before the sheet and one chunk of it, far under the bound (and the gibibyte).
    expect(meter.bytes).toBeLessThan(64 * 1024);
  });

  it("refuses a workbook whose sheet says it unpacks to more than the bound before inflating any of it", async () => {
    const meter: UnpackMeter = { bytes: 0 };
    const error = await refusal(readXlsx(zipBomb(64 * 1024 * 1024), meter));
    expect(error.bound).toMatchObject({ code: "unpacked-too-large", limit: SHEET_BOUNDS.unpackedBytes, row: null });
    // Only the workbook's own small parts were read: the sheet's declared size refused it.
    expect(meter.bytes).toBeGreaterThan(0);
    expect(meter.bytes).toBeLessThan(64 * 1024);
  });

  it("counts what the parts read so far unpacked to: the part that would pass the bound is refused", async () => {
    const meter: UnpackMeter = { bytes: SHEET_BOUNDS.unpackedBytes - 100 };
    const error = await refusal(readXlsx(workbookWith(`<row r="1"><c r="A1" t="inlineStr"><is><t>${"x".repeat(200)}</t></is></c></row>`), meter));
    expect(error.bound).toMatchObject({ code: "unpacked-too-large" });
    expect(meter.bytes).toBeLessThanOrEqual(SHEET_BOUNDS.unpackedBytes);
  });

  it("refuses a workbook with a value beyond column Z at its first such cell, and one beyond row 10,000", async () => {
    expect((await refusal(readXlsx(farRightColumn(9_999)))).bound).toMatchObject({ code: "too-many-columns", limit: 26 });
    const lastColumn = workbookWith(`<row r="1"><c r="Z1"><v>1</v></c></row>`);
    expect((await readXlsx(lastColumn)).header).toHaveLength(26);
    const lastRow = workbookWith(`<row r="1"><c r="A1"><v>1</v></c></row><row r="10000"><c r="A10000"><v>2</v></c></row><row r="1048576"/>`);
    expect((await readXlsx(lastRow)).rows).toHaveLength(9_999);
    const beyond = workbookWith(`<row r="10001"><c r="A10001" t="inlineStr"><is><t>late</t></is></c></row>`);
    expect((await refusal(readXlsx(beyond))).bound).toMatchObject({ code: "too-many-sheet-rows", limit: SHEET_BOUNDS.rows });
  });

  it("refuses an archive with thousands of entries before reading one", async () => {
    expect((await refusal(readXlsx(manyEntries(5_000)))).bound).toMatchObject({ code: "too-many-entries", limit: SHEET_BOUNDS.entries });
  });

  it("refuses a shared-strings table or styles larger than any programme's", async () => {
    const strings = "<si><t/></si>".repeat(SHEET_BOUNDS.sharedStrings + 1);
    expect((await refusal(readXlsx(workbookWith("", { sharedStrings: strings })))).bound).toMatchObject({ code: "too-many-strings", limit: SHEET_BOUNDS.sharedStrings });
    const styles = `<cellXfs>${'<xf numFmtId="0"/>'.repeat(SHEET_BOUNDS.styles + 1)}</cellXfs>`;
    expect((await refusal(readXlsx(workbookWith("", { styles })))).bound).toMatchObject({ code: "too-many-styles", limit: SHEET_BOUNDS.styles });
  });

  it("names a cell far over the text bound by its row and column, in a workbook and in a CSV", async () => {
    const header = `<row r="1"><c r="A1" t="inlineStr"><is><t>title_zh</t></is></c><c r="B1" t="inlineStr"><is><t>Title_EN</t></is></c></row>`;
    const xlsx = workbookWith(`${header}<row r="2"><c r="B2" t="s"><v>0</v></c></row>`, { sharedStrings: `<si><t>${"长".repeat(100_000)}</t></si>` });
    expect((await refusal(readXlsx(xlsx))).bound).toMatchObject({ row: 2, column: "title_en", letter: "B", code: "too-long", limit: 300 });
    expect((await refusal(readSpreadsheet(longCellCsv(1_000_000), "csv"))).bound).toMatchObject({ row: 2, column: "title_en", letter: "C", code: "too-long", limit: 300 });
    // Over the text bound but within reading's: read, for the check that reports it beside every other error.
    const cells = await readSpreadsheet(longCellCsv(SHEET_BOUNDS.cellCharacters), "csv");
    expect(String(cells.rows[0]?.[2])).toHaveLength(SHEET_BOUNDS.cellCharacters);
  });

  it("refuses a CSV a million columns wide, or a million rows long, at the first field beyond the bound", async () => {
    expect((await refusal(readSpreadsheet(wideCsv(1_000_000), "csv"))).bound).toMatchObject({ code: "too-many-columns", limit: 26 });
    expect((await readSpreadsheet(wideCsv(26), "csv")).header).toHaveLength(26);
    expect((await refusal(readSpreadsheet(longCsv(2_000_000), "csv"))).bound).toMatchObject({ code: "too-many-sheet-rows", limit: SHEET_BOUNDS.rows });
    expect((await readSpreadsheet(longCsv(SHEET_BOUNDS.rows - 1), "csv")).rows).toHaveLength(SHEET_BOUNDS.rows - 1);
  });
});
