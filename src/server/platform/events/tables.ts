// The event log: every committed change as an event on a stream, with a gap-free sequence per stream and the audience allowed to see it.
import { bigint, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import type { Audience } from "../../../domain/audience.js";

/** One row per stream: its head, the last sequence number given out (incremented under the row's lock, so no gaps). */
export const eventStreams = pgTable("event_streams", {
  stream: text().primaryKey(),
  head: bigint({ mode: "number" }).notNull(),
});

export const events = pgTable(
  "events",
  {
    stream: text().notNull(),
    seq: bigint({ mode: "number" }).notNull(),
    type: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    audience: jsonb().$type<Audience>().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.stream, t.seq] })],
);
