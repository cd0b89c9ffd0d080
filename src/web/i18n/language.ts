// The portal's interface languages, how a browser's language maps onto them, and which data text each one reads.
import type { Language } from "../shared/core-rules";

export const UI_LANGUAGES = ["zh-CN", "ru", "en"] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** Where the reader's choice is remembered between visits. */
export const LANGUAGE_STORAGE_KEY = "concord.language";

/** Each language named in itself, so a reader finds their own whatever the current language is. */
export const ENDONYMS: Readonly<Record<UiLanguage, string>> = { "zh-CN": "中文", ru: "Русский", en: "English" };

/** Any Chinese variant reads the Chinese interface, any Russian one the Russian; everything else English. */
export function resolveUiLanguage(tag: string | null | undefined): UiLanguage {
  const lower = (tag ?? "").trim().toLowerCase();
  if (lower === "zh" || lower.startsWith("zh-") || lower.startsWith("zh_")) return "zh-CN";
  if (lower === "ru" || lower.startsWith("ru-") || lower.startsWith("ru_")) return "ru";
  return "en";
}

/** The field of a LocalizedText that a reader of this interface language sees. */
export function dataLanguageOf(language: UiLanguage): Language {
  return language === "zh-CN" ? "zh" : language;
}
