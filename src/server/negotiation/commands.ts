// State changes of a negotiation, each a command: its policy checked on the document it loaded (row locked), the pure
// core deciding what the text becomes, an audit event, and a live event on the stream document:<id>.
import { randomBytes } from "node:crypto";
import { eq, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type {
  AdoptionRequestSchema,
  BreakSilenceRequestSchema,
  CompromiseRequestSchema,
  CreateDocumentRequest,
  FacilitatorRequestSchema,
  IssueRevisionRequestSchema,
  MarkRequestSchema,
  NoteRequestSchema,
  PositionRequestSchema,
  StatementRequestSchema,
  TranslationRequestSchema,
  VisibilityRequestSchema,
  CreateProposalRequestSchema,
  SilenceRequestSchema,
} from "../../contracts/negotiation.js";
import type { Audience } from "../../domain/audience.js";
import { DomainError, invalid, notFound } from "../../domain/errors.js";
import { adoptionNumber, breakSilence, countedObjections, expireSilence, requireReady, startSilence, type Silence } from "../../domain/negotiation/adoption.js";
import { NegotiationError, type NegotiationErrorCode } from "../../domain/negotiation/errors.js";
import { checkBalanced } from "../../domain/negotiation/markup.js";
import { checkChange, isSpanChange, spanOf, standings, type Handling, type OpenProposal, type ProposalChange } from "../../domain/negotiation/proposals.js";
import { fingerprint, provisionStatus, type Provision } from "../../domain/negotiation/provisions.js";
import { applyStep, BaseTextDiffs, carryChange, type Step, type WorkingText } from "../../domain/negotiation/working-text.js";
import { defineCommand, needs, SYSTEM, type BatchCommand, type CommandScope } from "../commands/runner.js";
import type { Db } from "../db/client.js";
import { insertJsonRows } from "../db/json-rows.js";
import { negotiationPolicy as policy, type DocumentResource, type Visibility } from "./policy.js";
import {
  documentAudience,
  loadPositions,
  loadProposals,
  loadProvision,
  loadProvisions,
  loadProvisionsById,
  lockDocument,
  positionsOf,
  resourceOf,
  saveProvisions,
  updateProvision,
  type DocumentRow,
  type ProposalRow,
  type RegistryFacts,
} from "./store.js";
import {
  negotiationDocuments,
  negotiationNotes,
  negotiationPositions,
  negotiationProposals,
  negotiationProvisions,
  negotiationRevisions,
  negotiationStatements,
} from "./tables.js";
import { documentStream, DOCUMENTS_STREAM } from "./streams.js";
import { proposalView, provisionView } from "./views.js";

/** What every negotiation command is given besides its request: the registry's facts and the day they apply to. */
export interface Situation {
  readonly facts: RegistryFacts;
  readonly day: string;
}

function refuse(code: NegotiationErrorCode, message: string, field?: string): never {
  throw new NegotiationError(code, message, field);
}

function newId(): string {
  return randomBytes(8).toString("base64url").replace(/[^A-Za-z0-9]/g, "x").toLowerCase();
}

/** The document a command changes, locked, with what its rights are checked on and who hears of the change. */
interface Loaded {
  readonly row: DocumentRow;
  readonly resource: DocumentResource;
  readonly audience: Audience;
}

function loadedOf(row: DocumentRow, situation: Situation, facilitator?: string | null): Loaded {
  const resource = resourceOf(row, situation.facts, situation.day, facilitator);
  return { row, resource, audience: documentAudience(row.visibility as Visibility, resource.chair, situation.facts, situation.day) };
}

/** A command's `load`: the document named by its input, row locked. */
async function lockNamed(tx: Db, input: { documentId: string; situation: Situation }): Promise<Loaded> {
  return loadedOf(await lockDocument(tx, input.documentId), input.situation);
}

/** Refuses any change once the document is adopted (after the rights: who may not act on it learns nothing of its state). */
function open(loaded: Loaded): Loaded {
  const { row } = loaded;
  if (row.status === "adopted") refuse("document-adopted", `The document was adopted as ${row.adoptedNumber}; it no longer changes.`);
  return loaded;
}

async function touch(c: CommandScope, row: DocumentRow, set: Partial<typeof negotiationDocuments.$inferInsert> = {}): Promise<number> {
  const version = row.version + 1;
  await c.tx
    .update(negotiationDocuments)
    .set({ ...set, version, updatedAt: c.now })
    .where(eq(negotiationDocuments.id, row.id));
  return version;
}

function emit(c: CommandScope, loaded: Loaded, type: string, version: number, payload: Record<string, unknown> = {}): void {
  c.emit(documentStream(loaded.row.id), type, { document: loaded.row.id, version, ...payload }, loaded.audience);
}

function workingText(row: DocumentRow, provisions: readonly Provision[]): WorkingText {
  return { baseLanguage: row.baseLanguage, languages: row.languages, provisions };
}

function revisionStats(text: WorkingText): { brackets: number; open: number } {
  const statuses = text.provisions.map((p) => provisionStatus(p, text.baseLanguage));
  return { brackets: statuses.filter((s) => s === "bracketed").length, open: statuses.filter((s) => s !== "agreed").length };
}

function by(c: CommandScope): string | null {
  return c.actor.delegation;
}

// ---- Documents

function newDocumentResource(input: { request: CreateDocumentRequest; situation: Situation }): DocumentResource {
  return { chair: input.situation.facts.chairOf(input.request.body, input.situation.day), visibility: "members" };
}

export const createDocument = defineCommand({
  name: "document.create",
  access: (_, input: { request: CreateDocumentRequest; situation: Situation; id?: string; isDemo?: boolean }) => needs(policy.create, newDocumentResource(input)),
  run: async (c, input) => {
    const { request, situation } = input;
    const resource = newDocumentResource(input);
    const field = (name: string, code: string, message: string) => invalid(name, code, message);
    if (!situation.facts.hasBody(request.body)) throw field("body", "unknown-body", "is not a body of the organization");
    const decisionRule = request.decisionRule ?? situation.facts.defaultDecisionRule;
    const rule = situation.facts.decisionRule(decisionRule);
    if (!rule) throw field("decisionRule", "choice", "is not a decision rule of the organization");
    if ((request.concerning ?? null) !== null && !rule.excludesConcerned) {
      throw field("concerning", "invalid", "names the member concerned only under a rule that leaves out its objection (consensus minus one)");
    }
    const languages = [...new Set(request.languages)];
    if (!languages.includes(request.baseLanguage)) throw field("languages", "base-language-missing", "must include the base language");
    if (!request.title[request.baseLanguage]) throw field(`title.${request.baseLanguage}`, "required", "the title in the base language is required");
    const provisions: Provision[] = request.provisions.map((draft, index) => {
      const base = draft.texts[request.baseLanguage];
      if (!base) throw field(`provisions.${index}.texts.${request.baseLanguage}`, "required", "the base-language text is required");
      const texts: Record<string, string> = {};
      const basis: Record<string, string> = {};
      for (const language of languages) {
        const text = draft.texts[language];
        if (text === undefined) continue;
        if (!checkBalanced(text)) throw field(`provisions.${index}.texts.${language}`, "unbalanced-brackets", "the brackets do not balance");
        texts[language] = text;
        if (language !== request.baseLanguage) basis[language] = fingerprint(base);
      }
      return { id: newId(), kind: draft.kind, texts, basis, mark: null, brackets: [], facilitator: null, version: 1 };
    });
    const id = input.id ?? newId();
    const row = {
      id,
      body: request.body,
      kind: request.kind,
      title: request.title as Record<string, string>,
      baseLanguage: request.baseLanguage,
      languages,
      meeting: request.meeting ?? null,
      place: (request.place ?? null) as Record<string, string> | null,
      decisionRule,
      concerning: request.concerning ?? null,
      visibility: "members",
      status: "negotiation",
      isDemo: input.isDemo === true,
      revision: 0,
      version: 1,
      proposalCount: 0,
      silence: { state: "none" } as Silence,
      createdAt: c.now,
      createdBy: by(c),
      updatedAt: c.now,
    };
    await c.tx.insert(negotiationDocuments).values(row);
    await saveProvisions(c.tx, id, [], provisions);
    const text = workingText(row as DocumentRow, provisions);
    await c.tx.insert(negotiationRevisions).values({ documentId: id, number: 0, provisions, outcomes: [], stats: revisionStats(text), issuedAt: c.now, issuedBy: by(c) });
    const audience = documentAudience("members", resource.chair, situation.facts, situation.day);
    c.emit(documentStream(id), "document.created", { document: id, version: 1 }, audience);
    c.emit(DOCUMENTS_STREAM, "document.created", { document: id, body: request.body }, audience);
    c.audit("document.create", `document:${id}`, { body: request.body, kind: request.kind, provisions: provisions.length });
    return { id };
  },
});

// ---- Proposals and positions

export interface ProposalInput {
  readonly documentId: string;
  readonly request: z.infer<typeof CreateProposalRequestSchema>;
  readonly situation: Situation;
}

export interface ProposalResult {
  readonly id: string;
  readonly view: ReturnType<typeof proposalView>;
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
        const loaded: Loaded = { row, resource, audience: documentAudience(row.visibility as Visibility, resource.chair, facts, day) };
        emit(c, loaded, "proposal.made", row.version, { proposal: proposal.id, label, delegation: c.actor.delegation, provision: anchor?.id ?? null });
        c.audit("proposal.create", `document:${row.id}`, { proposal: proposal.id, label, type: change.type });
        outcomes.push({ id: proposal.id, view: proposalView({ ...proposal, handling: null, handledIn: null, version: 1 }, []) });
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

const STANCE_PERMISSION = { support: policy.support, oppose: policy.oppose, comment: policy.comment } as const;

export const takePosition = defineCommand({
  name: "position.take",
  load: async (tx, input: { proposalId: string; request: z.infer<typeof PositionRequestSchema>; situation: Situation }) => {
    const [found] = await tx.select({ documentId: negotiationProposals.documentId }).from(negotiationProposals).where(eq(negotiationProposals.id, input.proposalId));
    if (!found) throw notFound("proposal");
    return lockNamed(tx, { documentId: found.documentId, situation: input.situation });
  },
  access: (loaded, input) => needs(STANCE_PERMISSION[input.request.stance], loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    const [proposal] = await c.tx.select().from(negotiationProposals).where(eq(negotiationProposals.id, input.proposalId));
    if (!proposal || (proposal.status !== "open" && proposal.status !== "colliding")) refuse("proposal-not-open", "The chair has already handled this proposal.");
    if (input.request.stance !== "comment" && proposal.delegation === c.actor.delegation) {
      refuse("same-position", "A delegation cannot support or oppose its own proposal.", "stance");
    }
    c.checkVersion(input.request.version, proposal.version, () => ({ proposal: input.proposalId, version: proposal.version }));
    await c.tx.insert(negotiationPositions).values({
      proposalId: proposal.id,
      documentId: proposal.documentId,
      delegation: c.actor.delegation ?? "",
      userId: c.actor.userId,
      stance: input.request.stance,
      text: input.request.text,
      at: c.now,
    });
    await c.tx
      .update(negotiationProposals)
      .set({ version: proposal.version + 1 })
      .where(eq(negotiationProposals.id, proposal.id));
    const version = await touch(c, loaded.row);
    emit(c, loaded, "position.taken", version, { proposal: proposal.id, stance: input.request.stance, delegation: c.actor.delegation });
    c.audit("position.take", `document:${proposal.documentId}`, { proposal: proposal.id, stance: input.request.stance });
    return { documentId: proposal.documentId };
  },
});

/**
 * After the chair's compromise text (or a provision bracketed again) changed a provision between revisions, the open
 * proposals on it are re-anchored to the new text, or marked colliding when the words they were about changed.
 */
async function reanchorProposals(c: CommandScope, row: DocumentRow, before: Provision, after: Provision): Promise<void> {
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

// ---- Revisions

/** The open proposals as the revision sees them, with where each delegation stands. */
export function openProposals(proposals: readonly ProposalRow[], positions: Map<string, readonly { delegation: string; stance: string }[]>): OpenProposal[] {
  return proposals.map((p) => {
    const { supporters, opposers } = standings(p.delegation, positionsOf(positions.get(p.id) as never));
    return { id: p.id, delegation: p.delegation, change: p.change, supporters, opposers };
  });
}

export const issueRevision = defineCommand({
  name: "revision.issue",
  load: (tx, input: { documentId: string; request: z.infer<typeof IssueRevisionRequestSchema>; situation: Situation }) => lockNamed(tx, input),
  access: (loaded) => needs(policy.issueRevision, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    const { row } = loaded;
    if (row.status === "silence") refuse("silence-running", "The text is under a silence procedure.");
    c.checkVersion(input.request.version, row.version, () => ({ document: row.id, version: row.version }));
    const provisions = await loadProvisions(c.tx, row.id);
    const pending = await loadProposals(c.tx, row.id, ["open", "colliding"]);
    const positions = await loadPositions(c.tx, row.id);
    const handlings: Record<string, Handling> = {};
    input.request.handlings.forEach((h, index) => {
      if (!pending.some((p) => p.id === h.proposal)) {
        throw new DomainError("invalid", "proposal-not-open", "The proposal is closed", `Proposal ${h.proposal} is not open on this document.`, {
          field: `handlings.${index}.proposal`,
          fieldCode: "unknown-proposal",
          fieldMessage: "is not an open proposal of this document",
        });
      }
      if (h.action === "accept-modified") {
        if (h.text === undefined) throw invalid(`handlings.${index}.text`, "required", "required with accept-modified");
        if (!checkBalanced(h.text)) refuse("unbalanced-brackets", "The chair's text has unbalanced brackets.", `handlings.${index}.text`);
        handlings[h.proposal] = { action: "accept-modified", text: h.text };
      } else handlings[h.proposal] = { action: h.action };
    });
    // A colliding proposal's span no longer says what its proposer saw: it stays as it is unless the chair closes it.
    const considered = pending.filter((p) => p.status === "open" || ["withdraw", "supersede"].includes(handlings[p.id]?.action ?? ""));
    const step: Step = { type: "revision", proposals: openProposals(considered, positions), handlings };
    const result = applyStep(workingText(row, provisions), step);
    await saveProvisions(c.tx, row.id, provisions, result.text.provisions);
    const number = row.revision + 1;
    const labels = new Map(pending.map((p) => [p.id, `P${p.seq}`]));
    for (const outcome of result.outcomes) {
      const carried = outcome.result === "carried" || outcome.result === "colliding";
      const change = outcome.change ?? pending.find((p) => p.id === outcome.proposal)!.change;
      const anchor = result.text.provisions.find((p) => p.id === (change.type === "add-provision" ? null : change.provision));
      const quote = carried && anchor && isSpanChange(change) ? (anchor.texts[row.baseLanguage] ?? "").slice(spanOf(change).start, spanOf(change).end) : undefined;
      await c.tx
        .update(negotiationProposals)
        .set(
          carried
            ? { status: outcome.result === "carried" ? "open" : "colliding", change, ...(quote !== undefined ? { quote } : {}), version: sql`${negotiationProposals.version} + 1` }
            : { status: outcome.result, handling: outcome.handling, handledIn: number, version: sql`${negotiationProposals.version} + 1` },
        )
        .where(eq(negotiationProposals.id, outcome.proposal));
    }
    const outcomes = result.outcomes.map((o) => ({ proposal: o.proposal, label: labels.get(o.proposal) ?? "", handling: o.handling, result: o.result }));
    await c.tx.insert(negotiationRevisions).values({
      documentId: row.id,
      number,
      provisions: [...result.text.provisions],
      outcomes,
      stats: revisionStats(result.text),
      issuedAt: c.now,
      issuedBy: by(c),
    });
    const version = await touch(c, row, { revision: number });
    emit(c, loaded, "revision.issued", version, { revision: number });
    c.audit("revision.issue", `document:${row.id}`, { revision: number, outcomes: outcomes.map((o) => `${o.label}:${o.result}`) });
    return { number };
  },
});

// ---- The chair's actions on a provision, and language versions

type ProvisionAction =
  | { readonly kind: "compromise"; readonly request: z.infer<typeof CompromiseRequestSchema> }
  | { readonly kind: "mark"; readonly request: z.infer<typeof MarkRequestSchema> }
  | { readonly kind: "facilitator"; readonly request: z.infer<typeof FacilitatorRequestSchema> }
  | { readonly kind: "translation"; readonly language: string; readonly request: z.infer<typeof TranslationRequestSchema> };

const ACTION_PERMISSION = { compromise: policy.compromise, mark: policy.mark, facilitator: policy.facilitator, translation: policy.translate } as const;

export const actOnProvision = defineCommand({
  name: "provision.change",
  // The provision is read under the document's lock: its facilitator, who may act on it, is the one it has now.
  load: async (tx, input: { documentId: string; provisionId: string; action: ProvisionAction; situation: Situation }) => {
    const row = await lockDocument(tx, input.documentId);
    const provision = await loadProvision(tx, row.id, input.provisionId);
    if (!provision) throw notFound("provision");
    return { ...loadedOf(row, input.situation, provision.facilitator), provision };
  },
  access: (loaded, input) => needs(ACTION_PERMISSION[input.action.kind], loaded.resource),
  run: async (c, input, locked) => {
    const { action, situation } = input;
    const loaded = open(locked);
    const { row, provision } = locked;
    if (row.status === "silence") refuse("silence-running", "The text is under a silence procedure: break silence to reopen it.");
    c.checkVersion(action.request.version, provision.version, () => provisionView(provision, row, null));
    let step: Step;
    switch (action.kind) {
      case "compromise":
        step = { type: "compromise", provision: provision.id, bracket: action.request.bracket, text: action.request.text };
        break;
      case "mark":
        if (action.request.mark !== null && provisionStatus(provision, row.baseLanguage) === "bracketed") {
          refuse("not-ready-for-adoption", "A provision with brackets cannot be marked agreed: insert compromise text first.");
        }
        step = { type: "mark", provision: provision.id, mark: action.request.mark };
        break;
      case "facilitator": {
        const delegation = action.request.delegation;
        if (delegation !== null && !situation.facts.readersOn(situation.day).drafts.includes(delegation)) {
          throw invalid("delegation", "not-in-registry", "is not a delegation that may see drafts");
        }
        step = { type: "facilitator", provision: provision.id, delegation };
        break;
      }
      case "translation":
        step = { type: "translation", provision: provision.id, language: action.language, text: action.request.text };
        break;
    }
    const result = applyStep(workingText(row, [provision]), step);
    await updateProvision(c.tx, row.id, result.text.provisions[0]!);
    await reanchorProposals(c, row, provision, result.text.provisions[0]!);
    const version = await touch(c, row);
    emit(c, loaded, "provision.changed", version, { provision: provision.id, action: action.kind });
    c.audit(`provision.${action.kind}` as const, `document:${row.id}`, { provision: provision.id, ...(action.kind === "translation" ? { language: action.language } : {}) });
    return { documentId: row.id };
  },
});

export const setVisibility = defineCommand({
  name: "document.visibility",
  load: (tx, input: { documentId: string; request: z.infer<typeof VisibilityRequestSchema>; situation: Situation }) => lockNamed(tx, input),
  access: (loaded) => needs(policy.visibility, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    c.checkVersion(input.request.version, loaded.row.version, () => ({ document: loaded.row.id, version: loaded.row.version }));
    const version = await touch(c, loaded.row, { visibility: input.request.visibility });
    // Told to those who could read it before and those who may now.
    const wider = documentAudience(input.request.visibility, loaded.resource.chair, input.situation.facts, input.situation.day);
    c.emit(documentStream(loaded.row.id), "document.visibility", { document: loaded.row.id, version, visibility: input.request.visibility }, [...loaded.audience, ...wider]);
    c.emit(DOCUMENTS_STREAM, "document.visibility", { document: loaded.row.id }, [...loaded.audience, ...wider]);
    c.audit("document.visibility", `document:${loaded.row.id}`, { visibility: input.request.visibility });
    return { documentId: loaded.row.id };
  },
});

// ---- Silence procedure and adoption

export const startSilenceProcedure = defineCommand({
  name: "silence.start",
  load: (tx, input: { documentId: string; request: z.infer<typeof SilenceRequestSchema>; situation: Situation }) => lockNamed(tx, input),
  access: (loaded) => needs(policy.startSilence, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    const { row } = loaded;
    c.checkVersion(input.request.version, row.version, () => ({ document: row.id, version: row.version }));
    const provisions = await loadProvisions(c.tx, row.id);
    // Objections are made by breaking silence; there is no standing objection to count before one starts.
    const objections: [] = [];
    const deadline = new Date(input.request.deadline);
    const silence = startSilence(row.silence, c.now, deadline);
    requireReady(workingText(row, provisions), { requireCurrentVersions: true, objections });
    const version = await touch(c, row, { silence, status: "silence", silenceDeadline: deadline });
    emit(c, loaded, "silence.started", version, { deadline: deadline.toISOString() });
    c.audit("silence.start", `document:${row.id}`, { deadline: deadline.toISOString() });
    return { documentId: row.id, deadline };
  },
});

export const breakSilenceProcedure = defineCommand({
  name: "silence.break",
  load: (tx, input: { documentId: string; request: z.infer<typeof BreakSilenceRequestSchema>; situation: Situation }) => lockNamed(tx, input),
  access: (loaded) => needs(policy.breakSilence, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    const { row } = loaded;
    const delegation = c.actor.delegation ?? "";
    // Under consensus minus one, the objection of the member the decision is about does not count: it cannot break silence.
    const rule = { code: row.decisionRule, excludesConcerned: input.situation.facts.decisionRule(row.decisionRule)?.excludesConcerned === true, concerning: row.concerning };
    if (countedObjections(rule, [{ delegation, reason: input.request.reason }], (party) => input.situation.facts.mayObject(party, input.situation.day)).length === 0) {
      refuse("objection-not-counted", "Under consensus minus one, the objection of the member the decision concerns is not counted.");
    }
    const silence = breakSilence(row.silence, c.now, delegation, input.request.reason);
    const provisionId = input.request.provision ?? null;
    if (provisionId !== null) {
      const provision = await loadProvision(c.tx, row.id, provisionId);
      if (!provision) refuse("provision-not-found", `There is no provision ${provisionId} in this document.`, "provision");
      const result = applyStep(workingText(row, [provision]), { type: "rebracket", provision: provisionId, requestedBy: [delegation] });
      await updateProvision(c.tx, row.id, result.text.provisions[0]!);
      await reanchorProposals(c, row, provision, result.text.provisions[0]!);
    }
    const version = await touch(c, row, { silence, status: "negotiation", silenceDeadline: null });
    emit(c, loaded, "silence.broken", version, { delegation, provision: provisionId });
    c.audit("silence.break", `document:${row.id}`, { provision: provisionId, reason: input.request.reason });
    return { documentId: row.id };
  },
});

/** Adopts the document: numbered within its body and year (under a lock per body, so two adoptions never share one). */
async function adopt(c: CommandScope, loaded: Loaded, by: "chair" | "silence", place: Record<string, string> | null, silence?: Silence): Promise<string> {
  const { row } = loaded;
  const year = c.now.getUTCFullYear();
  await c.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`concord:adoption:${row.body}`}))`);
  const prefix = `${row.body}/${year}/`;
  const [{ count }] = (await c.tx
    .select({ count: sql<number>`count(*)::int` })
    .from(negotiationDocuments)
    .where(sql`${negotiationDocuments.adoptedNumber} like ${`${prefix}%`}`)) as [{ count: number }];
  const number = adoptionNumber(row.body, year, count + 1);
  const adoption = { number, date: c.now.toISOString().slice(0, 10), adoptedAt: c.now.toISOString(), place: place ?? row.place, by };
  const version = await touch(c, row, { status: "adopted", adoption, adoptedNumber: number, silenceDeadline: null, ...(silence ? { silence } : {}) });
  emit(c, loaded, "document.adopted", version, { number });
  c.emit(DOCUMENTS_STREAM, "document.adopted", { document: row.id, number }, loaded.audience);
  c.audit("document.adopt", `document:${row.id}`, { number, by });
  return number;
}

export const adoptDocument = defineCommand({
  name: "document.adopt",
  load: (tx, input: { documentId: string; request: z.infer<typeof AdoptionRequestSchema>; situation: Situation }) => lockNamed(tx, input),
  access: (loaded) => needs(policy.adopt, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    const { row } = loaded;
    if (row.status === "silence") refuse("silence-running", "A silence procedure is running: the text is adopted at its deadline unless silence is broken.");
    c.checkVersion(input.request.version, row.version, () => ({ document: row.id, version: row.version }));
    const provisions = await loadProvisions(c.tx, row.id);
    requireReady(workingText(row, provisions), { requireCurrentVersions: true, objections: [] });
    return { number: await adopt(c, loaded, "chair", (input.request.place ?? null) as Record<string, string> | null) };
  },
});

/** At the deadline of an unbroken silence procedure: adopted, exactly once (the document row is locked and re-read). */
export const adoptAtDeadline = defineCommand({
  name: "silence.expire",
  load: (tx, input: { documentId: string; situation: Situation }) => lockNamed(tx, input),
  access: () => SYSTEM,
  run: async (c, _input, loaded) => {
    const { row } = loaded;
    const passed = expireSilence(row.silence, c.now);
    if (row.status !== "silence" || passed === null) return { number: null };
    return { number: await adopt(c, loaded, "silence", null, passed) };
  },
});

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
    const id = newId();
    await c.tx.insert(negotiationStatements).values({ id, documentId: row.id, delegation: c.actor.delegation ?? "", userId: c.actor.userId, provision, text: input.request.text, at: c.now });
    const version = await touch(c, row);
    emit(c, loaded, "statement.made", version, { statement: id, delegation: c.actor.delegation });
    c.audit("statement.create", `document:${row.id}`, { statement: id, provision });
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

