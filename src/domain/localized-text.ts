// Text a person reads: one string per language, keyed by language code ("zh", "ru", "en", "fr", "es"…). An organization's
// dataset holds its texts in the languages it has; a reader gets the first of an order of languages that the text has.

/** The languages Concord's own interface is written in (and the SCO's data): its interface offers these. */
export const LANGUAGES = ["zh", "ru", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export type LocalizedText = Readonly<Record<string, string>>;

/** A language code as datasets write it: "en", "zh", "pt-BR". */
export const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * The text in the first language of `order` that it has (a non-empty string), else in the first language it has at all;
 * "" only for a text with nothing in it.
 */
export function pick(text: LocalizedText, order: readonly string[]): string {
  for (const language of order) {
    const value = text[language];
    if (value) return value;
  }
  for (const value of Object.values(text)) if (value) return value;
  return "";
}

/** The order a reader of `language` gets texts in: that language, then the organization's languages, then the rest. */
export function fallbackOrder(language: string, organizationLanguages: readonly string[]): string[] {
  return [...new Set([language, ...organizationLanguages, "en", ...LANGUAGES])];
}
