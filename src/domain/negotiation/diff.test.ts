import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { applyDiff, diffStats, diffWords, mapSpan, segmentWords, type DiffOp } from "./diff.js";

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

  it("maps a span exactly when no character of it was deleted and nothing was inserted inside it, onto the same text", () => {
    const cases = pairs.chain(([a, b]) =>
      fc.tuple(fc.constant(a), fc.constant(b), locales, fc.nat(a.length), fc.nat(a.length)).map(([a, b, locale, x, y]) => ({ a, b, locale, start: Math.min(x, y), end: Math.max(x, y) })),
    );
    fc.assert(
      fc.property(cases, ({ a, b, locale, start, end }) => {
        const ops = diffWords(a, b, locale);
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

describe("diffStats", () => {
  it("counts the words inserted and deleted, not the spaces", () => {
    expect(diffStats(diffWords("Parties shall take measures", "Parties should urgently take measures", "en"))).toEqual({ inserted: 2, deleted: 1 });
    expect(diffStats(diffWords("成员国应当采取措施", "成员国可以采取措施", "zh"), "zh")).toEqual({ inserted: 1, deleted: 1 });
    expect(diffStats(diffWords("Стороны должны принять меры", "Стороны принять меры", "ru"))).toEqual({ inserted: 0, deleted: 1 });
  });
});
