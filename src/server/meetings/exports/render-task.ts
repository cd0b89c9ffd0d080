// The exports' costly work as work-pool tasks: the participants list laid out (up to the 10,000 delegates a meeting may
// have) and drawn as a PDF or written as an XLSX workbook, and a badge drawn, each in a worker thread, so that no
// request waits behind a rendering. Input and output are plain data; the bytes are moved back, not copied.
import type { Participant } from "../../../contracts/meetings.js";
import type { LocalizedText } from "../../../domain/localized-text.js";
import type { BadgeDocument } from "./badge-document.js";
import { badgePdf } from "./badge-pdf.js";
import type { ExportLanguage } from "./labels.js";
import { participantsDocument, type MeetingFacet } from "./participants-document.js";
import { participantsPdf } from "./participants-pdf.js";
import { participantsXlsx } from "./participants-xlsx.js";

/** What the participants files show, as plain data (the registry's names of the delegations listed, not the registry). */
export interface ParticipantsRender {
  readonly format: "pdf" | "xlsx";
  readonly meeting: MeetingFacet;
  /** The participants with the badge tokens the reader may see. */
  readonly participants: readonly Participant[];
  readonly order: readonly string[];
  readonly names: Readonly<Record<string, LocalizedText | null>>;
  readonly language: ExportLanguage;
  readonly organizationLanguages: readonly string[];
  readonly asOf: Date;
}

export async function renderParticipants(input: ParticipantsRender): Promise<Uint8Array> {
  const document = participantsDocument({ ...input, names: (code) => input.names[code] ?? null });
  return input.format === "pdf" ? participantsPdf(document) : participantsXlsx(document);
}

export async function renderBadge(badge: BadgeDocument): Promise<Uint8Array> {
  return badgePdf(badge);
}
