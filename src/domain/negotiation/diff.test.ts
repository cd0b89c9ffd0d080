import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { diffArrays } from "diff";
import { applyDiff, DIFF_WORK_PER_TEXT, DiffBudget, diffStats, diffText, diffWithin, diffWords, mapSpan, segmentSentences, segmentWords, type DiffOp } from "./diff.js";

const locales = fc.constantFrom("en", "ru", "zh");
const vocabulary = ["Parties", "shall", "should", "take", "measures", "Стороны", "должны", "могут", "принять", "меры", "成员国", "应当", "可以", "采取", "措施", "上海合作组织"];
const separators = [" ", " ", " ", ", ", ". ", "/", ""];
const words = fc.array(fc.constantFrom(...vocabulary, ...separators), { maxLength: 14 });
/** A revision of a word list: some words inserted, deleted or replaced. */
const revised = (list: string[]) =>
  fc
    .array(fc.tuple(fc.constantFrom("insert", "delete", "replace"), fc.nat(), fc.constantFrom(...vocabulary, ...separators)), { maxLength: 4 })
    .map((edits) => {
      const result = [...list];
      for (const [kind, at, word] of edits) {
        const index = at % (result.length + 1);
        if (kind === "insert") result.splice(index, 0, word);
        else if (index < result.length) result.splice(index, 1, ...(kind === "replace" ? [word] : []));
      }
      return result;
    });
const looseText = fc.string({ unit: fc.constantFrom("a", "b", " ", ".", "я", "д", "中", "文", "𠀋"), maxLength: 16 });
/** Pairs of texts: an old one and a revision of it, or two unrelated strings. */
const pairs = fc.oneof(
  words.chain((list) => revised(list).map((other) => [list.join(""), other.join("")] as const)),
  fc.tuple(looseText, looseText),
);

const oldText = (ops: readonly DiffOp[]) => ops.filter((o) => o.op !== "insert").map((o) => o.text).join("");
const newText = (ops: readonly DiffOp[]) => ops.filter((o) => o.op !== "delete").map((o) => o.text).join("");

/** The word diff as it was before its cost was bounded: jsdiff on the whole token lists, however long that takes. */
function unboundedDiffWords(a: string, b: string, locale: string): DiffOp[] {
  const changes = diffArrays(segmentWords(a, locale), segmentWords(b, locale)).map((change): DiffOp => ({
    op: change.added ? "insert" : change.removed ? "delete" : "equal",
    text: change.value.join(""),
  }));
  const isChange = (neighbour: DiffOp | undefined): boolean => neighbour !== undefined && neighbour.op !== "equal";
  const ops: DiffOp[] = [];
  let deleted = "";
  let inserted = "";
  changes.forEach(({ op, text }, i) => {
    const isLoneSpace = op === "equal" && text.trim() === "" && isChange(changes[i - 1]) && isChange(changes[i + 1]);
    if (op === "equal" && !isLoneSpace) {
      if (deleted !== "") ops.push({ op: "delete", text: deleted });
      if (inserted !== "") ops.push({ op: "insert", text: inserted });
      if (text !== "") ops.push({ op, text });
      deleted = inserted = "";
      return;
    }
    if (op !== "insert") deleted += text;
    if (op !== "delete") inserted += text;
  });
  if (deleted !== "") ops.push({ op: "delete", text: deleted });
  if (inserted !== "") ops.push({ op: "insert", text: inserted });
  return ops;
}

/** A deterministic stream of numbers (mulberry32), so long texts are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROSE = {
  ru: { words: ["государства", "члены", "стороны", "будут", "принимать", "меры", "по", "укреплению", "безопасности", "сотрудничества", "в", "области", "торговли", "энергетики", "развития", "региона", "на", "основе", "взаимного", "уважения"], space: " ", stop: ". " },
  zh: { words: ["成员国", "各方", "将", "采取", "措施", "加强", "安全", "合作", "领域", "贸易", "能源", "发展", "地区", "基于", "相互", "尊重", "主权", "平等"], space: "", stop: "。" },
} as const;

/** Sentences of `length` characters in all, from the words of one half of the vocabulary (a rewrite uses the other). */
function prose(language: keyof typeof PROSE, length: number, half: 0 | 1, seed = 1): string {
  const { words, space, stop } = PROSE[language];
  const mine = words.filter((_, i) => i % 2 === half);
  const next = random(seed + half);
  let text = "";
  while (text.length < length) {
    text += Array.from({ length: 6 + Math.floor(next() * 10) }, () => mine[Math.floor(next() * mine.length)]!).join(space) + stop;
  }
  return text.slice(0, length);
}

