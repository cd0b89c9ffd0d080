// Every change to a meeting is a named command: the meeting row locked, the policy checked on what was loaded, the pure
// core deciding, an audit event, and a live event on the stream meeting:<id> for the meeting's readers.
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type {
  BadgeReissueRequestSchema,
  BadgeRevocationRequestSchema,
  AccreditationDecisionRequestSchema,
  AccreditationEditRequestSchema,
  AccreditationRequestSchema,
  AgendaItemChangeRequestSchema,
  AgendaItemRequestSchema,
  CreateMeetingRequestSchema,
  FloorActionRequestSchema,
  FloorRequestSchema,
  InvitationChangeRequestSchema,
  InviteRequestSchema,
  OutcomeRequestSchema,
  ParticipationRequestSchema,
  UpdateMeetingRequestSchema,
} from "../../contracts/meetings.js";
import { isSecretariat } from "../../domain/access.js";
import { conflict, invalid, notFound } from "../../domain/errors.js";
import {
  AccreditationError,
  approveList,
  draftList,
  HOLDING_ON_APPROVAL,
  HOLDING_ON_SUBMIT,
  editList,
  returnList,
  submitList,
  type AccreditationList,
  type AccreditationState,
  type BadgeRevocationReason,
  type Delegate,
  type MeetingAccreditation,
} from "../../domain/meetings/accreditation.js";
import { checkAdoption, checkAgendaChange, placeItem } from "../../domain/meetings/agenda.js";
import { localDateTime, MeetingError, meetingSchedule, transition, type MeetingStatus } from "../../domain/meetings/meeting.js";
import {
  closeList,
  EMPTY_LIST,
  endTurn,
  giveFloor,
  pauseClock,
  reopenList,
  requestFloor,
  resumeClock,
  withdraw,
  type SpeakersList,
} from "../../domain/meetings/speakers.js";
import { STREAMS } from "../../contracts/live.js";
import { defineCommand, definePreparedCommand, needs, SYSTEM, type CommandContext, type CommandScope, type EarlyCheck } from "../platform/commands/runner.js";
import type { Db } from "../platform/db/client.js";
import { checkInLine, conflictsNow, precheck, type DuplicateChecker, type Prechecked } from "./accreditation-check.js";
import { mayAskFloor } from "./floor-rights.js";
import { badgePolicy } from "./exports/policy.js";
import { floorRequestPolicy, meetingPolicy as policy, type MeetingResource } from "./policy.js";
import type { Permission } from "../../domain/access.js";
import {
  chairOfMeeting,
  currentBadges,
  loadMeeting,
  lockMeeting,
  meetingAudience,
  resourceOf,
  touchMeeting,
  delegatesOfLists,
  type ListRow,
  type BadgeRow,
  type LoadedMeeting,
  type MeetingFacts,
} from "./store.js";
import { meetingAccreditations, meetingAgendaItems, meetingBadges, meetingInvitations, meetings } from "./tables.js";
import { meetingStream } from "./streams.js";

type Body<S extends z.ZodType> = z.infer<S>;

/** The floor's allotted time when the chair gives none: the SCO's rules of procedure leave it to the chair; 5 minutes is the screen's default. */
export const DEFAULT_SPEAKING_SECONDS = 300;
const DEFAULT_QUOTA = 10;

export { meetingStream };

function refuse(code: "conflict" | "badge-revoked" | "invalid-state", message: string): never {
  throw conflict(code, code === "badge-revoked" ? "The badge is revoked" : code === "invalid-state" ? "Not in the state this needs" : "Conflict", message);
}

function newId(prefix = ""): string {
  return prefix + randomBytes(6).toString("base64url").replace(/[^A-Za-z0-9]/g, "x").toLowerCase();
}

/** After a change: the version grows, the change is announced to the meeting's readers. */
async function announce(c: CommandScope, loaded: LoadedMeeting, facts: MeetingFacts, type: string, payload: Record<string, unknown> = {}, set: Partial<typeof meetings.$inferInsert> = {}) {
  const version = await touchMeeting(c.tx, loaded.row, c.now, set);
  const invited = await c.tx.select({ party: meetingInvitations.party }).from(meetingInvitations).where(eq(meetingInvitations.meetingId, loaded.row.id));
  const audience = meetingAudience(resourceOf({ ...loaded.row, ...set } as typeof loaded.row, invited, facts));
  c.emit(meetingStream(loaded.row.id), type, { version, ...payload }, audience);
  return version;
}

/** The meeting named by a command's input, row locked (its invitations, lists and agenda with it). */
function lockNamed(tx: Db, input: { id: string }): Promise<LoadedMeeting> {
  return lockMeeting(tx, input.id);
}

/** The right `permission` on the meeting as loaded: a command's `access`. */
function on(permission: Permission<MeetingResource>) {
  return (loaded: LoadedMeeting, input: { facts: MeetingFacts }) => needs(permission, resourceOf(loaded.row, loaded.invitations, input.facts));
}

