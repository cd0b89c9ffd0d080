// Who may follow a live stream: the rule the capability publishing it reads by (a document's readers, a meeting's), kept
// per stream for a while so that deciding for a thousand connections costs one read, and dropped when it may have changed.
import type { AudienceMember } from "../../../domain/audience.js";

export interface StreamReaders {
  /** Whether this member may follow the stream (and be in its room) now. */
  admits(member: AudienceMember): boolean;
  /**
   * Whether who may follow can change (with the stream's own events, the registry, the day): such streams are decided
   * again when those change, and connections that lost the right are unsubscribed.
   */
  readonly isGuarded: boolean;
  /**
   * What the decisions depend on (the resource's state, the day, the registry's version): a rule loaded again with the
   * same version decides as before, so the connections need not be decided again one by one.
   */
  readonly version?: string;
}

/** A stream whose every event carries its own audience (users, audit, the registry…): anyone signed in follows it. */
export const EVERY_MEMBER: StreamReaders = { admits: () => true, isGuarded: false };

/** Loads the rule for a stream; null when no one may follow it (not a stream Concord publishes, or no such resource). */
export type ReadersOf = (stream: string) => Promise<StreamReaders | null>;

interface Entry {
  readonly readers: Promise<StreamReaders | null>;
  readonly at: number;
}

export class ReadersCache {
  private readonly entries = new Map<string, Entry>();
  /** Grows whenever a rule is dropped: a decision taken across an await knows whether news came meanwhile. */
  private dropped = 0;

  get generation(): number {
    return this.dropped;
  }

  constructor(
    private readonly load: ReadersOf,
    private readonly clock: () => number,
    /** A rule older than this is loaded again (the day may have turned; a safety net besides the news). */
    private readonly maxAgeMs: number,
    private readonly limit = 2_000,
  ) {}

  /** The rule for a stream: the one known if still fresh, else loaded once for every caller waiting on it. */
  get(stream: string): Promise<StreamReaders | null> {
    const known = this.entries.get(stream);
    if (known && this.clock() - known.at < this.maxAgeMs) return known.readers;
    const readers = this.load(stream);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(stream, { readers, at: this.clock() });
    // A failed load is not kept: the next caller tries again.
    readers.catch(() => {
      if (this.entries.get(stream)?.readers === readers) this.entries.delete(stream);
    });
    return readers;
  }

  /** The stream's resource changed: its rule is loaded again when next asked. */
  forget(stream: string): void {
    this.entries.delete(stream);
    this.dropped += 1;
  }

  /** The registry changed (tiers, rights, statuses, the chair): every rule is loaded again. */
  forgetAll(): void {
    this.entries.clear();
    this.dropped += 1;
  }

  /** Whether the rule last loaded for the stream is past its age (or was never loaded). */
  isStale(stream: string): boolean {
    const known = this.entries.get(stream);
    return !known || this.clock() - known.at >= this.maxAgeMs;
  }
}
