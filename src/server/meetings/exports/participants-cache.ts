// Each meeting's participants as this process last read them, kept until the meeting's version changes: a request asks
// the database one small question (the meeting's version), and a meeting read at that version is answered from memory,
// its JSON serialized once per audience. Any process that changes a meeting raises its version in the same transaction,
// so every process serving the database sees the change on its next request.
import { createHash } from "node:crypto";
import type { Participant } from "../../../contracts/meetings.js";
import type { Db } from "../../platform/db/client.js";
import { participantsFrom, withBadgesFor } from "../participants.js";
import { orderDelegations } from "./participants-document.js";
import { loadShownMeeting, standingTokens, type InvitationRow, type MeetingRow } from "../store.js";
import { meetingVersion } from "../queries.js";

export interface CachedJson {
  readonly json: string;
  readonly etag: string;
}

export interface MeetingParticipants {
  readonly row: MeetingRow;
  readonly invitations: readonly InvitationRow[];
  /** Every participant with every badge token: filter with `withBadgesFor` before showing. */
  readonly participants: readonly Participant[];
  /** Values computed from this version (the access resource, each audience's JSON), by key. */
  readonly derived: Map<string, unknown>;
}

export class ParticipantsCache {
  private readonly entries = new Map<string, MeetingParticipants>();

  constructor(
    private readonly db: Db,
    private readonly limit = 100,
  ) {}

  /** The meeting's participants at its current version; null when there is no such meeting. */
  async get(id: string): Promise<MeetingParticipants | null> {
    const version = await meetingVersion(this.db, id);
    if (version === null) {
      this.entries.delete(id);
      return null;
    }
    const known = this.entries.get(id);
    if (known && known.row.version === version) return known;
    const loaded = await loadShownMeeting(this.db, id);
    if (!loaded) return null;
    const entry: MeetingParticipants = {
      row: loaded.row,
      invitations: loaded.invitations,
      participants: participantsFrom(
        loaded.lists.filter((l) => l.state === "approved").map((l) => ({ ...l, delegates: loaded.delegatesOf(l.id) })),
        standingTokens(loaded.badges),
      ),
      derived: new Map(),
    };
    // Read at a version at least as new as the one asked for; an older entry never replaces a newer one.
    const current = this.entries.get(id);
    if (!current || current.row.version <= entry.row.version) {
      this.entries.delete(id);
      if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(id, entry);
    }
    return entry;
  }
}

/** A value computed once per entry and key. */
export function derived<T>(entry: MeetingParticipants, key: string, compute: () => T): T {
  if (entry.derived.has(key)) return entry.derived.get(key) as T;
  const value = compute();
  if (entry.derived.size > 64) entry.derived.clear();
  entry.derived.set(key, value);
  return value;
}

/**
 * The participants list as `audience` sees it, delegations in the registry's `order` (`orderKey` names that order, e.g.
 * the registry's position), serialized once, with its entity tag.
 */
export function participantsJson(entry: MeetingParticipants, audience: string, order: readonly string[], orderKey: string): CachedJson {
  return derived(entry, `json:${audience}:${orderKey}`, () => {
    const items = inDelegationOrder(withBadgesFor(entry.participants, audience), order);
    const json = JSON.stringify({ meeting: entry.row.id, version: entry.row.version, items });
    return { json, etag: `"${createHash("sha256").update(json).digest("base64url").slice(0, 27)}"` };
  });
}

/** The participants regrouped by delegation in `order` (others after, by code), each delegation's own order kept. */
export function inDelegationOrder(participants: readonly Participant[], order: readonly string[]): Participant[] {
  const ranked = new Map(orderDelegations(participants.map((p) => p.delegation), order).map((code, index) => [code, index]));
  return participants.map((p, index) => ({ p, index })).sort((a, b) => ranked.get(a.p.delegation)! - ranked.get(b.p.delegation)! || a.index - b.index).map(({ p }) => p);
}

/**
 * Rendered files (PDF, XLSX) by key, kept within a byte budget, oldest out first; concurrent requests for one key share
 * one rendering, and a rendering that fails is not kept.
 */
export class FileCache {
  private readonly files = new Map<string, { pending: Promise<Buffer>; bytes: number }>();
  private bytes = 0;

  constructor(private readonly budget = 64 * 2 ** 20) {}

  get(key: string, render: () => Promise<Buffer>): Promise<Buffer> {
    const known = this.files.get(key);
    if (known) return known.pending;
    const entry = { pending: render(), bytes: 0 };
    this.files.set(key, entry);
    entry.pending.then(
      (buffer) => {
        if (this.files.get(key) !== entry) return;
        entry.bytes = buffer.length;
        this.bytes += buffer.length;
        for (const [oldest, file] of this.files) {
          if (this.bytes <= this.budget || oldest === key) break;
          this.files.delete(oldest);
          this.bytes -= file.bytes;
        }
      },
      () => {
        if (this.files.get(key) === entry) this.files.delete(key);
      },
    );
    return entry.pending;
  }

  get size(): { files: number; bytes: number } {
    return { files: this.files.size, bytes: this.bytes };
  }
}
