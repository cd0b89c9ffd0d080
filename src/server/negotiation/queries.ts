// Reads of negotiation: a document with everything its room shows, the list, a revision, notes; and the per-process
// cache of each document's JSON, dropped when an event on its stream commits (here or in another process).
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../platform/db/client.js";
import type { FeedSubscriber } from "../platform/events/feed.js";
import type { StoredEvent } from "../platform/events/log.js";
import type { Visibility } from "./policy.js";
import { findDocument, loadPositions, loadProposals, loadProvisions, type DocumentRow } from "./store.js";
import { STREAMS } from "../../contracts/live.js";
import { negotiationDocuments, negotiationNotes, negotiationRevisions, negotiationStatements } from "./tables.js";
import { documentView } from "./views.js";

// What other capabilities read of negotiation from the store (a document's row, the registry's facts and the resource
// its read rule takes, for a meeting that links a document): they import it from here, never from the store.
export { findDocument, registryFacts, resourceOf } from "./store.js";

export async function loadDocumentView(db: Db, row: DocumentRow, chair: string | null) {
  const [provisions, proposals, positions, statements, history] = await Promise.all([
    loadProvisions(db, row.id),
    loadProposals(db, row.id),
    loadPositions(db, row.id),
    db.select().from(negotiationStatements).where(eq(negotiationStatements.documentId, row.id)).orderBy(asc(negotiationStatements.at)),
    db
      .select({ number: negotiationRevisions.number, stats: negotiationRevisions.stats, issuedAt: negotiationRevisions.issuedAt })
      .from(negotiationRevisions)
      .where(eq(negotiationRevisions.documentId, row.id))
      .orderBy(asc(negotiationRevisions.number)),
  ]);
  return documentView({ row, provisions, proposals, positions, statements, history, chair });
}

export async function listDocuments(db: Db, filter: { body?: string | undefined; status?: string | undefined }): Promise<DocumentRow[]> {
  const conditions = [filter.body ? eq(negotiationDocuments.body, filter.body) : undefined, filter.status ? eq(negotiationDocuments.status, filter.status) : undefined].filter(
    (c) => c !== undefined,
  );
  return db
    .select()
    .from(negotiationDocuments)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(negotiationDocuments.updatedAt));
}

/** Documents' titles in their languages, by id (for naming them elsewhere, e.g. in the audit trail). */
export async function documentTitlesOf(db: Db, ids: readonly string[]): Promise<Map<string, { title: Record<string, string>; baseLanguage: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: negotiationDocuments.id, title: negotiationDocuments.title, baseLanguage: negotiationDocuments.baseLanguage })
    .from(negotiationDocuments)
    .where(inArray(negotiationDocuments.id, unique));
  return new Map(rows.map((row) => [row.id, { title: row.title, baseLanguage: row.baseLanguage }]));
}


export async function findRevision(db: Db, documentId: string, number: number) {
  const [row] = await db
    .select()
    .from(negotiationRevisions)
    .where(and(eq(negotiationRevisions.documentId, documentId), eq(negotiationRevisions.number, number)));
  return row ?? null;
}

export async function listNotes(db: Db, documentId: string, delegation: string) {
  return db
    .select()
    .from(negotiationNotes)
    .where(and(eq(negotiationNotes.documentId, documentId), eq(negotiationNotes.delegation, delegation)))
    .orderBy(asc(negotiationNotes.at));
}

/** A document as every reader sees it, serialized once, with what the read policy needs to decide. */
export interface CachedDocument {
  readonly row: DocumentRow;
  readonly visibility: Visibility;
  /** The chair and day the JSON was made for. */
  readonly key: string;
  readonly json: string;
  readonly etag: string;
}

/**
 * Each document's answer, kept until an event on its stream commits. Reads after a change load it again once; a read
 * that started before a change cannot store what it read (the generation moved on).
 */
export class DocumentCache implements FeedSubscriber {
  private readonly entries = new Map<string, CachedDocument>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly limit = 500,
  ) {}

  async get(id: string, key: string, chairOf: (row: DocumentRow) => string | null): Promise<CachedDocument | null> {
    const known = this.entries.get(id);
    if (known && known.key === key) return known;
    const generation = this.generations.get(id) ?? 0;
    const row = await findDocument(this.db, id);
    if (!row) return null;
    const view = await loadDocumentView(this.db, row, chairOf(row));
    const json = JSON.stringify(view);
    const entry: CachedDocument = { row, visibility: row.visibility as Visibility, key, json, etag: `"${createHash("sha256").update(json).digest("base64url").slice(0, 27)}"` };
    if ((this.generations.get(id) ?? 0) === generation) {
      if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(id, entry);
    }
    return entry;
  }

  forget(id: string): void {
    this.entries.delete(id);
    this.generations.set(id, (this.generations.get(id) ?? 0) + 1);
  }

  onEvents(events: readonly StoredEvent[]): void {
    const prefix = `${STREAMS.document}:`;
    for (const event of events) if (event.stream.startsWith(prefix) && event.type !== "note.added") this.forget(event.stream.slice(prefix.length));
  }

  /** After a reconnection of the feed (news may have been missed): forget everything. */
  onResync(): void {
    for (const id of [...this.entries.keys()]) this.forget(id);
  }
}
