// Proposals to the text (group-committed per document) and the delegations' positions on them.
import { asc, eq, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { PositionRequestSchema, CreateProposalRequestSchema } from "../../contracts/negotiation.js";
import { DomainError, notFound } from "../../domain/errors.js";
import { NegotiationError } from "../../domain/negotiation/errors.js";
import { checkChange, isSpanChange, spanOf, standings, type ProposalChange } from "../../domain/negotiation/proposals.js";
import { defineCommand, needs, type BatchCommand, type CommandScope } from "../platform/commands/runner.js";
import type { Db } from "../platform/db/client.js";
import { insertJsonRows } from "../platform/db/json-rows.js";
import { negotiationPolicy as policy, type Visibility } from "./policy.js";
import { documentAudience, loadProvisionsById, lockDocument, resourceOf, type DocumentRow } from "./store.js";
import { negotiationDocuments, negotiationPositions, negotiationProposals, negotiationProvisions } from "./tables.js";
import { proposalView, provisionView } from "./views.js";
import { type Situation, refuse, newId, type Loaded, lockNamed, open, touch, emit } from "./command-kit.js";
import { positionsOf, type ProposalRow } from "./store.js";

// ---- Proposals and positions

export interface ProposalInput {
  readonly documentId: string;
  readonly request: z.infer<typeof CreateProposalRequestSchema>;
  readonly situation: Situation;
}

export interface ProposalResult {
  readonly id: string;
  readonly view: ReturnType<typeof proposalView>;
  /** The document's version once the proposal is made, and the anchored provision's: what the proposer's page applies. */
  readonly documentVersion: number;
  readonly provisionVersion: number | null;
}

/**
 * Proposals to one document, several at once when they arrive together (the runner's group commit: `runBatched` keyed
 * by the document): under the document's row lock, each is checked in its turn against the text as the ones before it
 * left it, numbered (P1, P2…) and written; a refused one writes nothing and does not stop the others.
 */
export const makeProposals: BatchCommand<ProposalInput, ProposalResult, DocumentRow> = {
  name: "proposal.create",
  // No such document: the 404 answers every request of the batch (they all name it).
  load: (tx, documentId) => lockDocument(tx, documentId),
  access: (row, input) => needs(policy.propose, resourceOf(row, input.situation.facts, input.situation.day)),
  runMany: async (tx, locked, items, batch) => {
    if (items.some((item) => item.input.documentId !== locked.id)) throw new Error("a batch of proposals is for one document");
    const wanted = [...new Set(items.flatMap(({ input }) => provisionsNamed(input.request.change as ProposalChange)))];
    const provisions = new Map((await loadProvisionsById(tx, locked.id, wanted)).map((p) => [p.id, p]));
    let row = locked;
    const bumps = new Map<string, number>();
    const written: (typeof negotiationProposals.$inferInsert)[] = [];
    const outcomes: (ProposalResult | NegotiationError | DomainError)[] = [];
    for (const { scope: c, input } of items) {
      try {
        const change = input.request.change as ProposalChange;
        const { facts, day } = input.situation;
        const resource = resourceOf(row, facts, day);
        refuseUnlessNegotiating(row);
        checkChange(provisionsNamed(change).flatMap((id) => provisions.get(id) ?? []), row.baseLanguage, change);
        const anchor = change.type === "add-provision" ? null : provisions.get(change.provision)!;
        if (anchor && input.request.provisionVersion !== undefined) c.checkVersion(input.request.provisionVersion, anchor.version, () => provisionView(anchor, row, null));
        // Accepted: what follows cannot refuse it.
        row = { ...row, proposalCount: row.proposalCount + 1, version: row.version + 1, updatedAt: c.now };
        if (anchor) {
          provisions.set(anchor.id, { ...anchor, version: anchor.version + 1 });
          bumps.set(anchor.id, (bumps.get(anchor.id) ?? 0) + 1);
        }
        const base = anchor?.texts[row.baseLanguage] ?? "";
        const quote = isSpanChange(change) ? base.slice(spanOf(change).start, spanOf(change).end) : change.type === "delete-provision" ? base : "";
        const proposal = {
          id: newId(),
          documentId: row.id,
          seq: row.proposalCount,
          delegation: c.actor.delegation ?? "",
          userId: c.actor.userId,
          change,
          quote,
          justification: input.request.justification,
          status: "open",
          madeIn: row.revision,
          createdAt: c.now,
        };
        written.push(proposal);
        const label = `P${proposal.seq}`;
        const loaded: Loaded = { row, resource, audience: documentAudience(row.visibility as Visibility, resource.chair, facts, day, resource.invited) };
        const view = proposalView({ ...proposal, handling: null, handledIn: null, version: 1, cosponsors: [] }, []);
        const provisionVersion = anchor ? provisions.get(anchor.id)!.version : null;
        // The event carries the proposal: a page at the version before puts it in place without reading the document again.
        emit(c, loaded, "proposal.made", row.version, { proposal: proposal.id, label, delegation: c.actor.delegation, provision: anchor?.id ?? null, provisionVersion, view });
        c.audit("proposal.create", `document:${row.id}`, { proposal: proposal.id, label, type: change.type });
        outcomes.push({ id: proposal.id, view, documentVersion: row.version, provisionVersion });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes.push(error);
      }
    }
    if (written.length > 0) {
      // Nothing is read back: the three writes go into the commit's last statement.
      batch.write(tx.update(negotiationDocuments).set({ proposalCount: row.proposalCount, version: row.version, updatedAt: row.updatedAt }).where(eq(negotiationDocuments.id, row.id)));
      if (bumps.size > 0) batch.write(bumpProvisions(row.id, bumps));
      batch.write(insertJsonRows(negotiationProposals, written));
    }
    return outcomes;
  },
};

/** One proposal, in a transaction of its own (the demo data, tests): the batch command with one request. */
export const makeProposal = defineCommand({
  name: "proposal.create",
  load: (tx, input: ProposalInput) => makeProposals.load(tx, input.documentId),
  access: (row, input) => makeProposals.access(row, input, null as never),
  run: async (c, input, row): Promise<ProposalResult> => {
    const [outcome] = await makeProposals.runMany(c.tx, row, [{ scope: c, input }], c);
    if (outcome instanceof Error) throw outcome;
    return outcome!;
  },
});

/** The provisions a change names: the one it is about, and the one it goes after. */
function provisionsNamed(change: ProposalChange): string[] {
  return [change.type === "add-provision" ? null : change.provision, "after" in change ? change.after : null].filter((x): x is string => x !== null);
}

/** Refuses a proposal on a document that is not under negotiation (adopted, or frozen by a silence procedure). */
function refuseUnlessNegotiating(row: DocumentRow): void {
  if (row.status === "adopted") refuse("document-adopted", `The document was adopted as ${row.adoptedNumber}; it no longer changes.`);
  if (row.status === "silence") refuse("silence-running", "The text is under a silence procedure: break silence to reopen it.");
}

/** Moves the versions of several provisions on, each by its count, in one statement. */
function bumpProvisions(documentId: string, bumps: ReadonlyMap<string, number>): SQL {
  const rows = sql.join(
    [...bumps].map(([id, n]) => sql`(${id}::text, ${n}::integer)`),
    sql`, `,
  );
  return sql`
    update ${negotiationProvisions} set version = ${negotiationProvisions.version} + bump.n
    from (values ${rows}) as bump(id, n)
    where ${negotiationProvisions.documentId} = ${documentId} and ${negotiationProvisions.id} = bump.id`;
}

const STANCE_PERMISSION = { support: policy.support, oppose: policy.oppose, comment: policy.comment, retract: policy.retract } as const;

export const takePosition = defineCommand({
  name: "position.take",
  load: async (tx, input: { proposalId: string; request: z.infer<typeof PositionRequestSchema>; situation: Situation; asInvited?: boolean }) => {
    const [found] = await tx.select({ documentId: negotiationProposals.documentId }).from(negotiationProposals).where(eq(negotiationProposals.id, input.proposalId));
    if (!found) throw notFound("proposal");
    return lockNamed(tx, { documentId: found.documentId, situation: input.situation });
  },
  // A non-member delegation the chair invited comments under its invitation (its own endpoint); others under their tier's rights.
  access: (loaded, input) => needs(input.asInvited === true ? policy.commentInvited : STANCE_PERMISSION[input.request.stance], loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    const [proposal] = await c.tx.select().from(negotiationProposals).where(eq(negotiationProposals.id, input.proposalId));
    if (!proposal || (proposal.status !== "open" && proposal.status !== "colliding")) refuse("proposal-not-open", "The chair has already handled this proposal.");
    if (input.asInvited === true && input.request.stance !== "comment") refuse("same-position", "An invited delegation comments; it does not support or oppose.", "stance");
    if (input.request.stance !== "comment" && proposal.delegation === c.actor.delegation) {
      refuse("same-position", "A delegation cannot support or oppose its own proposal.", "stance");
    }
    c.checkVersion(input.request.version, proposal.version, () => ({ proposal: input.proposalId, version: proposal.version }));
    if (input.request.stance === "retract") {
      const earlier = await c.tx.select().from(negotiationPositions).where(eq(negotiationPositions.proposalId, proposal.id)).orderBy(asc(negotiationPositions.id));
      const { supporters, opposers } = standings(proposal.delegation, positionsOf(earlier));
      const delegation = c.actor.delegation ?? "";
      if (!supporters.includes(delegation) && !opposers.includes(delegation)) refuse("no-position", "The delegation neither supports nor opposes this proposal: there is nothing to retract.", "stance");
    }
    await c.tx.insert(negotiationPositions).values({
      proposalId: proposal.id,
      documentId: proposal.documentId,
      delegation: c.actor.delegation ?? "",
      userId: c.actor.userId,
      stance: input.request.stance,
      text: input.request.text,
      // A non-member's comment (on the chair's invitation, or by an observer's right to speak) is shown as such.
      invited: input.asInvited === true || (input.request.stance === "comment" && !input.situation.facts.mayObject(c.actor.delegation ?? "", input.situation.day)),
      at: c.now,
    });
    await c.tx
      .update(negotiationProposals)
      .set({ version: proposal.version + 1 })
      .where(eq(negotiationProposals.id, proposal.id));
    const version = await touch(c, loaded.row);
    const positions = await c.tx.select().from(negotiationPositions).where(eq(negotiationPositions.proposalId, proposal.id)).orderBy(asc(negotiationPositions.id));
    const view = proposalView({ ...proposal, version: proposal.version + 1 }, positions);
    // The event carries the proposal as it now stands: a page at the version before puts it in place.
    emit(c, loaded, "position.taken", version, { proposal: proposal.id, stance: input.request.stance, delegation: c.actor.delegation, view });
    c.audit("position.take", `document:${proposal.documentId}`, { proposal: proposal.id, stance: input.request.stance });
    return { documentId: proposal.documentId, view, documentVersion: version };
  },
});

/** A command on one proposal: the proposal's document locked, the proposal read under the lock, who made it known to the rights. */
async function lockProposal(tx: Db, input: { proposalId: string; situation: Situation }) {
  const [found] = await tx.select({ documentId: negotiationProposals.documentId }).from(negotiationProposals).where(eq(negotiationProposals.id, input.proposalId));
  if (!found) throw notFound("proposal");
  const loaded = await lockNamed(tx, { documentId: found.documentId, situation: input.situation });
  const [proposal] = await tx.select().from(negotiationProposals).where(eq(negotiationProposals.id, input.proposalId));
  return { ...loaded, resource: { ...loaded.resource, proposer: proposal!.delegation }, proposal: proposal! };
}

/** After a change to one proposal: its version up, the document's too, told on the stream with the proposal as it stands. */
async function proposalChanged(c: CommandScope, loaded: Loaded, proposal: ProposalRow, set: Partial<typeof negotiationProposals.$inferInsert>, type: string) {
  const next = { ...proposal, ...set, version: proposal.version + 1 } as ProposalRow;
  await c.tx.update(negotiationProposals).set({ ...set, version: next.version }).where(eq(negotiationProposals.id, proposal.id));
  const version = await touch(c, loaded.row);
  const positions = await c.tx.select().from(negotiationPositions).where(eq(negotiationPositions.proposalId, proposal.id)).orderBy(asc(negotiationPositions.id));
  const view = proposalView(next, positions);
  emit(c, loaded, type, version, { proposal: proposal.id, delegation: c.actor.delegation, view });
  return { documentId: proposal.documentId, view, documentVersion: version };
}

const isPending = (proposal: ProposalRow) => proposal.status === "open" || proposal.status === "colliding";

/** The delegation that made a proposal withdraws it: closed at once, recorded as its own act (never the chair's). */
export const withdrawProposal = defineCommand({
  name: "proposal.withdraw",
  load: (tx, input: { proposalId: string; situation: Situation }) => lockProposal(tx, input),
  access: (loaded) => needs(policy.withdrawProposal, loaded.resource),
  run: async (c, _input, locked) => {
    const loaded = open(locked);
    const { proposal } = locked;
    if (!isPending(proposal)) refuse("proposal-not-open", "The chair has already handled this proposal.");
    const changed = await proposalChanged(c, loaded, proposal, { status: "withdrawn" }, "proposal.withdrawn");
    c.audit("proposal.withdraw", `document:${proposal.documentId}`, { proposal: proposal.id });
    return changed;
  },
});

/** Another delegation joins a proposal as a co-sponsor: recorded with when. */
export const cosponsorProposal = defineCommand({
  name: "proposal.cosponsor",
  load: (tx, input: { proposalId: string; situation: Situation }) => lockProposal(tx, input),
  access: (loaded) => needs(policy.cosponsor, loaded.resource),
  run: async (c, _input, locked) => {
    const loaded = open(locked);
    const { proposal } = locked;
    const delegation = c.actor.delegation ?? "";
    if (!isPending(proposal)) refuse("proposal-not-open", "The chair has already handled this proposal.");
    if (proposal.delegation === delegation) refuse("same-position", "A delegation does not co-sponsor its own proposal.");
    if (proposal.cosponsors.some((s) => s.delegation === delegation)) refuse("already-cosponsor", "The delegation co-sponsors this proposal already.");
    const cosponsors = [...proposal.cosponsors, { delegation, at: c.now.toISOString() }];
    const changed = await proposalChanged(c, loaded, proposal, { cosponsors }, "proposal.cosponsored");
    c.audit("proposal.cosponsor", `document:${proposal.documentId}`, { proposal: proposal.id });
    return changed;
  },
});
