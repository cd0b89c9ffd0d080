// The secretariat drafts, the chair issues: a drafting officer prepares a draft revision (the handling of the open
// proposals) or compromise text for a provision; the chair issues it as the next revision or inserts it (see
// revision-commands.ts and provision-commands.ts, which take `draft`), or either sets it aside.
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { PrepareDraftRequestSchema } from "../../contracts/negotiation.js";
import { secretariatAnd } from "../../domain/audience.js";
import { invalid } from "../../domain/errors.js";
import { checkBalanced, topLevelBrackets } from "../../domain/negotiation/markup.js";
import { defineCommand, needs, type CommandScope } from "../platform/commands/runner.js";
import { negotiationPolicy as policy } from "./policy.js";
import { loadProposals, loadProvision } from "./store.js";
import { negotiationDrafts } from "./tables.js";
import { documentStream } from "./streams.js";
import { type Loaded, type Situation, lockNamed, newId, open, refuse } from "./command-kit.js";
import { pendingDraft } from "./draft-store.js";
import { parseHandlings } from "./revision-commands.js";

/** Drafts are told to the secretariat and the chair only; the document itself does not change. */
function tellDrafters(c: CommandScope, loaded: Loaded, type: string, draft: string): void {
  const chair = loaded.resource.chair;
  c.emit(documentStream(loaded.row.id), type, { document: loaded.row.id, draft }, chair ? secretariatAnd({ delegation: chair }) : secretariatAnd());
}

export const prepareDraft = defineCommand({
  name: "draft.prepare",
  load: (tx, input: { documentId: string; request: z.infer<typeof PrepareDraftRequestSchema>; situation: Situation }) => lockNamed(tx, input),
  access: (loaded) => needs(policy.prepareDraft, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    const { row } = loaded;
    const { request } = input;
    // Checked as the chair's own would be now; checked again when the chair issues it.
    let body: typeof negotiationDrafts.$inferInsert.body;
    if (request.kind === "revision") {
      parseHandlings(await loadProposals(c.tx, row.id, ["open", "colliding"]), request.handlings);
      body = { handlings: request.handlings.map((h) => ({ ...h })) };
    } else {
      const provision = await loadProvision(c.tx, row.id, request.provision);
      if (!provision) refuse("provision-not-found", `There is no provision ${request.provision} in this document.`, "provision");
      if (!checkBalanced(request.text)) refuse("unbalanced-brackets", "The compromise text has unbalanced brackets.", "text");
      if (request.bracket !== null && request.bracket >= topLevelBrackets(provision.texts[row.baseLanguage] ?? "").length) {
        throw invalid("bracket", "bracket-not-found", "is not a bracket of the provision");
      }
      body = { provision: request.provision, bracket: request.bracket, text: request.text };
    }
    const id = newId();
    await c.tx.insert(negotiationDrafts).values({ id, documentId: row.id, kind: request.kind, body, note: request.note, preparedBy: c.actor.userId, preparedAt: c.now, state: "pending" });
    tellDrafters(c, loaded, "draft.prepared", id);
    c.audit("draft.prepare", `document:${row.id}`, { draft: id, kind: request.kind });
    return { id };
  },
});

export const discardDraft = defineCommand({
  name: "draft.discard",
  load: (tx, input: { documentId: string; draftId: string; situation: Situation }) => lockNamed(tx, input),
  access: (loaded) => needs(policy.discardDraft, loaded.resource),
  run: async (c, input, loaded) => {
    const [found] = await c.tx.select({ kind: negotiationDrafts.kind }).from(negotiationDrafts).where(eq(negotiationDrafts.id, input.draftId));
    const draft = await pendingDraft(c.tx, loaded.row.id, input.draftId, found?.kind ?? "revision");
    await c.tx.update(negotiationDrafts).set({ state: "discarded", decidedAt: c.now, decidedBy: c.actor.userId }).where(eq(negotiationDrafts.id, draft.id));
    tellDrafters(c, loaded, "draft.discarded", draft.id);
    c.audit("draft.discard", `document:${loaded.row.id}`, { draft: draft.id });
    return { id: draft.id };
  },
});
