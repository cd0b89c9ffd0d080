// What a benchmark's WebSocket client follows, and how it tells one event from another (shared by the harness and its workers).

/** Which events a client times, and how it tells them apart. */
export interface Follow {
  /** The stream whose events are timed (`users`, `document:<id>`). */
  readonly stream: string;
  /** Where an event's identifier is in its payload, e.g. ["user", "email"] or ["proposal"]. */
  readonly idPath: readonly string[];
  /** Whether to subscribe to the stream first (Concord's protocol); the bare server sends to everyone. */
  readonly subscribe: boolean;
}

/** The value at `path` in an object, or undefined. */
export function valueAt(object: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((value, key) => (value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), object);
}

/** The identifier of a server message that is an event on the followed stream, else null. */
export function eventIdOf(text: string, follow: Follow): string | null {
  const message = JSON.parse(text) as { type?: string; event?: { stream?: string; payload?: unknown } };
  if (message.type !== "event" || message.event?.stream !== follow.stream) return null;
  const id = valueAt(message.event.payload, follow.idPath);
  return typeof id === "string" ? id : null;
}
