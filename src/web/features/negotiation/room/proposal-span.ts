// Where a proposed change applies in a provision's base text: the reader's selection while the quoted text still matches
// it, otherwise the chosen occurrence of the quoted text; and a short preview of the change in its context.
import { bracketSpan } from "../../../shared/core-rules";
import { findQuote, type Span } from "../text/markup-segments";

/**
 * The span a quote stands for. A selection wins while the quote is exactly the selected text (a caret: an empty quote);
 * otherwise the quote is searched for and the occurrence-th match taken. Null when the quote is not in the text.
 */
export function resolveSpan(source: string, quote: string, occurrence: number, selection: Span | null): Span | null {
  if (selection && selection.end <= source.length && source.slice(selection.start, selection.end) === quote) return selection;
  return findQuote(source, quote)[occurrence] ?? null;
}

export interface ChangePreview {
  readonly before: string;
  readonly removed: string;
  readonly added: string;
  readonly after: string;
}

/** The change in a few words of context: what comes before, what goes, what comes, what follows. */
export function changePreview(source: string, span: Span, added: string, context = 40): ChangePreview {
  const from = Math.max(0, span.start - context);
  const to = Math.min(source.length, span.end + context);
  return {
    before: (from > 0 ? "…" : "") + source.slice(from, span.start),
    removed: source.slice(span.start, span.end),
    added,
    after: source.slice(span.end, to) + (to < source.length ? "…" : ""),
  };
}

/**
 * Whether a span cuts through a bracket or an escape: it must start and end inside the same alternative (or both outside
 * brackets), as the domain requires of any span it puts in brackets.
 */
export function cutsThroughBracket(source: string, span: Span): boolean {
  try {
    bracketSpan(source, span.start, span.end, [""]);
    return false;
  } catch {
    return true;
  }
}
