// What every negotiation command shares: the situation it is given, the locked document it acts on, and how a change
// moves the document's version on and is announced on its stream.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Audience } from "../../domain/audience.js";
import { NegotiationError, type NegotiationErrorCode } from "../../domain/negotiation/errors.js";
import { isSpanChange, spanOf } from "../../domain/negotiation/proposals.js";
import { provisionStatus, type Provision } from "../../domain/negotiation/provisions.js";
import { BaseTextDiffs, carryChange, type WorkingText } from "../../domain/negotiation/working-text.js";
import type { CommandScope } from "../platform/commands/runner.js";
import type { Db } from "../platform/db/client.js";
import type { DocumentResource, Visibility } from "./policy.js";
import { documentAudience, loadProposals, lockDocument, resourceOf, type DocumentRow, type RegistryFacts } from "./store.js";
import { negotiationDocuments, negotiationProposals } from "./tables.js";
import { documentStream } from "./streams.js";

export interface Situation {
  readonly facts: RegistryFacts;
  readonly day: string;
}

export function refuse(code: NegotiationErrorCode, message: string, field?: string): never {
  throw new NegotiationError(code, message, field);
}

export function newId(): string {
  return randomBytes(8).toString("base64url").replace(/[^A-Za-z0-9]/g, "x").toLowerCase();
}

/** The document a command changes, locked, with what its rights are checked on and who hears of the change. */
export interface Loaded {
  readonly row: DocumentRow;
  readonly resource: DocumentResource;
  readonly audience: Audience;
}

export function loadedOf(row: DocumentRow, situation: Situation, facilitator?: string | null): Loaded {
  const resource = resourceOf(row, situation.facts, situation.day, facilitator);
  return { row, resource, audience: documentAudience(row.visibility as Visibility, resource.chair, situation.facts, situation.day, resource.invited) };
}

/** A command's `load`: the document named by its input, row locked. */
export async function lockNamed(tx: Db, input: { documentId: string; situation: Situation }): Promise<Loaded> {
  return loadedOf(await lockDocument(tx, input.documentId), input.situation);
}

/** Refuses any change once the document is adopted (after the rights: who may not act on it learns nothing of its state). */
export function open(loaded: Loaded): Loaded {
  const { row } = loaded;
  if (row.status === "adopted") refuse("document-adopted", `The document was adopted as ${row.adoptedNumber}; it no longer changes.`);
  return loaded;
}

/** Refuses a change while the text is before the members: under a silence procedure or a call for objections. */
export function requireNoProcedure(row: DocumentRow): void {
  if (row.status === "silence") refuse("silence-running", "The text is under a silence procedure: it does not change until the procedure ends.");
  if (row.call?.state === "open") refuse("call-open", "A call for objections is open on this text: the chair withdraws it before the text changes.");
}

/** Records provisions changed since the last revision: silence and adoption then wait for a new one. */
export function changedSince(row: DocumentRow, provisions: readonly string[]): { changedSinceRevision: string[] } {
  return { changedSinceRevision: [...new Set([...row.changedSinceRevision, ...provisions])] };
}

export async function touch(c: CommandScope, row: DocumentRow, set: Partial<typeof negotiationDocuments.$inferInsert> = {}): Promise<number> {
  const version = row.version + 1;
  await c.tx
    .update(negotiationDocuments)
    .set({ ...set, version, updatedAt: c.now })
    .where(eq(negotiationDocuments.id, row.id));
  return version;
}

export function emit(c: CommandScope, loaded: Loaded, type: string, version: number, payload: Record<string, unknown> = {}): void {
  c.emit(documentStream(loaded.row.id), type, { document: loaded.row.id, version, ...payload }, loaded.audience);
}

export function workingText(row: DocumentRow, provisions: readonly Provision[]): WorkingText {
  return { baseLanguage: row.baseLanguage, languages: row.languages, provisions };
}

export function revisionStats(text: WorkingText): { brackets: number; open: number } {
  const statuses = text.provisions.map((p) => provisionStatus(p, text.baseLanguage));
  return { brackets: statuses.filter((s) => s === "bracketed").length, open: statuses.filter((s) => s !== "agreed").length };
}

export function by(c: CommandScope): string | null {
  return c.actor.delegation;
}

/**
 * After the chair's compromise text (or a provision bracketed again) changed a provision between revisions, the open
 * proposals on it are re-anchored to the new text, or marked colliding when the words they were about changed.
 */
export async function reanchorProposals(c: CommandScope, row: DocumentRow, before: Provision, after: Provision): Promise<void> {
  if ((before.texts[row.baseLanguage] ?? "") === (after.texts[row.baseLanguage] ?? "")) return;
  const pending = (await loadProposals(c.tx, row.id, ["open"])).filter((p) => isSpanChange(p.change) && p.change.provision === before.id);
  // One bounded diff of the provision for all its proposals (a rewritten long provision is compared by sentence or whole).
  const diffs = new BaseTextDiffs();
  for (const proposal of pending) {
    const carried = carryChange(workingText(row, [before]), [after], { id: proposal.id, delegation: proposal.delegation, change: proposal.change, supporters: [], opposers: [] }, diffs);
    const quote = carried && isSpanChange(carried) ? (after.texts[row.baseLanguage] ?? "").slice(spanOf(carried).start, spanOf(carried).end) : proposal.quote;
    await c.tx
      .update(negotiationProposals)
      .set(carried ? { change: carried, quote, version: proposal.version + 1 } : { status: "colliding", version: proposal.version + 1 })
      .where(eq(negotiationProposals.id, proposal.id));
  }
}
