// What one process tells the others through PostgreSQL NOTIFY, sent inside the command's transaction so it is delivered only after commit.
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client.js";
import type { StoredEvent } from "./log.js";

export const EVENTS_CHANNEL = "concord_events";
export const CONTROL_CHANNEL = "concord_control";

// NOTIFY payloads must stay under 8000 bytes; a commit's events are split over as many as they need (an event too big alone travels as a reference).
const MAX_PAYLOAD_BYTES = 7_500;
/** `{"events":[` and `]}`, around the events of a notification. */
const ENVELOPE_BYTES = 14;

const AudienceClauseSchema = z.union([
  z.object({ public: z.literal(true) }),
  z.object({ roles: z.array(z.string()).optional(), delegation: z.string().optional(), userId: z.string().optional() }),
]);
const StoredEventSchema = z.object({
  stream: z.string(),
  seq: z.number(),
  type: z.string(),
  at: z.string(),
  payload: z.record(z.string(), z.unknown()),
  audience: z.array(AudienceClauseSchema),
});

export const EventsNotificationSchema = z.union([
  z.object({ events: z.array(StoredEventSchema) }),
  z.object({ refs: z.array(z.object({ stream: z.string(), seq: z.number() })) }),
]);
export type EventsNotification = z.infer<typeof EventsNotificationSchema>;

/** News that is not an event for readers: sessions that ended, accounts or delegations whose cached state is stale. */
export const ControlMessageSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("sessions-ended"),
    /** SHA-256 of the ended sessions' tokens. */
    tokenHashes: z.array(z.string()).default([]),
    /** Every session of these users ended, but `exceptTokenHash`. */
    userIds: z.array(z.string()).default([]),
    exceptTokenHash: z.string().nullable().default(null),
  }),
  z.object({ kind: z.literal("users-changed"), userIds: z.array(z.string()) }),
  /** One process's people in one room (see realtime/presence.ts); not sent in a transaction. */
  z.object({
    kind: z.literal("presence"),
    process: z.string(),
    stream: z.string(),
    entries: z.array(z.object({ delegation: z.string(), provision: z.string().nullable() })).max(500),
  }),
]);
export type ControlMessage = z.input<typeof ControlMessageSchema>;
export type ParsedControlMessage = z.output<typeof ControlMessageSchema>;

/**
 * The notifications announcing a commit's events, in order: the events themselves, as many to a notification as fit
 * (a commit of thousands of events sends several); an event too big to fit alone travels as its reference, read back
 * from the event log by each listener.
 */
export function eventsNotifications(stored: readonly StoredEvent[]): string[] {
  const out: string[] = [];
  let pending: { kind: "events" | "refs"; items: string[]; bytes: number } | null = null;
  const flush = () => {
    if (pending) out.push(`{"${pending.kind}":[${pending.items.join(",")}]}`);
    pending = null;
  };
  for (const event of stored) {
    let json = JSON.stringify(event);
    let kind: "events" | "refs" = "events";
    if (Buffer.byteLength(json) + ENVELOPE_BYTES > MAX_PAYLOAD_BYTES) {
      json = JSON.stringify({ stream: event.stream, seq: event.seq });
      kind = "refs";
    }
    const bytes = Buffer.byteLength(json) + 1;
    if (pending && (pending.kind !== kind || pending.bytes + bytes + ENVELOPE_BYTES > MAX_PAYLOAD_BYTES)) flush();
    pending ??= { kind, items: [], bytes: 0 };
    pending.items.push(json);
    pending.bytes += bytes;
  }
  flush();
  return out;
}

/** Splits items into as few payloads as fit, each rendered by `render`, keeping their order. */
function chunked<T>(items: readonly T[], render: (chunk: readonly T[]) => string): string[] {
  const out: string[] = [];
  let chunk: T[] = [];
  for (const item of items) {
    const candidate = [...chunk, item];
    if (chunk.length > 0 && Buffer.byteLength(render(candidate)) > MAX_PAYLOAD_BYTES) {
      out.push(render(chunk));
      chunk = [item];
    } else {
      chunk = candidate;
    }
  }
  if (chunk.length > 0) out.push(render(chunk));
  return out;
}

export interface Notification {
  readonly channel: string;
  readonly payload: string;
}

/**
 * `pg_notify(…), pg_notify(…)`, for the select list of a commit's last statement: evaluated from left to right, so the
 * notifications are queued in this order; PostgreSQL delivers them to every listener when (and only if) it commits.
 */
export function notifyList(notifications: readonly Notification[]): SQL {
  return sql.join(
    notifications.map(({ channel, payload }) => sql`pg_notify(${channel}, ${payload})`),
    sql`, `,
  );
}

/** Sends a notification now, outside any transaction (presence, which is not a change of state). */
export async function notifyNow(db: Db, channel: string, payload: string): Promise<void> {
  await db.execute(sql`select pg_notify(${channel}, ${payload})`);
}

/** Splits control messages so each notification fits (a delegation of many members deactivated, say). */
export function controlNotifications(messages: readonly ControlMessage[]): string[] {
  const out: string[] = [];
  for (const message of messages) {
    const text = JSON.stringify(message);
    if (Buffer.byteLength(text) <= MAX_PAYLOAD_BYTES) {
      out.push(text);
    } else if (message.kind === "sessions-ended") {
      const except = message.exceptTokenHash ?? null;
      out.push(...chunked(message.userIds ?? [], (userIds) => JSON.stringify({ kind: "sessions-ended", userIds, exceptTokenHash: except })));
      out.push(...chunked(message.tokenHashes ?? [], (tokenHashes) => JSON.stringify({ kind: "sessions-ended", tokenHashes })));
    } else if (message.kind === "users-changed") {
      out.push(...chunked(message.userIds, (userIds) => JSON.stringify({ kind: "users-changed", userIds })));
    } else {
      // Presence too large for one notification: the first entries (a room holds far fewer in practice).
      out.push(JSON.stringify({ ...message, entries: message.entries.slice(0, 50) }));
    }
  }
  return out;
}
