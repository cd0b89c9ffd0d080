// The participants list as an XLSX workbook (exceljs): one sheet, the header row frozen and filterable, one column per
// name language; the meeting's title, dates and the time it stands at in the workbook's properties and a second sheet.
import ExcelJS from "exceljs";
import { labelsFor } from "./labels.js";
import { participantsTable, type ParticipantsDocument } from "./participants-document.js";

/** A sheet's name as Excel allows it: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(text: string): string {
  return [...text.replace(/[:\\/?*[\]]/g, " ").trim()].slice(0, 31).join("") || "Sheet";
}

export async function participantsXlsx(document: ParticipantsDocument): Promise<Buffer> {
  const labels = labelsFor(document.language);
  const table = participantsTable(document);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Concord";
  workbook.title = `${document.heading} — ${document.title}`;

  const sheet = workbook.addWorksheet(sheetName(document.heading), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow([...table.header]).font = { bold: true };
  for (const row of table.rows) sheet.addRow([...row]);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.header.length } };
  sheet.columns.forEach((column, index) => {
    const longest = Math.max(...[table.header[index], ...table.rows.map((r) => r[index])].map((v) => displayWidth(String(v ?? ""))));
    column.width = Math.min(60, Math.max(6, longest + 2));
  });

  const about = workbook.addWorksheet(sheetName(labels.meeting));
  for (const line of [...document.notices, document.title, document.dates, document.place ?? "", document.asOf]) if (line !== "") about.addRow([line]);
  about.getColumn(1).width = 90;

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Columns as wide as their text reads: a Chinese character takes about two Latin letters' room. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF]/u.test(char) ? 2 : 1;
  return width;
}
