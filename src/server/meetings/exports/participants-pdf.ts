// The participants list as an A4 PDF: the meeting's title, dates and place in the reader's language, then each delegation
// with its delegates (every name in every language given, the function, the rank), page numbers "n of N" at the foot.
import { delegateCount, labelsFor } from "./labels.js";
import type { DelegateLine, DelegationGroup, ParticipantsDocument } from "./participants-document.js";
import { lineHeightOf, PdfText, type TextStyle } from "./pdf-text.js";

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 48, bottom: 60, side: 42 };
const CONTENT = PAGE.width - 2 * MARGIN.side;
/** Columns: number, names, function, rank (points from the left margin). */
const COLUMNS = { number: 0, name: 30, function: 236, rank: 420, end: CONTENT };
const GAP = 8;

const STYLE = {
  notice: { size: 10.5, bold: true, color: "#b42318" },
  title: { size: 17, bold: true },
  meta: { size: 10.5, color: "#333333" },
  heading: { size: 13, bold: true, color: "#1c3f7a" },
  columnHeader: { size: 8.5, bold: true, color: "#555555" },
  group: { size: 11, bold: true, color: "#1c3f7a" },
  groupCount: { size: 9, color: "#555555" },
  firstName: { size: 10.5, bold: true },
  otherName: { size: 10 },
  cell: { size: 9.5, color: "#222222" },
  footer: { size: 8, color: "#666666" },
  empty: { size: 11, color: "#555555" },
} satisfies Record<string, TextStyle>;

interface PlacedRow {
  readonly names: readonly { readonly text: string; readonly style: TextStyle }[];
  readonly function: readonly string[];
  readonly rank: readonly string[];
  readonly height: number;
}