function checkVersion(c: CommandScope, expected: number | undefined, actual: number): void {
  c.checkVersion(expected, actual, () => ({ version: actual }));
}

// ---- Meetings

export interface MeetingInput<B> {
  readonly id: string;
  readonly request: B;
  readonly facts: MeetingFacts;
}

export const createMeeting = defineCommand({
  name: "meeting.create",
  access: () => needs(policy.create),
  run: async (
    c,
    input: {
      request: Body<typeof CreateMeetingRequestSchema>;
      facts: MeetingFacts;
      /** A demonstration meeting: set by the server's start-up only (no request carries it), shown as such everywhere. */
      isDemo?: boolean;
    },
  ): Promise<{ id: string }> => {
    const { request, facts } = input;
    if (!facts.hasBody(request.body)) throw invalid("body", "unknown-body", `The organization has no body ${request.body}.`);
    for (const [field, party] of [
      ["host", request.host],
      ["venueState", request.venueState],
      ["chair", request.chair],
    ] as const) {
      if (party && !facts.isParty(party)) throw invalid(`${field}`, "not-in-registry", `${party} is not a state or organization of the registry.`);
    }
    const schedule = meetingSchedule({ start: request.start, end: request.end, timeZone: request.timeZone, format: request.format });
    const startDate = localDateTime(schedule.start, schedule.timeZone).date;
    const endDate = localDateTime(schedule.end, schedule.timeZone).date;
    const id = `${request.body}-${startDate}-${newId()}`;
    const quota = request.quota ?? DEFAULT_QUOTA;
    await c.tx.insert(meetings).values({
      id,
      body: request.body,
      number: request.number ?? null,
      title: request.title,
      start: new Date(schedule.start),
      end: new Date(schedule.end),
      timeZone: schedule.timeZone,
      startDate,
      endDate,
      timePrecision: "instant",
      format: schedule.format,
      city: request.city ?? null,
      venueState: request.venueState ?? request.host ?? null,
      host: request.host ?? null,
      chair: request.chair ?? null,
      status: "planned",
      origin: "secretariat",
      isDemo: input.isDemo === true,
      defaultQuota: quota,
      createdAt: c.now,
      createdBy: c.actor.userId,
      updatedAt: c.now,
    });
    // Delegations whose tier is invited by right on the opening day, invited now.
    const byRight = facts.byRightOn(startDate);
    if (byRight.length > 0) {
      await c.tx.insert(meetingInvitations).values(byRight.map((party) => ({ meetingId: id, party, basis: "by_right", quota, invitedAt: c.now })));
    }
    c.audit("meeting.create", `meeting:${id}`, { body: request.body, start: schedule.start, timeZone: schedule.timeZone, ...(input.isDemo === true ? { isDemo: true } : {}) });
    const audience = meetingAudience({ chair: null, visibility: "participants", isRecord: false, invited: new Set(byRight) });
    c.emit(STREAMS.meetings, "meeting.created", { id }, audience);
    return { id };
  },
});

export const updateMeeting = defineCommand({
  name: "meeting.update",
  load: (tx, input: MeetingInput<Body<typeof UpdateMeetingRequestSchema>>) => lockNamed(tx, input),
  access: on(policy.manage),
  run: async (c, input, loaded) => {
    const { row } = loaded;
    const { request, facts } = input;
    checkVersion(c, request.version, row.version);
    const set: Partial<typeof meetings.$inferInsert> = {};
    if (request.start !== undefined || request.end !== undefined || request.timeZone !== undefined) {
      if (!row.start || !row.end) refuse("invalid-state", "A meeting known only by its dates is changed in the dataset.");
      const schedule = meetingSchedule({ start: request.start ?? row.start!, end: request.end ?? row.end!, timeZone: request.timeZone ?? row.timeZone ?? "UTC", format: row.format ?? "in_person" });
      Object.assign(set, {
        start: new Date(schedule.start),
        end: new Date(schedule.end),
        timeZone: schedule.timeZone,
        startDate: localDateTime(schedule.start, schedule.timeZone).date,
        endDate: localDateTime(schedule.end, schedule.timeZone).date,
      });
    }
    if (request.status !== undefined && request.status !== row.status) {
      // A postponed meeting comes back planned or confirmed only with its new dates.
      if (row.status === "postponed" && request.status !== "cancelled" && set.start === undefined) {
        throw (new MeetingError("invalid-transition", "A postponed meeting comes back planned or confirmed with its new dates: give them with the status.", "start"));
      }
      set.status = transition(row.status as MeetingStatus, request.status!);
    }
    if (request.visibility !== undefined) set.visibility = request.visibility;
    c.audit("meeting.update", `meeting:${row.id}`, { ...request, version: undefined });
    await announce(c, loaded, facts, "meeting.changed", { what: "meeting" }, set);
    c.emit(STREAMS.meetings, "meeting.updated", { id: row.id }, meetingAudience(resourceOf({ ...row, ...set } as typeof row, loaded.invitations, facts)));
  },
});

