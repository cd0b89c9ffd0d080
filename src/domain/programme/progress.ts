// How far a chairmanship's programme has come: its events (and the meetings of the organization's bodies chaired under the
// term) by status, by month over the term and by track. An event known only to its year is counted apart for that year,
// never put in a month it may not have been in.
import type { MeetingStatus } from "../meetings/meeting.js";
import { parsePartialDate } from "../partial-date.js";
import { EVENT_STATUSES, TRACKS, type EventStatus, type ProgrammeEvent, type Track } from "./event.js";

export type StatusCounts = Readonly<Record<EventStatus, number>>;

/** Events in one group: how many in all, how many held, and how many of each status. */
export interface Tally {
  readonly total: number;
  readonly held: number;
  readonly byStatus: StatusCounts;
}

export interface ProgrammeProgress extends Tally {
  /** Every month of the term (and any month an event falls in outside it), in order, with no gaps: "2025-04". */
  readonly months: readonly (Tally & { readonly month: string })[];
  /** Events known only to the year they start in, by year. */
  readonly yearOnly: readonly (Tally & { readonly year: number })[];
  /** Every track, in the order of TRACKS. */
  readonly tracks: readonly (Tally & { readonly track: Track })[];
}

export type CountedEvent = Pick<ProgrammeEvent, "startDate" | "track" | "status">;

/** The term's span, as its registry record gives it (partial dates; no end while it runs). */
export interface TermSpan {
  readonly start: string;
  readonly end: string | null;
}

function tally(events: readonly CountedEvent[]): Tally {
  const byStatus = Object.fromEntries(EVENT_STATUSES.map((s) => [s, 0])) as Record<EventStatus, number>;
  for (const event of events) byStatus[event.status] += 1;
  return { total: events.length, held: byStatus.held, byStatus };
}

/** "2025-04" of a date known at least to the month; null for one known only to the year (or not a date). */
function monthOf(date: string): string | null {
  const parsed = parsePartialDate(date);
  if (!parsed || parsed.month === undefined) return null;
  return `${String(parsed.year).padStart(4, "0")}-${String(parsed.month).padStart(2, "0")}`;
}

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthAt(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** A meeting's status in the programme's terms: confirmed is still to come (planned); the others are the same. */
const MEETING_AS_EVENT: Readonly<Record<MeetingStatus, EventStatus>> = { planned: "planned", confirmed: "planned", held: "held", postponed: "postponed", cancelled: "cancelled" };

/** A meeting of one of the organization's bodies, counted in the programme as an institutional event from its first day. */
export function countedMeeting(meeting: { readonly startDate: string; readonly status: MeetingStatus }): CountedEvent {
  return { startDate: meeting.startDate, track: "institutional", status: MEETING_AS_EVENT[meeting.status] };
}

/**
 * The months the chart runs over: from the term's first month to its last (to `today`'s while it runs, when it began
 * earlier), when they are known to the month, widened to every month an event falls in; without them, from the first to
 * the last event's month.
 */
export function programmeMonths(term: TermSpan, eventMonths: readonly string[], today: string | null = null): string[] {
  const end = term.end ?? (today !== null && monthOf(term.start) !== null && today >= term.start ? today : null);
  const bounds = [term.start, end].map((d) => (d === null ? null : monthOf(d)));
  const known = [...eventMonths, ...bounds.filter((m): m is string => m !== null)].map(monthIndex);
  if (known.length === 0) return [];
  const first = Math.min(...known);
  const last = Math.max(...known);
  const months: string[] = [];
  for (let i = first; i <= last; i++) months.push(monthAt(i));
  return months;
}

/** The progress of what is counted (`today` bounds the months of a term that still runs). */
export function programmeProgress(events: readonly CountedEvent[], term: TermSpan, today: string | null = null): ProgrammeProgress {
  const byMonth = new Map<string, CountedEvent[]>();
  const byYear = new Map<number, CountedEvent[]>();
  for (const event of events) {
    const month = monthOf(event.startDate);
    if (month !== null) byMonth.set(month, [...(byMonth.get(month) ?? []), event]);
    else {
      const year = parsePartialDate(event.startDate)?.year ?? Number.NaN;
      byYear.set(year, [...(byYear.get(year) ?? []), event]);
    }
  }
  return {
    ...tally(events),
    months: programmeMonths(term, [...byMonth.keys()], today).map((month) => ({ month, ...tally(byMonth.get(month) ?? []) })),
    yearOnly: [...byYear.keys()].sort((a, b) => a - b).map((year) => ({ year, ...tally(byYear.get(year) ?? []) })),
    tracks: TRACKS.map((track) => ({ track, ...tally(events.filter((e) => e.track === track)) })),
  };
}
