// Statements of position (annexed to the record, also after adoption) and a delegation's private notes.
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { NoteRequestSchema, StatementRequestSchema } from "../../contracts/negotiation.js";
import { invalid, notFound } from "../../domain/errors.js";
import { defineCommand, needs } from "../platform/commands/runner.js";
import { negotiationPolicy as policy } from "./policy.js";
import { loadProvision, resourceOf } from "./store.js";
import { negotiationDocuments, negotiationNotes, negotiationStatements } from "./tables.js";
import { documentStream } from "./streams.js";
import { type Situation, refuse, newId, lockNamed, touch, emit } from "./command-kit.js";

// ---- Statements of position and private notes

export const makeStatement = defineCommand({
  name: "statement.create",
  load: (tx, input: { documentId: string; request: z.infer<typeof StatementRequestSchema>; situation: Situation }) => lockNamed(tx, input),
  access: (loaded) => needs(policy.statement, loaded.resource),
  // A statement is annexed to the record, also after adoption (an explanation of position), so it does not use open().
  run: async (c, input, loaded) => {
    const { row } = loaded;
    const provision = input.request.provision ?? null;
    if (provision !== null && !(await loadProvision(c.tx, row.id, provision))) refuse("provision-not-found", `There is no provision ${provision} in this document.`, "provision");
    const isAdopted = row.status === "adopted";
    const kind = input.request.kind ?? (isAdopted ? "explanation-after" : "explanation-before");
    if (kind === "explanation-before" && isAdopted) refuse("statement-kind", "The document is adopted: an explanation of position is now one after adoption.", "kind");
    if (kind === "explanation-after" && !isAdopted) refuse("statement-kind", "The document is not adopted yet: an explanation of position is one before adoption.", "kind");
    const language = input.request.language ?? row.baseLanguage;
    if (!input.situation.facts.languages.includes(language)) {
      throw invalid("language", "not-organization-language", `is not one of the organization's languages (${input.situation.facts.languages.join(", ")})`);
    }
    const id = newId();
    await c.tx.insert(negotiationStatements).values({ id, documentId: row.id, delegation: c.actor.delegation ?? "", userId: c.actor.userId, provision, kind, language, text: input.request.text, at: c.now });
    const version = await touch(c, row);
    emit(c, loaded, "statement.made", version, { statement: id, delegation: c.actor.delegation });
    c.audit("statement.create", `document:${row.id}`, { statement: id, provision, kind, language });
    return { documentId: row.id };
  },
});

export const addNote = defineCommand({
  name: "note.create",
  // A note changes no shared state: the document is read, not locked.
  load: async (tx, input: { documentId: string; request: z.infer<typeof NoteRequestSchema>; situation: Situation }) => {
    const [row] = await tx.select().from(negotiationDocuments).where(eq(negotiationDocuments.id, input.documentId));
    if (!row) throw notFound("document");
    return row;
  },
  access: (row, input) => needs(policy.writeNote, resourceOf(row, input.situation.facts, input.situation.day)),
  run: async (c, input, row) => {
    const delegation = c.actor.delegation ?? "";
    const provision = input.request.provision ?? null;
    if (provision !== null && !(await loadProvision(c.tx, row.id, provision))) refuse("provision-not-found", `There is no provision ${provision} in this document.`, "provision");
    const id = newId();
    const note = { id, documentId: row.id, delegation, userId: c.actor.userId, provision, text: input.request.text, at: c.now };
    await c.tx.insert(negotiationNotes).values(note);
    // A delegation's notes reach that delegation only: not the secretariat, not the chair.
    c.emit(documentStream(row.id), "note.added", { document: row.id, note: id }, [{ delegation }]);
    c.audit("note.create", `document:${row.id}`, { note: id });
    return note;
  },
});
