// The forms of the registry's changes: for each kind of record, its fields, how a record becomes form values and back.
// Pure, so that what a form sends is tested without a browser; the record is then checked by the contract's own schema.
import type { RegistryChangeInput } from "../../../contracts/registry-changes.js";
import { INTERFACE_LANGUAGES, RIGHTS, organizationLanguages, type RegistryTarget } from "../../shared/core-rules.js";

/** Where a choice's options come from: the registry being changed (with the changes already in the set). */
export type OptionSource = "states" | "tiers" | "decisions" | "sources" | "bodies" | "bodyKinds" | "relationKinds";

export type FieldSpec =
  | { readonly name: string; readonly kind: "code" | "text" | "date" | "day"; readonly optional?: boolean }
  | { readonly name: string; readonly kind: "localized"; readonly optional?: boolean }
  | { readonly name: string; readonly kind: "number"; readonly optional?: boolean }
  | { readonly name: string; readonly kind: "boolean" }
  | { readonly name: string; readonly kind: "rights" }
  | { readonly name: string; readonly kind: "choice"; readonly options: OptionSource | readonly string[]; readonly optional?: boolean }
  | { readonly name: string; readonly kind: "choices"; readonly options: OptionSource };

const source: FieldSpec = { name: "source", kind: "choice", options: "sources" };

/** The targets with a form, in the order the page offers them; every other change is written as JSON. */
export const FORM_SPECS = {
  states: [{ name: "code", kind: "code" }, { name: "isoNumeric", kind: "code" }, { name: "names", kind: "localized" }, source],
  membership: [
    { name: "id", kind: "code" },
    { name: "state", kind: "choice", options: "states" },
    { name: "kind", kind: "choice", options: ["admitted", "changed", "suspended", "reinstated", "left"] },
    { name: "tier", kind: "choice", options: "tiers", optional: true },
    { name: "date", kind: "date" },
    { name: "decision", kind: "choice", options: "decisions" },
    source,
    { name: "reason", kind: "localized", optional: true },
  ],
  tiers: [
    { name: "code", kind: "code" },
    { name: "names", kind: "localized" },
    { name: "isStanding", kind: "boolean" },
    { name: "rights", kind: "rights" },
    { name: "established", kind: "date", optional: true },
    { name: "retired", kind: "date", optional: true },
    { name: "successor", kind: "choice", options: "tiers", optional: true },
    { name: "note", kind: "localized", optional: true },
    source,
  ],
  reclassifications: [
    { name: "id", kind: "code" },
    { name: "from", kind: "choices", options: "tiers" },
    { name: "to", kind: "choice", options: "tiers" },
    { name: "date", kind: "date" },
    { name: "decision", kind: "choice", options: "decisions" },
    source,
    { name: "reason", kind: "localized", optional: true },
  ],
  decisions: [{ name: "id", kind: "code" }, { name: "body", kind: "choice", options: "bodies" }, { name: "date", kind: "date" }, { name: "title", kind: "localized" }, source],
  summits: [
    { name: "id", kind: "code" },
    { name: "body", kind: "choice", options: "bodies" },
    { name: "host", kind: "choice", options: "states" },
    { name: "city", kind: "localized" },
    { name: "start", kind: "date" },
    { name: "end", kind: "date", optional: true },
    { name: "format", kind: "choice", options: ["in_person", "video"] },
    source,
  ],
  chairmanship: [
    { name: "id", kind: "code" },
    { name: "state", kind: "choice", options: "states" },
    { name: "start", kind: "date" },
    { name: "end", kind: "date", optional: true },
    { name: "slogan", kind: "localized", optional: true },
    { name: "themedYear", kind: "localized", optional: true },
    source,
  ],
  secretariesGeneral: [
    { name: "id", kind: "code" },
    { name: "names", kind: "localized" },
    { name: "state", kind: "choice", options: "states" },
    { name: "title", kind: "localized" },
    { name: "from", kind: "date" },
    { name: "to", kind: "date", optional: true },
    source,
  ],
  bodies: [
    { name: "code", kind: "code" },
    { name: "kind", kind: "choice", options: "bodyKinds" },
    { name: "names", kind: "localized" },
    { name: "shortNames", kind: "localized" },
    { name: "description", kind: "localized" },
    { name: "seat", kind: "localized", optional: true },
    { name: "order", kind: "number" },
    source,
  ],
  organizations: [
    { name: "code", kind: "code" },
    { name: "names", kind: "localized" },
    { name: "shortNames", kind: "localized" },
    { name: "relation", kind: "choice", options: "relationKinds" },
    source,
  ],
  sources: [
    { name: "key", kind: "code" },
    { name: "title", kind: "localized" },
    { name: "year", kind: "number", optional: true },
    { name: "url", kind: "text", optional: true },
  ],
} as const satisfies Partial<Record<RegistryTarget, readonly FieldSpec[]>>;

