// Bracket markup of a provision's text: `[shall / should]` holds alternatives, brackets nest, `\` escapes `[ ] / \`.

export type TextNode = { kind: "text"; value: string } | { kind: "bracket"; alternatives: TextNode[][] };

export type MarkupErrorCode = "unclosed-bracket" | "unexpected-closing-bracket" | "dangling-escape";
export interface MarkupFailure {
  readonly code: MarkupErrorCode;
  /** UTF-16 index in the source of the offending character. */
  readonly offset: number;
}
export type ParseResult = { ok: true; nodes: TextNode[] } | { ok: false; error: MarkupFailure };

export interface TopLevelBracket {
  /** Index of the `[`. */
  readonly start: number;
  /** Index just after the `]`. */
  readonly end: number;
  /** Each alternative as markup of its own, trimmed (a `\/` at the alternative's own level reads `/`). */
  readonly alternatives: string[];
}

/** Thrown by the offset-based edits when the source they are given is not valid markup. */
export class MarkupError extends Error {
  constructor(
    readonly code: MarkupErrorCode,
    readonly offset: number,
  ) {
    super(`Invalid bracket markup: ${code} at offset ${offset}.`);
    this.name = "MarkupError";
  }
}

const ESCAPABLE = new Set(["[", "]", "/", "\\"]);
const CLOSING_PUNCTUATION = /^[.,;:!?)»。，、；：！？）]$/u;
const isSpace = (char: string | undefined): boolean => char !== undefined && /\s/u.test(char);

/** One lexical unit of the source. `depth` counts the brackets enclosing the token, or that the token opens or closes. */
type Token =
  | { readonly type: "text"; readonly value: string; readonly offset: number; readonly escaped: boolean; readonly depth: number }
  | { readonly type: "open" | "separator" | "close"; readonly offset: number; readonly depth: number }
  | { readonly type: "end"; readonly offset: number; readonly depth: 0 };

/** Walks the source token by token; returns the first error, or undefined once the "end" token was seen. */
function walk(source: string, visit: (token: Token) => void): MarkupFailure | undefined {
  const open: number[] = [];
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i]!;
    const depth = open.length;
    if (char === "\\") {
      const next = source[i + 1];
      if (next === undefined || !ESCAPABLE.has(next)) return { code: "dangling-escape", offset: i };
      visit({ type: "text", value: next, offset: i, escaped: true, depth });
      i += 1;
    } else if (char === "[") {
      open.push(i);
      visit({ type: "open", offset: i, depth: depth + 1 });
    } else if (char === "]") {
      if (depth === 0) return { code: "unexpected-closing-bracket", offset: i };
      open.pop();
      visit({ type: "close", offset: i, depth });
    } else if (char === "/" && depth > 0) {
      visit({ type: "separator", offset: i, depth });
    } else {
      visit({ type: "text", value: char, offset: i, escaped: false, depth });
    }
  }
  if (open.length > 0) return { code: "unclosed-bracket", offset: open.at(-1)! };
  visit({ type: "end", offset: source.length, depth: 0 });
  return undefined;
}

function throwIfInvalid(failure: MarkupFailure | undefined): void {
  if (failure) throw new MarkupError(failure.code, failure.offset);
}

/** Drops white space at both ends of an alternative (it surrounds the separators, it is not part of the text). */
function trimAlternative(nodes: TextNode[]): TextNode[] {
  const result = [...nodes];
  const first = result[0];
  if (first?.kind === "text") result[0] = { kind: "text", value: first.value.trimStart() };
  const last = result.at(-1);
  if (last?.kind === "text") result[result.length - 1] = { kind: "text", value: last.value.trimEnd() };
  return result.filter((node) => node.kind === "bracket" || node.value !== "");
}

