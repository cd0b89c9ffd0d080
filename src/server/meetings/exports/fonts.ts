// The fonts every export PDF embeds (fonts/ at the package root, see fonts/README.md): Noto Sans for Latin and Cyrillic
// (Kazakh, Kyrgyz, Mongolian and Turkish letters included), Noto Sans Arabic and Hebrew, Noto Sans SC for Chinese, and
// the monochrome Noto Emoji (pdfkit cannot draw colour emoji fonts). Read and parsed once per process (per work-pool
// thread); pdfkit embeds only the glyphs a document uses.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { create, type Font } from "fontkit";
import { PACKAGE_ROOT } from "../../config.js";

export const FONT_DIRECTORY = resolve(PACKAGE_ROOT, "fonts");
export const FONT_FILES = {
  regular: "NotoSans-Regular.ttf",
  bold: "NotoSans-Bold.ttf",
  arabic: "NotoSansArabic-Regular.ttf",
  arabicBold: "NotoSansArabic-Bold.ttf",
  hebrew: "NotoSansHebrew-Regular.ttf",
  hebrewBold: "NotoSansHebrew-Bold.ttf",
  cjk: "NotoSansSC-Regular.ttf",
  emoji: "NotoEmoji-Regular.woff",
} as const;
export type Face = keyof typeof FONT_FILES;
export const FACES = Object.keys(FONT_FILES) as Face[];

/** The faces tried in turn for a character, from the style's own (regular or bold). */
export const FALLBACKS: Readonly<Record<"regular" | "bold", readonly Face[]>> = {
  regular: ["regular", "arabic", "hebrew", "cjk", "emoji"],
  bold: ["bold", "arabicBold", "hebrewBold", "cjk", "emoji"],
};

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
  loaded = Object.fromEntries(FACES.map((face) => [face, keepingCodePoints(open(FONT_FILES[face]))])) as unknown as Fonts;
  return loaded;
}

interface GlyphCache {
  getGlyph(id: number, codePoints?: number[]): { codePoints: number[] };
}

/**
 * fontkit keeps one glyph object per glyph, with the characters it was first asked for. Subsetting a document asks for
 * the parts of composite glyphs (Cyrillic "М" is drawn from Latin "M") with no characters, so a later document that uses
 * that glyph itself found it with none: its text could not be copied or searched. The fonts are shared by every document
 * a process (or work-pool thread) makes, so a glyph asked for with its characters gets them.
 */
function keepingCodePoints(font: Font): Font {
  const glyphs = font as unknown as GlyphCache;
  const original = glyphs.getGlyph.bind(font);
  glyphs.getGlyph = (id, codePoints = []) => {
    const glyph = original(id, codePoints);
    if (glyph.codePoints.length === 0 && codePoints.length > 0) glyph.codePoints = codePoints;
    return glyph;
  };
  return font;
}

export interface Run {
  readonly face: Face;
  readonly text: string;
}

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });
/** What makes a cluster of more than one code point (marks, joiners, selectors, flags, skin tones): without any, each code point is its own cluster. */
const CLUSTERING = /\p{M}|\u200C|\u200D|\uFE0E|\uFE0F|\p{Regional_Indicator}|[\u{1F3FB}-\u{1F3FF}]|[\u{E0020}-\u{E007F}]|[\u1100-\u11FF]/u;

/** The text's grapheme clusters: by Intl.Segmenter when it has anything that joins code points, else code point by code point (much faster, for thousands of names). */
function clustersOf(text: string): Iterable<string> {
  return CLUSTERING.test(text) ? Array.from(graphemes.segment(text), (s) => s.segment) : text;
}
/** A pictograph, a flag's letters or a keycap: drawn by the emoji face even when a text face has a plain glyph for it. */
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;
/** What a face need not have for a cluster to be drawn: joiners and presentation selectors, consumed by its shaping. */
const JOINERS = new Set([0x200d, 0xfe0e, 0xfe0f]);

function codePointsOf(cluster: string): number[] {
  return [...cluster].map((c) => c.codePointAt(0)!).filter((c) => !JOINERS.has(c));
}

/**
 * Splits `text` into runs each set in one face, by grapheme cluster (so a flag, an emoji with its skin tone, or a letter
 * with its marks is never split): the first face of the style's fallbacks that has every character of the cluster; an
 * emoji cluster in the emoji face. A cluster no face has stays in the style's face (whose "missing" box is better seen
 * than silently dropped). Spaces and punctuation stay with the run they are in, so "王毅（中国）" is one run, not five.
 */
export function fontRuns(text: string, preferred: "regular" | "bold", hasGlyph: (face: Face, codePoint: number) => boolean): Run[] {
  const chain = FALLBACKS[preferred];
  const runs: Run[] = [];
  let face: Face | null = null;
  let current = "";
  for (const segment of clustersOf(text)) {
    const points = codePointsOf(segment);
    const has = (candidate: Face) => points.every((p) => hasGlyph(candidate, p));
    const isEmoji = EMOJI.test(segment) && hasGlyph("emoji", points[0] ?? 0);
    // Spaces, punctuation and symbols continue the run they are in when its face has them; letters and digits choose. Not
    // after an emoji: the emoji face's space is as wide as an emoji.
    const isNeutral: boolean = !isEmoji && face !== null && face !== "emoji" && /^[\s\p{P}\p{S}]+$/u.test(segment) && has(face);
    const next: Face = isEmoji ? "emoji" : isNeutral && face !== null ? face : (chain.find(has) ?? preferred);
    if (face !== null && next !== face) {
      runs.push({ face, text: current });
      current = "";
    }
    face = next;
    current += segment;
  }
  if (face !== null && current !== "") runs.push({ face, text: current });
  return runs;
}

/** fontRuns over the loaded fonts, memoized per character (a list of thousands of names asks about the same letters). */
export function glyphChecker(fonts: Fonts): (face: Face, codePoint: number) => boolean {
  const known = new Map<number, number>();
  const bits = new Map(FACES.map((face, index) => [face, 1 << index]));
  return (face, codePoint) => {
    let mask = known.get(codePoint);
    if (mask === undefined) {
      mask = FACES.reduce((m, f, index) => (fonts[f].hasGlyphForCodePoint(codePoint) ? m | (1 << index) : m), 0);
      known.set(codePoint, mask);
    }
    return (mask & bits.get(face)!) !== 0;
  };
}
