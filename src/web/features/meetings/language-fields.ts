// Text typed in the organization's languages (a title, a name, a function): the fields a form shows — one per language
// of the organization's data, each with its `lang` and writing direction —, and the text it sends (only the languages
// filled in).
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useOrganizationLanguages } from "../../shared/api/registry-queries";
import { textDirection } from "../../shared/core-rules";

export interface LanguageField {
  /** The language code of the data ("zh", "fr", "ar"). */
  readonly code: string;
  /** The HTML `lang` of the field ("zh-CN" for Chinese, so that the page's Chinese fonts apply). */
  readonly lang: string;
  readonly dir: "ltr" | "rtl";
}

export type LanguageValues = Record<string, string>;

/** A field per language, in the organization's order. */
export function languageFields(languages: readonly string[]): LanguageField[] {
  return languages.map((code) => ({ code, lang: code === "zh" ? "zh-CN" : code, dir: textDirection(code) }));
}

/** Every field empty. */
export function emptyText(fields: readonly LanguageField[]): LanguageValues {
  return Object.fromEntries(fields.map((field) => [field.code, ""]));
}

/**
 * The organization's language fields (none while its profile loads), an empty value for them, and a field's label in
 * the reader's language: "Title in Chinese", or for a language the interface has no phrase for, "Title (French)".
 */
export function useLanguageFields(): { fields: LanguageField[]; empty: () => LanguageValues; label: (code: string, what: string) => string } {
  const { t, i18n } = useTranslation();
  const languages = useOrganizationLanguages();
  const fields = useMemo(() => languageFields(languages ?? []), [languages]);
  return useMemo(() => {
    const name = (code: string) => {
      try {
        return new Intl.DisplayNames([i18n.language], { type: "language" }).of(code) ?? code;
      } catch {
        return code;
      }
    };
    return {
      fields,
      empty: () => emptyText(fields),
      label: (code, what) => t([`meetings.languages.${code}`, "meetings.languages.other"], { what, language: name(code) }),
    };
  }, [fields, t, i18n.language]);
}

/** The languages given, trimmed; empty ones left out. */
export function compactText(values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).flatMap(([language, value]) => (value.trim() === "" ? [] : [[language, value.trim()]])));
}

/** Whether any language is given. */
export const hasText = (values: Readonly<Record<string, string>>): boolean => Object.values(values).some((value) => value.trim() !== "");
