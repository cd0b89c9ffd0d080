// Every interface string exists, non-empty, in all three languages, with the same placeholders.
import { describe, expect, it } from "vitest";
import en from "./locales/en.json";
import ru from "./locales/ru.json";
import zhCN from "./locales/zh-CN.json";

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

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? "").sort();
}

const locales: Record<string, Map<string, string>> = { en: flatten(en), ru: flatten(ru), "zh-CN": flatten(zhCN) };
const reference = locales.en ?? new Map<string, string>();

describe("locale files", () => {
  it("have some keys", () => {
    expect(reference.size).toBeGreaterThan(50);
  });

  for (const [language, strings] of Object.entries(locales)) {
    it(`${language} has exactly the English key set`, () => {
      expect([...strings.keys()].sort()).toEqual([...reference.keys()].sort());
    });

    it(`${language} has no empty values`, () => {
      const empty = [...strings].filter(([, value]) => value.trim() === "").map(([key]) => key);
      expect(empty).toEqual([]);
    });

    it(`${language} uses the same placeholders as English`, () => {
      const mismatched = [...reference]
        .filter(([key, value]) => placeholders(strings.get(key) ?? "").join() !== placeholders(value).join())
        .map(([key]) => key);
      expect(mismatched).toEqual([]);
    });
  }
});
