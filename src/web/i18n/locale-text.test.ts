// How the interface's text reads: Chinese with Chinese punctuation, and every "N <noun>" in the plural form its number needs,
// checked through i18next itself with the real locale files.
import i18next, { type TFunction } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import en from "./locales/en.json";
import ru from "./locales/ru.json";
import zhCN from "./locales/zh-CN.json";

type Tree = { readonly [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): [key: string, text: string][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === "string" ? [[path, value] as [string, string]] : flatten(value, path);
  });
}

describe("Chinese punctuation", () => {
  // A Han character or CJK punctuation, then (spaces allowed) an ASCII , : ; ? ! ( or ) — or the other way round.
  const CJK = String.raw`[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF]`;
  const ASCII_NEXT_TO_CJK = new RegExp(`${CJK}\\s*[,:;?!()]|[,:;?!()]\\s*${CJK}`, "u");
  // Placeholders stand for names and numbers, not Chinese text: "{{label}}:" next to "用户" is not Chinese punctuation's business.
  const withoutPlaceholders = (text: string) => text.replace(/\{\{\s*\w+\s*\}\}/g, "\u0000");

  it("uses full-width ，。：；（）？！ in Chinese text, never ASCII punctuation next to a Chinese character", () => {
    const mixed = flatten(zhCN).filter(([, text]) => ASCII_NEXT_TO_CJK.test(withoutPlaceholders(text)));
    expect(mixed).toEqual([]);
  });

  it("finds ASCII punctuation next to Chinese when there is some (the check itself)", () => {
    expect(ASCII_NEXT_TO_CJK.test("用户:")).toBe(true);
    expect(ASCII_NEXT_TO_CJK.test("(演示)")).toBe(true);
    expect(ASCII_NEXT_TO_CJK.test("第一, 第二")).toBe(true);
    expect(ASCII_NEXT_TO_CJK.test(withoutPlaceholders("{{label}}：{{value}}"))).toBe(false);
    expect(ASCII_NEXT_TO_CJK.test("请输入电子邮箱地址，例如 name@example.org。")).toBe(false);
  });
});

describe("counts in the locale files", () => {
  // "{{count}} states", "{{total}} events", "{{min}} characters": a number followed by a word is a plural group ("_one", "_other"…).
  const COUNT_THEN_WORD = /\{\{\s*(count|total|min|max)\s*\}\}\s+\p{L}/u;
  const PLURAL_FORM = /_(zero|one|two|few|many|other)$/;

  it("puts every number followed by a noun in a plural group", () => {
    const singular = flatten(en).filter(([key, text]) => COUNT_THEN_WORD.test(text) && !PLURAL_FORM.test(key));
    expect(singular.map(([key]) => key)).toEqual([]);
  });
});

describe("plural forms as i18next reads them", () => {
  let t: Record<"en" | "ru" | "zh-CN", TFunction>;

  beforeAll(async () => {
    const instance = i18next.createInstance();
    await instance.init({ resources: { en: { translation: en }, ru: { translation: ru }, "zh-CN": { translation: zhCN } }, lng: "en", interpolation: { escapeValue: false } });
    t = { en: instance.getFixedT("en"), ru: instance.getFixedT("ru"), "zh-CN": instance.getFixedT("zh-CN") };
  });

  it("says a password's minimum length with the Russian form each number needs", () => {
    expect([1, 2, 5, 10, 21, 22].map((count) => t.ru("forms.passwordRule", { count }))).toEqual([
      "Не менее 1 символа.",
      "Не менее 2 символов.",
      "Не менее 5 символов.",
      "Не менее 10 символов.",
      "Не менее 21 символа.",
      "Не менее 22 символов.",
    ]);
    expect([1, 10].map((count) => t.en("forms.passwordRule", { count }))).toEqual(["At least 1 character.", "At least 10 characters."]);
    expect(t["zh-CN"]("forms.passwordRule", { count: 10 })).toBe("至少 10 个字符。");
  });

  it("says a text's maximum length in three languages", () => {
    expect(t.en("problems.limit.tooLong", { count: 200 })).toBe("Too long: at most 200 characters.");
    expect(t.ru("problems.limit.tooLong", { count: 200 })).toBe("Слишком длинно: не более 200 символов.");
    expect(t.ru("problems.limit.tooLong", { count: 201 })).toBe("Слишком длинно: не более 201 символа.");
    expect(t["zh-CN"]("problems.limit.tooLong", { count: 200 })).toBe("内容过长：最多 200 个字符。");
  });

  it("names one field or several needing attention", () => {
    expect(t.en("problems.fieldsNeedAttention", { count: 1, fields: "Email" })).toBe("This field needs attention: Email.");
    expect(t.ru("problems.fieldsNeedAttention", { count: 2, fields: "Эл. почта и Пароль" })).toBe("Проверьте поля: Эл. почта и Пароль.");
  });

  it("counts events, accounts and delegations in Russian by their number", () => {
    expect([1, 3, 5, 21].map((count) => t.ru("audit.summary.accountCount", { count, total: count }))).toEqual([
      "1 учётная запись",
      "3 учётные записи",
      "5 учётных записей",
      "21 учётная запись",
    ]);
    expect([1, 3, 11].map((count) => t.ru("audit.shownAll", { count, total: count }))).toEqual(["Показано 1 событие — это все", "Показаны все 3 события", "Показаны все 11 событий"]);
  });
});
