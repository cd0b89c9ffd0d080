// An event of a chairmanship's programme (a summit, a ministerial or expert meeting, a forum, a festival, an exercise, an
// exchange programme): its titles, dates as precise as they are known, city, track, kind, organizer and status.
import type { LocalizedText } from "../localized-text.js";

/** The tracks of cooperation: security, economic cooperation and development, people-to-people exchange, institutional. */
export const TRACKS = ["security", "economic", "people", "institutional"] as const;
export type Track = (typeof TRACKS)[number];

export const EVENT_KINDS = ["summit", "ministerial", "expert", "forum", "festival", "exercise", "exchange"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_STATUSES = ["planned", "held", "postponed", "cancelled"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** What an event says, however it came (the dataset or a spreadsheet). */
export interface EventFields {
  readonly title: LocalizedText;
  /** "2025", "2025-04" or "2025-04-12": never more precise than known. */
  readonly startDate: string;
  readonly endDate: string | null;
  readonly city: LocalizedText | null;
  readonly track: Track;
  readonly kind: EventKind;
  readonly organizer: LocalizedText | null;
  readonly status: EventStatus;
  /** The meeting, when the event is one. */
  readonly meetingId: string | null;
}

export interface ProgrammeEvent extends EventFields {
  readonly id: string;
  /** The chairmanship term (its registry id). */
  readonly term: string;
  /** The source cited for it (a key of the registry's sources), when it has one. */
  readonly source: string | null;
  /** "dataset", or the name of the spreadsheet it was imported from. */
  readonly origin: string;
  readonly isDemo: boolean;
}

export const isTrack = (value: string): value is Track => (TRACKS as readonly string[]).includes(value);
export const isEventKind = (value: string): value is EventKind => (EVENT_KINDS as readonly string[]).includes(value);
export const isEventStatus = (value: string): value is EventStatus => (EVENT_STATUSES as readonly string[]).includes(value);

/** A meeting's identifier as the meetings keep it. */
export const MEETING_ID = /^[A-Za-z0-9_-]{1,64}$/;