export type FormTarget = keyof typeof FORM_SPECS;
export const FORM_TARGETS = Object.keys(FORM_SPECS) as FormTarget[];
/** The targets written as JSON (records with lists of their own, the organization's whole profile). */
export const JSON_TARGETS = ["accessions", "rotation", "organization"] as const satisfies readonly RegistryTarget[];
export type JsonTarget = (typeof JSON_TARGETS)[number];
export const isJsonTarget = (target: RegistryTarget): target is JsonTarget => (JSON_TARGETS as readonly string[]).includes(target);

/** A record written as JSON: the object it holds, or null when the text is not a JSON object. */
export function recordOfJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The languages a form offers for the organization's texts: its own languages (official, working, translations) first,
 * then those Concord's interface is translated into, so that every reader finds a name in their language.
 */
export function recordLanguages(organization: Parameters<typeof organizationLanguages>[0]): string[] {
  return [...new Set([...organizationLanguages(organization), ...INTERFACE_LANGUAGES])];
}

/** The languages of one text field: the form's, and any other the values already hold (so a correction keeps them). */
export function languagesOfField(values: FormValues, name: string, languages: readonly string[]): string[] {
  const held = Object.keys(values).filter((key) => key.startsWith(`${name}.`)).map((key) => key.slice(name.length + 1));
  return [...new Set([...languages, ...held])];
}

/** Form values: one string (or boolean, or list) per input, named by the record's dotted path ("names.zh", "rights.attend"). */
export type FormValues = Record<string, string | boolean | string[]>;

export function emptyValues(target: FormTarget, languages: readonly string[]): FormValues {
  const values: FormValues = {};
  for (const field of FORM_SPECS[target] as readonly FieldSpec[]) {
    if (field.kind === "localized") for (const language of languages) values[`${field.name}.${language}`] = "";
    else if (field.kind === "rights") for (const right of RIGHTS) values[`${field.name}.${right}`] = false;
    else if (field.kind === "boolean") values[field.name] = true;
    else if (field.kind === "choices") values[field.name] = [];
    else values[field.name] = "";
  }
  return values;
}

/** The values that show a record already in the registry (to correct it). */
export function valuesOf(target: FormTarget, record: Record<string, unknown>, languages: readonly string[]): FormValues {
  const values = emptyValues(target, languages);
  for (const field of FORM_SPECS[target] as readonly FieldSpec[]) {
    const value = record[field.name];
    if (field.kind === "localized" || field.kind === "rights") {
      const nested = (value ?? {}) as Record<string, unknown>;
      // Every language the text has, not only the form's: a correction keeps them.
      const keys = field.kind === "localized" ? [...new Set([...languages, ...Object.keys(nested)])] : RIGHTS;
      for (const key of keys) {
        const inner = nested[key];
        if (inner !== undefined) values[`${field.name}.${key}`] = field.kind === "rights" ? inner === true : String(inner);
      }
    } else if (field.kind === "boolean") values[field.name] = value === true;
    else if (field.kind === "choices") values[field.name] = Array.isArray(value) ? value.map(String) : [];
    else if (value !== undefined && value !== null) values[field.name] = String(value);
  }
  return values;
}

/**
 * The record the values make: empty optional fields left out (a text in several languages keeps the languages typed in,
 * and is left out when none was); what remains is exactly what the contract's schema will check. Fields the form does not show but the record
 * being corrected has (e.g. a tier's plural names) are kept from `base`.
 */
export function recordOf(target: FormTarget, values: FormValues, base: Record<string, unknown> = {}): Record<string, unknown> {
  const record: Record<string, unknown> = { ...base };
  for (const field of FORM_SPECS[target] as readonly FieldSpec[]) {
    const optional = "optional" in field && field.optional === true;
    delete record[field.name];
    if (field.kind === "localized") {
      // Only the languages typed in: an organization need not have its texts in every language.
      const texts = Object.fromEntries(
        languagesOfField(values, field.name, [])
          .map((language): [string, string] => [language, String(values[`${field.name}.${language}`] ?? "")])
          .filter(([, text]) => text.trim() !== ""),
      );
      if (optional && Object.keys(texts).length === 0) continue;
      record[field.name] = texts;
    } else if (field.kind === "rights") {
      record[field.name] = Object.fromEntries(RIGHTS.map((right: string) => [right, values[`${field.name}.${right}`] === true]));
    } else if (field.kind === "boolean") {
      record[field.name] = values[field.name] === true;
    } else if (field.kind === "choices") {
      record[field.name] = Array.isArray(values[field.name]) ? values[field.name] : [];
    } else {
      const text = String(values[field.name] ?? "").trim();
      if (text === "") {
        if (!optional) record[field.name] = text;
        continue;
      }
      record[field.name] = field.kind === "number" ? (Number.isFinite(Number(text)) ? Number(text) : text) : text;
    }
  }
  // A status change without a tier is one that ends the status ("left").
  if (target === "membership" && record.tier === undefined) record.tier = null;
  return record;
}

/** The record's key, as the server identifies it (what "correct" finds, and what the list of changes shows). */
export function changeKey(change: RegistryChangeInput): string {
  const record = change.record as Record<string, unknown>;
  const key = record.id ?? record.code ?? record.key ?? record.state;
  return typeof key === "string" ? key : "";
}
