// Reading and writing a meeting's rows inside a command's transaction (the meeting row locked first, so that counted
// and unique things — quotas, a delegate accredited once, the order of the floor — are decided one at a time), and what
// the registry says about a meeting: its chair, who is invited by right, who may speak.
import { and, asc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import { secretariatAnd, PUBLIC_AUDIENCE, type Audience } from "../../domain/audience.js";
import type { Delegate } from "../../domain/meetings/accreditation.js";
import type { LocalizedText } from "../../domain/localized-text.js";
import { defaultChair } from "../../domain/meetings/meeting.js";
import { statusesOn, timelineOf } from "../../domain/membership.js";
import type { Registry, Rights } from "../../domain/registry.js";
import { recordedChairOn } from "../../domain/rotation.js";
import type { Db } from "../platform/db/client.js";
import { notFound } from "../../domain/errors.js";
import type { MeetingResource } from "./policy.js";
import { meetingAccreditations, meetingAgendaItems, meetingBadges, meetingInvitations, meetings } from "./tables.js";

export type MeetingRow = typeof meetings.$inferSelect;
export type InvitationRow = typeof meetingInvitations.$inferSelect;
export type AccreditationRow = typeof meetingAccreditations.$inferSelect;
/** An accreditation list as a meeting's changes read it: everything but its delegates, and how many they are. */
export type ListRow = Omit<AccreditationRow, "delegates"> & { readonly size: number };
export type AgendaItemRow = typeof meetingAgendaItems.$inferSelect;
export type BadgeRow = typeof meetingBadges.$inferSelect;

/** Each delegate's badge: the one standing (not revoked), else the one revoked last. */
export function currentBadges(rows: readonly BadgeRow[]): Map<string, BadgeRow> {
  const current = new Map<string, BadgeRow>();
  for (const badge of rows) {
    const key = `${badge.listId}#${badge.delegateIndex}`;
    const known = current.get(key);
    const isBetter =
      !known ||
      (known.revokedAt !== null && badge.revokedAt === null) ||
      (known.revokedAt !== null && badge.revokedAt !== null && badge.revokedAt.getTime() > known.revokedAt.getTime());
    if (isBetter) current.set(key, badge);
  }
  return current;
}

/** The standing badge tokens by "<list id>#<delegate index>": a revoked badge is printed nowhere. */
export function standingTokens(badges: ReadonlyMap<string, BadgeRow>): Map<string, string> {
  return new Map([...badges].filter(([, b]) => b.revokedAt === null).map(([key, b]) => [key, b.token]));
}

/** What meetings need of the registry. */
export interface MeetingFacts {
  chairOf(body: string, day: string): string | null;
  /** The party's tier on the day and what it gives (none when suspended). */
  statusOf(party: string, day: string): { readonly tier: string; readonly rights: Rights | null } | null;
  /** Parties invited to every meeting by their tier's right on the day. */
  byRightOn(day: string): readonly string[];
  hasBody(body: string): boolean;
  /** A state or organization of the registry. */
  isParty(code: string): boolean;
  names(code: string): Record<string, string> | null;
}

export function meetingFacts(registry: Registry): MeetingFacts {
  const tiers = new Map(registry.organization.tiers.map((t) => [t.code, t]));
  const names = new Map<string, Record<string, string>>();
  for (const s of registry.states) names.set(s.code, { ...s.names });
  for (const o of registry.organizations) names.set(o.code, { ...o.names });
  const byDay = new Map<string, Map<string, { tier: string; suspended: boolean }>>();
  const statuses = (day: string) => {
    let known = byDay.get(day);
    if (!known) {
      known = new Map([...statusesOn(timelineOf(registry), day)].map(([party, s]) => [party, { tier: s.tier, suspended: s.suspended }]));
      if (byDay.size > 64) byDay.clear();
      byDay.set(day, known);
    }
    return known;
  };
  return {
    chairOf: (_body, day) => recordedChairOn(registry.chairmanship, day)?.state ?? null,
    statusOf: (party, day) => {
      const status = statuses(day).get(party);
      if (!status) return null;
      return { tier: status.tier, rights: status.suspended ? null : (tiers.get(status.tier)?.rights ?? null) };
    },
    byRightOn: (day) =>
      [...statuses(day)]
        .filter(([, s]) => !s.suspended && tiers.get(s.tier)?.rights.attendByRight === true)
        .map(([party]) => party)
        .sort(),
    hasBody: (body) => registry.bodies.some((b) => b.code === body),
    isParty: (code) => names.has(code),
    names: (code) => names.get(code) ?? null,
  };
}

/** The day a meeting's registry facts apply to: its opening day at the venue, when known to the day. */
export function meetingDayOf(row: Pick<MeetingRow, "startDate" | "timePrecision">): string | null {
  return row.timePrecision === "instant" || row.timePrecision === "day" ? row.startDate.slice(0, 10) : null;
}

/** The meeting's chair: the one named, or the delegation holding the body's chairmanship on the opening day. */
export function chairOfMeeting(row: MeetingRow, facts: MeetingFacts): string | null {
  if (row.chair) return row.chair;
  if (row.start && row.timeZone) return defaultChair(row.body, { start: row.start.toISOString(), timeZone: row.timeZone }, facts.chairOf);
  const day = meetingDayOf(row);
  return day ? facts.chairOf(row.body, day) : null;
}

export function resourceOf(row: MeetingRow, invited: readonly Pick<InvitationRow, "party">[], facts: MeetingFacts): MeetingResource {
  return {
    chair: chairOfMeeting(row, facts),
    visibility: row.visibility === "public" ? "public" : "participants",
    isRecord: row.origin === "dataset" || row.origin === "summit",
    invited: new Set(invited.map((i) => i.party)),
  };
}

/** Who hears of a meeting's changes: the secretariat, its chair and the invited delegations (everyone once public). */
export function meetingAudience(resource: MeetingResource): Audience {
  if (resource.visibility === "public" || resource.isRecord) return PUBLIC_AUDIENCE;
  const parties = new Set(resource.invited);
  if (resource.chair) parties.add(resource.chair);
  return secretariatAnd(...[...parties].sort().map((delegation) => ({ delegation })));
}

/**
 * A meeting as every change to it reads it: its row, invitations, agenda and lists — the lists without their delegates,
 * whose names (thousands in a summit) only the accreditation's checks and the meeting's screens read, list by list.
 */
export interface LoadedMeeting {
  readonly row: MeetingRow;
  readonly invitations: InvitationRow[];
  readonly lists: ListRow[];
  readonly items: AgendaItemRow[];
}

/** A meeting as its screens show it: with each list's delegates (parsed when first asked for) and the badges. */
export interface ShownMeeting extends LoadedMeeting {
  delegatesOf(list: string): readonly Delegate[];
  /** Each delegate's badge by "<list id>#<delegate index>": the standing one, else the last revoked (to be reissued). */
  readonly badges: ReadonlyMap<string, BadgeRow>;
}

export async function findMeeting(db: Db, id: string): Promise<MeetingRow | null> {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, id));
  return row ?? null;
}