/** Texts with bracket markup, escapes, semicolons and full stops, in Russian, Chinese and English. */
const markupText = fc
  .array(fc.constantFrom(...vocabulary, ...separators, "[", "]", " / ", "\\[", "\\]", "\\/", "; ", "；", "。", ". ", "! "), { maxLength: 24 })
  .map((parts) => parts.join(""));
const markupPairs = fc.oneof(
  fc.tuple(markupText, markupText),
  markupText.chain((a) => fc.tuple(fc.constant(a), fc.nat(a.length), fc.nat(a.length), markupText).map(([a, x, y, middle]) => [a, a.slice(0, Math.min(x, y)) + middle + a.slice(Math.max(x, y))] as const)),
);
/** Bounds from none at all to the default, so every granularity is reached. */
const bounds = fc.oneof(fc.nat(400), fc.nat(5_000), fc.constant(DIFF_WORK_PER_TEXT));

function expectWellFormed(a: string, b: string, ops: readonly DiffOp[]): void {
  expect(oldText(ops)).toBe(a);
  expect(newText(ops)).toBe(b);
  expect(applyDiff(a, ops)).toBe(b);
  ops.forEach((o, i) => {
    expect(o.text).not.toBe("");
    expect(ops[i + 1]?.op).not.toBe(o.op);
    if (o.op === "insert") expect(ops[i + 1]?.op ?? "equal").toBe("equal");
  });
}


describe("segmentWords", () => {
  it("splits Chinese into words and keeps Russian words whole", () => {
    const chinese = segmentWords("上海合作组织成员国", "zh");
    expect(chinese.length).toBeGreaterThan(2);
    expect(chinese.join("")).toBe("上海合作组织成员国");
    expect(segmentWords("Стороны должны принять меры.", "ru")).toEqual(["Стороны", " ", "должны", " ", "принять", " ", "меры", "."]);
    expect(segmentWords("Parties shall, as appropriate, act", "en")).toEqual(["Parties", " ", "shall", ",", " ", "as", " ", "appropriate", ",", " ", "act"]);
  });

  it("loses nothing: the segments join back into the text", () => {
    fc.assert(fc.property(fc.string(), locales, (text, locale) => segmentWords(text, locale).join("") === text));
  });
});