export function parseMarkup(source: string): ParseResult {
  type Frame = { alternatives: TextNode[][]; current: TextNode[]; text: string };
  const frames: Frame[] = [{ alternatives: [], current: [], text: "" }];
  const top = (): Frame => frames.at(-1)!;
  const flush = (frame: Frame): void => {
    if (frame.text !== "") frame.current.push({ kind: "text", value: frame.text });
    frame.text = "";
  };
  const error = walk(source, (token) => {
    const frame = top();
    if (token.type === "text") frame.text += token.value;
    else if (token.type === "open") {
      flush(frame);
      frames.push({ alternatives: [], current: [], text: "" });
    } else if (token.type === "separator" || token.type === "close") {
      flush(frame);
      frame.alternatives.push(trimAlternative(frame.current));
      frame.current = [];
      if (token.type === "close") {
        frames.pop();
        top().current.push({ kind: "bracket", alternatives: frame.alternatives });
      }
    } else flush(frame);
  });
  return error ? { ok: false, error } : { ok: true, nodes: frames[0]!.current };
}

/** Whether the source is valid markup: every bracket closed, no stray `]`, every `\` escaping `[ ] / \`. */
export function checkBalanced(source: string): boolean {
  return parseMarkup(source).ok;
}

/** The form `parseMarkup` gives back: adjacent text merged, no empty text, alternatives trimmed, at least one alternative. */
export function normalizeMarkup(nodes: readonly TextNode[]): TextNode[] {
  const result: TextNode[] = [];
  for (const node of nodes) {
    const previous = result.at(-1);
    if (node.kind === "bracket") {
      const alternatives = node.alternatives.length > 0 ? node.alternatives : [[]];
      result.push({ kind: "bracket", alternatives: alternatives.map((alternative) => trimAlternative(normalizeMarkup(alternative))) });
    } else if (node.value === "") continue;
    else if (previous?.kind === "text") result[result.length - 1] = { kind: "text", value: previous.value + node.value };
    else result.push({ kind: "text", value: node.value });
  }
  return result;
}

function escapeText(value: string, insideBracket: boolean): string {
  return value.replace(insideBracket ? /[[\]/\\]/gu : /[[\]\\]/gu, (char) => `\\${char}`);
}

function serializeNodes(nodes: readonly TextNode[], insideBracket: boolean): string {
  return nodes
    .map((node) =>
      node.kind === "text" ? escapeText(node.value, insideBracket) : `[${node.alternatives.map((alternative) => serializeNodes(alternative, true)).join(" / ")}]`,
    )
    .join("");
}

/** The canonical source: ` / ` between alternatives, a `\` only where one is needed. */
export function serializeMarkup(nodes: readonly TextNode[]): string {
  return serializeNodes(nodes, false);
}

export function hasBrackets(markup: string | readonly TextNode[]): boolean {
  if (typeof markup !== "string") return markup.some((node) => node.kind === "bracket");
  for (let i = 0; i < markup.length; i += 1) {
    if (markup[i] === "\\") i += 1;
    else if (markup[i] === "[" || markup[i] === "]") return true;
  }
  return false;
}

/** How deeply brackets nest: 0 for clean text, 2 for `[[shall] / should]`. */
export function bracketDepth(nodes: readonly TextNode[]): number {
  let depth = 0;
  for (const node of nodes) {
    if (node.kind === "bracket") depth = Math.max(depth, 1 + Math.max(0, ...node.alternatives.map(bracketDepth)));
  }
  return depth;
}

/** Rewrites a `\/` at the markup's own level as `/` (`unescape`) or an unescaped `/` there as `\/` (`escape`), nothing else. */
function withOwnLevelSlashes(markup: string, mode: "escape" | "unescape"): string {
  let result = "";
  let copied = 0;
  throwIfInvalid(
    walk(markup, (token) => {
      if (token.type !== "text" || token.depth !== 0 || token.value !== "/" || token.escaped !== (mode === "unescape")) return;
      result += markup.slice(copied, token.offset) + (mode === "escape" ? "\\/" : "/");
      copied = token.offset + (token.escaped ? 2 : 1);
    }),
  );
  return result + markup.slice(copied);
}

/** The top-level brackets of the source, in order. Throws a MarkupError when the source is not valid markup. */
export function topLevelBrackets(source: string): TopLevelBracket[] {
  const brackets: TopLevelBracket[] = [];
  let start = 0;
  let alternativeStart = 0;
  let alternatives: string[] = [];
  const alternativeEndingAt = (offset: number): string => withOwnLevelSlashes(source.slice(alternativeStart, offset).trim(), "unescape");
  throwIfInvalid(
    walk(source, (token) => {
      if (token.depth !== 1 || token.type === "text") return;
      if (token.type === "open") {
        start = token.offset;
        alternativeStart = token.offset + 1;
        alternatives = [];
        return;
      }
      alternatives.push(alternativeEndingAt(token.offset));
      alternativeStart = token.offset + 1;
      if (token.type === "close") brackets.push({ start, end: token.offset + 1, alternatives });
    }),
  );
  return brackets;
}