/** Meetings' titles by id (the audit trail names the meetings its events were about); a meeting gone since is absent. */
export async function meetingTitlesOf(db: Db, ids: readonly string[]): Promise<Map<string, Record<string, string>>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: meetings.id, title: meetings.title }).from(meetings).where(inArray(meetings.id, unique));
  return new Map(rows.map((row) => [row.id, row.title]));
}

async function loadParts(db: Db, row: MeetingRow): Promise<LoadedMeeting> {
  // One after another: inside a command's transaction they share one connection (pg refuses overlapping queries on it).
  const invitations = await db.select().from(meetingInvitations).where(eq(meetingInvitations.meetingId, row.id)).orderBy(asc(meetingInvitations.invitedAt), asc(meetingInvitations.party));
  const { delegates: _delegates, ...columns } = getTableColumns(meetingAccreditations);
  const lists = await db
    .select({ ...columns, size: sql<number>`jsonb_array_length(${meetingAccreditations.delegates})`.mapWith(Number) })
    .from(meetingAccreditations)
    .where(eq(meetingAccreditations.meetingId, row.id))
    .orderBy(asc(meetingAccreditations.createdAt), asc(meetingAccreditations.id));
  const items = await db.select().from(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, row.id)).orderBy(asc(meetingAgendaItems.ord));
  return { row, invitations, lists, items };
}

