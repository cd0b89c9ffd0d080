// Every interface string exists, non-empty, in all three languages, with the same placeholders; strings with a number have every plural form the language needs.
import { describe, expect, it } from "vitest";
import en from "./locales/en.json";
import ru from "./locales/ru.json";
import zhCN from "./locales/zh-CN.json";
// The files as written: parsing keeps only the last of two equal keys.
import enSource from "./locales/en.json?raw";
import ruSource from "./locales/ru.json?raw";
import zhCNSource from "./locales/zh-CN.json?raw";

type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** i18next plural forms: "key_one", "key_few"… belong to "key". */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

interface Strings {
  /** Keys without plural forms, and the base key of each plural group. */
  readonly keys: Set<string>;
  /** Base key → form ("one", "other"…) → text. */
  readonly plurals: Map<string, Map<string, string>>;
  readonly texts: Map<string, string>;
}

function strings(tree: Tree): Strings {
  const texts = flatten(tree);
  const keys = new Set<string>();
  const plurals = new Map<string, Map<string, string>>();
  for (const [key, text] of texts) {
    const form = PLURAL_SUFFIX.exec(key)?.[1];
    const base = form ? key.slice(0, -form.length - 1) : key;
    keys.add(base);
    if (form) plurals.set(base, (plurals.get(base) ?? new Map()).set(form, text));
  }
  return { keys, plurals, texts };
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? "").sort();
}

/**
 * Keys written twice in one object of a locale file, by path. JSON.parse keeps the last one silently, so a block pasted
 * from another language would replace this language's texts without any other test noticing.
 */
function duplicateKeys(source: string): string[] {
  const duplicates: string[] = [];
  const frames: { path: string; keys: Set<string> | null; lastKey: string }[] = [];
  let previous = "";
  for (const [token] of source.matchAll(/"(?:[^"\\]|\\.)*"|[{}[\]:]/g)) {
    const frame = frames.at(-1);
    if (token === "{" || token === "[") {
      const path = frame ? [frame.path, frame.lastKey].filter(Boolean).join(".") : "";
      frames.push({ path, keys: token === "{" ? new Set() : null, lastKey: "" });
    } else if (token === "}" || token === "]") frames.pop();
    else if (token === ":" && frame?.keys && previous.startsWith('"')) {
      const key = JSON.parse(previous) as string;
      if (frame.keys.has(key)) duplicates.push([frame.path, key].filter(Boolean).join("."));
      frame.keys.add(key);
      frame.lastKey = key;
    }
    previous = token;
  }
  return duplicates;
}

const locales: Record<string, Strings> = { en: strings(en), ru: strings(ru), "zh-CN": strings(zhCN) };
const reference = locales.en as Strings;
const sources: Record<string, string> = { en: enSource, ru: ruSource, "zh-CN": zhCNSource };

/** The placeholders a key's text (or, for a plural group, its "other" form) uses in English. */
const referencePlaceholders = (key: string) => placeholders(reference.plurals.get(key)?.get("other") ?? reference.texts.get(key) ?? "").join();

describe("locale files", () => {
  it("have some keys", () => {
    expect(reference.keys.size).toBeGreaterThan(50);
  });

  it("finds a key written twice", () => {
    expect(duplicateKeys('{"a": {"b": "x", "c": {"b": "y"}, "b": "z"}, "d": ["{", "b"]}')).toEqual(["a.b"]);
  });

  for (const [language, own] of Object.entries(locales)) {
    it(`${language} writes each key once`, () => {
      expect(duplicateKeys(sources[language] ?? "")).toEqual([]);
    });

    it(`${language} has exactly the English key set`, () => {
      expect([...own.keys].sort()).toEqual([...reference.keys].sort());
      expect([...own.plurals.keys()].sort()).toEqual([...reference.plurals.keys()].sort());
    });

    it(`${language} has every plural form the language needs, and no other`, () => {
      const needed = [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();
      const wrong = [...own.plurals].filter(([, forms]) => [...forms.keys()].sort().join() !== needed.join()).map(([key]) => key);
      expect(wrong).toEqual([]);
    });

    it(`${language} has no empty values`, () => {
      const empty = [...own.texts].filter(([, value]) => value.trim() === "").map(([key]) => key);
      expect(empty).toEqual([]);
    });

    it(`${language} uses the same placeholders as English`, () => {
      const mismatched = [...own.texts]
        .filter(([key, value]) => placeholders(value).join() !== referencePlaceholders(key.replace(PLURAL_SUFFIX, "")))
        .map(([key]) => key);
      expect(mismatched).toEqual([]);
    });
  }
});
