// The room draws exactly the brackets the domain reads, and a caret on screen lands on the right place in the source.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkBalanced, topLevelBrackets } from "../../../shared/core-rules";
import { findQuote, segmentMarkup, sourceOffset, type Segment } from "./markup-segments";

const segmentsOf = (source: string): readonly Segment[] => {
  const result = segmentMarkup(source);
  if (!result.ok) throw new Error(`not valid markup: ${source}`);
  return result.segments;
};

const markupChars = fc.string({ unit: fc.constantFrom("a", "b", " ", "[", "]", "/", "\\", "、"), maxLength: 40 });

describe("segmentMarkup", () => {
  it("splits text, brackets, separators and escapes, each knowing its top-level bracket and alternative", () => {
    const segments = segmentsOf("States [shall / should] act \\[now\\]");
    expect(segments.map((s) => [s.kind, s.kind === "text" ? s.text : "", s.start, s.end, s.bracket, s.alternative])).toEqual([
      ["text", "States ", 0, 7, null, null],
      ["open", "", 7, 8, 0, null],
      ["text", "shall ", 8, 14, 0, 0],
      ["separator", "", 14, 15, 0, null],
      ["text", " should", 15, 22, 0, 1],
      ["close", "", 22, 23, 0, null],
      ["text", " act ", 23, 28, null, null],
      ["text", "[", 28, 30, null, null],
      ["text", "now", 30, 33, null, null],
      ["text", "]", 33, 35, null, null],
    ]);
  });

  it("numbers top-level brackets in order and keeps nested ones inside their parent's alternative", () => {
    const segments = segmentsOf("[[shall] / should] and [may]");
    const inner = segments.filter((s) => s.depth === 2);
    expect(inner.map((s) => [s.kind, s.bracket, s.alternative])).toEqual([
      ["open", 0, 0],
      ["text", 0, 0],
      ["close", 0, 0],
    ]);
    expect(segments.filter((s) => s.kind === "open" && s.depth === 1).map((s) => s.bracket)).toEqual([0, 1]);
  });

  it("refuses what the domain refuses, and accepts what it accepts", () => {
    fc.assert(fc.property(markupChars, (source) => segmentMarkup(source).ok === checkBalanced(source)));
  });

  it("tiles the source exactly, and places each top-level bracket where the domain does", () => {
    fc.assert(
      fc.property(
        markupChars.filter((source) => checkBalanced(source)),
        (source) => {
          const segments = segmentsOf(source);
          let at = 0;
          for (const segment of segments) {
            expect(segment.start).toBe(at);
            at = segment.end;
          }
          expect(at).toBe(source.length);
          const drawn = segments.filter((s) => s.depth === 1 && (s.kind === "open" || s.kind === "close"));
          const spans = [];
          for (let i = 0; i < drawn.length; i += 2) spans.push({ start: drawn[i]!.start, end: drawn[i + 1]!.end });
          expect(spans).toEqual(topLevelBrackets(source).map(({ start, end }) => ({ start, end })));
        },
      ),
    );
  });
});

describe("sourceOffset", () => {
  it("counts characters in a plain run and snaps to the edges of an escape or a bracket", () => {
    expect(sourceOffset({ kind: "text", text: "shall", start: 8, end: 13 } as Segment, 2)).toBe(10);
    expect(sourceOffset({ text: "[", start: 28, end: 30 }, 0)).toBe(28);
    expect(sourceOffset({ text: "[", start: 28, end: 30 }, 1)).toBe(30);
    expect(sourceOffset({ start: 7, end: 8 }, 1)).toBe(8);
    expect(sourceOffset({ text: "abc", start: 0, end: 3 }, 9)).toBe(3);
  });
});

describe("findQuote", () => {
  it("finds every occurrence, overlapping ones too, and nothing for an empty quote", () => {
    expect(findQuote("shall and shall", "shall")).toEqual([
      { start: 0, end: 5 },
      { start: 10, end: 15 },
    ]);
    expect(findQuote("aaa", "aa")).toEqual([
      { start: 0, end: 2 },
      { start: 1, end: 3 },
    ]);
    expect(findQuote("text", "")).toEqual([]);
    expect(findQuote("各成员国应", "成员国")).toEqual([{ start: 1, end: 4 }]);
  });
});
