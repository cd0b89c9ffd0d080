// Text a person reads: one string per language, keyed by language code ("zh", "ru", "en", "fr", "es"…). An organization's
// dataset holds its texts in the languages it has; a reader gets the first of an order of languages that the text has.

/**
 * The languages Concord's own interface is translated into (labels, messages, exported documents' headings): a list that
 * grows with its translations. An organization's texts are in the languages of its data (organizationLanguages below).
 */
export const INTERFACE_LANGUAGES = ["zh", "ru", "en"] as const;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];
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
  return [...new Set([language, ...organizationLanguages, "en", ...INTERFACE_LANGUAGES])];
}

/**
 * The languages an organization works in, from its data: its official languages, then its working languages, then the
 * languages it issues translations in, each once. Documents are negotiated and translated in these, a programme spreadsheet
 * has a column per language of these, a calendar is written in one of these.
 */
export function organizationLanguages(organization: {
  readonly officialLanguages: readonly string[];
  readonly workingLanguages: readonly string[];
  readonly translationLanguages?: readonly string[] | undefined;
}): string[] {
  return [...new Set([...organization.officialLanguages, ...organization.workingLanguages, ...(organization.translationLanguages ?? [])])];
}

/** Scripts written right to left (ISO 15924 codes, as a language tag's script subtag writes them). */
const RIGHT_TO_LEFT_SCRIPTS = new Set(["Adlm", "Arab", "Aran", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi"]);
/** Languages written right to left unless their tag names another script (Azerbaijani, Kurdish and Punjabi are not: their common script is Latin or Gurmukhi). */
const RIGHT_TO_LEFT_LANGUAGES = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "iw", "khw", "ks", "mzn", "nqo", "pnb", "ps", "sd", "syr", "ug", "ur", "yi"]);

/** The direction text in a language is written in ("rtl" for Arabic, Persian, Hebrew, Urdu…), from its tag: an HTML `dir`. */
export function textDirection(language: string): "ltr" | "rtl" {
  const [primary = "", ...rest] = language.split(/[-_]/);
  const script = rest.find((part) => part.length === 4);
  if (script) return RIGHT_TO_LEFT_SCRIPTS.has(script[0]!.toUpperCase() + script.slice(1).toLowerCase()) ? "rtl" : "ltr";
  return RIGHT_TO_LEFT_LANGUAGES.has(primary.toLowerCase()) ? "rtl" : "ltr";
}
