import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { breakOpportunities, wrapLines } from "./text-layout.js";

// One unit per character, two per Chinese character: close enough to how the fonts measure for the rules under test.
const measure = (text: string) => [...text].reduce((width, char) => width + (/\p{Script=Han}/u.test(char) ? 2 : 1), 0);

describe("where a line may end", () => {
  it("after a word and its spaces, and after any Chinese character", () => {
    expect(breakOpportunities("Minister of Foreign Affairs")).toEqual(["Minister ", "of ", "Foreign ", "Affairs"]);
    expect(breakOpportunities("外交部长 Wang")).toEqual(["外", "交", "部", "长", " ", "Wang"]);
  });

  it("never before full-width closing punctuation", () => {
    expect(breakOpportunities("委员、部长。")).toEqual(["委", "员、", "部", "长。"]);
  });
});

describe("lines that fit a width", () => {
  it("wrap between words", () => {
    expect(wrapLines("Minister of Foreign Affairs of the Republic", 20, measure)).toEqual(["Minister of Foreign", "Affairs of the", "Republic"]);
  });

  it("wrap Chinese between any two characters", () => {
    expect(wrapLines("上海合作组织成员国外交部长理事会", 10, measure)).toEqual(["上海合作组", "织成员国外", "交部长理事", "会"]);
  });

  it("break a word longer than the line", () => {
    expect(wrapLines("Supercalifragilistic", 8, measure)).toEqual(["Supercal", "ifragili", "stic"]);
  });

  it("end the last line allowed with an ellipsis when text is left", () => {
    expect(wrapLines("Minister of Foreign Affairs of the Republic", 20, measure, 2)).toEqual(["Minister of Foreign", "Affairs of the…"]);
    expect(wrapLines("abcdefghij", 4, measure, 1)).toEqual(["abc…"]);
  });

  it("give nothing for blank text", () => {
    expect(wrapLines("   ", 10, measure)).toEqual([]);
  });

  it("keep every line within the width and lose no visible character (property)", () => {
    const word = fc.string({ unit: fc.constantFrom(..."abcдежКә王毅中"), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 10 }), fc.integer({ min: 2, max: 30 }), (words, width) => {
        const text = words.join(" ");
        const lines = wrapLines(text, width, measure);
        for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(width);
        expect(lines.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
      }),
    );
  });
});
