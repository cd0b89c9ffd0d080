// A comparison of two revisions as the history page draws it: each side of a side-by-side view, how coarsely a text was
// compared, the pair compared by default, and the series of the chart (brackets and open provisions per revision).
import type { DiffDto, DocumentDto } from "../../../../contracts/negotiation";

export type DiffOp = DiffDto["provisions"][number]["ops"][string][number];

/** The old text (unchanged and deleted words) and the new text (unchanged and inserted words). */
export function sideBySide(ops: readonly DiffOp[]): { before: DiffOp[]; after: DiffOp[] } {
  return { before: ops.filter((op) => op.op !== "insert"), after: ops.filter((op) => op.op !== "delete") };
}

/**
 * How coarsely a provision's text in `language` was compared when not word by word: by sentence, or as a whole (the
 * server's bound on the cost of a diff). Null when it was compared word by word, or the answer does not say.
 */
export function coarseComparison(provision: DiffDto["provisions"][number], language: string): "sentence" | "whole" | null {
  const granularity = (provision.granularity as Partial<DiffDto["provisions"][number]["granularity"]> | undefined)?.[language];
  return granularity === "sentence" || granularity === "whole" ? granularity : null;
}

/** By default, the last revision against the one before it (Rev.0 with itself when only the zero draft exists). */
export function defaultComparison(revisions: readonly number[]): { from: number; to: number } {
  const sorted = [...new Set(revisions)].sort((a, b) => a - b);
  const to = sorted.at(-1) ?? 0;
  return { from: sorted.at(-2) ?? to, to };
}

/** The earlier revision first, whichever way round the two were picked. */
export function orderedPair(a: number, b: number): { from: number; to: number } {
  return a <= b ? { from: a, to: b } : { from: b, to: a };
}

export interface HistorySeries {
  readonly revisions: number[];
  readonly brackets: number[];
  readonly open: number[];
}

export function historySeries(history: DocumentDto["history"]): HistorySeries {
  const sorted = [...history].sort((a, b) => a.revision - b.revision);
  return { revisions: sorted.map((h) => h.revision), brackets: sorted.map((h) => h.brackets), open: sorted.map((h) => h.open) };
}