// ---- Invitations

export const invite = defineCommand({
  name: "meeting.invite",
  load: (tx, input: MeetingInput<Body<typeof InviteRequestSchema>>) => lockNamed(tx, input),
  // Quotas are the secretariat's: a chair invites with the meeting's default quota.
  access: (loaded, input) => [input.request.quota !== undefined && needs(policy.quota), on(policy.invite)(loaded, input)],
  run: async (c, input, loaded) => {
    const { row } = loaded;
    const { request, facts } = input;
    if (row.status === "held" || row.status === "cancelled") throw new AccreditationError("meeting-closed", `The meeting is ${row.status}.`);
    if (loaded.invitations.some((i) => i.party === request.party)) refuse("conflict", `${request.party} is invited already.`);
    const day = row.startDate.slice(0, 10);
    const status = facts.statusOf(request.party, day);
    if (request.basis === "invited") {
      // The chair invites what the tiers allow: a party with a status that gives attendance, but not by right.
      if (!status) throw invalid("party", "not-in-registry", `${request.party} holds no status in the organization on ${day}; invite it as a guest.`);
      if (!status.rights?.attend) throw invalid("party", "invalid", `The tier ${status.tier} does not attend meetings.`);
    } else if (!facts.isParty(request.party) && !request.names) {
      throw invalid("names", "required", "A guest outside the registry needs its name.");
    }
    await c.tx.insert(meetingInvitations).values({
      meetingId: row.id,
      party: request.party,
      basis: request.basis,
      names: facts.isParty(request.party) ? null : (request.names ?? null),
      quota: request.quota ?? row.defaultQuota,
      maySpeak: request.maySpeak ?? false,
      invitedAt: c.now,
    });
    c.audit("meeting.invite", `meeting:${row.id}`, { party: request.party, basis: request.basis, maySpeak: request.maySpeak ?? false });
    await announce(c, { ...loaded, invitations: [...loaded.invitations] }, facts, "meeting.changed", { what: "invitations" });
  },
});

export const changeInvitation = defineCommand({
  name: "meeting.invitation",
  load: (tx, input: MeetingInput<Body<typeof InvitationChangeRequestSchema>> & { party: string }) => lockNamed(tx, input),
  access: (loaded, input) => [input.request.quota !== undefined && needs(policy.quota), on(policy.invite)(loaded, input)],
  run: async (c, input, loaded) => {
    const { row } = loaded;
    const { request, facts } = input;
    const invitation = loaded.invitations.find((i) => i.party === input.party);
    if (!invitation) throw notFound("invitation");
    c.checkVersion(request.version, invitation.version, () => ({ version: invitation.version }));
    await c.tx
      .update(meetingInvitations)
      .set({ maySpeak: request.maySpeak ?? invitation.maySpeak, quota: request.quota ?? invitation.quota, version: invitation.version + 1 })
      .where(and(eq(meetingInvitations.meetingId, row.id), eq(meetingInvitations.party, input.party)));
    c.audit("meeting.invitation", `meeting:${row.id}`, { party: input.party, maySpeak: request.maySpeak, quota: request.quota });
    await announce(c, loaded, facts, "meeting.changed", { what: "invitations" });
  },
});

export const respond = defineCommand({
  name: "meeting.respond",
  load: (tx, input: MeetingInput<Body<typeof ParticipationRequestSchema>>) => lockNamed(tx, input),
  access: on(policy.respond),
  run: async (c, input, loaded) => {
    const { row } = loaded;
    const invitation = loaded.invitations.find((i) => i.party === c.actor.delegation)!;
    await c.tx
      .update(meetingInvitations)
      .set({ response: input.request.response, headLevel: input.request.headLevel ?? null, version: invitation.version + 1 })
      .where(and(eq(meetingInvitations.meetingId, row.id), eq(meetingInvitations.party, invitation.party)));
    c.audit("meeting.respond", `meeting:${row.id}`, { response: input.request.response, headLevel: input.request.headLevel ?? null });
    await announce(c, loaded, input.facts, "meeting.changed", { what: "invitations" });
  },
});

// ---- Accreditation

function accreditationOf(loaded: LoadedMeeting): MeetingAccreditation {
  return {
    status: loaded.row.status as MeetingStatus,
    quotas: new Map(loaded.invitations.filter((i) => i.response !== "declined").map((i) => [i.party, i.quota])),
    lists: loaded.lists.map((l) => ({ id: l.id, delegation: l.delegation, state: l.state as AccreditationState, size: l.size })),
  };
}

/** A list of the meeting with the delegates given (its own, read when needed, or those a request puts on it). */
function listOf(row: ListRow, delegates: readonly Delegate[]): AccreditationList {
  return { id: row.id, delegation: row.delegation, state: row.state as AccreditationState, delegates, returnReason: row.returnReason };
}

async function ownDelegates(db: Db, row: ListRow): Promise<Delegate[]> {
  return (await delegatesOfLists(db, row.meetingId, [row.id])).get(row.id) ?? [];
}

