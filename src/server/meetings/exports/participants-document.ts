// What the participants list says, in the reader's language, before any format is chosen: the meeting's title, dates and
// place, then each delegation (in the registry's order, guests after) with its delegates numbered, every name in every
// language given, the function and the rank translated. The PDF, CSV and XLSX are drawn from this one model.
import type { Participant } from "../../../contracts/meetings.js";
import type { Rank } from "../../../domain/meetings/accreditation.js";
import { fallbackOrder, pick, type LocalizedText } from "../../../domain/localized-text.js";
import { parsePartialDate, type PartialDate } from "../../../domain/partial-date.js";
import { delegateCount, labelsFor, languageName, LOCALES, rankLabel, type ExportLanguage } from "./labels.js";

export interface MeetingFacet {
  readonly id: string;
  readonly title: LocalizedText;
  /** The first and last day at the venue, at the precision known ("2025-07"). */
  readonly startDate: string;
  readonly endDate: string;
  readonly timeZone: string | null;
  readonly city: LocalizedText | null;
  readonly status: string;
  readonly isDemo: boolean;
}

export interface ParticipantsInput {
  readonly meeting: MeetingFacet;
  readonly participants: readonly Participant[];
  /** Delegations in the registry's order (states, then organizations); others (guests) follow by code. */
  readonly order: readonly string[];
  /** A delegation's name in each language; null when neither the registry nor the invitation names it. */
  readonly names: (code: string) => LocalizedText | null;
  readonly language: ExportLanguage;
  readonly organizationLanguages: readonly string[];
  /** When the list was last changed (the meeting's last change): the document is the same until the next one. */
  readonly asOf: Date;
}

export interface DelegateLine {
  readonly number: number;
  /** The names given, in the document's name-language order. */
  readonly names: readonly { readonly language: string; readonly text: string }[];
  readonly name: LocalizedText;
  readonly function: string;
  readonly rank: Rank;
  readonly rankLabel: string;
  readonly badge: string | null;
}

export interface DelegationGroup {
  readonly code: string;
  readonly name: string;
  readonly count: string;
  readonly delegates: readonly DelegateLine[];
}

export interface ParticipantsDocument {
  readonly meetingId: string;
  readonly language: ExportLanguage;
  readonly locale: string;
  readonly title: string;
  readonly heading: string;
  readonly dates: string;
  readonly place: string | null;
  /** Said above everything else: a demonstration, or a cancelled or postponed meeting. */
  readonly notices: readonly string[];
  readonly asOf: string;
  /** Every language any delegate's name is given in: the reader's, then Chinese, Russian, English, then the rest. */
  readonly nameLanguages: readonly string[];
  readonly groups: readonly DelegationGroup[];
  readonly total: number;
}

const NAME_LANGUAGE_ORDER = ["zh", "ru", "en"];

