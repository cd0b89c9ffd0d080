// The programme's XLSX export: the events on a first sheet in the columns an import reads, the allowed codes on a second.
// Run in the work pool (sheet-task.ts).
import ExcelJS from "exceljs";
import { EVENT_KINDS, EVENT_STATUSES, TRACKS } from "../../domain/programme/event.js";

/** An XLSX workbook: the programme on its first sheet (every cell text, dates as written), the allowed codes on a second. */
export async function writeXlsx(columns: readonly string[], rows: readonly (readonly string[])[], sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Concord";
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31) || "programme", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ header: column, key: column, width: column.startsWith("title") ? 40 : column.startsWith("organizer") || column.startsWith("city") ? 20 : 12, style: { numFmt: "@" } }));
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