function delegatesOf(request: { delegates: readonly Delegate[] }): Delegate[] {
  return request.delegates.map((d) => ({ name: { ...d.name }, function: { ...d.function }, rank: d.rank }));
}

/** What the accreditation commands are given besides the request: how to run the duplicate check (the work pool's). */
export interface AccreditationInput<B> extends MeetingInput<B> {
  readonly check?: DuplicateChecker;
}

interface PreparedAccreditation<I> {
  readonly input: I;
  /** The duplicate check made before the transaction; null when none was needed or the list read then is not current. */
  readonly prechecked: Prechecked | null;
}

/**
 * Before the transaction: the caller's right on the meeting as read now (so that a caller without it costs no check), the
 * change tried on the meeting's counts as read now (so that a list over the quota costs no check either), then the
 * duplicate check of the list in the work pool. All of it is done again, cheaply, under the meeting's lock.
 */
async function prepareAccreditation<I extends AccreditationInput<unknown>>(
  input: I,
  context: CommandContext,
  db: Db,
  early: EarlyCheck<PreparedAccreditation<I>, LoadedMeeting>,
  listOfCaller: (loaded: LoadedMeeting) => Promise<{ list: AccreditationList; isNew: boolean; states: readonly AccreditationState[] } | null>,
  rehearse: (meeting: MeetingAccreditation, list: AccreditationList) => void,
): Promise<PreparedAccreditation<I>> {
  const loaded = await loadMeeting(db, input.id);
  if (!loaded) throw notFound("meeting");
  early(loaded, { input, prechecked: null });
  const candidate = await listOfCaller(loaded);
  if (!candidate) return { input, prechecked: null };
  rehearse(accreditationOf(loaded), candidate.list);
  const { list } = candidate;
  return { input, prechecked: await precheck(input.check ?? checkInLine, db, { id: loaded.row.id, lists: loaded.lists }, { ...list, id: candidate.isNew ? null : list.id }, candidate.states) };
}

/** The early check of an accreditation command, before its duplicate check. */
type Early<I> = EarlyCheck<PreparedAccreditation<I>, LoadedMeeting>;

function versionsOf(loaded: LoadedMeeting): Map<string, number> {
  return new Map(loaded.lists.map((l) => [l.id, l.version]));
}

/** A list about to be submitted, as the checks before the transaction see it (its id not yet given when it is new). */
const PENDING_LIST = "pending";

export const submitAccreditation = definePreparedCommand({
  name: "accreditation.submit",
  prepare: (input: AccreditationInput<Body<typeof AccreditationRequestSchema>>, context: CommandContext, db: Db, early: Early<AccreditationInput<Body<typeof AccreditationRequestSchema>>>) =>
    prepareAccreditation(
      input,
      context,
      db,
      early,
      async () =>
        input.request.submit === false || !context.actor.delegation
          ? null
          : { list: { id: PENDING_LIST, delegation: context.actor.delegation, state: "draft", delegates: delegatesOf(input.request), returnReason: null }, isNew: true, states: HOLDING_ON_SUBMIT },
      (meeting, list) => submitList(meeting, draftList(meeting, list.id, list.delegation, list.delegates), []),
    ),
  load: (tx, prepared) => lockNamed(tx, prepared.input),
  access: (loaded, prepared) => on(policy.accredit)(loaded, prepared.input),
  run: async (c, { input, prechecked }, loaded): Promise<{ list: string }> => {
    const { row } = loaded;
    const delegation = c.actor.delegation!;
    const meeting = accreditationOf(loaded);
    const id = newId("l");
    const draft = draftList(meeting, id, delegation, delegatesOf(input.request));
    const list =
      input.request.submit === false
        ? draft
        : await (async () => {
            submitList(meeting, draft, []); // quota, bound and state first: a refused list reads no names
            const conflicts = await conflictsNow(c.tx, row.id, prechecked, meeting, versionsOf(loaded), draft, HOLDING_ON_SUBMIT);
            return (submitList(meeting, draft, conflicts));
          })();
    await c.tx.insert(meetingAccreditations).values({ id, meetingId: row.id, delegation, state: list.state, delegates: [...list.delegates], createdAt: c.now, updatedAt: c.now });
    c.audit("accreditation.submit", `meeting:${row.id}`, { list: id, delegates: list.delegates.length, state: list.state });
    await announce(c, loaded, input.facts, "meeting.changed", { what: "accreditation" });
    return { list: id };
  },
});
export const editAccreditation = definePreparedCommand({
  name: "accreditation.edit",
  prepare: (input: AccreditationInput<Body<typeof AccreditationEditRequestSchema>> & { list: string }, context: CommandContext, db: Db, early: Early<AccreditationInput<Body<typeof AccreditationEditRequestSchema>> & { list: string }>) =>
    prepareAccreditation(
      input,
      context,
      db,
      early,
      async (loaded) => {
        const existing = loaded.lists.find((l) => l.id === input.list && l.delegation === context.actor.delegation);
        if (input.request.submit === false || !existing) return null;
        return { list: listOf(existing, delegatesOf(input.request)), isNew: false, states: HOLDING_ON_SUBMIT };
      },
      (meeting, list) => submitList(meeting, editList(list, list.delegates), []),
    ),
  load: (tx, prepared) => lockNamed(tx, prepared.input),
  access: (loaded, prepared) => on(policy.accredit)(loaded, prepared.input),
  run: async (c, { input, prechecked }, loaded) => {
    const { row } = loaded;
    const existing = loaded.lists.find((l) => l.id === input.list && l.delegation === c.actor.delegation);
    if (!existing) throw notFound("accreditation list");
    c.checkVersion(input.request.version, existing.version, () => ({ version: existing.version }));
    const meeting = accreditationOf(loaded);
    // editList keeps the list's id, delegation and state rules; its delegates are the request's.
    const edited = editList(listOf(existing, []), delegatesOf(input.request));
    const list =
      input.request.submit === false
        ? edited
        : await (async () => {
            submitList(meeting, edited, []);
            const conflicts = await conflictsNow(c.tx, row.id, prechecked, meeting, versionsOf(loaded), edited, HOLDING_ON_SUBMIT);
            return (submitList(meeting, edited, conflicts));
          })();
    await c.tx
      .update(meetingAccreditations)
      .set({ state: list.state, delegates: [...list.delegates], returnReason: list.returnReason, version: existing.version + 1, updatedAt: c.now })
      .where(eq(meetingAccreditations.id, existing.id));
    c.audit("accreditation.edit", `meeting:${row.id}`, { list: existing.id, delegates: list.delegates.length, state: list.state });
    await announce(c, loaded, input.facts, "meeting.changed", { what: "accreditation" });
  },
});

