// Every problem code, field-error code and right the API can name has its message in Chinese, Russian and English.
import { describe, expect, it } from "vitest";
import { FIELD_ERROR_CODES, PROBLEM_CODES } from "../../../contracts/problems";
import en from "../../i18n/locales/en.json";
import ru from "../../i18n/locales/ru.json";
import zhCN from "../../i18n/locales/zh-CN.json";
import { RIGHTS } from "../access/access-rules";
import { RIGHT_KEYS, fieldErrorKey, problemKey } from "./problem-message";

const LOCALES = { "zh-CN": zhCN, ru, en } as const;

function lookup(tree: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), tree);
}

describe.each(Object.entries(LOCALES))("%s", (_language, tree) => {
  const missing = (keys: readonly string[]) => keys.filter((key) => typeof lookup(tree, key) !== "string" || (lookup(tree, key) as string).trim() === "");

  it("has a message for every problem code", () => {
    expect(missing(PROBLEM_CODES.map(problemKey))).toEqual([]);
  });

  it("has a message for every field-error code", () => {
    expect(missing(FIELD_ERROR_CODES.map(fieldErrorKey))).toEqual([]);
  });

  it("has a label for every right", () => {
    expect(missing(RIGHTS.map((right) => RIGHT_KEYS[right]))).toEqual([]);
  });
});
