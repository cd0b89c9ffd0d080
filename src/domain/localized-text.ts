// Text a person reads, in each of Concord's interface languages.

export const LANGUAGES = ["zh", "ru", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export type LocalizedText = Readonly<Record<Language, string>>;

export function pick(text: LocalizedText, language: Language): string {
  return text[language];
}
