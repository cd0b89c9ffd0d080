// Who is in a room (a document's stream) and on which provision they are drafting, across every process: each process
// announces its own connections' presence per stream (on change, and again every few seconds), and forgets what another
// process announced when it has not heard from it for a while (a process that stopped takes its presence with it).

/** One connection's presence in a room. */
export interface PresenceEntry {
  readonly delegation: string;
  /** The provision being drafted on, if any. */
  readonly provision: string | null;
}

/** A room as participants see it: each delegation present, with the provisions its people are drafting on. */
export interface RoomPresence {
  readonly delegation: string;
  readonly drafting: string[];
}

export interface PresenceAnnouncement {
  readonly process: string;
  readonly stream: string;
  readonly entries: readonly PresenceEntry[];
}

export const PRESENCE_REANNOUNCE_MS = 15_000;
/**
 * A room's presence is announced (NOTIFY) and shown at most once per this interval, and only when it changed: however
 * many presence messages arrive, others learn of the latest state within it.
 */
export const PRESENCE_COALESCE_MS = 250;
export const PRESENCE_EXPIRY_MS = 45_000;

export class PresenceBoard {
  private readonly local = new Map<string, Map<number, PresenceEntry>>();
  private readonly remote = new Map<string, Map<string, { entries: readonly PresenceEntry[]; at: number }>>();

  constructor(
    readonly process: string,
    private readonly now: () => number,
  ) {}

  /** Sets (or with null removes) a local connection's presence; answers whether what this process announces changed. */
  set(stream: string, connection: number, entry: PresenceEntry | null): boolean {
    const before = JSON.stringify(this.ownEntries(stream));
    let room = this.local.get(stream);
    if (entry) {
      if (!room) this.local.set(stream, (room = new Map()));
      room.set(connection, entry);
    } else if (room) {
      room.delete(connection);
      if (room.size === 0) this.local.delete(stream);
    }
    return JSON.stringify(this.ownEntries(stream)) !== before;
  }

  /** What this process announces for a stream: one entry per delegation and provision. */
  ownEntries(stream: string): PresenceEntry[] {
    const seen = new Map<string, PresenceEntry>();
    for (const entry of this.local.get(stream)?.values() ?? []) seen.set(`${entry.delegation}|${entry.provision ?? ""}`, entry);
    return [...seen.values()].sort((a, b) => a.delegation.localeCompare(b.delegation) || (a.provision ?? "").localeCompare(b.provision ?? ""));
  }

  /** Every announcement this process owes now (the streams it has people in). */
  announcements(): PresenceAnnouncement[] {
    return [...this.local.keys()].map((stream) => ({ process: this.process, stream, entries: this.ownEntries(stream) }));
  }

  /** Another process's announcement; answers whether the room changed. */
  hear(announcement: PresenceAnnouncement): boolean {
    if (announcement.process === this.process) return false;
    const before = JSON.stringify(this.room(announcement.stream));
    let streams = this.remote.get(announcement.process);
    if (!streams) this.remote.set(announcement.process, (streams = new Map()));
    if (announcement.entries.length === 0) streams.delete(announcement.stream);
    else streams.set(announcement.stream, { entries: announcement.entries, at: this.now() });
    return JSON.stringify(this.room(announcement.stream)) !== before;
  }

  /** Forgets announcements not renewed in time; answers the streams whose room changed. */
  expire(): string[] {
    const limit = this.now() - PRESENCE_EXPIRY_MS;
    const changed = new Set<string>();
    for (const [process, streams] of this.remote) {
      for (const [stream, known] of streams) {
        if (known.at < limit) {
          streams.delete(stream);
          changed.add(stream);
        }
      }
      if (streams.size === 0) this.remote.delete(process);
    }
    return [...changed];
  }

  /** The room: every delegation present in any process, with what it drafts on. */
  room(stream: string): RoomPresence[] {
    const byDelegation = new Map<string, Set<string>>();
    const take = (entry: PresenceEntry) => {
      let drafting = byDelegation.get(entry.delegation);
      if (!drafting) byDelegation.set(entry.delegation, (drafting = new Set()));
      if (entry.provision) drafting.add(entry.provision);
    };
    for (const entry of this.local.get(stream)?.values() ?? []) take(entry);
    for (const streams of this.remote.values()) for (const entry of streams.get(stream)?.entries ?? []) take(entry);
    return [...byDelegation]
      .map(([delegation, drafting]) => ({ delegation, drafting: [...drafting].sort() }))
      .sort((a, b) => a.delegation.localeCompare(b.delegation));
  }
}
