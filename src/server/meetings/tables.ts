// Meetings' tables: the meeting, the delegations invited to it, accreditation lists, agenda items (each with its list of
// speakers), changes made to an adopted agenda, and badges (the token a badge's QR code carries).
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import type { Delegate } from "../../domain/meetings/accreditation.js";
import type { SpeakersList } from "../../domain/meetings/speakers.js";

export const meetings = pgTable(
  "meetings",
  {
    id: text().primaryKey(),
    body: text().notNull(),
    number: text(),
    title: jsonb().$type<Record<string, string>>().notNull(),
    /** Instants, when the times are known; null for a meeting known only by its dates. */
    start: timestamp({ withTimezone: true }),
    end: timestamp({ withTimezone: true }),
    timeZone: text(),
    /** First and last day at the venue, at the precision known ("2025-07"). */
    startDate: text().notNull(),
    endDate: text().notNull(),
    timePrecision: text().notNull(),
    format: text(),
    city: jsonb().$type<Record<string, string>>(),
    venueState: text(),
    host: text(),
    /** The chair when named; null: the delegation chairing the body on the opening day. */
    chair: text(),
    status: text().notNull(),
    visibility: text().notNull().default("participants"),
    /** Where the meeting came from: the organization's dataset, the demonstration, or the secretariat. */
    origin: text().notNull(),
    isDemo: boolean().notNull().default(false),
    source: text(),
    note: jsonb().$type<Record<string, string>>(),
    /** Delegates an invited delegation may accredit unless its invitation says otherwise. */
    defaultQuota: integer().notNull().default(10),
    agendaAdoptedAt: timestamp({ withTimezone: true }),
    agendaChanges: jsonb().$type<{ at: string; by: string | null; item: string; change: string; reason: string | null }[]>().notNull().default([]),
    outcome: jsonb().$type<{ documents: { number: string; title: Record<string, string> }[]; attendance: string[] }>().notNull().default({ documents: [], attendance: [] }),
    /** Grows with every change to the meeting or anything in it. */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("meetings_body_start").on(t.body, t.startDate)],
);

export const meetingInvitations = pgTable(
  "meeting_invitations",
  {
    meetingId: text()
      .notNull()
      .references(() => meetings.id),
    party: text().notNull(),
    /** by_right, invited (by the chair) or guest. */
    basis: text().notNull(),
    /** A guest's name when it is not in the registry. */
    names: jsonb().$type<Record<string, string>>(),
    quota: integer().notNull(),
    maySpeak: boolean().notNull().default(false),
    response: text().notNull().default("pending"),
    headLevel: text(),
    version: integer().notNull().default(1),
    invitedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.party] })],
);

export const meetingAccreditations = pgTable(
  "meeting_accreditations",
  {
    id: text().primaryKey(),
    meetingId: text()
      .notNull()
      .references(() => meetings.id),
    delegation: text().notNull(),
    state: text().notNull(),
    delegates: jsonb().$type<Delegate[]>().notNull(),
    returnReason: text(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("meeting_accreditations_meeting").on(t.meetingId, t.delegation)],
);

export const meetingAgendaItems = pgTable(
  "meeting_agenda_items",
  {
    meetingId: text()
      .notNull()
      .references(() => meetings.id),
    id: text().notNull(),
    ord: integer().notNull(),
    title: jsonb().$type<Record<string, string>>().notNull(),
    rapporteur: text(),
    start: timestamp({ withTimezone: true }),
    end: timestamp({ withTimezone: true }),
    documents: jsonb().$type<string[]>().notNull().default([]),
    speakers: jsonb().$type<SpeakersList>().notNull(),
    /** Floor requests made so far, for their identifiers. */
    requestCount: integer().notNull().default(0),
    version: integer().notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.id] })],
);

/** The badges of accredited delegates: the token a QR code carries, for the verification page; one standing per delegate, the revoked ones kept so that they verify as revoked. */
export const meetingBadges = pgTable(
  "meeting_badges",
  {
    token: text().primaryKey(),
    meetingId: text()
      .notNull()
      .references(() => meetings.id),
    listId: text()
      .notNull()
      .references(() => meetingAccreditations.id),
    delegateIndex: integer().notNull(),
    issuedAt: timestamp({ withTimezone: true }).notNull(),
    /** When the secretariat revoked it (it then verifies as revoked, with the reason); null while it stands. */
    revokedAt: timestamp({ withTimezone: true }),
    /** Why, as a code the verification page translates (lost, stolen…, or reissued). */
    revocationReason: text(),
  },
  (t) => [index("meeting_badges_list").on(t.listId)],
);