/** The delegates of the lists `ids` (of the meeting `meetingId`), by list. */
export async function delegatesOfLists(db: Db, meetingId: string, ids: readonly string[]): Promise<Map<string, Delegate[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: meetingAccreditations.id, delegates: meetingAccreditations.delegates })
    .from(meetingAccreditations)
    .where(and(eq(meetingAccreditations.meetingId, meetingId), inArray(meetingAccreditations.id, [...ids])));
  return new Map(rows.map((r) => [r.id, r.delegates]));
}

/**
 * The names on the lists `ids`, each list's as the JSON text of an array of names (one per delegate, in order): read as
 * text, so that the thread answering requests does not parse them; the duplicate check parses them in its worker.
 */
export async function namesOfLists(db: Db, meetingId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: meetingAccreditations.id, names: sql<string>`jsonb_path_query_array(${meetingAccreditations.delegates}, '$[*].name')::text` })
    .from(meetingAccreditations)
    .where(and(eq(meetingAccreditations.meetingId, meetingId), inArray(meetingAccreditations.id, [...ids])));
  return new Map(rows.map((r) => [r.id, r.names]));
}

/** Parses what namesOfLists read. */
export function parseNames(text: string): { name: LocalizedText }[] {
  return (JSON.parse(text) as LocalizedText[]).map((name) => ({ name }));
}

/**
 * The meeting as its screens show it. Every list's delegates are read as text in one query and parsed only when a screen
 * shows that list: a delegation's screen parses its own lists, not the whole summit's.
 */
export async function loadShownMeeting(db: Db, id: string): Promise<ShownMeeting | null> {
  const loaded = await loadMeeting(db, id);
  if (!loaded) return null;
  const texts = await db
    .select({ id: meetingAccreditations.id, delegates: sql<string>`${meetingAccreditations.delegates}::text` })
    .from(meetingAccreditations)
    .where(eq(meetingAccreditations.meetingId, id));
  const raw = new Map(texts.map((t) => [t.id, t.delegates]));
  const parsed = new Map<string, readonly Delegate[]>();
  const badges = await db.select().from(meetingBadges).where(eq(meetingBadges.meetingId, id));
  return {
    ...loaded,
    badges: currentBadges(badges),
    delegatesOf(list: string): readonly Delegate[] {
      let delegates = parsed.get(list);
      if (!delegates) {
        const text = raw.get(list);
        delegates = text === undefined ? [] : (JSON.parse(text) as Delegate[]);
        parsed.set(list, delegates);
      }
      return delegates;
    },
  };
}

export async function loadMeeting(db: Db, id: string): Promise<LoadedMeeting | null> {
  const row = await findMeeting(db, id);
  return row ? loadParts(db, row) : null;
}

/** Locks the meeting row (every change to a meeting takes this lock first), then reads the rest. */
export async function lockMeeting(tx: Db, id: string): Promise<LoadedMeeting> {
  const [row] = await tx.select().from(meetings).where(eq(meetings.id, id)).for("update");
  if (!row) throw notFound("meeting");
  return loadParts(tx, row);
}

/** Marks the meeting changed: its version grows (clients and caches compare it). */
export async function touchMeeting(tx: Db, row: MeetingRow, now: Date, set: Partial<typeof meetings.$inferInsert> = {}): Promise<number> {
  const version = row.version + 1;
  await tx.update(meetings).set({ ...set, version, updatedAt: now }).where(eq(meetings.id, row.id));
  return version;
}

export async function findInvitation(db: Db, meetingId: string, party: string): Promise<InvitationRow | null> {
  const [row] = await db.select().from(meetingInvitations).where(and(eq(meetingInvitations.meetingId, meetingId), eq(meetingInvitations.party, party)));
  return row ?? null;
}
