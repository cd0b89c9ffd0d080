// Every interface string exists, non-empty, in all three languages, with the same placeholders; strings with a number have every plural form the language needs;
// no key is written twice in a file (JSON.parse would silently keep the last one, whatever its language).
import { describe, expect, it } from "vitest";
import en from "./locales/en.json";
import ru from "./locales/ru.json";
import zhCN from "./locales/zh-CN.json";
import enText from "./locales/en.json?raw";
import ruText from "./locales/ru.json?raw";
import zhCNText from "./locales/zh-CN.json?raw";

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

const locales: Record<string, Strings> = { en: strings(en), ru: strings(ru), "zh-CN": strings(zhCN) };
const reference = locales.en as Strings;

/** The placeholders a key's text (or, for a plural group, its "other" form) uses in English. */
const referencePlaceholders = (key: string) => placeholders(reference.plurals.get(key)?.get("other") ?? reference.texts.get(key) ?? "").join();

describe("locale files", () => {
  it("have some keys", () => {
    expect(reference.keys.size).toBeGreaterThan(50);
  });

  for (const [language, own] of Object.entries(locales)) {
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

/** The keys written more than once in one object of a JSON text, as "path.key" (JSON.parse keeps only the last). */
function duplicateKeys(text: string): string[] {
  let at = 0;
  const found: string[] = [];
  const space = () => {
    while (/\s/.test(text[at] ?? "")) at++;
  };
  const string = (): string => {
    const start = at;
    at++;
    while (text[at] !== '"') at += text[at] === "\\" ? 2 : 1;
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const value = (path: string): void => {
    space();
    if (text[at] === "{") {
      at++;
      const seen = new Set<string>();
      for (space(); text[at] !== "}"; space()) {
        const key = string();
        if (seen.has(key)) found.push(path ? `${path}.${key}` : key);
        seen.add(key);
        space();
        at++; // the colon
        value(path ? `${path}.${key}` : key);
        space();
        if (text[at] === ",") at++;
      }
      at++;
    } else if (text[at] === "[") {
      at++;
      for (space(); text[at] !== "]"; space()) {
        value(path);
        space();
        if (text[at] === ",") at++;
      }
      at++;
    } else if (text[at] === '"') string();
    else while (/[^,}\]\s]/.test(text[at] ?? "")) at++;
  };
  value("");
  return found;
}

describe("locale files", () => {
  for (const [file, text] of Object.entries({ en: enText, ru: ruText, "zh-CN": zhCNText })) {
    it(`${file}.json writes each key once`, () => {
      expect(duplicateKeys(text)).toEqual([]);
      expect(duplicateKeys(`{"a": {"b": 1, "c": [1, {"d": "x"}], "b": 2}, "e": ${JSON.stringify('a "quoted" \\ text')}, "f": true}`)).toEqual(["a.b"]);
    });
  }
});
