// The registry as each process holds it: loaded once, replaced when a registry event commits (here or in another process),
// with every view computed once per registry and day and kept as ready-to-send JSON.
import { createHash } from "node:crypto";
import { STREAMS } from "../../contracts/live.js";
import type { Registry } from "../../domain/registry.js";
import type { Db } from "../platform/db/client.js";
import type { FeedSubscriber } from "../platform/events/feed.js";
import type { StoredEvent } from "../platform/events/log.js";
import { streamHead } from "../platform/events/log.js";
import { loadRegistry } from "./queries.js";

/** A view serialized once: the JSON text, and its entity tag for conditional requests. */
export interface CachedJson {
  readonly json: string;
  readonly etag: string;
}

interface State {
  readonly registry: Registry | null;
  /** The registry stream's position this state reflects. */
  readonly position: number;
  readonly views: Map<string, unknown>;
}

export class RegistrySnapshot implements FeedSubscriber {
  private state: State = { registry: null, position: -1, views: new Map() };
  private loading: Promise<void> | null = null;
  private isStale = false;

  constructor(private readonly db: Db) {}

  get registry(): Registry | null {
    return this.state.registry;
  }

  /** The registry stream position the snapshot reflects (-1 before the first load). */
  get position(): number {
    return this.state.position;
  }

  /** Reads the registry again; concurrent calls share one read, and a call during a read causes one more after it. */
  reload(): Promise<void> {
    if (this.loading) {
      this.isStale = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.isStale = false;
        // The position is read first: an event committed meanwhile has a higher one and triggers another read.
        const position = await streamHead(this.db, STREAMS.registry);
        const registry = await loadRegistry(this.db);
        this.state = { registry, position, views: new Map() };
      } while (this.isStale);
    })().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** A value computed from the current registry, once per registry version and key (the key includes the day when it matters). */
  view<T>(key: string, compute: (registry: Registry) => T): T | null {
    const { registry, views } = this.state;
    if (!registry) return null;
    if (views.has(key)) return views.get(key) as T;
    const value = compute(registry);
    if (views.size > 2_000) views.clear();
    views.set(key, value);
    return value;
  }

  /** The same, serialized to JSON once, with an entity tag. */
  json(key: string, compute: (registry: Registry) => unknown): CachedJson | null {
    return this.view(`json:${key}`, (registry) => {
      const json = JSON.stringify(compute(registry));
      return { json, etag: `"${createHash("sha256").update(json).digest("base64url").slice(0, 27)}"` };
    });
  }

  async apply(events: readonly StoredEvent[]): Promise<void> {
    if (events.some((event) => event.stream === STREAMS.registry && event.seq > this.state.position)) await this.reload();
  }

  onEvents(events: readonly StoredEvent[]): Promise<void> {
    return this.apply(events);
  }

  onResync(): Promise<void> {
    return this.reload();
  }
}
