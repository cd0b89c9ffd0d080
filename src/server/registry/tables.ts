// The registry's tables: the organization, its states and their history, bodies, decisions, summits, chairmanship and rotation.
import { date, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
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
