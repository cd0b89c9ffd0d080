// The header's language choice: a labelled native select (keyboard and screen-reader friendly) over the three interface languages,
// the organization's own languages first.
import { NativeSelect } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ENDONYMS, UI_LANGUAGES, dataLanguageOf, resolveUiLanguage, type UiLanguage } from "../i18n/language";
import { useChangeLanguage, useLocale } from "../i18n/use-locale";
import { useOrganization } from "./api/registry-queries";

/** The interface languages, those the organization works in first (in its order), then the others. */
export function languagesInOrder(organizationLanguages: readonly string[]): UiLanguage[] {
  const rank = (language: UiLanguage) => {
    const index = organizationLanguages.indexOf(dataLanguageOf(language));
    return index < 0 ? organizationLanguages.length + UI_LANGUAGES.indexOf(language) : index;
  };
  return [...UI_LANGUAGES].sort((a, b) => rank(a) - rank(b));
}

function GlobeIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z" />
    </svg>
  );
}

export function LanguageSwitcher() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const changeLanguage = useChangeLanguage();
  const organization = useOrganization().data;
  const languages = languagesInOrder(organization ? [...organization.officialLanguages, ...organization.workingLanguages] : []);
  return (
    <NativeSelect
      aria-label={t("language.label")}
      title={t("language.label")}
      value={language}
      onChange={(event) => changeLanguage(resolveUiLanguage(event.currentTarget.value))}
      leftSection={<GlobeIcon />}
      size="sm"
      w={{ base: 132, sm: 140 }}
      data-testid="language-switcher"
    >
      {languages.map((code) => (
        <option key={code} value={code} lang={code}>
          {ENDONYMS[code]}
        </option>
      ))}
    </NativeSelect>
  );
}