export const decideAccreditation = definePreparedCommand({
  name: "accreditation.decide",
  prepare: (input: AccreditationInput<Body<typeof AccreditationDecisionRequestSchema>> & { list: string }, context: CommandContext, db: Db, early: Early<AccreditationInput<Body<typeof AccreditationDecisionRequestSchema>> & { list: string }>) =>
    prepareAccreditation(
      input,
      context,
      db,
      early,
      async (loaded) => {
        const existing = loaded.lists.find((l) => l.id === input.list);
        // Only an approval checks names; a list read at another version than the request's is refused under the lock anyway.
        if (input.request.decision !== "approve" || !existing || existing.version !== input.request.version) return null;
        return { list: listOf(existing, await ownDelegates(db, existing)), isNew: false, states: HOLDING_ON_APPROVAL };
      },
      (meeting, list) => approveList(meeting, list, []),
    ),
  load: (tx, prepared) => lockNamed(tx, prepared.input),
  access: (loaded, prepared) => on(policy.decide)(loaded, prepared.input),
  run: async (c, { input, prechecked }, loaded) => {
    const { row } = loaded;
    const existing = loaded.lists.find((l) => l.id === input.list);
    if (!existing) throw notFound("accreditation list");
    c.checkVersion(input.request.version, existing.version, () => ({ version: existing.version }));
    const meeting = accreditationOf(loaded);
    let list: AccreditationList;
    if (input.request.decision === "approve") {
      const candidate = listOf(existing, await ownDelegates(c.tx, existing));
      approveList(meeting, candidate, []);
      const conflicts = await conflictsNow(c.tx, row.id, prechecked, meeting, versionsOf(loaded), candidate, HOLDING_ON_APPROVAL);
      list = approveList(meeting, candidate, conflicts);
    } else {
      list = returnList(listOf(existing, []), input.request.reason ?? "");
    }
    await c.tx
      .update(meetingAccreditations)
      .set({ state: list.state, returnReason: list.returnReason, version: existing.version + 1, updatedAt: c.now })
      .where(eq(meetingAccreditations.id, existing.id));
    if (list.state === "approved") {
      // One badge per delegate, its token unguessable (the QR code on the badge carries it to the verification page).
      await c.tx.delete(meetingBadges).where(eq(meetingBadges.listId, existing.id));
      await c.tx.insert(meetingBadges).values(list.delegates.map((_, index) => ({ token: newBadgeToken(), meetingId: row.id, listId: existing.id, delegateIndex: index, issuedAt: c.now })));
    }
    c.audit("accreditation.decide", `meeting:${row.id}`, { list: existing.id, delegation: existing.delegation, decision: input.request.decision, reason: list.returnReason });
    await announce(c, loaded, input.facts, "meeting.changed", { what: "accreditation" });
  },
});

// ---- Badges

export interface BadgeInput<B> extends MeetingInput<B> {
  readonly token: string;
}

/** The meeting's badge with this token, with its list (404 when the token is not one of this meeting's badges). */
function badgeOf(loaded: LoadedMeeting, rows: readonly BadgeRow[], token: string) {
  const badge = rows.find((b) => b.token === token);
  const list = badge ? loaded.lists.find((l) => l.id === badge.listId) : undefined;
  if (!badge || !list || badge.delegateIndex >= list.size) throw notFound("badge");
  return { badge, list };
}

