// The diff of two texts in any language (Intl.Segmenter), word by word when its cost allows, else by sentence, else as a
// whole, its cost counted and bounded; and spans carried from one revision to the next.
import { myersDiff } from "./myers.js";

export type DiffOp = { op: "equal" | "insert" | "delete"; text: string };
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * How finely a text was compared: word by word; sentence by sentence (the change was too large to compare word by
 * word); or as a whole, the changed stretch between the common beginning and end as one deletion and one insertion.
 */
export type DiffGranularity = "word" | "sentence" | "whole";

export interface TextDiff {
  readonly ops: DiffOp[];
  readonly granularity: DiffGranularity;
  /** The steps the comparison took (see DiffBudget); never more than it was allowed. */
  readonly work: number;
}

/**
 * A step is about 20 ns of one core's work (measured on the development machine): one diagonal of the edit graph visited
 * or one comparison of two tokens in the Myers search; reading a character costs several. Reading into words is the
 * costliest part of a small diff (Intl.Segmenter makes an object per word: 3–7 µs a character), into sentences far less.
 */
const STEPS_PER_CHARACTER = { words: 300, sentences: 25, ends: 2 } as const;

/**
 * The steps one text's comparison may take by default: about half a second. A 20,000-character provision rewritten
 * outright needs far more to be compared word by word (10⁸ diagonals), and is compared by sentence instead.
 */
export const DIFF_WORK_PER_TEXT = 25_000_000;

/** The steps several comparisons share (all the provisions of a revision diff, all the spans of a revision). */
export class DiffBudget {
  constructor(private left: number) {}

  get remaining(): number {
    return this.left;
  }

