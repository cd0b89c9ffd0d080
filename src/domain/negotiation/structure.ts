// The structure of a text in bracket markup — its brackets in order, each with its alternatives, each alternative with
// the brackets inside it — without the words. A language version must have the base text's structure: a Chinese version
// that dropped a bracket the Russian base still has would present as settled what is still open.
import { parseMarkup, type TextNode } from "./markup.js";

export interface BracketShape {
  /** Each alternative's own brackets, in order. */
  readonly alternatives: readonly (readonly BracketShape[])[];
}

/** Where a version's structure departs from the base's: the path of brackets to it, and what differs. */
export interface StructureDifference {
  /**
   * The way to the place: bracket numbers and alternative numbers, alternating, counted from 1 (`[2]` the second bracket;
   * `[2, 1, 1]` the first bracket inside the first alternative of the second bracket).
   */
  readonly path: readonly number[];
  readonly what: "brackets" | "alternatives";
  readonly base: number;
  readonly version: number;
}

function shapeOf(nodes: readonly TextNode[]): BracketShape[] {
  return nodes.flatMap((node) => (node.kind === "bracket" ? [{ alternatives: node.alternatives.map(shapeOf) }] : []));
}

/** The bracket structure of markup; null when it does not parse. */
export function bracketShape(source: string): BracketShape[] | null {
  const parsed = parseMarkup(source);
  return parsed.ok ? shapeOf(parsed.nodes) : null;
}

function compare(base: readonly BracketShape[], version: readonly BracketShape[], path: readonly number[]): StructureDifference | null {
  if (base.length !== version.length) return { path, what: "brackets", base: base.length, version: version.length };
  for (let b = 0; b < base.length; b++) {
    const [ours, theirs] = [base[b]!, version[b]!];
    const at = [...path, b + 1];
    if (ours.alternatives.length !== theirs.alternatives.length) return { path: at, what: "alternatives", base: ours.alternatives.length, version: theirs.alternatives.length };
    for (let a = 0; a < ours.alternatives.length; a++) {
      const inner = compare(ours.alternatives[a]!, theirs.alternatives[a]!, [...at, a + 1]);
      if (inner) return inner;
    }
  }
  return null;
}

/** The first place where `version` does not have the structure of `base` (both valid markup), or null when it has. */
export function structureDifference(base: string, version: string): StructureDifference | null {
  const [ours, theirs] = [bracketShape(base), bracketShape(version)];
  if (ours === null || theirs === null) throw new Error("structureDifference: both texts must be valid markup");
  return compare(ours, theirs, []);
}

/** The difference in English words: "bracket 2 has 2 alternatives in the base text and 1 in this version". */
export function describeDifference(difference: StructureDifference): string {
  const place = (path: readonly number[]): string => {
    const parts: string[] = [];
    for (let i = 0; i < path.length; i += 2) {
      const alternative = path[i + 1];
      parts.push(alternative === undefined ? `bracket ${path[i]}` : `alternative ${alternative} of bracket ${path[i]}`);
    }
    return parts.reverse().join(" in ");
  };
  const { base, version } = difference;
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  if (difference.what === "alternatives") return `${place(difference.path)} has ${count(base, "alternative")} in the base text and ${version} in this version`;
  const where = difference.path.length === 0 ? "the text" : place(difference.path);
  return `${where} has ${count(base, "bracket")} in the base text and ${version} in this version`;
}
