// A provision's bracket markup as flat segments that keep their place in the source, so the room can draw brackets and
// turn a selection on screen back into the [start, end) offsets a proposal is anchored to. The grammar is the domain's
// (src/domain/negotiation/markup.ts): `[a / b]` holds alternatives, brackets nest, `\` escapes `[ ] / \`.

/** A stretch of the source, [start, end) in UTF-16 code units; empty for a caret. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

interface Place {
  /** [start, end) in the source. */
  readonly start: number;
  readonly end: number;
  /** How many brackets enclose the segment (for a bracket's own `[`, `/`, `]`: that bracket counts). */
  readonly depth: number;
  /** The top-level bracket the segment lies in (its index in the provision's `brackets`), or null outside brackets. */
  readonly bracket: number | null;
  /** Which alternative of that top-level bracket, or null outside brackets and for the bracket's own `[`, `/`, `]`. */
  readonly alternative: number | null;
}

export type Segment = (Place & { readonly kind: "text"; readonly text: string }) | (Place & { readonly kind: "open" | "separator" | "close" });

export type SegmentResult = { readonly ok: true; readonly segments: readonly Segment[] } | { readonly ok: false };

const ESCAPABLE = new Set(["[", "]", "/", "\\"]);

/**
 * Splits the source into text runs and bracket punctuation. Unescaped characters in a row form one run (display offset =
 * source offset − start); an escape is a run of its own (one character shown, two in the source).
 */
export function segmentMarkup(source: string): SegmentResult {
  const segments: Segment[] = [];
  let depth = 0;
  let bracket: number | null = null;
  let alternative: number | null = null;
  let topLevelCount = 0;
  let runStart = -1;

  const flush = (at: number) => {
    if (runStart < 0) return;
    segments.push({ kind: "text", text: source.slice(runStart, at), start: runStart, end: at, depth, bracket, alternative });
    runStart = -1;
  };

  for (let i = 0; i < source.length; i += 1) {
    const char = source[i]!;
    if (char === "\\") {
      const next = source[i + 1];
      if (next === undefined || !ESCAPABLE.has(next)) return { ok: false };
      flush(i);
      segments.push({ kind: "text", text: next, start: i, end: i + 2, depth, bracket, alternative });
      i += 1;
    } else if (char === "[") {
      flush(i);
      depth += 1;
      if (depth === 1) {
        bracket = topLevelCount;
        topLevelCount += 1;
      }
      segments.push({ kind: "open", start: i, end: i + 1, depth, bracket, alternative: depth === 1 ? null : alternative });
      if (depth === 1) alternative = 0;
    } else if (char === "]") {
      if (depth === 0) return { ok: false };
      flush(i);
      segments.push({ kind: "close", start: i, end: i + 1, depth, bracket, alternative: depth === 1 ? null : alternative });
      depth -= 1;
      if (depth === 0) {
        bracket = null;
        alternative = null;
      }
    } else if (char === "/" && depth > 0) {
      flush(i);
      segments.push({ kind: "separator", start: i, end: i + 1, depth, bracket, alternative: depth === 1 ? null : alternative });
      if (depth === 1) alternative = (alternative ?? 0) + 1;
    } else if (runStart < 0) {
      runStart = i;
    }
  }
  if (depth > 0) return { ok: false };
  flush(source.length);
  return { ok: true, segments };
}

/**
 * The source offset of a caret `offset` characters into a segment as drawn. Inside an escape or a bracket's punctuation
 * the caret goes to the side it is nearer to, so a selection never splits them.
 */
export function sourceOffset(segment: Pick<Segment, "start" | "end"> & { readonly text?: string }, offset: number): number {
  const drawn = segment.text ?? "";
  if (segment.text !== undefined && drawn.length === segment.end - segment.start) return segment.start + Math.max(0, Math.min(offset, drawn.length));
  return offset <= 0 ? segment.start : segment.end;
}

/** Every place the quoted text occurs in the source, in order (the fallback when nothing can be selected on screen). */
export function findQuote(source: string, quote: string): Span[] {
  const found: Span[] = [];
  if (quote === "") return found;
  for (let at = source.indexOf(quote); at >= 0; at = source.indexOf(quote, at + 1)) found.push({ start: at, end: at + quote.length });
  return found;
}