/** The reader's language first, then zh, ru, en, then any other language by its code. */
export function orderNameLanguages(languages: Iterable<string>, reader: ExportLanguage): string[] {
  const rank = (code: string) => {
    if (code === reader) return -1;
    const known = NAME_LANGUAGE_ORDER.indexOf(code);
    return known === -1 ? NAME_LANGUAGE_ORDER.length : known;
  };
  return [...new Set(languages)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Delegations in the registry's order; a delegation the registry does not know (a guest) after all it knows, by code. */
export function orderDelegations(codes: Iterable<string>, order: readonly string[]): string[] {
  const position = new Map(order.map((code, index) => [code, index]));
  return [...new Set(codes)].sort((a, b) => (position.get(a) ?? Infinity) - (position.get(b) ?? Infinity) || a.localeCompare(b));
}

function utcDate(date: PartialDate): Date {
  return new Date(Date.UTC(date.year, (date.month ?? 1) - 1, date.day ?? 1));
}

const DATE_OPTIONS: Readonly<Record<PartialDate["precision"], Intl.DateTimeFormatOptions>> = {
  year: { year: "numeric", timeZone: "UTC" },
  month: { year: "numeric", month: "long", timeZone: "UTC" },
  day: { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" },
};

/**
 * The meeting's days at the venue, as the reader's language writes a span ("15–16 July 2025", "15–16 июля 2025 г."); Chinese
 * joins two full dates with 至, since Intl's Chinese ranges fall back to numbers. A date known only to the month stays so.
 */
export function meetingDates(startDate: string, endDate: string, language: ExportLanguage): string {
  const locale = LOCALES[language];
  const from = parsePartialDate(startDate);
  const to = parsePartialDate(endDate);
  if (!from) return startDate;
  const format = (date: PartialDate) => new Intl.DateTimeFormat(locale, DATE_OPTIONS[date.precision]).format(utcDate(date));
  if (!to || startDate === endDate) return format(from);
  if (language === "zh") return `${format(from)}至${format(to)}`;
  if (from.precision === to.precision) return new Intl.DateTimeFormat(locale, DATE_OPTIONS[from.precision]).formatRange(utcDate(from), utcDate(to));
  return `${format(from)} – ${format(to)}`;
}

/** An instant as the reader reads it, in the meeting's time zone (UTC when it has none), the zone named. */
export function instantText(at: Date, language: ExportLanguage, timeZone: string | null): string {
  const zone = timeZone ?? "UTC";
  const when = new Intl.DateTimeFormat(LOCALES[language], { dateStyle: "long", timeStyle: "short", timeZone: zone }).format(at);
  return language === "zh" ? `${when}（${zone}）` : `${when} (${zone})`;
}

export function participantsDocument(input: ParticipantsInput): ParticipantsDocument {
  const { meeting, language } = input;
  const labels = labelsFor(language);
  const order = fallbackOrder(language, input.organizationLanguages);
  const nameLanguages = orderNameLanguages(
    input.participants.flatMap((p) => Object.keys(p.name).filter((code) => (p.name[code] ?? "").trim() !== "")),
    language,
  );
  const byDelegation = new Map<string, Participant[]>();
  for (const participant of input.participants) {
    const list = byDelegation.get(participant.delegation) ?? [];
    list.push(participant);
    byDelegation.set(participant.delegation, list);
  }
  let number = 0;
  const groups = orderDelegations(byDelegation.keys(), input.order).map((code): DelegationGroup => {
    const delegates = byDelegation.get(code) ?? [];
    const names = input.names(code);
    return {
      code,
      name: names ? pick(names, order) || code : code,
      count: delegateCount(delegates.length, language),
      delegates: delegates.map((d) => ({
        number: (number += 1),
        names: nameLanguages.filter((l) => (d.name[l] ?? "").trim() !== "").map((l) => ({ language: l, text: d.name[l]!.trim() })),
        name: d.name,
        function: pick(d.function, order),
        rank: d.rank,
        rankLabel: rankLabel(d.rank, language),
        badge: d.badge,
      })),
    };
  });
  const notices = [
    ...(meeting.isDemo ? [labels.demonstration] : []),
    ...(meeting.status === "cancelled" ? [labels.cancelled] : meeting.status === "postponed" ? [labels.postponed] : []),
  ];
  return {
    meetingId: meeting.id,
    language,
    locale: LOCALES[language],
    title: pick(meeting.title, order) || meeting.id,
    heading: labels.participants,
    dates: meetingDates(meeting.startDate, meeting.endDate, language),
    place: meeting.city ? pick(meeting.city, order) || null : null,
    notices,
    asOf: labels.asOf(instantText(input.asOf, language, meeting.timeZone)),
    nameLanguages,
    groups,
    total: number,
  };
}

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

/**
 * The list as a table for CSV and XLSX: one row per delegate, one column per name language (so a column can be sorted or
 * filtered in a spreadsheet), the badge token only when the reader was given any.
 */
export function participantsTable(document: ParticipantsDocument): Table {
  const labels = labelsFor(document.language);
  const hasBadges = document.groups.some((g) => g.delegates.some((d) => d.badge !== null));
  const header = [
    labels.number,
    labels.delegationCode,
    labels.delegation,
    ...document.nameLanguages.map((l) => labels.nameIn(languageName(l, document.language))),
    labels.function,
    labels.rank,
    ...(hasBadges ? [labels.badge] : []),
  ];
  const rows = document.groups.flatMap((group) =>
    group.delegates.map((d) => [
      d.number,
      group.code,
      group.name,
      ...document.nameLanguages.map((l) => d.name[l]?.trim() ?? ""),
      d.function,
      d.rankLabel,
      ...(hasBadges ? [d.badge ?? ""] : []),
    ]),
  );
  return { header, rows };
}

/**
 * CSV as Excel opens it: UTF-8 with a byte-order mark, CRLF, every text field quoted. A cell that a spreadsheet would read
 * as a formula (=, +, -, @, tab or carriage return first) gets a leading apostrophe, so a name cannot run code on opening.
 */
export function csvText(table: Table): string {
  const cell = (value: string | number) => {
    if (typeof value === "number") return String(value);
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return `"${safe.replaceAll('"', '""')}"`;
  };
  const lines = [table.header, ...table.rows].map((row) => row.map(cell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Content-Disposition for a download: an ASCII name for old clients and the UTF-8 one (RFC 6266, RFC 8187). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** "participants-cmfa-2025-07-15-ru.pdf": the meeting's identifier and the reader's language, safe in any file system. */
export function exportFileName(prefix: string, meetingId: string, language: ExportLanguage, extension: "pdf" | "csv" | "xlsx"): string {
  const id = meetingId.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "meeting";
  return `${prefix}-${id}-${language}.${extension}`;
}