  spend(steps: number): void {
    this.left = Math.max(0, this.left - steps);
  }
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(locale: string, granularity: "word" | "sentence"): Intl.Segmenter {
  const key = `${granularity}|${locale}`;
  let known = segmenters.get(key);
  if (!known) {
    known = new Intl.Segmenter(locale, { granularity });
    segmenters.set(key, known);
  }
  return known;
}

/** Words, spaces and punctuation in order, so that `segmentWords(text, locale).join("") === text`. */
export function segmentWords(text: string, locale: string): string[] {
  return Array.from(segmenter(locale, "word").segment(text), (segment) => segment.segment);
}

/**
 * Sentences in order, each with the spaces after it, so that `segmentSentences(text, locale).join("") === text`; a
 * sentence is also cut after a semicolon (`;`, `；`), as the clauses of a long operative paragraph are.
 */
export function segmentSentences(text: string, locale: string): string[] {
  return Array.from(segmenter(locale, "sentence").segment(text), (segment) => segment.segment).flatMap((sentence) => sentence.split(/(?=\S)(?<=[;；]\s*)/u));
}

/** The most diagonals an edit of `d` tokens visits: d + 1 at its last length, fewer before. */
const diagonals = (d: number): number => (d * (d + 3)) / 2;

/**
 * The Myers diff of two token lists within `limit` steps, or null (and the steps spent) when the edit is larger. Tokens
 * are compared by number, each distinct text given one, so that a long token costs one step.
 */
function diffTokens(a: readonly string[], b: readonly string[], limit: number): { ops: DiffOp[] | null; work: number } {
  const numbers = new Map<string, number>();
  const number = (token: string): number => {
    let known = numbers.get(token);
    if (known === undefined) {
      known = numbers.size;
      numbers.set(token, known);
    }
    return known;
  };
  const { runs, steps } = myersDiff(Int32Array.from(a, number), Int32Array.from(b, number), limit);
  if (!runs) return { ops: null, work: steps };
  const ops: DiffOp[] = [];
  let [x, y] = [0, 0];
  for (const run of [...runs, { from: a.length, to: b.length, length: 0 }]) {
    ops.push(
      { op: "delete", text: a.slice(x, run.from).join("") },
      { op: "insert", text: b.slice(y, run.to).join("") },
      { op: "equal", text: a.slice(run.from, run.from + run.length).join("") },
    );
    [x, y] = [run.from + run.length, run.to + run.length];
  }
  return { ops, work: steps };
}

/**
 * The ops as a reader takes them in: each stretch of changes between unchanged text is one deletion then one insertion,
 * and a lone space between two changes counts as changed ("shall take" → "should urgently take" is one change, not two
 * around a kept space). No op is empty; no two neighbours are of one kind.
 */
function tidy(raw: readonly DiffOp[]): DiffOp[] {
  const changes = raw.filter(({ text }) => text !== "");
  const isChange = (neighbour: DiffOp | undefined): boolean => neighbour !== undefined && neighbour.op !== "equal";
  const ops: DiffOp[] = [];
  let deleted = "";
  let inserted = "";
  const flush = (): void => {
    if (deleted !== "") ops.push({ op: "delete", text: deleted });
    if (inserted !== "") ops.push({ op: "insert", text: inserted });
    deleted = inserted = "";
  };
  changes.forEach(({ op, text }, i) => {
    const isLoneSpace = op === "equal" && text.trim() === "" && isChange(changes[i - 1]) && isChange(changes[i + 1]);
    if (op === "equal" && !isLoneSpace) {
      flush();
      const last = ops.at(-1);
      if (last?.op === "equal") last.text += text;
      else ops.push({ op, text });
      return;
    }
    if (op !== "insert") deleted += text;
    if (op !== "delete") inserted += text;
  });
  flush();
  return ops;
}

/** Whether the character at `at` ends a word for certain: white space or punctuation. */
const BOUNDARY = /[\s\p{P}]/uy;
function isBoundary(text: string, at: number): boolean {
  BOUNDARY.lastIndex = at;
  return BOUNDARY.test(text);
}

/**
 * How many characters `a` and `b` share at their beginning and at their end, each cut to just after white space or
 * punctuation so that no word (nor a surrogate pair) is split, and never overlapping.
 */
function commonEnds(a: string, b: string): { head: number; tail: number } {
  const shorter = Math.min(a.length, b.length);
  const isCut = (text: string, at: number): boolean => at === 0 || isBoundary(text, at - 1);
  let head = 0;
  while (head < shorter && a.charCodeAt(head) === b.charCodeAt(head)) head += 1;
  while (head > 0 && !isCut(a, head)) head -= 1;
  let tail = 0;
  while (tail < shorter - head && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail += 1;
  while (tail > 0 && !(isCut(a, a.length - tail) && isCut(b, b.length - tail))) tail -= 1;
  return { head, tail };
}

/**
 * The edit from `a` to `b` within `maxWork` steps. Word by word when that fits (the minimal word diff, exactly as jsdiff
 * finds it, so a small edit reads as it always has); else the common beginning and end are kept and what lies between
 * is compared sentence by sentence; else that stretch is one deletion and one insertion. The ends and the sentences are
 * read first (cheaply), and the word diff leaves the sentence diff what an edit of every sentence between would take, up
 * to half of what is left; a text too long to be read into words within the steps goes straight to its sentences.
 */
export function diffText(a: string, b: string, locale: string, maxWork: number = DIFF_WORK_PER_TEXT): TextDiff {
  if (a === b) return { ops: a === "" ? [] : [{ op: "equal", text: a }], granularity: "word", work: 0 };
  if (a === "" || b === "") return { ops: tidy([{ op: "delete", text: a }, { op: "insert", text: b }]), granularity: "word", work: 0 };
  let work = STEPS_PER_CHARACTER.ends * (a.length + b.length);
  if (work > maxWork) return { ops: [{ op: "delete", text: a }, { op: "insert", text: b }], granularity: "whole", work: 0 };
  const { head, tail } = commonEnds(a, b);
  const [middleA, middleB] = [a.slice(head, a.length - tail), b.slice(head, b.length - tail)];
  const whole = (): DiffOp[] => tidy([{ op: "equal", text: a.slice(0, head) }, { op: "delete", text: middleA }, { op: "insert", text: middleB }, { op: "equal", text: a.slice(a.length - tail) }]);
  const sentenceReading = STEPS_PER_CHARACTER.sentences * (middleA.length + middleB.length);
  if (work + sentenceReading > maxWork) return { ops: whole(), granularity: "whole", work };
  work += sentenceReading;
  const [sentencesA, sentencesB] = [segmentSentences(middleA, locale), segmentSentences(middleB, locale)];

  const sentenceShare = Math.min(Math.floor((maxWork - work) / 2), 2 * diagonals(sentencesA.length + sentencesB.length));
  const wordReading = STEPS_PER_CHARACTER.words * (a.length + b.length);
  if (work + wordReading + sentenceShare < maxWork) {
    work += wordReading;
    const byWord = diffTokens(segmentWords(a, locale), segmentWords(b, locale), maxWork - work - sentenceShare);
    work += byWord.work;
    if (byWord.ops) return { ops: tidy(byWord.ops), granularity: "word", work };
  }
  const bySentence = diffTokens(sentencesA, sentencesB, maxWork - work);
  work += bySentence.work;
  if (!bySentence.ops) return { ops: whole(), granularity: "whole", work };
  return { ops: tidy([{ op: "equal", text: a.slice(0, head) }, ...bySentence.ops, { op: "equal", text: a.slice(a.length - tail) }]), granularity: "sentence", work };
}

/** The edit from `a` to `b`, as `diffText` finds it within its bound (word by word unless the change is too large). */
export function diffWords(a: string, b: string, locale: string): DiffOp[] {
  return diffText(a, b, locale).ops;
}

/**
 * Diffs that share one budget: each comparison may take DIFF_WORK_PER_TEXT steps or what is left, whichever is less, so
 * a document of many long provisions costs at most `total` steps, the last ones compared more coarsely.
 */
export function diffWithin(budget: DiffBudget): (a: string, b: string, locale: string) => TextDiff {
  return (a, b, locale) => {
    const diff = diffText(a, b, locale, Math.min(DIFF_WORK_PER_TEXT, budget.remaining));
    budget.spend(diff.work);
    return diff;
  };
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
