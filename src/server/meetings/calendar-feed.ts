// The meetings a calendar feed lists: a body's, those a delegation is invited to, or one, each with the delegations invited
// (which decide who may see it); only those the caller may see are kept.
import { asc, eq, inArray } from "drizzle-orm";
import type { Actor } from "../../domain/access.js";
import type { Db } from "../platform/db/client.js";
import { maySeeMeeting } from "./policy.js";
import { resourceOf, type MeetingFacts, type MeetingRow } from "./store.js";
import { meetingInvitations, meetings } from "./tables.js";

export type FeedScope = { readonly body: string } | { readonly delegation: string } | { readonly meeting: string };

/** The delegations invited to each of the meetings (which decide who may see it). */
export async function invitedTo(db: Db, ids: readonly string[]): Promise<Map<string, { party: string }[]>> {
  const byMeeting = new Map<string, { party: string }[]>();
  if (ids.length === 0) return byMeeting;
  const rows = await db.select({ meetingId: meetingInvitations.meetingId, party: meetingInvitations.party }).from(meetingInvitations).where(inArray(meetingInvitations.meetingId, [...ids]));
  for (const row of rows) byMeeting.set(row.meetingId, [...(byMeeting.get(row.meetingId) ?? []), { party: row.party }]);
  return byMeeting;
}

async function rowsIn(db: Db, scope: FeedScope): Promise<MeetingRow[]> {
  if ("body" in scope) return db.select().from(meetings).where(eq(meetings.body, scope.body)).orderBy(asc(meetings.startDate), asc(meetings.id));
  if ("meeting" in scope) return db.select().from(meetings).where(eq(meetings.id, scope.meeting));
  const invited = db.select({ id: meetingInvitations.meetingId }).from(meetingInvitations).where(eq(meetingInvitations.party, scope.delegation));
  return db.select().from(meetings).where(inArray(meetings.id, invited)).orderBy(asc(meetings.startDate), asc(meetings.id));
}

/** The meetings in the scope that `actor` may see (the public record and public meetings for everyone), by opening day. */
export async function feedMeetings(db: Db, scope: FeedScope, actor: Actor, facts: MeetingFacts): Promise<MeetingRow[]> {
  const rows = await rowsIn(db, scope);
  const invited = await invitedTo(db, rows.map((r) => r.id));
  return rows.filter((row) => maySeeMeeting(actor, resourceOf(row, invited.get(row.id) ?? [], facts)));
}

/** One meeting with the delegations invited to it (for the caller's right to read it); null when there is none. */
export async function feedMeeting(db: Db, id: string): Promise<{ row: MeetingRow; invited: { party: string }[] } | null> {
  const [row] = await rowsIn(db, { meeting: id });
  if (!row) return null;
  return { row, invited: (await invitedTo(db, [id])).get(id) ?? [] };
}
