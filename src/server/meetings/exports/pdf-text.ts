// Setting text in the export PDFs: a pdfkit document with the embedded fonts, text measured and drawn run by run (each
// run in the face that has its characters, in the order the bidirectional algorithm draws them), lines wrapped to a width,
// and the finished document collected as bytes.
import PDFDocument from "pdfkit";
import { visualPieces, type Piece } from "./bidi-line.js";
import { exportFonts, FACES, fontRuns, glyphChecker, type Face } from "./fonts.js";
import { wrapLines } from "./text-layout.js";

export interface TextStyle {
  readonly size: number;
  readonly bold?: boolean;
  readonly color?: string;
}

export interface PdfOptions {
  readonly size: string | [number, number];
  readonly title: string;
  /** The document's language (BCP 47), for screen readers and text extraction. */
  readonly lang: string;
  readonly bufferPages?: boolean;
}

export class PdfText {
  readonly doc: PDFKit.PDFDocument;
  private readonly hasGlyph: (face: Face, codePoint: number) => boolean;
  private readonly widths = new Map<string, number>();
  /** Each face's ascent (in ems): pdfkit places text by the top of the face's line, so faces are shifted to share a baseline. */
  private readonly ascents: Readonly<Record<Face, number>>;

  constructor(options: PdfOptions) {
    const fonts = exportFonts();
    this.hasGlyph = glyphChecker(fonts);
    // Margins are ours to keep (pdfkit would otherwise add a page when text nears the bottom).
    this.doc = new PDFDocument({
      size: options.size,
      margin: 0,
      bufferPages: options.bufferPages ?? false,
      lang: options.lang,
      displayTitle: true,
      pdfVersion: "1.7",
      info: { Title: options.title, Creator: "Concord", Producer: "Concord (pdfkit)" },
    });
    // pdfkit takes a parsed fontkit font as it takes a file (its types only list the latter); parsed once per process.
    for (const face of FACES) this.doc.registerFont(face, fonts[face] as unknown as Buffer);
    this.ascents = Object.fromEntries(FACES.map((face) => [face, fonts[face].ascent / fonts[face].unitsPerEm])) as Record<Face, number>;
  }

  /** The line's runs by face, in drawing order. */
  private pieces(text: string, style: TextStyle): Piece[] {
    return visualPieces(text, (t) => fontRuns(t, style.bold ? "bold" : "regular", this.hasGlyph));
  }

  /** pdfkit's options for a piece: a right-to-left run is laid out whole (any `features` makes pdfkit do so). */
  private static shaping(piece: Piece): { features?: [] } {
    return piece.isShapedWhole ? { features: [] } : {};
  }

  /** The width of `text` set in `style`, in points. */
  measure(text: string, style: TextStyle): number {
    const key = `${style.size}|${style.bold ? 1 : 0}|${text}`;
    const known = this.widths.get(key);
    if (known !== undefined) return known;
    let width = 0;
    for (const piece of this.pieces(text, style)) width += this.doc.font(piece.face).fontSize(style.size).widthOfString(piece.text, PdfText.shaping(piece));
    if (this.widths.size > 50_000) this.widths.clear();
    this.widths.set(key, width);
    return width;
  }

  /** Draws one line of text with its top-left at (x, y); returns its width. `align: "right"` puts its right end at x. */
  line(text: string, x: number, y: number, style: TextStyle, align: "left" | "right" | "center" = "left"): number {
    const width = this.measure(text, style);
    let at = align === "right" ? x - width : align === "center" ? x - width / 2 : x;
    const color = style.color ?? "#111111";
    this.doc.fillColor(color);
    for (const piece of this.pieces(text, style)) {
      // The Chinese and emoji faces have no bold: a bold run in them is outlined as well as filled, so a heading still reads as one.
      const isFauxBold = style.bold === true && (piece.face === "cjk" || piece.face === "emoji");
      if (isFauxBold) this.doc.lineWidth(style.size * 0.035).strokeColor(color);
      const shaping = PdfText.shaping(piece);
      const baseline = (this.ascents.regular - this.ascents[piece.face]) * style.size;
      this.doc.font(piece.face).fontSize(style.size).text(piece.text, at, y + baseline, { lineBreak: false, ...shaping, ...(isFauxBold ? { fill: true, stroke: true } : {}) });
      at += this.doc.widthOfString(piece.text, shaping);
    }
    return width;
  }

  /** The lines `text` takes at `width`, at most `maxLines`. */
  wrap(text: string, width: number, style: TextStyle, maxLines = Infinity): string[] {
    return wrapLines(text, width, (t) => this.measure(t, style), maxLines);
  }

  /** Draws wrapped lines from (x, y); returns the height used. */
  paragraph(lines: readonly string[], x: number, y: number, style: TextStyle, lineHeight = lineHeightOf(style)): number {
    lines.forEach((text, index) => this.line(text, x, y + index * lineHeight, style));
    return lines.length * lineHeight;
  }

  /** Ends the document and resolves with its bytes. */
  finish(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    return new Promise((resolve, reject) => {
      this.doc.on("data", (chunk: Buffer) => chunks.push(chunk));
      this.doc.on("end", () => resolve(Buffer.concat(chunks)));
      this.doc.on("error", reject);
      this.doc.end();
    });
  }
}

export function lineHeightOf(style: TextStyle): number {
  return Math.round(style.size * 1.38 * 100) / 100;
}
