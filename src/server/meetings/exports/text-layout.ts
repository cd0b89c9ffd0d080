// Breaking a text into lines that fit a width, for the PDFs: between words, and between any two Chinese, Japanese or
// Korean characters (which have no spaces between words); a word longer than the width is broken where it must be.

const GRAPHEMES = new Intl.Segmenter("en", { granularity: "grapheme" });
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF00-\uFFEF]/u;

/** The pieces a line may end after: a word with the spaces that follow it, or one CJK character. */
export function breakOpportunities(text: string): string[] {
  const pieces: string[] = [];
  let current = "";
  for (const char of text) {
    if (CJK.test(char)) {
      if (current !== "") pieces.push(current);
      pieces.push(char);
      current = "";
    } else if (/\s/u.test(char)) {
      current += char;
    } else {
      // A letter after spaces starts a new word.
      if (current !== "" && /\s$/u.test(current)) {
        pieces.push(current);
        current = "";
      }
      current += char;
    }
  }
  if (current !== "") pieces.push(current);
  // Full-width closing punctuation never starts a line.
  return pieces.reduce<string[]>((merged, piece) => {
    if (merged.length > 0 && /^[，。、；：！？）》」』】]$/u.test(piece)) merged[merged.length - 1] += piece;
    else merged.push(piece);
    return merged;
  }, []);
}

/** Greedy lines no wider than `width` (by `measure`), at most `maxLines` (the last one ends with "…" when text is left). */
export function wrapLines(text: string, width: number, measure: (text: string) => number, maxLines = Infinity): string[] {
  const lines: string[] = [];
  let line = "";
  const push = () => {
    lines.push(line.trimEnd());
    line = "";
  };
  for (const piece of breakOpportunities(text.trim())) {
    if (measure((line + piece).trimEnd()) <= width) {
      line += piece;
      continue;
    }
    if (line !== "") push();
    if (measure(piece.trimEnd()) <= width) {
      line = piece;
      continue;
    }
    // A single word wider than the line: broken between characters (grapheme clusters: never inside a flag or a letter with its marks).
    for (const { segment: char } of GRAPHEMES.segment(piece)) {
      if (line !== "" && measure((line + char).trimEnd()) > width) push();
      line += char;
    }
  }
  if (line.trim() !== "") push();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1] ?? "";
  while (last !== "" && measure(`${last}…`) > width) last = [...last].slice(0, -1).join("");
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}
