// How negotiation data reads on screen: a title in the reader's language (or the nearest one the document has), an
// instant in a named time zone, a provision's label and a revision's.
import type { TFunction } from "i18next";
import type { ProvisionDto } from "../../../contracts/negotiation";
import { textDirection } from "../../shared/core-rules";

/** The language a text is shown in: the reader's data language, else the document's base language, else any it has. */
export function pickLanguage(text: Readonly<Record<string, string>> | null | undefined, language: string, baseLanguage?: string): string | undefined {
  if (!text) return undefined;
  if (text[language]) return language;
  if (baseLanguage !== undefined && text[baseLanguage]) return baseLanguage;
  return Object.keys(text).find((code) => text[code] !== "");
}

/** The text in the reader's data language, else in the document's base language, else in any language it has. */
export function pickText(text: Readonly<Record<string, string>> | null | undefined, language: string, baseLanguage?: string): string {
  const shown = pickLanguage(text, language, baseLanguage);
  return shown === undefined ? "" : (text?.[shown] ?? "");
}

/** The `lang` and `dir` attributes of a text shown in `language` (none when nothing is shown). */
export function languageAttributes(language: string | undefined): { lang?: string; dir?: "ltr" | "rtl" } {
  return language === undefined ? {} : { lang: language, dir: textDirection(language) };
}

/** An instant to the minute in a named time zone, with the zone's short name ("20 Aug 2025, 18:00 GMT+6"). */
export function formatInstantIn(instant: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone,
  }).format(new Date(instant));
}

/** PP2, OP4… as the server numbers them; an unnumbered provision (a heading) by its kind. */
export function provisionLabel(provision: Pick<ProvisionDto, "number" | "kind">, t: TFunction): string {
  return provision.number ?? t(`negotiation.provisionKinds.${provision.kind}`);
}

export function revisionLabel(revision: number, t: TFunction): string {
  return t("negotiation.revision", { number: revision });
}

/**
 * A language code of the document ("zh") named in the reader's language ("Chinese", "китайский", "中文"); as a label
 * (a heading, an option) it starts with a capital ("Китайский").
 */
export function languageName(code: string, locale: string, form: "inline" | "label" = "inline"): string {
  let name = code;
  try {
    name = new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  } catch {
    // An unknown code is shown as it is.
  }
  return form === "label" ? name.charAt(0).toLocaleUpperCase(locale) + name.slice(1) : name;
}
