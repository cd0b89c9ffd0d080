// Text typed in the organization's three languages (a title, a name, a function): the fields a form shows, and the
// text it sends (only the languages filled in).
export const LANGUAGE_FIELDS = [
  { code: "zh", lang: "zh-CN" },
  { code: "ru", lang: "ru" },
  { code: "en", lang: "en" },
] as const;

export type LanguageValues = Record<(typeof LANGUAGE_FIELDS)[number]["code"], string>;

export const EMPTY_TEXT: LanguageValues = { zh: "", ru: "", en: "" };

/** The languages given, trimmed; empty ones left out. */
export function compactText(values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).flatMap(([language, value]) => (value.trim() === "" ? [] : [[language, value.trim()]])));
}

/** Whether any language is given. */
export const hasText = (values: Readonly<Record<string, string>>): boolean => Object.values(values).some((value) => value.trim() !== "");