async function badgeRows(c: CommandScope, meetingId: string): Promise<BadgeRow[]> {
  return c.tx.select().from(meetingBadges).where(eq(meetingBadges.meetingId, meetingId));
}

function newBadgeToken(): string {
  // Hexadecimal, so that it never starts with a sign a spreadsheet would read as a formula.
  return randomBytes(16).toString("hex");
}

export const revokeBadge = defineCommand({
  name: "badge.revoke",
  load: (tx, input: BadgeInput<Body<typeof BadgeRevocationRequestSchema>>) => lockNamed(tx, input),
  access: () => needs(badgePolicy.revoke),
  run: async (c, input, loaded) => {
    const { badge, list } = badgeOf(loaded, await badgeRows(c, loaded.row.id), input.token);
    if (badge.revokedAt) refuse("badge-revoked", "The badge is revoked already; reissue the delegate a new one.");
    const reason = input.request.reason as BadgeRevocationReason;
    await c.tx.update(meetingBadges).set({ revokedAt: c.now, revocationReason: reason }).where(eq(meetingBadges.token, badge.token));
    c.audit("badge.revoke", `meeting:${loaded.row.id}`, { list: list.id, delegation: list.delegation, delegate: badge.delegateIndex, reason });
    await announce(c, loaded, input.facts, "meeting.changed", { what: "badges" });
  },
});

export const reissueBadge = defineCommand({
  name: "badge.reissue",
  load: (tx, input: BadgeInput<Body<typeof BadgeReissueRequestSchema>>) => lockNamed(tx, input),
  access: () => needs(badgePolicy.revoke),
  run: async (c, input, loaded): Promise<{ token: string }> => {
    const rows = await badgeRows(c, loaded.row.id);
    const { badge, list } = badgeOf(loaded, rows, input.token);
    // Reissued from the delegate's current badge only: an older token was replaced already.
    const current = currentBadges(rows).get(`${badge.listId}#${badge.delegateIndex}`);
    if (current?.token !== badge.token) refuse("badge-revoked", "This badge was replaced by a newer one; reissue that one.");
    if (list.state !== "approved") refuse("invalid-state", "Only the delegates of an approved list have badges.");
    if (!badge.revokedAt) await c.tx.update(meetingBadges).set({ revokedAt: c.now, revocationReason: "reissued" }).where(eq(meetingBadges.token, badge.token));
    const token = newBadgeToken();
    await c.tx.insert(meetingBadges).values({ token, meetingId: loaded.row.id, listId: list.id, delegateIndex: badge.delegateIndex, issuedAt: c.now });
    c.audit("badge.reissue", `meeting:${loaded.row.id}`, { list: list.id, delegation: list.delegation, delegate: badge.delegateIndex });
    await announce(c, loaded, input.facts, "meeting.changed", { what: "badges" });
    return { token };
  },
});

// ---- Agenda

/** Whether the actor presides: the meeting's chair delegation. After adoption the secretariat no longer changes the agenda alone. */
function presides(c: CommandScope, loaded: LoadedMeeting, facts: MeetingFacts): boolean {
  return c.context.isSystem === true || (c.actor.delegation !== null && c.actor.delegation === chairOfMeeting(loaded.row, facts));
}

function agendaChange(c: CommandScope, loaded: LoadedMeeting, facts: MeetingFacts, reason: string | undefined): string | null {
  return (checkAgendaChange({ isAdopted: loaded.row.agendaAdoptedAt !== null, isChair: presides(c, loaded, facts), reason }));
}

async function reorder(c: CommandScope, meetingId: string, order: readonly string[]): Promise<void> {
  for (const [ord, id] of order.entries()) {
    await c.tx.update(meetingAgendaItems).set({ ord }).where(and(eq(meetingAgendaItems.meetingId, meetingId), eq(meetingAgendaItems.id, id)));
  }
}

function recordChange(loaded: LoadedMeeting, c: CommandScope, item: string, change: string, reason: string | null) {
  return reason === null ? {} : { agendaChanges: [...loaded.row.agendaChanges, { at: c.now.toISOString(), by: c.actor.delegation, item, change, reason }] };
}

export const addAgendaItem = defineCommand({
  name: "agenda.add",
  load: (tx, input: MeetingInput<Body<typeof AgendaItemRequestSchema>>) => lockNamed(tx, input),
  access: on(policy.agenda),
  run: async (c, input, loaded): Promise<{ item: string }> => {
    const { request, facts } = input;
    const reason = agendaChange(c, loaded, facts, request.reason);
    checkVersion(c, request.version, loaded.row.version);
    const id = newId("i");
    const order = placeItem(loaded.items, id, request.after);
    await c.tx.insert(meetingAgendaItems).values({
      meetingId: loaded.row.id,
      id,
      ord: order.indexOf(id),
      title: request.title,
      rapporteur: request.rapporteur ?? null,
      start: request.start ? new Date(request.start) : null,
      end: request.end ? new Date(request.end) : null,
      documents: request.documents ?? [],
      speakers: EMPTY_LIST,
    });
    await reorder(c, loaded.row.id, order);
    c.audit("agenda.add", `meeting:${loaded.row.id}`, { item: id, title: request.title, reason });
    await announce(c, loaded, facts, "meeting.changed", { what: "agenda" }, recordChange(loaded, c, id, "added", reason));
    return { item: id };
  },
});

