// The secretariat's drafts for the chair, read and marked inside a command's transaction (the document row locked first).
import { and, eq } from "drizzle-orm";
import { invalid } from "../../domain/errors.js";
import type { CommandScope } from "../platform/commands/runner.js";
import type { Db } from "../platform/db/client.js";
import { negotiationDrafts } from "./tables.js";

export type DraftRow = typeof negotiationDrafts.$inferSelect;

/** A pending draft of this kind on this document, or a refusal naming the field `draft`. */
export async function pendingDraft(tx: Db, documentId: string, id: string, kind: DraftRow["kind"]): Promise<DraftRow> {
  const [draft] = await tx
    .select()
    .from(negotiationDrafts)
    .where(and(eq(negotiationDrafts.id, id), eq(negotiationDrafts.documentId, documentId)));
  if (!draft || draft.kind !== kind) throw invalid("draft", "invalid", `is not a draft ${kind === "revision" ? "revision" : "compromise text"} of this document`);
  if (draft.state !== "pending") throw invalid("draft", "invalid", `was ${draft.state} already`);
  return draft;
}

export async function markDraftIssued(c: CommandScope, id: string, usedIn: number): Promise<void> {
  await c.tx.update(negotiationDrafts).set({ state: "issued", usedIn, decidedAt: c.now, decidedBy: c.actor.userId }).where(eq(negotiationDrafts.id, id));
}

export async function listDrafts(db: Db, documentId: string): Promise<DraftRow[]> {
  return db.select().from(negotiationDrafts).where(eq(negotiationDrafts.documentId, documentId)).orderBy(negotiationDrafts.preparedAt);
}
