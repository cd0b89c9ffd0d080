// The fonts every export PDF embeds (fonts/ at the package root, see fonts/README.md): Noto Sans for Latin and Cyrillic
// (Kazakh, Kyrgyz, Mongolian and Turkish letters included), Noto Sans SC for Chinese. Read and parsed once per process;
// pdfkit embeds only the glyphs a document uses.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { create, type Font } from "fontkit";
import { PACKAGE_ROOT } from "../../config.js";

export const FONT_DIRECTORY = resolve(PACKAGE_ROOT, "fonts");
export const FONT_FILES = { regular: "NotoSans-Regular.ttf", bold: "NotoSans-Bold.ttf", cjk: "NotoSansSC-Regular.ttf" } as const;
export type Face = keyof typeof FONT_FILES;

export type Fonts = Readonly<Record<Face, Font>>;

let loaded: Fonts | null = null;

/** The parsed fonts (a missing file names itself: the package is incomplete). */
export function exportFonts(): Fonts {
  if (loaded) return loaded;
  const open = (file: string): Font => {
    const path = resolve(FONT_DIRECTORY, file);
    try {
      return create(readFileSync(path));
    } catch (error) {
      throw new Error(`The font ${path} could not be read (${(error as Error).message}); it ships with Concord under fonts/.`);
    }
  };
  loaded = { regular: open(FONT_FILES.regular), bold: open(FONT_FILES.bold), cjk: open(FONT_FILES.cjk) };
  return loaded;
}

export interface Run {
  readonly face: Face;
  readonly text: string;
}

/**
 * Splits `text` into runs each set in one face: `preferred` (regular or bold) wherever it has the glyph, else the CJK face
 * when it has it, else `preferred` (which draws its "missing" box: better seen than silently dropped). Spaces and
 * punctuation stay with the run they are in, so "王毅（中国）" is one run, not five.
 */
export function fontRuns(text: string, preferred: Exclude<Face, "cjk">, hasGlyph: (face: Face, codePoint: number) => boolean): Run[] {
  const runs: Run[] = [];
  let face: Face | null = null;
  let current = "";
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    // Spaces, punctuation and symbols continue the run they are in when its face has them; letters and digits choose.
    const isNeutral: boolean = face !== null && /[\s\p{P}\p{S}]/u.test(char) && hasGlyph(face, codePoint);
    const next: Face = isNeutral && face !== null ? face : hasGlyph(preferred, codePoint) ? preferred : hasGlyph("cjk", codePoint) ? "cjk" : preferred;
    if (face !== null && next !== face) {
      runs.push({ face, text: current });
      current = "";
    }
    face = next;
    current += char;
  }
  if (face !== null && current !== "") runs.push({ face, text: current });
  return runs;
}

/** fontRuns over the loaded fonts, memoized per character (a list of thousands of names asks about the same letters). */
export function glyphChecker(fonts: Fonts): (face: Face, codePoint: number) => boolean {
  const known = new Map<number, number>();
  const bits: Readonly<Record<Face, number>> = { regular: 1, bold: 2, cjk: 4 };
  return (face, codePoint) => {
    let mask = known.get(codePoint);
    if (mask === undefined) {
      mask = (fonts.regular.hasGlyphForCodePoint(codePoint) ? 1 : 0) | (fonts.bold.hasGlyphForCodePoint(codePoint) ? 2 : 0) | (fonts.cjk.hasGlyphForCodePoint(codePoint) ? 4 : 0);
      known.set(codePoint, mask);
    }
    return (mask & bits[face]) !== 0;
  };
}
