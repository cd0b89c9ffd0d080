// Writing events in a command's transaction (gap-free per stream) and reading them back for catch-up.
import { and, asc, eq, gt, inArray, or, sql, type SQL } from "drizzle-orm";
import type { LiveEvent } from "../../../contracts/live.js";
import type { Audience } from "../../../domain/audience.js";
import type { Db } from "../db/client.js";
import { insertJsonRows } from "../db/json-rows.js";
import { events, eventStreams } from "./tables.js";

/** An event as the server keeps it: what a client receives, and who may receive it. */
export interface StoredEvent extends LiveEvent {
  readonly audience: Audience;
}

/** An event a command emits; its sequence number is given when the transaction appends it. */
export interface NewEvent {
  readonly stream: string;
  readonly type: string;
  readonly payload: Record<string, unknown>;
  readonly audience: Audience;
  /** When it happened, if not at the `at` given to appendEvents (events of several commands committed together). */
  readonly at?: Date;
}

/**
 * Appends events in the caller's transaction. Each stream's head row is incremented under its row lock, so
 * sequence numbers have no gaps (a rolled-back transaction gives its numbers back) and commit in order.
 * Streams are locked in name order, so two commands touching the same streams cannot deadlock.
 */
export async function appendEvents(tx: Db, emitted: readonly NewEvent[], at: Date): Promise<StoredEvent[]> {
  const { stored, insert } = await numberEvents(tx, emitted, at);
  if (insert) await tx.execute(insert);
  return stored;
}

/**
 * Numbers events as `appendEvents` does (one statement moves every stream's head at once, rows taken in name order)
 * and gives the statement that inserts them, for the caller to run in the same transaction.
 */
export async function numberEvents(tx: Db, emitted: readonly NewEvent[], at: Date): Promise<{ stored: StoredEvent[]; insert: SQL | null }> {
  const byStream = new Map<string, NewEvent[]>();
  for (const event of emitted) byStream.set(event.stream, [...(byStream.get(event.stream) ?? []), event]);
  const streams = [...byStream.keys()].sort();
  if (streams.length === 0) return { stored: [], insert: null };
  const heads = await tx
    .insert(eventStreams)
    .values(streams.map((stream) => ({ stream, head: byStream.get(stream)!.length })))
    .onConflictDoUpdate({ target: eventStreams.stream, set: { head: sql`${eventStreams.head} + excluded.head` } })
    .returning({ stream: eventStreams.stream, head: eventStreams.head });
  const headOf = new Map(heads.map((row) => [row.stream, row.head]));
  const rows = streams.flatMap((stream) => {
    const batch = byStream.get(stream)!;
    const first = headOf.get(stream)! - batch.length + 1;
    return batch.map((event, index) => ({ stream, type: event.type, payload: event.payload, audience: event.audience, seq: first + index, at: event.at ?? at }));
  });
  return {
    stored: rows.map((row) => ({ stream: row.stream, seq: row.seq, type: row.type, at: row.at.toISOString(), payload: row.payload, audience: row.audience })),
    insert: insertJsonRows(events, rows),
  };
}

function toStored(row: typeof events.$inferSelect): StoredEvent {
  return { stream: row.stream, seq: row.seq, type: row.type, at: row.at.toISOString(), payload: row.payload, audience: row.audience };
}

/** Events of a stream after `after`, oldest first, at most `limit`. */
export async function readEvents(db: Db, stream: string, after: number, limit: number): Promise<StoredEvent[]> {
  const rows = await db
    .select()
    .from(events)
    .where(and(eq(events.stream, stream), gt(events.seq, after)))
    .orderBy(asc(events.seq))
    .limit(limit);
  return rows.map(toStored);
}

/** Particular events, by stream and sequence number, in the order asked. */
export async function readEventsByRef(db: Db, refs: readonly { stream: string; seq: number }[]): Promise<StoredEvent[]> {
  if (refs.length === 0) return [];
  const streams = [...new Set(refs.map((r) => r.stream))];
  const rows = await db
    .select()
    .from(events)
    .where(or(...streams.map((stream) => and(eq(events.stream, stream), inArray(events.seq, refs.filter((r) => r.stream === stream).map((r) => r.seq))))));
  const found = new Map(rows.map((row) => [`${row.stream}#${row.seq}`, toStored(row)]));
  return refs.flatMap((ref) => found.get(`${ref.stream}#${ref.seq}`) ?? []);
}

/** The last sequence number of a stream (0 when nothing was ever written to it). */
export async function streamHead(db: Db, stream: string): Promise<number> {
  const [row] = await db.select({ head: eventStreams.head }).from(eventStreams).where(eq(eventStreams.stream, stream));
  return row?.head ?? 0;
}
