// A delegate's badge as an A6 PDF: the meeting in a band at the top, the delegation and the names large, the rank in a
// coloured band at the foot (seen from afar at a door), and the QR code of the verification page drawn as vector squares.
import type { Rank } from "../../../domain/meetings/accreditation.js";
import { qrMatrix, type BadgeDocument, type QrMatrix } from "./badge-document.js";
import { lineHeightOf, PdfText, type TextStyle } from "./pdf-text.js";

/** A6 portrait, in points. */
export const BADGE_PAGE = { width: 297.64, height: 419.53 };
const SIDE = 18;
const CONTENT = BADGE_PAGE.width - 2 * SIDE;
const TOP_BAND = 62;
const RANK_BAND = 42;
/** Where the QR code is drawn, quiet zone included (exported so a test can find it in a rendering). */
export const BADGE_QR = { size: 96, x: BADGE_PAGE.width - SIDE - 96, y: BADGE_PAGE.height - RANK_BAND - 14 - 96 - 12 };

/** A colour per rank, so a door's staff tell them apart at a glance (the rank is also written: colour is never alone). */
export const RANK_COLOURS: Readonly<Record<Rank, string>> = {
  head_of_state_or_government: "#7a1020",
  minister: "#1c3f7a",
  ambassador: "#1f6b45",
  adviser: "#5b3f8c",
  interpreter: "#8a5a00",
  security: "#2b2b2b",
  press: "#b4460a",
};

const STYLE = {
  organization: { size: 8, color: "#dfe7f5" },
  title: { size: 10.5, bold: true, color: "#ffffff" },
  meta: { size: 8.5, color: "#444444" },
  notice: { size: 9, bold: true, color: "#b42318" },
  delegation: { size: 12.5, bold: true, color: "#1c3f7a" },
  firstName: { size: 19, bold: true },
  otherName: { size: 12.5, color: "#222222" },
  function: { size: 9, color: "#333333" },
  rank: { size: 14, bold: true, color: "#ffffff" },
  caption: { size: 7, color: "#555555" },
} satisfies Record<string, TextStyle>;

export async function badgePdf(badge: BadgeDocument): Promise<Buffer> {
  const pdf = new PdfText({ size: [BADGE_PAGE.width, BADGE_PAGE.height], title: `${badge.names[0] ?? ""} — ${badge.title}`, lang: badge.locale });
  const { doc } = pdf;

  doc.rect(0, 0, BADGE_PAGE.width, TOP_BAND).fill("#1c3f7a");
  let y = 10;
  if (badge.organization) y += pdf.paragraph(pdf.wrap(badge.organization, CONTENT, STYLE.organization, 1), SIDE, y, STYLE.organization);
  pdf.paragraph(pdf.wrap(badge.title, CONTENT, STYLE.title, badge.organization ? 2 : 3), SIDE, y + 1, STYLE.title);

  y = TOP_BAND + 8;
  const meta = [badge.dates, badge.place].filter((t): t is string => t !== null && t !== "").join(badge.language === "zh" ? "，" : ", ");
  y += pdf.paragraph(pdf.wrap(meta, CONTENT, STYLE.meta, 2), SIDE, y, STYLE.meta);
  for (const notice of badge.notices) y += pdf.paragraph(pdf.wrap(notice, CONTENT, STYLE.notice, 2), SIDE, y, STYLE.notice);
  y += 8;
  y += pdf.paragraph(pdf.wrap(badge.delegation, CONTENT, STYLE.delegation, 2), SIDE, y, STYLE.delegation) + 6;

  // Names and function above the QR code; what does not fit is cut with "…" rather than drawn over it.
  const limit = BADGE_QR.y - 4;
  badge.names.forEach((name, index) => {
    const style = index === 0 ? STYLE.firstName : STYLE.otherName;
    const lines = pdf.wrap(name, CONTENT, style, index === 0 ? 2 : 1);
    if (y + lines.length * lineHeightOf(style) > limit) return;
    y += pdf.paragraph(lines, SIDE, y, style);
  });
  if (badge.function !== "") {
    y += 4;
    const room = Math.max(0, Math.floor((limit - y) / lineHeightOf(STYLE.function)));
    const width = y + lineHeightOf(STYLE.function) * 2 > BADGE_QR.y ? BADGE_QR.x - SIDE - 8 : CONTENT;
    if (room > 0) pdf.paragraph(pdf.wrap(badge.function, width, STYLE.function, Math.min(room, 3)), SIDE, y, STYLE.function);
  }

  drawQr(doc, qrMatrix(badge.verifyUrl), BADGE_QR.x, BADGE_QR.y, BADGE_QR.size);
  pdf.line(badge.scanToVerify, BADGE_QR.x + BADGE_QR.size / 2, BADGE_QR.y + BADGE_QR.size + 2, STYLE.caption, "center");

  const bandTop = BADGE_PAGE.height - RANK_BAND;
  doc.rect(0, bandTop, BADGE_PAGE.width, RANK_BAND).fill(RANK_COLOURS[badge.rank]);
  // The rank on one line, smaller when it is long ("Глава государства или правительства"); on two lines at the smallest.
  const size = [14, 12.5, 11, 10].find((candidate) => pdf.measure(badge.rankLabel, { ...STYLE.rank, size: candidate }) <= CONTENT) ?? 9.5;
  const rankStyle = { ...STYLE.rank, size };
  const lines = pdf.wrap(badge.rankLabel, CONTENT, rankStyle, 2);
  const top = bandTop + (RANK_BAND - lines.length * lineHeightOf(rankStyle)) / 2 + 1;
  lines.forEach((line, index) => pdf.line(line, BADGE_PAGE.width / 2, top + index * lineHeightOf(rankStyle), rankStyle, "center"));
  return pdf.finish();
}

/**
 * The QR code in a `size`-point square, with the four-module quiet zone a scanner needs: a white square, then one
 * rectangle per horizontal run of dark modules (fewer path operations than one per module), filled at once.
 */
function drawQr(doc: PDFKit.PDFDocument, matrix: QrMatrix, x: number, y: number, size: number): void {
  const quiet = 4;
  const module = size / (matrix.size + 2 * quiet);
  doc.rect(x, y, size, size).fill("#ffffff");
  for (let row = 0; row < matrix.size; row += 1) {
    let column = 0;
    while (column < matrix.size) {
      if (!matrix.isDark(row, column)) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < matrix.size && matrix.isDark(row, column)) column += 1;
      // A hair wider and taller than the module, so that neighbouring squares leave no seam when rasterized.
      doc.rect(x + (quiet + start) * module, y + (quiet + row) * module, (column - start) * module + 0.02, module + 0.02);
    }
  }
  doc.fill("#000000");
}
