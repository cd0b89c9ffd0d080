// The history page compares the last two revisions by default, splits a diff into its two sides and charts the brackets.
import { describe, expect, it } from "vitest";
import type { DiffDto } from "../../../../contracts/negotiation";
import { coarseComparison, defaultComparison, historySeries, orderedPair, sideBySide } from "./history-view";

describe("sideBySide", () => {
  it("puts deletions on the old side and insertions on the new", () => {
    const ops = [
      { op: "equal" as const, text: "States " },
      { op: "delete" as const, text: "shall" },
      { op: "insert" as const, text: "[shall / should]" },
      { op: "equal" as const, text: " act" },
    ];
    const { before, after } = sideBySide(ops);
    expect(before.map((op) => op.text).join("")).toBe("States shall act");
    expect(after.map((op) => op.text).join("")).toBe("States [shall / should] act");
  });
});

describe("coarseComparison", () => {
  const provision = (granularity: Record<string, "word" | "sentence" | "whole"> | undefined): DiffDto["provisions"][number] =>
    ({ id: "op1", change: "changed", fromNumber: "OP1", toNumber: "OP1", ops: {}, granularity }) as DiffDto["provisions"][number];

  it("says when a language was compared by sentence or as a whole, and nothing when word by word", () => {
    const compared = provision({ ru: "sentence", zh: "whole", en: "word" });
    expect(coarseComparison(compared, "ru")).toBe("sentence");
    expect(coarseComparison(compared, "zh")).toBe("whole");
    expect(coarseComparison(compared, "en")).toBeNull();
  });

  it("reads an answer that does not say how it compared as word by word", () => {
    expect(coarseComparison(provision(undefined), "ru")).toBeNull();
    expect(coarseComparison(provision({}), "ru")).toBeNull();
  });
});

describe("defaultComparison", () => {
  it("compares the last revision with the one before", () => {
    expect(defaultComparison([0, 2, 1])).toEqual({ from: 1, to: 2 });
    expect(defaultComparison([0])).toEqual({ from: 0, to: 0 });
    expect(defaultComparison([])).toEqual({ from: 0, to: 0 });
  });
  it("orders a pair picked the other way round", () => {
    expect(orderedPair(3, 1)).toEqual({ from: 1, to: 3 });
  });
});

describe("historySeries", () => {
  it("gives brackets and open provisions per revision in order", () => {
    const history = [
      { revision: 1, brackets: 1, open: 12, issuedAt: "2025-08-02T00:00:00Z" },
      { revision: 0, brackets: 0, open: 13, issuedAt: "2025-08-01T00:00:00Z" },
    ];
    expect(historySeries(history)).toEqual({ revisions: [0, 1], brackets: [0, 1], open: [13, 12] });
  });
});
