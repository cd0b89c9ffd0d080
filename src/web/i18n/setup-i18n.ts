// Starts i18next for the portal: three languages, the reader's choice remembered, <html lang> kept in step, missing keys recorded.
import i18next from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import en from "./locales/en.json";
import ru from "./locales/ru.json";
import zhCN from "./locales/zh-CN.json";
import { LANGUAGE_STORAGE_KEY, UI_LANGUAGES, resolveUiLanguage } from "./language";

declare global {
  interface Window {
    /** Every translation key the interface asked for and no locale had; end-to-end tests assert it stays empty. */
    __concordMissingKeys: string[];
  }
}

export async function setupI18n(): Promise<typeof i18next> {
  window.__concordMissingKeys = [];
  i18next.on("languageChanged", (language) => {
    document.documentElement.lang = resolveUiLanguage(language);
  });
  await i18next
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources: { en: { translation: en }, ru: { translation: ru }, "zh-CN": { translation: zhCN } },
      supportedLngs: [...UI_LANGUAGES],
      fallbackLng: "en",
      load: "currentOnly",
      interpolation: { escapeValue: false },
      returnNull: false,
      // Recorded in production builds too, so a key missing from every locale cannot ship unnoticed.
      saveMissing: true,
      saveMissingTo: "current",
      missingKeyHandler: (_languages, _namespace, key) => {
        window.__concordMissingKeys.push(key);
      },
      detection: {
        order: ["localStorage", "navigator"],
        lookupLocalStorage: LANGUAGE_STORAGE_KEY,
        // Only an explicit choice in the language switcher is remembered (see remember-language.ts), not the browser's default.
        caches: [],
        convertDetectedLanguage: resolveUiLanguage,
      },
      react: { useSuspense: false },
    });
  return i18next;
}