export async function participantsPdf(document: ParticipantsDocument): Promise<Buffer> {
  const labels = labelsFor(document.language);
  const pdf = new PdfText({ size: [PAGE.width, PAGE.height], title: `${document.heading} — ${document.title}`, lang: document.locale, bufferPages: true });
  const { doc } = pdf;
  const left = MARGIN.side;
  const bottom = PAGE.height - MARGIN.bottom;
  let y = MARGIN.top;

  const columnHeader = () => {
    pdf.line(labels.number, left + COLUMNS.number, y, STYLE.columnHeader);
    pdf.line(labels.name, left + COLUMNS.name, y, STYLE.columnHeader);
    pdf.line(labels.function, left + COLUMNS.function, y, STYLE.columnHeader);
    pdf.line(labels.rank, left + COLUMNS.rank, y, STYLE.columnHeader);
    y += lineHeightOf(STYLE.columnHeader) + 2;
    doc.moveTo(left, y).lineTo(left + CONTENT, y).lineWidth(0.8).strokeColor("#1c3f7a").stroke();
    y += 5;
  };
  const groupBand = (name: string, count: string) => {
    const height = lineHeightOf(STYLE.group) + 8;
    doc.rect(left, y, CONTENT, height - 2).fill("#eef2f8");
    pdf.line(pdf.wrap(name, CONTENT - 120, STYLE.group, 1)[0] ?? "", left + 6, y + 3, STYLE.group);
    pdf.line(count, left + CONTENT - 6, y + 5, STYLE.groupCount, "right");
    y += height + 2;
  };
  /** A new page; in the middle of a delegation, its name again, marked as continued. */
  const newPage = (continuing?: DelegationGroup) => {
    doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
    y = MARGIN.top;
    columnHeader();
    if (continuing) groupBand(labels.continued(continuing.name), continuing.count);
  };

  // The head of the first page.
  for (const notice of document.notices) y += pdf.paragraph(pdf.wrap(notice, CONTENT, STYLE.notice), left, y, STYLE.notice);
  if (document.notices.length > 0) y += 4;
  y += pdf.paragraph(pdf.wrap(document.title, CONTENT, STYLE.title, 3), left, y, STYLE.title);
  const meta = [document.dates, document.place].filter((t): t is string => t !== null && t !== "").join(document.language === "zh" ? "，" : ", ");
  y += pdf.paragraph(pdf.wrap(meta, CONTENT, STYLE.meta, 2), left, y, STYLE.meta) + 8;
  pdf.line(document.heading, left, y, STYLE.heading);
  if (document.total > 0) pdf.line(delegateCount(document.total, document.language), left + CONTENT, y + 2, STYLE.groupCount, "right");
  y += lineHeightOf(STYLE.heading) + 6;
  columnHeader();

  if (document.total === 0) pdf.line(labels.noParticipants, left, y + 6, STYLE.empty);

  for (const group of document.groups) {
    const groupHeight = lineHeightOf(STYLE.group) + 8;
    const rows = group.delegates.map((d) => placeRow(pdf, d));
    // A delegation's name never stands alone at the foot of a page.
    if (y + groupHeight + (rows[0]?.height ?? 0) > bottom) newPage();
    groupBand(group.name, group.count);
    group.delegates.forEach((delegate, index) => {
      const row = rows[index]!;
      if (y + row.height > bottom) newPage(group);
      drawRow(pdf, delegate, row, left, y);
      y += row.height;
      doc.moveTo(left, y - 3).lineTo(left + CONTENT, y - 3).lineWidth(0.3).strokeColor("#c8ced8").stroke();
    });
    y += 6;
  }

  // Footers, now that the number of pages is known.
  const range = doc.bufferedPageRange();
  for (let index = 0; index < range.count; index += 1) {
    doc.switchToPage(range.start + index);
    const footY = PAGE.height - MARGIN.bottom + 18;
    doc.moveTo(left, footY - 5).lineTo(left + CONTENT, footY - 5).lineWidth(0.3).strokeColor("#c8ced8").stroke();
    const page = labels.page(index + 1, range.count);
    const title = pdf.wrap(document.title, CONTENT - pdf.measure(page, STYLE.footer) - 24, STYLE.footer, 1)[0] ?? "";
    pdf.line(title, left, footY, STYLE.footer);
    pdf.line(page, left + CONTENT, footY, STYLE.footer, "right");
    pdf.line(document.asOf, left, footY + lineHeightOf(STYLE.footer), STYLE.footer);
  }
  doc.flushPages();
  return pdf.finish();
}

function placeRow(pdf: PdfText, delegate: DelegateLine): PlacedRow {
  const nameWidth = COLUMNS.function - COLUMNS.name - GAP;
  const names = delegate.names.flatMap((name, index) => {
    const style = index === 0 ? STYLE.firstName : STYLE.otherName;
    return pdf.wrap(name.text, nameWidth, style, 2).map((text) => ({ text, style }));
  });
  const fn = delegate.function === "" ? [] : pdf.wrap(delegate.function, COLUMNS.rank - COLUMNS.function - GAP, STYLE.cell, 4);
  const rank = pdf.wrap(delegate.rankLabel, COLUMNS.end - COLUMNS.rank, STYLE.cell, 3);
  const namesHeight = names.reduce((sum, n) => sum + lineHeightOf(n.style), 0);
  const cellHeight = lineHeightOf(STYLE.cell);
  return { names, function: fn, rank, height: Math.max(namesHeight, fn.length * cellHeight, rank.length * cellHeight, cellHeight) + 8 };
}

function drawRow(pdf: PdfText, delegate: DelegateLine, row: PlacedRow, left: number, top: number): void {
  const y = top + 1;
  pdf.line(String(delegate.number), left + COLUMNS.number, y + 1, STYLE.cell);
  let nameY = y;
  for (const name of row.names) {
    pdf.line(name.text, left + COLUMNS.name, nameY, name.style);
    nameY += lineHeightOf(name.style);
  }
  pdf.paragraph(row.function, left + COLUMNS.function, y + 1, STYLE.cell);
  pdf.paragraph(row.rank, left + COLUMNS.rank, y + 1, STYLE.cell);
}
