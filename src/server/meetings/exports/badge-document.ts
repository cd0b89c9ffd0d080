// What a delegate's badge says, in the reader's language: the organization, the meeting, its days and place, the
// delegation, the delegate's name in every language given, function and rank, and the address its QR code opens.
import QRCode from "qrcode";
import type { Rank } from "../../../domain/meetings/accreditation.js";
import { fallbackOrder, pick, type LocalizedText } from "../../../domain/localized-text.js";
import { labelsFor, LOCALES, rankLabel, type ExportLanguage } from "./labels.js";
import { meetingDates, orderNameLanguages, type MeetingFacet } from "./participants-document.js";

export interface BadgeInput {
  readonly organization: LocalizedText | null;
  readonly meeting: MeetingFacet;
  readonly delegation: { readonly code: string; readonly names: LocalizedText | null };
  readonly delegate: { readonly name: LocalizedText; readonly function: LocalizedText; readonly rank: Rank };
  readonly verifyUrl: string;
  readonly language: ExportLanguage;
  readonly organizationLanguages: readonly string[];
}

export interface BadgeDocument {
  readonly language: ExportLanguage;
  readonly locale: string;
  readonly organization: string | null;
  readonly title: string;
  readonly dates: string;
  readonly place: string | null;
  readonly notices: readonly string[];
  readonly delegation: string;
  /** The names given, the reader's language first. */
  readonly names: readonly string[];
  readonly function: string;
  readonly rank: Rank;
  readonly rankLabel: string;
  readonly verifyUrl: string;
  readonly scanToVerify: string;
}

export function badgeDocument(input: BadgeInput): BadgeDocument {
  const { language, meeting, delegate } = input;
  const order = fallbackOrder(language, input.organizationLanguages);
  const labels = labelsFor(language);
  return {
    language,
    locale: LOCALES[language],
    organization: input.organization ? pick(input.organization, order) || null : null,
    title: pick(meeting.title, order) || meeting.id,
    dates: meetingDates(meeting.startDate, meeting.endDate, language),
    place: meeting.city ? pick(meeting.city, order) || null : null,
    notices: [
      ...(meeting.isDemo ? [labels.demonstration] : []),
      ...(meeting.status === "cancelled" ? [labels.cancelled] : meeting.status === "postponed" ? [labels.postponed] : []),
    ],
    delegation: input.delegation.names ? pick(input.delegation.names, order) || input.delegation.code : input.delegation.code,
    names: orderNameLanguages(Object.keys(delegate.name), language)
      .map((code) => delegate.name[code]?.trim() ?? "")
      .filter((name) => name !== ""),
    function: pick(delegate.function, order),
    rank: delegate.rank,
    rankLabel: rankLabel(delegate.rank, language),
    verifyUrl: input.verifyUrl,
    scanToVerify: labels.scanToVerify,
  };
}

/** The address a badge's QR code opens: the verification page of its token, at the address people use. */
export function verificationUrl(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, "")}/verify/${encodeURIComponent(token)}`;
}

export interface QrMatrix {
  readonly size: number;
  isDark(row: number, column: number): boolean;
}

/** The QR code's modules for `text` (error correction M: a badge gets scratched, and the address stays short). */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  return { size: modules.size, isDark: (row, column) => modules.get(row, column) !== 0 };
}
