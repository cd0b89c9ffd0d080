// The chair's programme: the events of a chairmanship term (meetings, forums, festivals, exercises…).
import { boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const programmeEvents = pgTable(
  "programme_events",
  {
    id: text().primaryKey(),
    /** The chairmanship term (its registry id, e.g. "chair-2025"). */
    term: text().notNull(),
    title: jsonb().$type<Record<string, string>>().notNull(),
    /** Partial dates: "2025", "2025-04" or "2025-04-12". */
    startDate: text().notNull(),
    endDate: text(),
    city: jsonb().$type<Record<string, string>>(),
    /** security, economic (cooperation and development), people (people-to-people exchange), institutional. */
    track: text().notNull(),
    /** summit, ministerial, expert, forum, festival, exercise, exchange. */
    kind: text().notNull(),
    organizer: jsonb().$type<Record<string, string>>(),
    status: text().notNull(),
    /** The meeting, when the event is one. */
    meetingId: text(),
    source: text(),
    /** Where the row came from: the dataset, or an import (its file name). */
    origin: text().notNull(),
    isDemo: boolean().notNull().default(false),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("programme_events_term").on(t.term, t.startDate)],
);
