// The reader's interface language as React sees it, with the Intl formatters and data-text picker that follow from it.
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { LocalizedTextDto } from "../../contracts/registry";
import { fallbackOrder, pick } from "../shared/core-rules";
import { formatCount, formatPartialDate, formatPartialDateRange } from "./date-format";
import { LANGUAGE_STORAGE_KEY, dataLanguageOf, resolveUiLanguage, type UiLanguage } from "./language";
import { useOrganization } from "../shared/api/registry-queries";

export interface Locale {
  readonly language: UiLanguage;
  /** The text of a data record in the reader's language. */
  readonly text: (value: LocalizedTextDto) => string;
  /** A partial date standing on its own ("June 2017"). */
  readonly date: (partialDate: string) => string;
  /** A partial date governed by a preposition in the sentence around it ("since June 2017", "с июня 2017 г."). */
  readonly dateAfterPreposition: (partialDate: string) => string;
  /** A span of days, e.g. a summit; no end means a single date. */
  readonly dateRange: (start: string, end: string | null) => string;
  /** A term of office; no end means it is still running ("from September 2025"). */
  readonly termRange: (start: string, end: string | null) => string;
  readonly count: (value: number) => string;
}

export function useLocale(): Locale {
  const { t, i18n } = useTranslation();
  const language = resolveUiLanguage(i18n.resolvedLanguage ?? i18n.language);
  // A text missing in the reader's language is read in the organization's languages, then in any it has.
  const organization = useOrganization().data;
  const organizationLanguages = organization ? [...organization.officialLanguages, ...organization.workingLanguages].join(",") : "";
  return useMemo(() => {
    const order = fallbackOrder(dataLanguageOf(language), organizationLanguages === "" ? [] : organizationLanguages.split(","));
    const dateAfterPreposition = (partialDate: string) => formatPartialDate(partialDate, language, "afterPreposition");
    return {
      language,
      text: (value) => pick(value, order),
      date: (partialDate) => formatPartialDate(partialDate, language),
      dateAfterPreposition,
      dateRange: (start, end) => formatPartialDateRange(start, end, language),
      termRange: (start, end) =>
        end === null ? t("app.openEnded", { start: dateAfterPreposition(start) }) : formatPartialDateRange(start, end, language),
      count: (value) => formatCount(value, language),
    };
  }, [language, organizationLanguages, t]);
}

/** Switches the interface language and remembers the choice for the next visit. */
export function useChangeLanguage(): (language: UiLanguage) => void {
  const { i18n } = useTranslation();
  return (language) => {
    try {
      window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch {
      // Storage can be unavailable (private modes); the switch still applies to this visit.
    }
    void i18n.changeLanguage(language);
  };
}