export const changeAgendaItem = defineCommand({
  name: "agenda.change",
  load: (tx, input: MeetingInput<Body<typeof AgendaItemChangeRequestSchema>> & { item: string }) => lockNamed(tx, input),
  access: on(policy.agenda),
  run: async (c, input, loaded) => {
    const { request, facts } = input;
    const reason = agendaChange(c, loaded, facts, request.reason);
    checkVersion(c, request.version, loaded.row.version);
    const item = loaded.items.find((i) => i.id === input.item);
    if (!item) throw notFound("agenda item");
    const where = and(eq(meetingAgendaItems.meetingId, loaded.row.id), eq(meetingAgendaItems.id, item.id));
    if (request.remove === true) {
      await c.tx.delete(meetingAgendaItems).where(where);
      await reorder(c, loaded.row.id, loaded.items.filter((i) => i.id !== item.id).map((i) => i.id));
    } else {
      await c.tx
        .update(meetingAgendaItems)
        .set({
          ...(request.title !== undefined ? { title: request.title } : {}),
          ...(request.rapporteur !== undefined ? { rapporteur: request.rapporteur } : {}),
          ...(request.start !== undefined ? { start: request.start ? new Date(request.start) : null } : {}),
          ...(request.end !== undefined ? { end: request.end ? new Date(request.end) : null } : {}),
          ...(request.documents !== undefined ? { documents: request.documents } : {}),
          version: item.version + 1,
        })
        .where(where);
    }
    const change = request.remove === true ? "removed" : "changed";
    c.audit("agenda.change", `meeting:${loaded.row.id}`, { item: item.id, title: request.title ?? item.title, change, reason });
    await announce(c, loaded, facts, "meeting.changed", { what: "agenda" }, recordChange(loaded, c, item.id, change, reason));
  },
});

export const adoptAgenda = defineCommand({
  name: "agenda.adopt",
  load: (tx, input: MeetingInput<{ version: number }>) => lockNamed(tx, input),
  access: on(policy.agenda),
  run: async (c, input, loaded) => {
    checkVersion(c, input.request.version, loaded.row.version);
    checkAdoption(loaded.row.agendaAdoptedAt !== null, loaded.items.length);
    c.audit("agenda.adopt", `meeting:${loaded.row.id}`, { items: loaded.items.length });
    await announce(c, loaded, input.facts, "meeting.changed", { what: "agenda" }, { agendaAdoptedAt: c.now });
  },
});

// ---- The list of speakers

async function saveSpeakers(c: CommandScope, loaded: LoadedMeeting, facts: MeetingFacts, itemId: string, speakers: SpeakersList, requestCount?: number) {
  const item = loaded.items.find((i) => i.id === itemId)!;
  await c.tx
    .update(meetingAgendaItems)
    .set({ speakers, version: item.version + 1, ...(requestCount !== undefined ? { requestCount } : {}) })
    .where(and(eq(meetingAgendaItems.meetingId, loaded.row.id), eq(meetingAgendaItems.id, itemId)));
  // The list travels with the event: every screen shows the new speaker and clock without asking again.
  await announce(c, loaded, facts, "meeting.floor", { item: itemId, speakers });
}

function itemOf(loaded: LoadedMeeting, itemId: string) {
  const item = loaded.items.find((i) => i.id === itemId);
  if (!item) throw notFound("agenda item");
  return item;
}

export const askFloor = defineCommand({
  name: "floor.request",
  load: (tx, input: MeetingInput<Body<typeof FloorRequestSchema>> & { item: string }) => lockNamed(tx, input),
  access: on(policy.askFloor),
  run: async (c, input, loaded) => {
    const { facts, request } = input;
    const delegation = isSecretariat(c.actor) ? request.delegation : c.actor.delegation;
    if (!delegation) throw invalid("delegation", "required", "Say for which delegation the secretariat asks.");
    if (!isSecretariat(c.actor) && request.delegation !== undefined && request.delegation !== delegation) {
      throw invalid("delegation", "invalid", "A delegation asks for the floor for itself.");
    }
    const item = itemOf(loaded, input.item);
    const invitation = loaded.invitations.find((i) => i.party === delegation);
    if (!invitation) throw new AccreditationError("not-invited", `${delegation} is not invited to this meeting.`);
    const mayAsk = mayAskFloor(invitation, facts, loaded.row.startDate.slice(0, 10));
    const count = item.requestCount + 1;
    const speakers = requestFloor(item.speakers, { id: `r${count}`, delegation, kind: request.kind, requestedAt: c.now.toISOString() }, mayAsk);
    c.audit("floor.request", `meeting:${loaded.row.id}`, { item: item.id, title: item.title, delegation, kind: request.kind });
    await saveSpeakers(c, loaded, facts, item.id, speakers, count);
  },
});

