// Each process's view of committed events: news arrives by LISTEN (from this process and every other), is parsed, and is handed in order to the hub, caches and snapshot.
import type { Database, Listener } from "../db/client.js";
import { readEventsByRef, type StoredEvent } from "./log.js";
import { CONTROL_CHANNEL, ControlMessageSchema, EVENTS_CHANNEL, EventsNotificationSchema, type ParsedControlMessage } from "./notifications.js";

export interface FeedSubscriber {
  /** Committed events, in commit order (per stream: in sequence order). */
  onEvents?(events: readonly StoredEvent[]): void | Promise<void>;
  onControl?(message: ParsedControlMessage): void | Promise<void>;
  /** The connection carrying the news was lost and is back: anything may have been missed, so re-read what matters. */
  onResync?(): void | Promise<void>;
}

export interface FeedLog {
  warn(object: Record<string, unknown>, message: string): void;
}

export class EventFeed {
  private readonly subscribers = new Set<FeedSubscriber>();
  private listener: Listener | null = null;
  // Notifications are handled one after another, so a slow read of referenced events cannot reorder them.
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly database: Database,
    private readonly log: FeedLog,
  ) {}

  subscribe(subscriber: FeedSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  async start(): Promise<void> {
    this.listener = await this.database.listen(
      [EVENTS_CHANNEL, CONTROL_CHANNEL],
      (channel, payload) => this.enqueue(() => this.handle(channel, payload)),
      () => this.enqueue(() => this.dispatch((s) => s.onResync?.())),
    );
  }

  async stop(): Promise<void> {
    await this.listener?.close();
    this.listener = null;
    await this.queue;
  }

  /** Resolves once every notification received so far has been handled (tests). */
  settled(): Promise<void> {
    return this.queue;
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((error: unknown) => {
      this.log.warn({ err: { message: (error as Error).message } }, "an event notification could not be handled");
    });
  }

  private async handle(channel: string, payload: string): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(payload);
    } catch {
      this.log.warn({ channel }, "ignored a notification that is not JSON");
      return;
    }
    if (channel === CONTROL_CHANNEL) {
      const message = ControlMessageSchema.safeParse(json);
      if (message.success) await this.dispatch((s) => s.onControl?.(message.data));
      return;
    }
    const parsed = EventsNotificationSchema.safeParse(json);
    if (!parsed.success) {
      this.log.warn({ channel }, "ignored an events notification of unknown shape");
      return;
    }
    const events = "events" in parsed.data ? (parsed.data.events as StoredEvent[]) : await readEventsByRef(this.database.db, parsed.data.refs);
    if (events.length > 0) await this.dispatch((s) => s.onEvents?.(events));
  }

  private async dispatch(call: (subscriber: FeedSubscriber) => void | Promise<void>): Promise<void> {
    for (const subscriber of this.subscribers) {
      try {
        await call(subscriber);
      } catch (error) {
        this.log.warn({ err: { message: (error as Error).message } }, "an event subscriber failed");
      }
    }
  }
}