describe("diffWords", () => {
  it("shows a Russian word replaced as one deletion and one insertion", () => {
    expect(diffWords("Стороны должны принять меры", "Стороны могут принять меры", "ru")).toEqual([
      { op: "equal", text: "Стороны " },
      { op: "delete", text: "должны" },
      { op: "insert", text: "могут" },
      { op: "equal", text: " принять меры" },
    ]);
  });

  it("finds the changed word in Chinese text without spaces", () => {
    expect(diffWords("成员国应当采取措施", "成员国可以采取措施", "zh")).toEqual([
      { op: "equal", text: "成员国" },
      { op: "delete", text: "应当" },
      { op: "insert", text: "可以" },
      { op: "equal", text: "采取措施" },
    ]);
  });

  it("works on whole words in English, and reads changes around a lone space as one change", () => {
    expect(diffWords("Parties shall take measures", "Parties should urgently take measures", "en")).toEqual([
      { op: "equal", text: "Parties " },
      { op: "delete", text: "shall " },
      { op: "insert", text: "should urgently " },
      { op: "equal", text: "take measures" },
    ]);
    expect(diffWords("Parties shall take measures", "Parties should take steps", "en")).toEqual([
      { op: "equal", text: "Parties " },
      { op: "delete", text: "shall" },
      { op: "insert", text: "should" },
      { op: "equal", text: " take " },
      { op: "delete", text: "measures" },
      { op: "insert", text: "steps" },
    ]);
    expect(diffWords("same text", "same text", "en")).toEqual([{ op: "equal", text: "same text" }]);
    expect(diffWords("", "", "en")).toEqual([]);
    expect(diffWords("", "new", "en")).toEqual([{ op: "insert", text: "new" }]);
  });

  it("describes both texts: old = equal + delete, new = equal + insert, no empty or repeated op, deletion first", () => {
    fc.assert(
      fc.property(pairs, locales, ([a, b], locale) => {
        const ops = diffWords(a, b, locale);
        expect(oldText(ops)).toBe(a);
        expect(newText(ops)).toBe(b);
        expect(applyDiff(a, ops)).toBe(b);
        ops.forEach((o, i) => {
          expect(o.text).not.toBe("");
          expect(ops[i + 1]?.op).not.toBe(o.op);
          if (o.op === "insert") expect(ops[i + 1]?.op ?? "equal").toBe("equal");
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe("applyDiff", () => {
  it("refuses ops that do not describe the old text", () => {
    expect(() => applyDiff("Parties shall act", [{ op: "equal", text: "Parties may" }])).toThrow(/not at offset 0/);
    expect(() => applyDiff("Parties shall act", [{ op: "equal", text: "Parties " }, { op: "delete", text: "should" }])).toThrow(/offset 8/);
    expect(() => applyDiff("Parties shall act", [{ op: "equal", text: "Parties" }])).toThrow(/ends at offset 7/);
  });
});

describe("mapSpan", () => {
  const ops = diffWords("Стороны должны принять меры", "Все Стороны могут принять меры", "ru");

  it("carries an unchanged word onto the new text", () => {
    expect(mapSpan(ops, 15, 22)).toEqual({ start: 18, end: 25 });
    expect("Все Стороны могут принять меры".slice(18, 25)).toBe("принять");
    expect(mapSpan(ops, 0, 7)).toEqual({ start: 4, end: 11 });
  });

  it("returns null when a word of the span was deleted or something was inserted inside it", () => {
    expect(mapSpan(ops, 8, 14)).toBeNull();
    expect(mapSpan(ops, 0, 22)).toBeNull();
    const inserted = diffWords("Parties take measures", "Parties take all measures", "en");
    expect(mapSpan(inserted, 8, 21)).toBeNull();
    expect(mapSpan(inserted, 8, 13)).toEqual({ start: 8, end: 13 });
  });

  it("carries a point (an insertion's anchor) unless it falls inside deleted text", () => {
    expect(mapSpan(ops, 15, 15)).toEqual({ start: 18, end: 18 });
    expect(mapSpan(ops, 8, 8)).toEqual({ start: 12, end: 12 });
    expect(mapSpan(ops, 10, 10)).toBeNull();
    expect(mapSpan([], 0, 0)).toEqual({ start: 0, end: 0 });
    expect(mapSpan(diffWords("a", "b", "en"), 0, 0)).toBeNull();
  });

  it("refuses a span outside the old text", () => {
    expect(() => mapSpan(ops, 5, 40)).toThrow(RangeError);
    expect(() => mapSpan(ops, 6, 5)).toThrow(RangeError);
  });

  /** For each offset of the old text: whether its character was deleted, and whether text was inserted before it. */
  function changes(a: string, ops: readonly DiffOp[]) {
    const deleted = new Array<boolean>(a.length).fill(false);
    const insertedBefore = new Array<boolean>(a.length + 1).fill(false);
    let at = 0;
    for (const { op, text } of ops) {
      if (op === "insert") insertedBefore[at] = true;
      else {
        if (op === "delete") deleted.fill(true, at, at + text.length);
        at += text.length;
      }
    }
    return { deleted, insertedBefore };
  }

  it("maps a span exactly when no character of it was deleted and nothing was inserted inside it, onto the same text, at any granularity", () => {
    const cases = pairs.chain(([a, b]) =>
      fc.tuple(fc.constant(a), fc.constant(b), locales, fc.nat(a.length), fc.nat(a.length)).map(([a, b, locale, x, y]) => ({ a, b, locale, start: Math.min(x, y), end: Math.max(x, y) })),
    );
    fc.assert(
      fc.property(cases, bounds, ({ a, b, locale, start, end }, maxWork) => {
        const ops = diffText(a, b, locale, maxWork).ops;
        const mapped = mapSpan(ops, start, end);
        if (mapped) expect(b.slice(mapped.start, mapped.end)).toBe(a.slice(start, end));
        const { deleted, insertedBefore } = changes(a, ops);
        const collides = deleted.slice(start, end).some(Boolean) || insertedBefore.slice(start + 1, end).some(Boolean);
        if (start < end) expect(mapped === null).toBe(collides);
        else if (deleted[start] && deleted[start - 1]) expect(mapped).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});

describe("segmentSentences", () => {
  it("cuts after each sentence and after semicolons, keeping the spaces with what they follow", () => {
    expect(segmentSentences("Parties shall act; they will report. The Secretariat will help.", "en")).toEqual(["Parties shall act; ", "they will report. ", "The Secretariat will help."]);
    expect(segmentSentences("成员国将合作；秘书处将编写报告。各方同意。", "zh")).toEqual(["成员国将合作；", "秘书处将编写报告。", "各方同意。"]);
    expect(segmentSentences("Стороны примут меры. Секретариат подготовит доклад.", "ru")).toEqual(["Стороны примут меры. ", "Секретариат подготовит доклад."]);
  });

  it("loses nothing: the sentences join back into the text", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), markupText), locales, (text, locale) => segmentSentences(text, locale).join("") === text));
  });
});

describe("diffText: a diff whose cost is bounded", () => {
  it("gives exactly the word diff it always gave for small edits, in Russian, Chinese and English", () => {
    fc.assert(
      fc.property(fc.oneof(pairs, markupPairs), locales, ([a, b], locale) => {
        const diff = diffText(a, b, locale);
        expect(diff.granularity).toBe("word");
        expect(diff.ops).toEqual(unboundedDiffWords(a, b, locale));
        expect(diffWords(a, b, locale)).toEqual(diff.ops);
      }),
      { numRuns: 300 },
    );
  });

  it("gives exactly that word diff for a few words changed in a 20,000-character provision", () => {
    for (const language of ["ru", "zh"] as const) {
      const a = prose(language, 20_000, 0);
      const b = `${a.slice(0, 3_000)}${prose(language, 40, 1)}${a.slice(3_010, 12_000)}${a.slice(12_050, 19_000)}${prose(language, 90, 1, 7)}${a.slice(19_000)}`;
      const diff = diffText(a, b, language);
      expect(diff.granularity).toBe("word");
      expect(diff.ops).toEqual(unboundedDiffWords(a, b, language));
      expect(diff.work).toBeLessThanOrEqual(DIFF_WORK_PER_TEXT);
    }
  });

  it("rebuilds the new text from the old one for any texts and any bound, bracket markup included, within the bound", () => {
    fc.assert(
      fc.property(fc.oneof(pairs, markupPairs), locales, bounds, ([a, b], locale, maxWork) => {
        const diff = diffText(a, b, locale, maxWork);
        expectWellFormed(a, b, diff.ops);
        expect(diff.work).toBeLessThanOrEqual(maxWork);
      }),
      { numRuns: 1_000 },
    );
  });

  it("compares a 20,000-character provision rewritten outright sentence by sentence, within its bound, keeping what was kept", () => {
    for (const language of ["ru", "zh"] as const) {
      const { stop } = PROSE[language];
      const [first, last] = language === "zh" ? ["秘书处将编写报告。", "各方同意。"] : ["Секретариат подготовит доклад. ", "Стороны согласны."];
      const a = `${first}${prose(language, 20_000 - first.length - last.length - stop.length, 0)}${stop}${last}`;
      const b = `${first}${prose(language, 20_000 - first.length - last.length - stop.length, 1)}${stop}${last}`;
      const diff = diffText(a, b, language);
      expect(diff.granularity).toBe("sentence");
      expect(diff.work).toBeLessThanOrEqual(DIFF_WORK_PER_TEXT);
      expectWellFormed(a, b, diff.ops);
      expect(diff.ops[0]).toEqual({ op: "equal", text: first });
      const end = diff.ops.at(-1)!;
      expect(end.op).toBe("equal");
      expect(end.text.endsWith(last) && end.text.length <= last.length + 2).toBe(true);
      // Whole sentences deleted and inserted: every change ends where a sentence does.
      for (const op of diff.ops.filter((o) => o.op !== "equal")) expect(op.text.trimEnd().endsWith(stop.trim())).toBe(true);
    }
  });

  it("shows the stretch between the common words as one deletion and one insertion when even its sentences are too many", () => {
    // Thousands of one-word clauses, every one of them changed.
    const a = `Parties agree: ${Array.from({ length: 3_000 }, (_, i) => `a${i};`).join(" ")} Done.`;
    const b = `Parties agree: ${Array.from({ length: 3_000 }, (_, i) => `b${i};`).join(" ")} Done.`;
    const diff = diffText(a, b, "en");
    expect(diff.granularity).toBe("whole");
    expect(diff.work).toBeLessThanOrEqual(DIFF_WORK_PER_TEXT);
    // (Compared as booleans: a failure would otherwise print 40,000 characters.)
    expect(diff.ops.map((o) => o.op)).toEqual(["equal", "delete", "insert", "equal"]);
    expect([diff.ops[0]!.text, diff.ops[3]!.text]).toEqual(["Parties agree: ", " Done."]);
    expect(diff.ops[1]!.text === a.slice(15, -6) && diff.ops[2]!.text === b.slice(15, -6)).toBe(true);
  });

  it("counts its work: none for equal texts, never more than allowed however repetitive the words", () => {
    expect(diffText("Parties shall act.", "Parties shall act.", "en")).toMatchObject({ granularity: "word", work: 0 });
    const repetitive = (n: number, pattern: (i: number) => string) => Array.from({ length: n }, (_, i) => pattern(i)).join(" ");
    const cases = [
      [repetitive(5_000, () => "a"), repetitive(5_000, (i) => (i % 2 ? "a" : "b"))],
      [repetitive(5_000, (i) => (i % 3 ? "a" : "b")), repetitive(4_000, (i) => (i % 5 ? "b" : "a"))],
      ["x".repeat(30_000), `${"x".repeat(15_000)}y${"x".repeat(15_000)}`],
    ] as const;
    for (const [a, b] of cases) {
      for (const maxWork of [1_000, 50_000, DIFF_WORK_PER_TEXT]) {
        const diff = diffText(a, b, "en", maxWork);
        expect(diff.work).toBeLessThanOrEqual(maxWork);
        expectWellFormed(a, b, diff.ops);
      }
    }
  });

  it("shares one budget between diffs: each within what is left, the later ones coarser once it is spent", () => {
    const budget = new DiffBudget(3 * DIFF_WORK_PER_TEXT);
    const diff = diffWithin(budget);
    const results = [1, 2, 3, 4, 5, 6].map((seed) => diff(prose("zh", 20_000, 0, seed), prose("zh", 20_000, 1, seed), "zh"));
    const spent = results.reduce((total, r) => total + r.work, 0);
    expect(spent).toBeLessThanOrEqual(3 * DIFF_WORK_PER_TEXT);
    expect(budget.remaining).toBe(3 * DIFF_WORK_PER_TEXT - spent);
    expect(results[0]!.granularity).toBe("sentence");
    expect(results.at(-1)!.granularity).toBe("whole");
    // Once nothing is left, a change is one deletion and one insertion, and costs nothing more.
    const spentOut = diffWithin(new DiffBudget(0))("Parties shall act.", "Parties should act.", "en");
    expect(spentOut).toEqual({ ops: [{ op: "delete", text: "Parties shall act." }, { op: "insert", text: "Parties should act." }], granularity: "whole", work: 0 });
  });
});

describe("diffStats", () => {
  it("counts the words inserted and deleted, not the spaces", () => {
    expect(diffStats(diffWords("Parties shall take measures", "Parties should urgently take measures", "en"))).toEqual({ inserted: 2, deleted: 1 });
    expect(diffStats(diffWords("成员国应当采取措施", "成员国可以采取措施", "zh"), "zh")).toEqual({ inserted: 1, deleted: 1 });
    expect(diffStats(diffWords("Стороны должны принять меры", "Стороны принять меры", "ru"))).toEqual({ inserted: 0, deleted: 1 });
  });
});
