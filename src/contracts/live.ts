// The live connection (/api/live): the messages a client sends and receives, and the event shape every stream carries.
import { z } from "zod";

/**
 * A stream is a named, gap-free sequence of events: "users", "delegations", "audit", "registry", and later
 * "document:<id>". Names are short lowercase words, optionally followed by ":" and an identifier.
 */
export const StreamNameSchema = z.string().regex(/^[a-z][a-z-]{0,31}(:[A-Za-z0-9_-]{1,64})?$/, "a stream name such as users or document:42");
export type StreamName = z.infer<typeof StreamNameSchema>;

/** The streams Concord publishes today, and what each carries. */
export const STREAMS = {
  /** Accounts: created, changed, single sign-on linked or unlinked. */
  users: "users",
  /** Delegations: opened, activated, deactivated. */
  delegations: "delegations",
  /** Every appended audit event (a delegation receives those of its own actions). */
  audit: "audit",
  /** The registry: imported or changed (public). */
  registry: "registry",
  /** Negotiated documents: opened, adopted, opened to more readers (each event for the document's readers). */
  documents: "documents",
  /** One document's negotiation, as `document:<id>`: every change to its text, proposals, positions, procedure. */
  document: "document",
  /** Meetings: created, or changed in what lists show (status, dates); each event for the meeting's readers. */
  meetings: "meetings",
  /** One meeting, as `meeting:<id>`: invitations, accreditation, agenda, the list of speakers and its clock. */
  meeting: "meeting",
  /** A chairmanship term's programme, as `programme:<term>`: each import of its events (public). */
  programme: "programme",
} as const;

/** In a room's presence, the secretariat's people (who have no delegation) stand under this name. */
export const SECRETARIAT_PRESENCE = "secretariat";

/** One event as delivered: its stream, its place in it, what happened, and the changed resource. */
export const LiveEventSchema = z.object({
  stream: StreamNameSchema,
  seq: z.number().int().positive(),
  type: z.string(),
  at: z.string(),
  payload: z.record(z.string(), z.unknown()),
});
export type LiveEvent = z.infer<typeof LiveEventSchema>;

export const LIVE_LIMITS = {
  /** Streams one connection may follow at once. */
  subscriptionsPerConnection: 64,
  /** Connections one signed-in session may hold open (per server process). */
  connectionsPerSession: 8,
  /** Connections one user may hold open across all their sessions (per server process): signing in again gives no more. */
  connectionsPerUser: 12,
  /**
   * Messages one connection may send: a burst, then a steady rate. Over it a message is dropped (it does nothing) and
   * the client is told once (`over-budget`); one that keeps going is closed (`LIVE_CLOSE.tooManyMessages`).
   */
  messagesPerConnection: { burst: 40, perSecond: 10 },
  /** Messages one user may send across all their connections (per server process). */
  messagesPerUser: { burst: 80, perSecond: 20 },
  /** Messages dropped in a row after which the connection is closed. */
  dropsBeforeClose: 200,
  /**
   * Subscriptions one user's connections may have read from the event log (their catch-up, or the stream's position):
   * one at a time, within this budget; more wait their turn (an unsubscribed stream leaves the queue unread).
   */
  readsPerUser: { burst: 64, perSecond: 16 },
  /** The largest message a client may send, in bytes. */
  clientMessageBytes: 16 * 1024,
  /** Events a client may have missed and still be caught up one by one; beyond this it gets a reset. */
  catchUpEvents: 1000,
} as const;

/** Close codes the server uses, so the client knows whether to reconnect. */
export const LIVE_CLOSE = {
  /** The session ended (sign-out, expiry, deactivation): do not reconnect until signed in again. */
  sessionEnded: 4001,
  /** Too many connections for this session or user: reconnect only after the longest wait. */
  tooManyConnections: 4029,
  /** The client kept sending over its message budget after being told: reconnect only after the longest wait. */
  tooManyMessages: 4030,
  /** The client did not keep up (buffer limit) or did not answer the heartbeat: reconnect and catch up. */
  tooSlow: 4008,
  /** The client broke the protocol repeatedly. */
  protocolError: 4002,
  /** The server is shutting down: reconnect elsewhere or later. */
  goingAway: 1001,
} as const;

const SubscriptionSchema = z.strictObject({
  stream: StreamNameSchema,
  /** The last sequence number this client has seen on the stream; null to start from now. */
  after: z.number().int().min(0).nullable(),
});

export const ClientMessageSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("subscribe"), streams: z.array(SubscriptionSchema).min(1).max(LIVE_LIMITS.subscriptionsPerConnection) }),
  z.strictObject({ type: z.literal("unsubscribe"), streams: z.array(StreamNameSchema).min(1).max(LIVE_LIMITS.subscriptionsPerConnection) }),
  /**
   * In a room (a followed document stream): "I am here", and the provision I am drafting on (or null). The sender then
   * receives the room's presence whenever it changes; unsubscribing or closing leaves the room.
   */
  z.strictObject({ type: z.literal("presence"), stream: StreamNameSchema, provision: z.string().max(80).nullable() }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export const ServerMessageSchema = z.discriminatedUnion("type", [
  /** Sent once, when the connection is accepted. */
  z.object({ type: z.literal("hello"), at: z.string() }),
  /** After a subscribe the reader was admitted to: every missed event has been sent; `head` is the stream's position now. */
  z.object({ type: z.literal("subscribed"), stream: StreamNameSchema, head: z.number().int().min(0) }),
  z.object({ type: z.literal("event"), event: LiveEventSchema }),
  /** The client missed too much to be caught up event by event: reload what it shows from this stream. */
  z.object({ type: z.literal("reset"), stream: StreamNameSchema, head: z.number().int().min(0) }),
  /** Who is in the room, across every server process: each delegation and the provisions it is drafting on. */
  z.object({
    type: z.literal("presence"),
    stream: StreamNameSchema,
    present: z.array(z.object({ delegation: z.string(), drafting: z.array(z.string()) })),
  }),
  /**
   * The server does not (or no longer) follow this stream for the client: it may not read it (a stream that does not
   * exist gets the same answer, and neither tells anything of the stream's events), or it lost the right to (a draft
   * made private again, a change of status in the registry). Its room is left too. Reload what was shown from it.
   */
  z.object({ type: z.literal("unsubscribed"), stream: StreamNameSchema, reason: z.enum(["forbidden"]) }),
  z.object({
    type: z.literal("error"),
    code: z.enum(["invalid-message", "too-many-subscriptions", "not-in-room", "over-budget"]),
    message: z.string(),
    /** With `over-budget`: when the connection's budget takes messages again. Messages sent before then are dropped. */
    retryAfterMs: z.number().int().min(0).optional(),
  }),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;
