// The meetings' SQL outside the store and the commands: what the routes read (the list, a meeting's version, a badge and
// its list), and what other capabilities ask for (they never read the meetings' tables): the meetings a state chaired
// over a span of days, as the caller may see them (the programme of a chairmanship counts them).
import { and, asc, eq, gte, lte, or, type SQL } from "drizzle-orm";
import type { Actor } from "../../domain/access.js";
import type { MeetingStatus } from "../../domain/meetings/meeting.js";
import { earliestDay, latestDay } from "../../domain/partial-date.js";
import type { Db } from "../platform/db/client.js";
import { invitedTo } from "./calendar-feed.js";
import { maySeeMeeting } from "./policy.js";
import { chairOfMeeting, findMeeting, resourceOf, type MeetingFacts, type MeetingRow } from "./store.js";
import { meetingAccreditations, meetingBadges, meetings } from "./tables.js";

// What other capabilities read of meetings from the store (their titles for the audit trail, the registry's facts a
// meeting's access is decided on, and the resource its policies take): they import it from here, never from the store.
export { meetingFacts, meetingTitlesOf, resourceOf, type MeetingFacts } from "./store.js";

/** A meeting's version (it grows with every change), or null when there is no such meeting. */
export async function meetingVersion(db: Db, id: string): Promise<number | null> {
  const [head] = await db.select({ version: meetings.version }).from(meetings).where(eq(meetings.id, id));
  return head?.version ?? null;
}

/**
 * The meetings of a body, in a state, overlapping a span of days (each filter optional), by opening day; with who is
 * invited to those not open to everyone (it decides who may see them).
 */
export async function listMeetings(
  db: Db,
  filter: { readonly body?: string; readonly status?: string; readonly from?: string; readonly to?: string },
): Promise<{ rows: MeetingRow[]; invited: Map<string, { party: string }[]> }> {
  const where: SQL[] = [];
  if (filter.body) where.push(eq(meetings.body, filter.body));
  if (filter.status) where.push(eq(meetings.status, filter.status));
  if (filter.from) where.push(gte(meetings.endDate, filter.from));
  if (filter.to) where.push(lte(meetings.startDate, filter.to));
  const rows = await db
    .select()
    .from(meetings)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(asc(meetings.startDate), asc(meetings.id));
  const invited = await invitedTo(db, rows.filter((row) => row.origin === "secretariat" && row.visibility !== "public").map((row) => row.id));
  return { rows, invited };
}

/** The badge with this token, its accreditation list and its meeting; null when any is missing. */
export async function findBadgeRecords(db: Db, token: string) {
  const [badge] = await db.select().from(meetingBadges).where(eq(meetingBadges.token, token));
  if (!badge) return null;
  const [[list], meeting] = await Promise.all([db.select().from(meetingAccreditations).where(eq(meetingAccreditations.id, badge.listId)), findMeeting(db, badge.meetingId)]);
  if (!list || !meeting) return null;
  return { badge, list, meeting };
}

export interface ChairedMeeting {
  readonly id: string;
  readonly body: string;
  readonly title: Record<string, string>;
  /** First and last day at the venue, as precise as known. */
  readonly startDate: string;
  readonly endDate: string;
  readonly status: MeetingStatus;
  readonly isDemo: boolean;
}

/**
 * The meetings `state` chairs (the chair named, or the chair of the body on the opening day) whose first day falls within
 * `from` to `to` (calendar days, both included; `to` null: no end yet), that `actor` may see, by first day.
 */
export async function meetingsChairedBy(db: Db, span: { state: string; from: string; to: string | null }, actor: Actor, facts: MeetingFacts): Promise<ChairedMeeting[]> {
  // The first day is a partial date ("2025", "2025-07", "2025-07-15"): the year narrows the read, the days decide.
  const year = span.from.slice(0, 4);
  const rows = await db
    .select()
    .from(meetings)
    .where(and(gte(meetings.startDate, year), or(eq(meetings.chair, span.state), eq(meetings.timePrecision, "instant"), eq(meetings.timePrecision, "day"))));
  const inSpan = rows.filter((row) => latestDay(row.startDate) >= span.from && (span.to === null || earliestDay(row.startDate) <= span.to) && chairOfMeeting(row, facts) === span.state);
  const invited = await invitedTo(db, inSpan.map((row) => row.id));
  return inSpan
    .filter((row) => maySeeMeeting(actor, resourceOf(row, invited.get(row.id) ?? [], facts)))
    .sort((a, b) => earliestDay(a.startDate).localeCompare(earliestDay(b.startDate)) || (a.id < b.id ? -1 : 1))
    .map((row) => ({ id: row.id, body: row.body, title: row.title, startDate: row.startDate, endDate: row.endDate, status: row.status as MeetingStatus, isDemo: row.isDemo }));
}