/**
 * The source with [start, end) replaced by a bracket holding the alternatives (each one markup, trimmed). The span must
 * lie within one alternative of one bracket (or at top level) and not split an escape; white space at its ends stays
 * outside the bracket. A `/` at an alternative's own level is literal there, so it is written `\/` inside the bracket.
 */
export function bracketSpan(source: string, start: number, end: number, alternatives: readonly string[]): string {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > source.length) {
    throw new RangeError(`The span ${start}–${end} is outside the text (${source.length} characters).`);
  }
  const containers = new Map<number, string>();
  const open: { offset: number; alternative: number }[] = [];
  throwIfInvalid(
    walk(source, (token) => {
      if (token.offset === start || token.offset === end) containers.set(token.offset, open.map((f) => `${f.offset}:${f.alternative}`).join("/"));
      if (token.type === "open") open.push({ offset: token.offset, alternative: 0 });
      else if (token.type === "separator") open.at(-1)!.alternative += 1;
      else if (token.type === "close") open.pop();
    }),
  );
  const container = containers.get(start);
  if (container === undefined || container !== containers.get(end)) {
    throw new RangeError(`The span ${start}–${end} cuts through a bracket or an escape.`);
  }
  while (start < end && isSpace(source[start])) start += 1;
  while (end > start && isSpace(source[end - 1])) end -= 1;
  const bracket = `[${alternatives.map((alternative) => withOwnLevelSlashes(alternative.trim(), "escape")).join(" / ")}]`;
  return source.slice(0, start) + bracket + source.slice(end);
}

/**
 * The source with its index-th top-level bracket replaced by `replacement` (markup, e.g. the chair's compromise text).
 * An empty replacement also takes away the space it would leave doubled.
 */
export function resolveBracket(source: string, index: number, replacement: string): string {
  const parsed = parseMarkup(replacement);
  if (!parsed.ok) throw new MarkupError(parsed.error.code, parsed.error.offset);
  const bracket = topLevelBrackets(source)[index];
  if (!bracket) throw new RangeError(`There is no bracket ${index} in the text.`);
  const before = source.slice(0, bracket.start);
  return collapseSeams(before + replacement + source.slice(bracket.end), replacement === "" ? [before.length] : []);
}

/**
 * Tidies the white space around the places where bracketed text was dropped (seams): a run of spaces around a seam
 * shrinks to one character, and goes away at either end of the text or before closing punctuation.
 */
function collapseSeams(text: string, seams: readonly number[]): string {
  const runs: { from: number; to: number }[] = [];
  for (const seam of seams) {
    let from = seam;
    let to = seam;
    while (from > 0 && isSpace(text[from - 1])) from -= 1;
    while (to < text.length && isSpace(text[to])) to += 1;
    const last = runs.at(-1);
    if (last && last.from === from) continue;
    runs.push({ from, to });
  }
  let result = text;
  for (const { from, to } of runs.reverse()) {
    if (from === to) continue;
    const isEdge = from === 0 || to === result.length || CLOSING_PUNCTUATION.test(result[to]!);
    result = result.slice(0, from) + (isEdge ? "" : result[from]) + result.slice(to);
  }
  return result;
}

/**
 * A clean-text preview: `first` reads every bracket as its first alternative (recursively), `none` leaves bracketed text
 * out. Either way, the spaces around what was left out are tidied.
 */
export function plainText(nodes: readonly TextNode[], choose: "first" | "none"): string {
  let text = "";
  const seams: number[] = [];
  const render = (list: readonly TextNode[]): void => {
    for (const node of list) {
      if (node.kind === "text") {
        text += node.value;
        continue;
      }
      const before = text.length;
      if (choose === "first") render(node.alternatives[0] ?? []);
      if (text.length === before) seams.push(before);
    }
  };
  render(nodes);
  return collapseSeams(text, seams);
}
