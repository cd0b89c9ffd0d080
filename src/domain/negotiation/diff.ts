// Word-level diff of two texts in any language (Intl.Segmenter), and spans carried from one revision to the next.
import { diffArrays } from "diff";

export type DiffOp = { op: "equal" | "insert" | "delete"; text: string };
export interface Span {
  readonly start: number;
  readonly end: number;
}

const segmenters = new Map<string, Intl.Segmenter>();

/** Words, spaces and punctuation in order, so that `segmentWords(text, locale).join("") === text`. */
export function segmentWords(text: string, locale: string): string[] {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: "word" });
    segmenters.set(locale, segmenter);
  }
  return Array.from(segmenter.segment(text), (segment) => segment.segment);
}

/**
 * The edit from `a` to `b`, word by word. Each stretch of changes between unchanged text reads as one deletion then one
 * insertion, and a lone space between two changes counts as changed ("shall take" → "should urgently take" is one
 * change, not two around a kept space). No op is empty; no two neighbours are of one kind.
 */
export function diffWords(a: string, b: string, locale: string): DiffOp[] {
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

/** Rebuilds `b` from `a`; throws when the ops do not describe `a` (an equal or delete op that does not match, text left over). */
export function applyDiff(a: string, ops: readonly DiffOp[]): string {
  let position = 0;
  let result = "";
  for (const { op, text } of ops) {
    if (op !== "insert") {
      if (!a.startsWith(text, position)) throw new Error(`The diff does not apply: "${text}" is not at offset ${position}.`);
      position += text.length;
    }
    if (op !== "delete") result += text;
  }
  if (position !== a.length) throw new Error(`The diff does not apply: it ends at offset ${position} of ${a.length}.`);
  return result;
}

/**
 * Carries the span [start, end) of the old text onto the new one, or returns null when it collides with a change: the
 * span must lie inside one unchanged stretch (an empty span: inside it or on its edge). When nothing changed at all,
 * every span maps onto itself.
 */
export function mapSpan(ops: readonly DiffOp[], start: number, end: number): Span | null {
  const oldLength = ops.reduce((length, { op, text }) => (op === "insert" ? length : length + text.length), 0);
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > oldLength) {
    throw new RangeError(`The span ${start}–${end} is outside the old text (${oldLength} characters).`);
  }
  if (ops.every(({ op }) => op === "equal")) return { start, end };
  let oldAt = 0;
  let newAt = 0;
  for (const { op, text } of ops) {
    if (op === "equal") {
      const oldEnd = oldAt + text.length;
      if (start >= oldAt && end <= oldEnd) return { start: newAt + start - oldAt, end: newAt + end - oldAt };
    }
    if (op !== "insert") oldAt += text.length;
    if (op !== "delete") newAt += text.length;
  }
  return null;
}

/** How many words (tokens other than white space, punctuation included) the diff inserts and deletes. */
export function diffStats(ops: readonly DiffOp[], locale = "und"): { inserted: number; deleted: number } {
  const count = (kind: DiffOp["op"]): number =>
    ops.filter(({ op }) => op === kind).reduce((total, { text }) => total + segmentWords(text, locale).filter((token) => token.trim() !== "").length, 0);
  return { inserted: count("insert"), deleted: count("delete") };
}
