// The words printed in the participants list and on badges (PDF, CSV, XLSX), in the interface's three languages, and the
// reader's language chosen from `?lang=` or Accept-Language. Server-side on purpose: a PDF is read far from the web app
// (the ranks are worded as the web's meetings.rank keys word them, so the screen and the paper agree).
import type { Rank } from "../../../domain/meetings/accreditation.js";
import { INTERFACE_LANGUAGES, type InterfaceLanguage } from "../../../domain/localized-text.js";

export { INTERFACE_LANGUAGES as EXPORT_LANGUAGES };
export type ExportLanguage = InterfaceLanguage;

/** The Intl locale each language is written with (Chinese in its Simplified script). */
export const LOCALES: Readonly<Record<ExportLanguage, string>> = { zh: "zh-CN", ru: "ru", en: "en" };

interface Labels {
  readonly participants: string;
  readonly meeting: string;
  readonly number: string;
  readonly name: string;
  readonly function: string;
  readonly rank: string;
  readonly delegation: string;
  readonly delegationCode: string;
  readonly badge: string;
  readonly noParticipants: string;
  /** After a delegation's name at the top of a page its list continues on. */
  readonly continued: (delegation: string) => string;
  readonly demonstration: string;
  readonly cancelled: string;
  readonly postponed: string;
  readonly scanToVerify: string;
  readonly ranks: Readonly<Record<Rank, string>>;
  /** "3 delegates": the noun after a number, by CLDR plural category (Intl.PluralRules). */
  readonly delegates: Readonly<Partial<Record<Intl.LDMLPluralRule, string>>> & { readonly other: string };
  readonly page: (page: number, pages: number) => string;
  /** When the list was last changed: "As of 15 July 2025, 10:00 (Asia/Shanghai)". */
  readonly asOf: (when: string) => string;
  /** A name column: "Name (Chinese)". */
  readonly nameIn: (language: string) => string;
}

const LABELS: Readonly<Record<ExportLanguage, Labels>> = {
  zh: {
    participants: "与会者名单",
    meeting: "会议",
    number: "序号",
    name: "姓名",
    function: "职务",
    rank: "级别",
    delegation: "代表团",
    delegationCode: "代表团代码",
    badge: "证件号",
    noParticipants: "尚无获批的代表。",
    continued: (delegation) => `${delegation}（续）`,
    demonstration: "演示会议（非真实数据）",
    cancelled: "已取消",
    postponed: "已推迟",
    scanToVerify: "扫码核验证件",
    ranks: {
      head_of_state_or_government: "国家元首或政府首脑",
      minister: "部长",
      ambassador: "大使",
      adviser: "顾问",
      interpreter: "翻译",
      security: "安保",
      press: "媒体",
    },
    delegates: { other: "{count}名代表" },
    page: (page, pages) => `第${page}页，共${pages}页`,
    asOf: (when) => `截至${when}`,
    nameIn: (language) => `姓名（${language}）`,
  },
  ru: {
    participants: "Список участников",
    meeting: "Заседание",
    number: "№",
    name: "Ф. И. О.",
    function: "Должность",
    rank: "Категория",
    delegation: "Делегация",
    delegationCode: "Код делегации",
    badge: "Бейдж",
    noParticipants: "Утверждённых участников пока нет.",
    continued: (delegation) => `${delegation} (продолжение)`,
    demonstration: "Демонстрационное заседание (не настоящие данные)",
    cancelled: "Отменено",
    postponed: "Перенесено",
    scanToVerify: "Отсканируйте для проверки",
    ranks: {
      head_of_state_or_government: "Глава государства или правительства",
      minister: "Министр",
      ambassador: "Посол",
      adviser: "Советник",
      interpreter: "Переводчик",
      security: "Охрана",
      press: "Пресса",
    },
    delegates: { one: "{count} делегат", few: "{count} делегата", many: "{count} делегатов", other: "{count} делегата" },
    page: (page, pages) => `Стр. ${page} из ${pages}`,
    asOf: (when) => `По состоянию на ${when}`,
    nameIn: (language) => `Ф. И. О. (${language})`,
  },
  en: {
    participants: "List of participants",
    meeting: "Meeting",
    number: "No.",
    name: "Name",
    function: "Function",
    rank: "Rank",
    delegation: "Delegation",
    delegationCode: "Delegation code",
    badge: "Badge",
    noParticipants: "No delegate has been approved yet.",
    continued: (delegation) => `${delegation} (continued)`,
    demonstration: "Demonstration meeting (not real data)",
    cancelled: "Cancelled",
    postponed: "Postponed",
    scanToVerify: "Scan to verify",
    ranks: {
      head_of_state_or_government: "Head of state or government",
      minister: "Minister",
      ambassador: "Ambassador",
      adviser: "Adviser",
      interpreter: "Interpreter",
      security: "Security",
      press: "Press",
    },
    delegates: { one: "{count} delegate", other: "{count} delegates" },
    page: (page, pages) => `Page ${page} of ${pages}`,
    asOf: (when) => `As of ${when}`,
    nameIn: (language) => `Name (${language})`,
  },
};

export function labelsFor(language: ExportLanguage): Labels {
  return LABELS[language];
}

export function rankLabel(rank: Rank, language: ExportLanguage): string {
  return LABELS[language].ranks[rank];
}

/** "3 delegates", "3 делегата", "3名代表". */
export function delegateCount(count: number, language: ExportLanguage): string {
  const forms = LABELS[language].delegates;
  const category = new Intl.PluralRules(LOCALES[language]).select(count);
  return (forms[category] ?? forms.other).replace("{count}", new Intl.NumberFormat(LOCALES[language]).format(count));
}

/** A language's own name in the reader's language ("zh" → "中文", "Chinese", "китайский"); the code when Intl does not know it. */
export function languageName(code: string, reader: ExportLanguage): string {
  try {
    return new Intl.DisplayNames([LOCALES[reader]], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

function isExportLanguage(code: string): code is ExportLanguage {
  return (INTERFACE_LANGUAGES as readonly string[]).includes(code);
}

/**
 * The reader's language: `?lang=` when given, else the first of Accept-Language (by its q-values) that Concord writes in
 * ("zh-Hans-CN", "ru-RU" and "en-GB" count), else English.
 */
export function readerLanguage(lang: string | undefined, acceptLanguage: string | undefined): ExportLanguage {
  if (lang && isExportLanguage(lang)) return lang;
  const ranges = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [range = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { language: range.trim().toLowerCase().split("-")[0] ?? "", weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranges.map((r) => r.language).find(isExportLanguage) ?? "en";
}
