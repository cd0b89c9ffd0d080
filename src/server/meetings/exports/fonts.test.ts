import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { exportFonts, fontRuns, glyphChecker, type Face } from "./fonts.js";

// A stand-in for the fonts: Latin and Cyrillic in the Latin faces, Han and full-width punctuation in the CJK face, spaces
// and ASCII punctuation in both (but not the thin space, as in the real Noto Sans SC).
const fake = (face: Face, codePoint: number): boolean => {
  const char = String.fromCodePoint(codePoint);
  const isShared = char === " " || /[(),.·]/.test(char);
  if (face === "cjk") return isShared || /[\p{Script=Han}（），。]/u.test(char) || /[A-Za-z]/.test(char);
  return isShared || /[\p{Script=Latin}\p{Script=Cyrillic}0-9\u2009]/u.test(char);
};

describe("runs of text by the face that has them", () => {
  it("sets Latin and Cyrillic in the preferred face, Chinese in the CJK face", () => {
    expect(fontRuns("Wang Yi 王毅", "regular", fake)).toEqual([
      { face: "regular", text: "Wang Yi " },
      { face: "cjk", text: "王毅" },
    ]);
    expect(fontRuns("Мұрат", "bold", fake)).toEqual([{ face: "bold", text: "Мұрат" }]);
  });

  it("keeps spaces and punctuation in the run they are in, so a Chinese name stays one run", () => {
    expect(fontRuns("王毅（中国）", "regular", fake)).toEqual([{ face: "cjk", text: "王毅（中国）" }]);
    expect(fontRuns("谢尔盖·拉夫罗夫", "regular", fake)).toEqual([{ face: "cjk", text: "谢尔盖·拉夫罗夫" }]);
  });

  it("returns Latin letters after Chinese to the preferred face (the CJK face has them, but in its own design)", () => {
    expect(fontRuns("王毅 Wang", "regular", fake)).toEqual([
      { face: "cjk", text: "王毅 " },
      { face: "regular", text: "Wang" },
    ]);
  });

  it("does not leave a space the CJK face lacks in its run (it would be drawn as a box)", () => {
    expect(fontRuns("王\u20091", "regular", fake)).toEqual([
      { face: "cjk", text: "王" },
      { face: "regular", text: "\u20091" },
    ]);
  });

  it("loses and invents no character, whatever the text (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."Aя 王（）,·\u2009ğ中Ә1") }), (text) => {
        const runs = fontRuns(text, "regular", fake);
        expect(runs.map((r) => r.text).join("")).toBe(text);
        expect(runs.every((r) => r.text !== "")).toBe(true);
        for (let i = 1; i < runs.length; i += 1) expect(runs[i]!.face).not.toBe(runs[i - 1]!.face);
      }),
    );
  });
});

describe("the fonts Concord ships", () => {
  it("cover Chinese, Russian, Kazakh, Kyrgyz, Mongolian and Turkish names between them", () => {
    const hasGlyph = glyphChecker(exportFonts());
    const names = ["王毅", "习近平", "Сергей Лавров", "Мұрат Нұртілеу", "Жээнбек Кулубаев", "Батмөнхийн Баттсэцэг", "Hakan Fidan", "Ceyhun Bayramov ə ş ğ ı", "Ёлкин № 5 – «тест»"];
    for (const name of names) {
      for (const run of fontRuns(name, "regular", hasGlyph)) {
        for (const char of run.text) expect(hasGlyph(run.face, char.codePointAt(0)!), `${char} in ${name}`).toBe(true);
      }
    }
  });

  it("need the CJK face for Chinese and the Latin face for Kazakh letters", () => {
    const hasGlyph = glyphChecker(exportFonts());
    expect(hasGlyph("regular", "王".codePointAt(0)!)).toBe(false);
    expect(hasGlyph("cjk", "王".codePointAt(0)!)).toBe(true);
    expect(hasGlyph("cjk", "ұ".codePointAt(0)!)).toBe(false);
    expect(hasGlyph("bold", "ұ".codePointAt(0)!)).toBe(true);
  });

  it("draw Arabic (joined), Hebrew and emoji names with real glyphs: no character falls to .notdef in the face chosen", () => {
    const fonts = exportFonts();
    const hasGlyph = glyphChecker(fonts);
    const names = ["محمد بن سلمان آل سعود", "عبد اللطيف رشيد", "فرهاد ‌ فاضلی", "בנימין נתניהו", "יצחק הרצוג", "Wang Yi 👍🏽 🇰🇿 👩‍💻 ❤️ 🕊", "Ali ☺ ✈"];
    for (const name of names) {
      for (const style of ["regular", "bold"] as const) {
        for (const run of fontRuns(name, style, hasGlyph)) {
          const glyphs = (fonts[run.face] as unknown as Laid).layout(run.text).glyphs;
          expect(glyphs.filter((g) => g.id === 0).length, `${run.text} in ${run.face}`).toBe(0);
        }
      }
    }
    // Arabic letters take their joining forms: the shaped run is not the letters' isolated glyphs.
    const arabic = fonts.arabic as unknown as Laid;
    const isolated = [..."محمد"].map((c) => arabic.layout(c).glyphs[0]!.id);
    expect(arabic.layout("محمد").glyphs.map((g) => g.id).reverse()).not.toEqual(isolated);
  });

  it("set Arabic and Hebrew in their faces, emoji in the emoji face, and a space after an emoji in the text face", () => {
    const hasGlyph = glyphChecker(exportFonts());
    expect(fontRuns("محمد Ali", "bold", hasGlyph).map((r) => r.face)).toEqual(["arabicBold", "bold"]);
    expect(fontRuns("יצחק", "regular", hasGlyph)).toEqual([{ face: "hebrew", text: "יצחק" }]);
    expect(fontRuns("Yi 👍🏽 🇰🇿", "regular", hasGlyph)).toEqual([
      { face: "regular", text: "Yi " },
      { face: "emoji", text: "👍🏽" },
      { face: "regular", text: " " },
      { face: "emoji", text: "🇰🇿" },
    ]);
  });
});

/** fontkit's layout, which its types here leave out. */
interface Laid {
  layout(text: string): { glyphs: { id: number }[] };
}
