// Who may follow a meeting's live stream: the meeting's readers, by the meetings read policy (the rule the API reads by),
// decided for each connection's member on the day.
import { eq } from "drizzle-orm";
import type { AppServices } from "../app-services.js";
import type { StreamReaders } from "../platform/realtime/stream-readers.js";
import { meetingReads } from "./policy.js";
import { findMeeting, meetingFacts, resourceOf } from "./store.js";
import { meetingInvitations } from "./tables.js";

/** The readers of one meeting (null: no such meeting, or no registry loaded yet). */
export async function meetingReaders(context: Pick<AppServices, "db" | "snapshot" | "today">, id: string): Promise<StreamReaders | null> {
  const facts = context.snapshot.view("meeting-facts", meetingFacts);
  if (!facts) return null;
  const row = await findMeeting(context.db, id);
  if (!row) return null;
  const invited = await context.db.select({ party: meetingInvitations.party }).from(meetingInvitations).where(eq(meetingInvitations.meetingId, id));
  const resource = resourceOf(row, invited, facts);
  const day = context.today();
  return meetingReads.readers(resource, context.snapshot, day, JSON.stringify([resource.visibility, resource.isRecord, resource.chair, [...resource.invited].sort(), day, context.snapshot.position]));
}
