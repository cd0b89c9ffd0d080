// The registry's tables: the organization, its states and their history, bodies, decisions, summits, chairmanship and rotation.
import { bigserial, boolean, date, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { LocalizedText } from "../../domain/localized-text.js";
import type { Accession, OrganizationProfile, ReportedQualifier } from "../../domain/registry.js";

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
  url: text(),
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
  isSupreme: boolean(),
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
    reason: jsonb().$type<LocalizedText>(),
    position: integer().notNull(),
  },
  (t) => [index("membership_events_state_date").on(t.state, t.dateStart)],
);

/** "Every holder of these tiers holds that tier from this date": one record, expanded when the history is replayed. */
export const reclassifications = pgTable("reclassifications", {
  id: text().primaryKey(),
  fromTiers: jsonb().$type<string[]>().notNull(),
  toTier: text().notNull(),
  date: text().notNull(),
  datePrecision: text().notNull(),
  dateStart: date().notNull(),
  decision: text().notNull().references(() => decisions.id),
  source: text().notNull().references(() => sources.key),
  reason: jsonb().$type<LocalizedText>(),
  position: integer().notNull(),
});

/** Applications for a status, with their dated steps and outcome (the steps are kept as the record gives them). */
export const accessions = pgTable("accessions", {
  id: text().primaryKey(),
  applicant: text().notNull().references(() => states.code),
  requestedTier: text().notNull(),
  applied: text(),
  steps: jsonb().$type<Accession["steps"]>().notNull(),
  outcome: jsonb().$type<NonNullable<Accession["outcome"]>>(),
  source: text().notNull().references(() => sources.key),
  position: integer().notNull(),
});

/** Earlier values of registry records that a change replaced: a correction never loses what the record said before. */
export const registryHistory = pgTable(
  "registry_history",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    section: text().notNull(),
    record: text().notNull(),
    previous: jsonb().notNull(),
    replacedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    replacedBy: text(),
    reason: text().notNull(),
  },
  (t) => [index("registry_history_record").on(t.section, t.record)],
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
  themedYear: jsonb().$type<LocalizedText>(),
  priorities: jsonb().$type<LocalizedText[]>(),
  /** The count of the term's events as a source reports it ("more than 100"), with that source. */
  reportedEvents: jsonb().$type<{ count: number; qualifier: ReportedQualifier; source: string }>(),
  source: text().notNull().references(() => sources.key),
  position: integer().notNull(),
});

export const rotationEntries = pgTable("rotation_entries", {
  state: text().primaryKey().references(() => states.code),
  inRotationFrom: text().notNull(),
  orderKey: text(),
  passedOver: jsonb().$type<{ term: string; decision: string }[]>(),
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
