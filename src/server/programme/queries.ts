// Reads of the chair's programme: a term's events in date order, as the API shows them, with the meetings chaired under the
// term, and the progress they make.
import { asc, eq } from "drizzle-orm";
import type { Programme, ProgrammeEventDto, ProgrammeMeetingDto, ProgrammeProgressDto } from "../../contracts/programme.js";
import { comparePartialDates, earliestDay, latestDay } from "../../domain/partial-date.js";
import type { ProgrammeEvent } from "../../domain/programme/event.js";
import { countedMeeting, programmeProgress, type ProgrammeProgress, type Tally } from "../../domain/programme/progress.js";
import type { ChairmanshipTerm, Registry } from "../../domain/registry.js";
import type { Db } from "../platform/db/client.js";
import type { ChairedMeeting } from "../meetings/queries.js";
import { recordedTermView } from "../registry/queries.js";
import { programmeEvents } from "./tables.js";

type EventRow = typeof programmeEvents.$inferSelect;

/** An event as stored: with when it last changed and its version (a calendar entry's DTSTAMP and SEQUENCE). */
export type StoredProgrammeEvent = ProgrammeEvent & { readonly version: number; readonly updatedAt: Date };

export function eventOf(row: EventRow): StoredProgrammeEvent {
  return {
    id: row.id,
    term: row.term,
    title: row.title,
    startDate: row.startDate,
    endDate: row.endDate,
    city: row.city,
    track: row.track as ProgrammeEvent["track"],
    kind: row.kind as ProgrammeEvent["kind"],
    organizer: row.organizer,
    status: row.status as ProgrammeEvent["status"],
    meetingId: row.meetingId,
    source: row.source,
    origin: row.origin,
    isDemo: row.isDemo,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

/** A term's events, by start date (the earliest day each may be), then by title. */
export async function termEvents(db: Db, term: string): Promise<StoredProgrammeEvent[]> {
  const rows = await db.select().from(programmeEvents).where(eq(programmeEvents.term, term)).orderBy(asc(programmeEvents.startDate), asc(programmeEvents.id));
  // Imported events' identifiers keep the file's order within a day.
  return rows.map(eventOf).sort((a, b) => comparePartialDates(a.startDate, b.startDate) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A recorded chairmanship term of the registry, by id. */
export function findTerm(registry: Registry, id: string): ChairmanshipTerm | null {
  return registry.chairmanship.find((t) => t.id === id) ?? null;
}

export function eventView(event: ProgrammeEvent): ProgrammeEventDto {
  return {
    id: event.id,
    title: { ...event.title },
    start: event.startDate,
    end: event.endDate,
    city: event.city ? { ...event.city } : null,
    track: event.track,
    kind: event.kind,
    organizer: event.organizer ? { ...event.organizer } : null,
    status: event.status,
    meeting: event.meetingId,
    source: event.source,
    origin: event.origin,
    isDemo: event.isDemo,
  };
}

function progressView(progress: ProgrammeProgress): ProgrammeProgressDto {
  const tally = <T extends Tally>(t: T) => ({ ...t, byStatus: { ...t.byStatus } });
  return { ...tally(progress), months: progress.months.map(tally), yearOnly: progress.yearOnly.map(tally), tracks: progress.tracks.map(tally) };
}

function meetingView(meeting: ChairedMeeting): ProgrammeMeetingDto {
  return { id: meeting.id, body: meeting.body, title: { ...meeting.title }, start: meeting.startDate, end: meeting.endDate, status: meeting.status, isDemo: meeting.isDemo };
}

/** The days a term covers, for the meetings chaired in it: from the first day its start may mean to the last its end may (none while it runs). */
export function termDays(term: ChairmanshipTerm): { from: string; to: string | null } {
  return { from: earliestDay(term.start), to: term.end === undefined ? null : latestDay(term.end) };
}

/**
 * The term's programme: its events, and the meetings its chair chairs under it that no event already names, both counted in
 * the progress; `today` bounds the months of a term that still runs.
 */
export function programmeView(registry: Registry, term: ChairmanshipTerm, events: readonly ProgrammeEvent[], chaired: readonly ChairedMeeting[], today: string): Programme {
  const named = new Set(events.map((e) => e.meetingId).filter((id): id is string => id !== null));
  const meetings = chaired.filter((m) => !named.has(m.id));
  const counted = [...events, ...meetings.map(countedMeeting)];
  return {
    term: recordedTermView(registry, term),
    events: events.map(eventView),
    meetings: meetings.map(meetingView),
    progress: progressView(programmeProgress(counted, { start: term.start, end: term.end ?? null }, today)),
  };
}
