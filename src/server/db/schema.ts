// The database schema as code; `npm run db:generate` turns changes into SQL migrations under migrations/.
import { bigint, boolean, date, integer, jsonb, pgTable, text, index, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { LocalizedText } from "../../domain/localized-text.js";
import type { OrganizationProfile } from "../../domain/registry.js";

// Registry rows keep `position`, the order of the dataset they came from, so an export reproduces it exactly.
// Partial dates keep their text ("2004", "2004-06", "2004-06-17"), their precision, and the first day they may denote.

export const organization = pgTable("organization", {
  code: text().primaryKey(),
  profile: jsonb().$type<OrganizationProfile>().notNull(),
});

export const sources = pgTable("sources", {
  key: text().primaryKey(),
  title: jsonb().$type<LocalizedText>().notNull(),
  year: integer(),
  position: integer().notNull(),
});

export const states = pgTable("states", {
  code: text().primaryKey(),
  isoNumeric: text().notNull(),
  names: jsonb().$type<LocalizedText>().notNull(),
  source: text().notNull().references(() => sources.key),
  position: integer().notNull(),
});

export const internationalOrganizations = pgTable("international_organizations", {
  code: text().primaryKey(),
  names: jsonb().$type<LocalizedText>().notNull(),
  shortNames: jsonb().$type<LocalizedText>().notNull(),
  relation: text().notNull(),
  source: text().notNull().references(() => sources.key),
  position: integer().notNull(),
});

export const bodies = pgTable("bodies", {
  code: text().primaryKey(),
  kind: text().notNull(),
  names: jsonb().$type<LocalizedText>().notNull(),
  shortNames: jsonb().$type<LocalizedText>().notNull(),
  description: jsonb().$type<LocalizedText>().notNull(),
  seat: jsonb().$type<LocalizedText>(),
  order: integer().notNull(),
  source: text().notNull().references(() => sources.key),
  position: integer().notNull(),
});

export const decisions = pgTable("decisions", {
  id: text().primaryKey(),
  body: text().notNull().references(() => bodies.code),
  date: text().notNull(),
  datePrecision: text().notNull(),
  dateStart: date().notNull(),
  title: jsonb().$type<LocalizedText>().notNull(),
  source: text().notNull().references(() => sources.key),
  position: integer().notNull(),
});

export const membershipEvents = pgTable(
  "membership_events",
  {
    id: text().primaryKey(),
    state: text().notNull().references(() => states.code),
    kind: text().notNull(),
    tier: text(),
    date: text().notNull(),
    datePrecision: text().notNull(),
    dateStart: date().notNull(),
    decision: text().notNull().references(() => decisions.id),
    source: text().notNull().references(() => sources.key),
    position: integer().notNull(),
  },
  (t) => [index("membership_events_state_date").on(t.state, t.dateStart)],
);

export const summits = pgTable("summits", {
  id: text().primaryKey(),
  body: text().notNull().references(() => bodies.code),
  host: text().notNull().references(() => states.code),
  city: jsonb().$type<LocalizedText>().notNull(),
  start: text().notNull(),
  startPrecision: text().notNull(),
  startDay: date().notNull(),
  end: text(),
  format: text().notNull(),
  source: text().notNull().references(() => sources.key),
  position: integer().notNull(),
});

export const chairmanshipTerms = pgTable("chairmanship_terms", {
  id: text().primaryKey(),
  state: text().notNull().references(() => states.code),
  start: text().notNull(),
  startPrecision: text().notNull(),
  startDay: date().notNull(),
  end: text(),
  slogan: jsonb().$type<LocalizedText>(),
  source: text().notNull().references(() => sources.key),
  position: integer().notNull(),
});

export const rotationEntries = pgTable("rotation_entries", {
  state: text().primaryKey().references(() => states.code),
  inRotationFrom: text().notNull(),
  source: text().notNull().references(() => sources.key),
  position: integer().notNull(),
});

export const secretariesGeneral = pgTable("secretaries_general", {
  id: text().primaryKey(),
  names: jsonb().$type<LocalizedText>().notNull(),
  state: text().notNull().references(() => states.code),
  title: jsonb().$type<LocalizedText>().notNull(),
  from: text().notNull(),
  to: text(),
  source: text().notNull().references(() => sources.key),
  position: integer().notNull(),
});

// ---- Identity: delegations, users, server-side sessions, sign-in throttling.

/** A delegation of a state or an international organization, named by that party's code. */
export const delegations = pgTable("delegations", {
  code: text().primaryKey(),
  partyKind: text().notNull(),
  isActive: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  "users",
  {
    id: text().primaryKey(),
    email: text().notNull(),
    displayName: text().notNull(),
    role: text().notNull(),
    delegation: text().references(() => delegations.code),
    passwordHash: text(),
    oidcIssuer: text(),
    oidcSubject: text(),
    isActive: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    passwordChangedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("users_email").on(t.email), uniqueIndex("users_oidc").on(t.oidcIssuer, t.oidcSubject)],
);

/** A signed-in session; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    address: text(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** Consecutive sign-in failures per key ("account:<email>" or "address:<ip>"). */
export const signInThrottle = pgTable("sign_in_throttle", {
  key: text().primaryKey(),
  failures: integer().notNull(),
  lastFailureAt: bigint({ mode: "number" }).notNull(),
});

// ---- Audit trail: append-only, hash-chained.

export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigint({ mode: "number" }).primaryKey(),
    id: text().notNull(),
    at: text().notNull(),
    actorUserId: text(),
    actorDelegation: text(),
    address: text(),
    action: text().notNull(),
    target: text(),
    payload: jsonb().notNull(),
    payloadHash: text().notNull(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [index("audit_events_delegation").on(t.actorDelegation, t.seq), index("audit_events_action").on(t.action, t.seq)],
);
