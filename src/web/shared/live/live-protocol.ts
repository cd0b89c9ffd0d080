// The live connection's rules without any I/O: how long to wait before reconnecting, what a close code means, where each stream was left, and which messages are new (nothing is delivered twice).
import { LIVE_CLOSE, LIVE_LIMITS, type ClientMessage, type LiveEvent, type ServerMessage, type StreamName } from "../../../contracts/live";

export const RECONNECT = {
  /** The first wait after a connection drops. */
  firstDelayMs: 500,
  /** No wait is longer than this (then jittered down to half of it at the least). */
  maxDelayMs: 30_000,
  /** A connection that stayed open this long was working: the next drop starts the waits from the first again. */
  stableAfterMs: 10_000,
} as const;

/**
 * The wait before reconnect attempt `attempt` (0 = the first): doubling from the first delay up to the cap, with
 * "equal jitter" (half of it fixed, half random) so that clients dropped together do not all come back at once.
 */
export function reconnectDelay(attempt: number, random: () => number): number {
  const ceiling = Math.min(RECONNECT.maxDelayMs, RECONNECT.firstDelayMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Reconnect attempts counted so far, once a connection has closed: back to none when it had stayed open long enough to be working. */
export function attemptsAfterClose(attempts: number, openForMs: number | null): number {
  return openForMs !== null && openForMs >= RECONNECT.stableAfterMs ? 0 : attempts;
}

export type CloseAction =
  /** The session ended (signed out, expired, deactivated): do not reconnect; ask for the session again. */
  | { readonly kind: "session-ended" }
  | { readonly kind: "reconnect"; readonly delayMs: number };

/** What to do when the connection closes with `code`, after `attempts` reconnects in a row. */
export function afterClose(code: number, attempts: number, random: () => number): CloseAction {
  if (code === LIVE_CLOSE.sessionEnded) return { kind: "session-ended" };
  // Other tabs hold every connection this user may have, or this one kept sending over its budget: come back at the
  // longest wait, not soon.
  if (code === LIVE_CLOSE.tooManyConnections || code === LIVE_CLOSE.tooManyMessages) return { kind: "reconnect", delayMs: reconnectDelay(Number.POSITIVE_INFINITY, random) };
  // Too slow (4008), the server going away (1001), a dropped network (1006) and the rest: reconnect and catch up.
  return { kind: "reconnect", delayMs: reconnectDelay(attempts, random) };
}

/** What a stream's listeners hear: one new event, or "reload all you show from this stream". */
export type LiveChange = { readonly kind: "event"; readonly event: LiveEvent } | { readonly kind: "reset"; readonly stream: StreamName };

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

/**
 * The streams this client follows and the last position seen on each, kept across reconnects (and across
 * following a stream again later), so every subscription asks only for what was missed.
 */
export class StreamBook {
  private readonly positions = new Map<StreamName, number>();
  private readonly followed = new Set<StreamName>();

  /** Starts following a stream; false when it already was. */
  follow(stream: StreamName): boolean {
    if (this.followed.has(stream)) return false;
    this.followed.add(stream);
    return true;
  }

  /** Stops following a stream (its position is kept for later); false when it was not followed. */
  unfollow(stream: StreamName): boolean {
    return this.followed.delete(stream);
  }

  get followedStreams(): StreamName[] {
    return [...this.followed];
  }

  /** The last sequence number seen on a stream, or null when nothing is known of it yet. */
  position(stream: StreamName): number | null {
    return this.positions.get(stream) ?? null;
  }

  /** The messages that subscribe to these streams, each from where it was left (null: from now). */
  subscribe(streams: readonly StreamName[]): ClientMessage[] {
    return chunks(streams, LIVE_LIMITS.subscriptionsPerConnection).map((part) => ({
      type: "subscribe",
      streams: part.map((stream) => ({ stream, after: this.position(stream) })),
    }));
  }

  unsubscribe(streams: readonly StreamName[]): ClientMessage[] {
    return chunks(streams, LIVE_LIMITS.subscriptionsPerConnection).map((part) => ({ type: "unsubscribe", streams: part }));
  }

  /** Reads one message from the server: what the stream's listeners must hear, or null (a repeat, a stream not followed, bookkeeping). */
  receive(message: ServerMessage): LiveChange | null {
    switch (message.type) {
      case "subscribed":
        // Every missed event has been sent; the stream stands at `head` (events this actor may not see included).
        if (this.followed.has(message.stream)) this.advance(message.stream, message.head);
        return null;
      case "event": {
        const { event } = message;
        if (!this.followed.has(event.stream)) return null;
        const seen = this.position(event.stream);
        if (seen !== null && event.seq <= seen) return null;
        this.positions.set(event.stream, event.seq);
        return { kind: "event", event };
      }
      case "reset":
        if (!this.followed.has(message.stream)) return null;
        this.positions.set(message.stream, message.head);
        return { kind: "reset", stream: message.stream };
      case "unsubscribed":
        // Not (or no longer) to be read by this user: what was shown from it is reloaded (and refused there, with a reason
        // the page can show). The position is kept: should the right return, following again resumes from it.
        return this.followed.has(message.stream) ? { kind: "reset", stream: message.stream } : null;
      case "presence":
      case "hello":
      case "error":
        // Presence is not news of a stream's events: the client hands it to the room's presence listeners.
        return null;
    }
  }

  private advance(stream: StreamName, head: number): void {
    this.positions.set(stream, Math.max(this.position(stream) ?? head, head));
  }
}