export const actOnFloor = defineCommand({
  name: "floor.manage",
  load: (tx, input: MeetingInput<Body<typeof FloorActionRequestSchema>> & { item: string }) => lockNamed(tx, input),
  access: (loaded, input) => {
    const meeting = resourceOf(loaded.row, loaded.invitations, input.facts);
    const action = input.request;
    if (action.action !== "withdraw") return needs(policy.floor, meeting);
    // A delegation withdraws its own request; the chair any.
    const requester = loaded.items.find((i) => i.id === input.item)?.speakers.queue.find((r) => r.id === action.request)?.delegation ?? null;
    return needs(floorRequestPolicy.withdraw, { ...meeting, requester });
  },
  run: async (c, input, loaded) => {
    const { facts, request } = input;
    const item = itemOf(loaded, input.item);
    const now = c.now.toISOString();
    const list = item.speakers;
    const speakers = ((): SpeakersList => {
      switch (request.action) {
        case "give":
          return giveFloor(list, now, request.seconds ?? DEFAULT_SPEAKING_SECONDS, request.request);
        case "end":
          return endTurn(list, now);
        case "pause":
          return pauseClock(list, now);
        case "resume":
          return resumeClock(list, now);
        case "withdraw":
          return withdraw(list, request.request);
        case "close":
          return closeList(list);
        case "reopen":
          return reopenList(list);
      }
    })();
    c.audit("floor.manage", `meeting:${loaded.row.id}`, { item: item.id, title: item.title, action: request.action, delegation: speakers.current?.delegation ?? null });
    await saveSpeakers(c, loaded, facts, item.id, speakers);
  },
});

// ---- Outcome

export const recordOutcome = defineCommand({
  name: "meeting.outcome",
  load: (tx, input: MeetingInput<Body<typeof OutcomeRequestSchema>>) => lockNamed(tx, input),
  access: on(policy.manage),
  run: async (c, input, loaded) => {
    checkVersion(c, input.request.version, loaded.row.version);
    const outcome = {
      documents: input.request.documents ?? loaded.row.outcome.documents,
      attendance: input.request.attendance ? [...new Set(input.request.attendance)].sort() : loaded.row.outcome.attendance,
    };
    const unknown = outcome.attendance.filter((p) => !loaded.invitations.some((i) => i.party === p));
    if (unknown.length > 0) throw invalid("attendance", "invalid", `Not invited: ${unknown.join(", ")}.`);
    c.audit("meeting.outcome", `meeting:${loaded.row.id}`, { documents: outcome.documents.length, attendance: outcome.attendance.length });
    await announce(c, loaded, input.facts, "meeting.changed", { what: "outcome" }, { outcome });
  },
});

// ---- The demonstration

/**
 * Removes a demonstration meeting that is not in session (over, or moved to other dates), with everything in it, so that a
 * new one can be staged for today (src/server/meetings/demo.ts). Only a demonstration, and never during its session
 * (checked under the meeting's lock, so that of several processes one removes it): the organization's meetings are never
 * removed. Answers whether it did.
 */
export const removeDemoMeeting = defineCommand({
  name: "meeting.demo-remove",
  load: async (tx, input: { id: string; facts: MeetingFacts }) => {
    const [row] = await tx.select().from(meetings).where(eq(meetings.id, input.id)).for("update");
    return row;
  },
  access: () => SYSTEM,
  run: async (c, input, row): Promise<boolean> => {
    const isInSession = row?.start != null && row.end !== null && row.start.getTime() <= c.now.getTime() && row.end.getTime() > c.now.getTime();
    if (!row || !row.isDemo || isInSession) return false;
    const invited = await c.tx.select({ party: meetingInvitations.party }).from(meetingInvitations).where(eq(meetingInvitations.meetingId, row.id));
    for (const table of [meetingBadges, meetingAgendaItems, meetingAccreditations, meetingInvitations]) await c.tx.delete(table).where(eq(table.meetingId, row.id));
    await c.tx.delete(meetings).where(eq(meetings.id, row.id));
    c.audit("meeting.demo-remove", `meeting:${row.id}`, { start: row.start?.toISOString() ?? null, end: row.end?.toISOString() ?? null });
    // Open screens of it and the lists learn that it is gone.
    const audience = meetingAudience(resourceOf(row, invited, input.facts));
    c.emit(meetingStream(row.id), "meeting.changed", { version: row.version + 1, what: "meeting" }, audience);
    c.emit(STREAMS.meetings, "meeting.updated", { id: row.id }, audience);
    return true;
  },
});
