// One line of text in the order it is drawn, left to right: pdfkit draws glyphs in the order it is given them and does not
// apply the Unicode bidirectional algorithm, so an Arabic or Hebrew name would come out backwards. bidi-js resolves the
// embedding levels of the line; runs are reordered here (rule L2) and fontkit, which shapes an Arabic or Hebrew run (joining
// forms), also lays its glyphs out right to left.
import bidiModule, { type Bidi } from "bidi-js";
import type { Face, Run } from "./fonts.js";

// The package is CommonJS (module.exports = the factory) while its types declare an ES default export.
const bidiFactory = bidiModule as unknown as () => Bidi;
const bidi = bidiFactory();

/** Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms). */
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
/** The scripts whose runs fontkit lays out right to left by itself (it detects the script of what it is given). */
const SHAPED_RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

export interface Piece {
  readonly face: Face;
  /** The text to give pdfkit: in logical order for a run fontkit reverses itself, else in the order drawn. */
  readonly text: string;
  /** Whether the run must be laid out whole (pdfkit otherwise lays out word by word, which would keep the words in reading order). */
  readonly isShapedWhole: boolean;
}

/** Whether the line needs the bidirectional algorithm at all (most names do not: a fast path for thousands of them). */
export function hasRightToLeft(text: string): boolean {
  return RIGHT_TO_LEFT.test(text);
}

/** The line's runs (`runsOf` splits a text by face) in the order they are drawn, left to right. */
export function visualPieces(text: string, runsOf: (text: string) => Run[]): Piece[] {
  if (!hasRightToLeft(text)) return runsOf(text).map((run) => ({ face: run.face, text: run.text, isShapedWhole: false }));
  const { levels } = bidi.getEmbeddingLevels(text, "auto");
  // Runs of one face and one level, in logical order, split only between grapheme clusters.
  const logical: { face: Face; text: string; level: number }[] = [];
  let offset = 0;
  for (const run of runsOf(text)) {
    for (const { segment, index } of graphemes.segment(run.text)) {
      const level = levels[offset + index] ?? 0;
      const last = logical[logical.length - 1];
      if (last && last.face === run.face && last.level === level && index > 0) last.text += segment;
      else logical.push({ face: run.face, text: segment, level });
    }
    offset += run.text.length;
  }
  // Rule L2: from the highest level down to the lowest odd one, reverse every sequence of runs at that level or above.
  const highest = Math.max(...logical.map((r) => r.level));
  const lowestOdd = Math.min(...logical.map((r) => (r.level % 2 === 1 ? r.level : Infinity)));
  const visual = [...logical];
  for (let level = highest; level >= lowestOdd && Number.isFinite(lowestOdd); level -= 1) {
    let start = 0;
    while (start < visual.length) {
      if (visual[start]!.level < level) {
        start += 1;
        continue;
      }
      let end = start;
      while (end < visual.length && visual[end]!.level >= level) end += 1;
      visual.splice(start, end - start, ...visual.slice(start, end).reverse());
      start = end;
    }
  }
  return visual.map((run) => {
    if (run.level % 2 === 0) return { face: run.face, text: run.text, isShapedWhole: false };
    // Right to left: brackets mirrored ("(" reads ")"); fontkit reverses an Arabic or Hebrew run itself, anything else
    // (punctuation, emoji at a right-to-left level) is put in drawing order here, cluster by cluster.
    const mirrored = [...run.text].map((c) => bidi.getMirroredCharacter(c) ?? c).join("");
    if (SHAPED_RIGHT_TO_LEFT.test(mirrored)) return { face: run.face, text: mirrored, isShapedWhole: true };
    const reversed = [...graphemes.segment(mirrored)].map((g) => g.segment).reverse().join("");
    return { face: run.face, text: reversed, isShapedWhole: true };
  });
}
