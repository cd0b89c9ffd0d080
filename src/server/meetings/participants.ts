// The participants of a meeting: every delegate of an approved accreditation list, delegation by delegation and list by
// list, with the badge token each was given on approval — shown only to those who may print that badge.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Participant } from "../../contracts/meetings.js";
import { isSecretariat, type Actor } from "../../domain/access.js";
import type { Delegate } from "../../domain/meetings/accreditation.js";
import type { Db } from "../platform/db/client.js";
import { meetingAccreditations, meetingBadges } from "./tables.js";

interface ListRow {
  readonly id: string;
  readonly delegation: string;
  readonly state: string;
  readonly delegates: readonly Delegate[];
  readonly createdAt: Date;
}

/** Delegates of the approved lists, by delegation code, then each delegation's lists in the order they were made. */
export function participantsFrom(lists: readonly ListRow[], badges: ReadonlyMap<string, string>): Participant[] {
  return lists
    .filter((list) => list.state === "approved")
    .sort((a, b) => a.delegation.localeCompare(b.delegation) || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
    .flatMap((list) =>
      list.delegates.map((d, index) => ({
        delegation: list.delegation,
        name: { ...d.name },
        function: { ...d.function },
        rank: d.rank,
        badge: badges.get(`${list.id}#${index}`) ?? null,
      })),
    );
}

export async function participantsOf(db: Db, meetingId: string): Promise<Participant[]> {
  const lists = await db
    .select()
    .from(meetingAccreditations)
    .where(and(eq(meetingAccreditations.meetingId, meetingId), eq(meetingAccreditations.state, "approved")))
    .orderBy(asc(meetingAccreditations.delegation), asc(meetingAccreditations.createdAt), asc(meetingAccreditations.id));
  const badges = await db.select().from(meetingBadges).where(and(eq(meetingBadges.meetingId, meetingId), isNull(meetingBadges.revokedAt)));
  return participantsFrom(lists, new Map(badges.map((b) => [`${b.listId}#${b.delegateIndex}`, b.token])));
}

/**
 * Who sees which badge tokens: the secretariat all of them, a delegation its own delegates', nobody else any (a token
 * verifies, and so could be printed on, a badge). "all", "none" or the delegation's code: one cached answer per key.
 */
export function badgeAudienceOf(actor: Actor): string {
  if (isSecretariat(actor)) return "all";
  return actor.delegation === null ? "none" : `delegation:${actor.delegation}`;
}

export function withBadgesFor(participants: readonly Participant[], audience: string): Participant[] {
  if (audience === "all") return [...participants];
  const own = audience.startsWith("delegation:") ? audience.slice("delegation:".length) : null;
  return participants.map((p) => (p.badge === null || p.delegation === own ? p : { ...p, badge: null }));
}
