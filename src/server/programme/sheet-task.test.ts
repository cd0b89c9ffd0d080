import { describe, expect, it } from "vitest";
import { longCellCsv, wideCsv, zipBomb } from "../../../tests/fixtures/programme/hostile-spreadsheets.js";
import { programmeColumns } from "../../domain/programme/spreadsheet.js";
import { MAX_REPORTED_ERRORS, readProgrammeFile, writeProgrammeWorkbook } from "./sheet-task.js";

const languages = ["zh", "ru", "en"];
const PROGRAMME_COLUMNS = programmeColumns(languages);
const row = (title: string, status = "held") => ["", "", title, "2025-05", "", "", "", "", "people", "forum", "", "", "", status, ""];
const csv = (rows: readonly (readonly string[])[]) => new TextEncoder().encode([PROGRAMME_COLUMNS.join(","), ...rows.map((r) => r.join(","))].join("\n"));

describe("the programme's spreadsheet tasks", () => {
  it("read a good file into its events, each with its row", async () => {
    const read = await readProgrammeFile({ bytes: csv([row("Forum one"), row("Forum two")]), format: "csv", languages });
    expect(read.ok && read.events.map((e) => [e.row, e.title.en])).toEqual([
      [2, "Forum one"],
      [3, "Forum two"],
    ]);
  });

  it("report the first errors of a file with many, and how many there were", async () => {
    const read = await readProgrammeFile({ bytes: csv(Array.from({ length: 300 }, (_, i) => row(`Forum ${i}`, "maybe"))), format: "csv", languages });
    expect(read).toMatchObject({ ok: false, problem: "spreadsheet-invalid", count: 300 });
    expect(!read.ok && read.errors).toHaveLength(MAX_REPORTED_ERRORS);
  });

  it("answer a broken bound as data: a file's bound makes it unreadable, a cell's names the cell", async () => {
    expect(await readProgrammeFile({ bytes: wideCsv(1_000_000), format: "csv", languages })).toMatchObject({
      ok: false,
      problem: "spreadsheet-unreadable",
      reason: expect.stringContaining("beyond column Z"),
      errors: [{ row: null, code: "too-many-columns", limit: 26 }],
    });
    expect(await readProgrammeFile({ bytes: zipBomb(64 * 1024 * 1024), format: "xlsx", languages })).toMatchObject({ problem: "spreadsheet-unreadable", errors: [{ code: "unpacked-too-large" }] });
    expect(await readProgrammeFile({ bytes: longCellCsv(100_000), format: "csv", languages })).toMatchObject({ problem: "spreadsheet-invalid", count: 1, errors: [{ row: 2, column: "title_en", code: "too-long", limit: 300 }] });
    // A cell over the text bound but within reading's is reported with the row's other errors.
    const long = await readProgrammeFile({ bytes: csv([[...row("x".repeat(400), "maybe")]]), format: "csv", languages });
    expect(!long.ok && long.errors.map((e) => e.code)).toEqual(["too-long", "unknown-status"]);
  });

  it("write a workbook that reads back as the same events", async () => {
    const bytes = await writeProgrammeWorkbook({ columns: PROGRAMME_COLUMNS, rows: [row("Forum one")], sheetName: "chair-2025" });
    const read = await readProgrammeFile({ bytes, format: "xlsx", languages });
    expect(read.ok && read.events.map((e) => e.title.en)).toEqual(["Forum one"]);
  });
});
