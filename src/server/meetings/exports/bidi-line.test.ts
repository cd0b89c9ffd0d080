import { describe, expect, it } from "vitest";
import { visualPieces } from "./bidi-line.js";
import type { Run } from "./fonts.js";

// Arabic and Hebrew in their faces, everything else in the regular one, spaces and punctuation staying in the run they are
// in (a stand-in for fontRuns).
const runsOf = (text: string): Run[] => {
  const runs: Run[] = [];
  for (const char of text) {
    const last = runs[runs.length - 1];
    const face = /\p{Script=Arabic}/u.test(char) ? "arabic" : /\p{Script=Hebrew}/u.test(char) ? "hebrew" : /[\s\p{P}]/u.test(char) && last ? last.face : "regular";
    if (last && last.face === face) runs[runs.length - 1] = { face, text: last.text + char };
    else runs.push({ face, text: char });
  }
  return runs;
};
const drawn = (text: string) => visualPieces(text, runsOf).map((p) => `${p.face}:${p.text}${p.isShapedWhole ? "*" : ""}`);

describe("a line in the order it is drawn", () => {
  it("leaves a left-to-right line as its runs, laid out word by word", () => {
    expect(drawn("Wang Yi")).toEqual(["regular:Wang Yi"]);
  });

  it("gives an Arabic or Hebrew name whole, in logical order, for fontkit to shape and lay out right to left", () => {
    expect(drawn("محمد بن سلمان")).toEqual(["arabic:محمد بن سلمان*"]);
    expect(drawn("בנימין נתניהו")).toEqual(["hebrew:בנימין נתניהו*"]);
  });

  it("orders the runs of a mixed line: a Latin name, then the Arabic one drawn to its right", () => {
    expect(drawn("Ali علي")).toEqual(["regular:Ali ", "arabic:علي*"]);
  });

  it("reads a right-to-left line from the right: numbers and Latin words keep their own order, brackets are mirrored", () => {
    // Logical: the Arabic words, " (2) ", "Abdullah". Drawn from the left: Abdullah, the bracket that closes (the logical
    // ")", mirrored), 2, then the Arabic words with the opening bracket at their left (the logical "(", mirrored).
    expect(drawn("عبد الله (2) Abdullah")).toEqual(["regular:Abdullah", "regular: (*", "regular:2", "arabic:عبد الله )*"]);
  });

  it("loses and invents no character", () => {
    for (const text of ["محمد (2) Ali", "יצחק הרצוג, 1960", "Ali علي 🇰🇿"]) {
      const pieces = visualPieces(text, runsOf);
      expect([...pieces.map((p) => p.text).join("")].sort()).toEqual([...text].map((c) => ({ "(": "(", ")": ")" })[c] ?? c).sort());
    }
  });
});
