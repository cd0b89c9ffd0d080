// Reads of meetings that other capabilities ask for (they never read the meetings' tables): the meetings a state chaired
// over a span of days, as the caller may see them (the programme of a chairmanship counts them).
import { and, eq, gte, or } from "drizzle-orm";
import type { Actor } from "../../domain/access.js";
import type { MeetingStatus } from "../../domain/meetings/meeting.js";
import { earliestDay, latestDay } from "../../domain/partial-date.js";
import type { Db } from "../db/client.js";
import { invitedTo } from "./calendar-feed.js";
import { maySeeMeeting } from "./policy.js";
import { chairOfMeeting, resourceOf, type MeetingFacts } from "./store.js";
import { meetings } from "./tables.js";

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
