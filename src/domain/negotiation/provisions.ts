// Provisions: stable identities in an order, numbers derived from that order for display, statuses derived from the text.
import { bracketSpan, hasBrackets, topLevelBrackets } from "./markup.js";

export const PROVISION_KINDS = ["preambular", "operative", "article", "heading", "annex"] as const;
export type ProvisionKind = (typeof PROVISION_KINDS)[number];

export const PROVISION_STATUSES = ["open", "bracketed", "agreed-ad-ref", "agreed"] as const;
export type ProvisionStatus = (typeof PROVISION_STATUSES)[number];

/** What the chair declared about a provision; cleared whenever its text changes. */
export type ProvisionMark = "agreed-ad-ref" | "agreed" | null;

/** Who backs one alternative of a bracket. */
export interface Alternative {
  readonly text: string;
  readonly backers: readonly string[];
}

/** What is known of a bracket in a provision's base text: who asked for it and who backs which alternative. */
export interface BracketRecord {
  readonly alternatives: readonly Alternative[];
  readonly requestedBy: readonly string[];
}

export interface Provision {
  /** Stable identity: never reused, never renumbered. */
  readonly id: string;
  readonly kind: ProvisionKind;
  /** Text per language (bracket markup); the base language's text is the negotiated one. */
  readonly texts: Readonly<Record<string, string>>;
  /** For each other language: the fingerprint of the base text its version translates. */
  readonly basis: Readonly<Record<string, string>>;
  readonly mark: ProvisionMark;
  readonly brackets: readonly BracketRecord[];
  /** The delegation the chair designated to facilitate this provision. */
  readonly facilitator: string | null;
  readonly version: number;
}

/** A fingerprint of a text (cyrb53): equal texts, equal fingerprints; used to tell which base text a translation follows. */
export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
}

export function provisionStatus(provision: Provision, baseLanguage: string): ProvisionStatus {
  if (hasBrackets(provision.texts[baseLanguage] ?? "")) return "bracketed";
  return provision.mark ?? "open";
}

const PREFIX: Readonly<Record<ProvisionKind, string | null>> = { preambular: "PP", operative: "OP", article: "Art.", heading: null, annex: "A" };

/** Display numbers from order: PP1, PP2…, OP1…, Art. 1…, A1…; headings have none. Identities are untouched. */
export function provisionNumbers(provisions: readonly Pick<Provision, "id" | "kind">[]): Map<string, string | null> {
  const counters = new Map<ProvisionKind, number>();
  const numbers = new Map<string, string | null>();
  for (const provision of provisions) {
    const prefix = PREFIX[provision.kind];
    if (prefix === null) {
      numbers.set(provision.id, null);
      continue;
    }
    const n = (counters.get(provision.kind) ?? 0) + 1;
    counters.set(provision.kind, n);
    numbers.set(provision.id, provision.kind === "article" ? `${prefix} ${n}` : `${prefix}${n}`);
  }
  return numbers;
}

/** Each language other than the base whose version is missing or follows an older base text. */
export function outdatedLanguages(provision: Provision, baseLanguage: string, languages: readonly string[]): string[] {
  const base = fingerprint(provision.texts[baseLanguage] ?? "");
  return languages.filter((language) => language !== baseLanguage && (provision.texts[language] === undefined || provision.basis[language] !== base));
}

/** The brackets of the base text with what is recorded of each: matched by their alternatives, in text order. */
export function bracketsWithBackers(provision: Provision, baseLanguage: string): { start: number; end: number; alternatives: Alternative[]; requestedBy: readonly string[] }[] {
  const unused = [...provision.brackets];
  return topLevelBrackets(provision.texts[baseLanguage] ?? "").map((bracket) => {
    const index = unused.findIndex((record) => sameAlternatives(record, bracket.alternatives));
    const record = index >= 0 ? unused.splice(index, 1)[0] : undefined;
    return {
      start: bracket.start,
      end: bracket.end,
      alternatives: bracket.alternatives.map((text, i) => ({ text, backers: record?.alternatives[i]?.backers ?? [] })),
      requestedBy: record?.requestedBy ?? [],
    };
  });
}

function sameAlternatives(record: BracketRecord, alternatives: readonly string[]): boolean {
  return record.alternatives.length === alternatives.length && record.alternatives.every((alternative, i) => asRead(alternative.text) === alternatives[i]);
}

/** An alternative as a bracket gives it back: trimmed, a `\/` at its own level read as `/` (a record may keep either form). */
function asRead(text: string): string {
  if (!text.includes("\\/")) return text.trim();
  return topLevelBrackets(bracketSpan(text, 0, text.length, [text]))[0]?.alternatives[0] ?? text;
}

/** Keeps the records of brackets still present in a new base text, drops the others, adds the new ones. */
export function reconcileBrackets(text: string, records: readonly BracketRecord[]): BracketRecord[] {
  const unused = [...records];
  const kept: BracketRecord[] = [];
  for (const bracket of topLevelBrackets(text)) {
    const index = unused.findIndex((record) => sameAlternatives(record, bracket.alternatives));
    if (index >= 0) kept.push(unused.splice(index, 1)[0]!);
  }
  return kept;
}

/**
 * Whole-provision options (Option 1 / Option 2): when one bracket with several alternatives holds the whole text, each
 * alternative is an option for the provision; otherwise null.
 */
export function provisionOptions(text: string): string[] | null {
  const trimmed = text.trim();
  const brackets = topLevelBrackets(trimmed);
  const only = brackets.length === 1 ? brackets[0]! : null;
  return only && only.start === 0 && only.end === trimmed.length && only.alternatives.length > 1 ? [...only.alternatives] : null;
}
