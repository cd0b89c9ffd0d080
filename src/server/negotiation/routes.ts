// Negotiation endpoints. Thin: parse, run a command or read, answer with the document as it now is.
import { rateLimited } from "../platform/http/rate-limits.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AdoptionRequestSchema,
  InvitationRequestSchema,
  DraftListSchema,
  DraftSchema,
  PrepareDraftRequestSchema,
  InvitedCommentRequestSchema,
  CallRequestSchema,
  ObjectionRequestSchema,
  ReasonRequestSchema,
  RuleChangeRequestSchema,
  BreakSilenceRequestSchema,
  CompromiseRequestSchema,
  CreateDocumentRequestSchema,
  CreateProposalRequestSchema,
  DiffQuerySchema,
  DiffSchema,
  DocumentListQuerySchema,
  DocumentListSchema,
  DocumentSchema,
  FacilitatorRequestSchema,
  IssueRevisionRequestSchema,
  LanguageSchema,
  MarkRequestSchema,
  NoteListSchema,
  NoteRequestSchema,
  NoteSchema,
  PositionRequestSchema,
  ProposalChangedSchema,
  RevisionParamsSchema,
  RevisionSchema,
  IssuedRevisionSchema,
  SilenceRequestSchema,
  StatementRequestSchema,
  TranslationRequestSchema,
  VisibilityRequestSchema,
} from "../../contracts/negotiation.js";
import { ProblemSchema } from "../../contracts/problems.js";
import { requireSignIn } from "../platform/access/authorize.js";
import { callerOf, commandContext, type AppServices } from "../app-services.js";
import { CACHE_CONTROL } from "../platform/http/cache-control.js";
import { sendReadyJson } from "../platform/http/ready-json.js";
import { notFound, ProblemError } from "../platform/http/problem.js";
import {
  actOnProvision,
  addNote,
  adoptDocument,
  breakSilenceProcedure,
  cancelSilenceProcedure,
  changeDecisionRule,
  cosponsorProposal,
  createDocument,
  discardDraft,
  prepareDraft,
  withdrawProposal,
  inviteToDocument,
  objectInCallForObjections,
  openCallForObjections,
  withdrawCallForObjections,
  withdrawObjectionInCall,
  issueRevision,
  makeProposals,
  makeStatement,
  setVisibility,
  startSilenceProcedure,
  takePosition,
  type Situation,
} from "./commands.js";
import { documentReads, draftReads, noteReads } from "./policy.js";
import { listDrafts } from "./draft-store.js";
import { findRevision, listDocuments, listNotes, type CachedDocument, type DocumentCache } from "./queries.js";
import { findDocument, registryFacts, resourceOf, type DocumentRow } from "./store.js";
import { draftView, revisionView, summaryView } from "./views.js";
import { DiffCache, diffRevisionsTask } from "./diff-cache.js";
import { STREAMS } from "../../contracts/live.js";
import { documentReaders } from "./live-readers.js";

/** The largest zero draft accepted (its provisions are capped at 2,000 by the schema; 20,000 characters each at most). */
const MAX_ZERO_DRAFT_BYTES = 8 * 1024 * 1024;

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 503: ProblemSchema };
const tags = ["negotiation"];
const DocumentParams = z.strictObject({ id: z.string().max(64) });
const ProvisionParams = z.strictObject({ id: z.string().max(64), provision: z.string().max(80) });
const TranslationParams = ProvisionParams.extend({ language: LanguageSchema });
const ProposalParams = z.strictObject({ id: z.string().max(64) });

/** Sends JSON already serialized (by a worker thread, kept in a cache) as it is, past the response serializer. */
function sendJson(reply: FastifyReply, json: Uint8Array): FastifyReply {
  return reply.type("application/json; charset=utf-8").send(Buffer.from(json.buffer, json.byteOffset, json.byteLength));
}

export async function negotiationRoutes(app: FastifyInstance, options: { services: AppServices; documents: DocumentCache }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { services, documents } = options;
  const { runner, db, snapshot, today } = services;
  // The list's events carry each document's readers; a document's own stream is for its readers, who are in its room.
  services.streams.registerShared(STREAMS.documents);
  services.streams.registerKind(STREAMS.document, { readers: (id) => documentReaders(services, id), hasRoom: true });

  const situation = (): Situation => {
    const facts = snapshot.view("negotiation-facts", registryFacts);
    if (!facts) throw new ProblemError(503, "no-registry", "No registry loaded", "Load a dataset with `concord import`.");
    return { facts, day: today() };
  };

  /**
   * The document from the cache (forgotten at its every change, in every process), once the caller is known to be allowed
   * to read it: while the document is cached, a request for a revision or a diff reads nothing from the database to be
   * authorized.
   */
  async function readableDocument(request: FastifyRequest, id: string): Promise<CachedDocument> {
    const { facts, day } = situation();
    const cached = await documents.get(id, `${day}|${snapshot.position}`, (row) => facts.chairOf(row.body, day));
    if (!cached) throw notFound("document");
    documentReads.check(request.actor, resourceOf(cached.row, facts, day));
    return cached;
  }

  /** Answers with the document as the caller may see it, from the cache (304 to a client that holds it; browsers keep nothing: no-store). */
  async function sendDocument(request: FastifyRequest, reply: FastifyReply, id: string, status = 200): Promise<FastifyReply> {
    const cached = await readableDocument(request, id);
    void reply.header("etag", cached.etag).header("cache-control", CACHE_CONTROL.private);
    if (status === 200 && request.headers["if-none-match"] === cached.etag) return reply.code(304).send();
    return sendReadyJson(request, reply.code(status), cached);
  }

  /** Reads a document the caller may see (for revisions, diffs, notes). */
  async function readable(request: FastifyRequest, id: string): Promise<DocumentRow> {
    return (await readableDocument(request, id)).row;
  }

  api.get(
    "/api/v1/documents",
    { schema: { tags, summary: "Documents under negotiation or adopted, that the caller may see", querystring: DocumentListQuerySchema, response: { 200: DocumentListSchema, ...errors } } },
    async (request) => {
      const { facts, day } = situation();
      const rows = await listDocuments(db, request.query);
      return { items: documentReads.filter(request.actor, rows, (row) => resourceOf(row, facts, day)).map(summaryView) };
    },
  );

  api.post(
    "/api/v1/documents",
    {
      // A zero draft of 2,000 provisions in three languages is a few MiB of JSON: more than other requests may send.
      bodyLimit: MAX_ZERO_DRAFT_BYTES,
      preHandler: requireSignIn,
      schema: { tags, summary: "Open a negotiation: the document and its zero draft (Rev.0)", body: CreateDocumentRequestSchema, response: { 201: DocumentSchema, ...errors } },
    },
    async (request, reply) => {
      const { id } = await runner.run(createDocument, commandContext(request, services), { request: request.body, situation: situation() });
      return sendDocument(request, reply, id, 201);
    },
  );

  api.get(
    "/api/v1/documents/:id",
    { schema: { tags, summary: "A document: its rolling text with brackets and backers, statuses, versions, proposals, procedure", params: DocumentParams, response: { 200: DocumentSchema, ...errors } } },
    async (request, reply) => sendDocument(request, reply, request.params.id),
  );

  api.post(
    "/api/v1/documents/:id/proposals",
    {
      preHandler: requireSignIn,
      schema: { tags, summary: "Propose a change: replace, insert or delete a span; add, delete or move a provision", params: DocumentParams, body: CreateProposalRequestSchema, response: { 201: ProposalChangedSchema, ...errors } },
    },
    async (request, reply) => {
      // Proposals to one document that arrive together commit together (see makeProposals).
      const made = await runner.runBatched(makeProposals, request.params.id, commandContext(request, services), {
        documentId: request.params.id,
        request: request.body,
        situation: situation(),
      });
      return reply.code(201).send({ ...made.view, documentVersion: made.documentVersion, provisionVersion: made.provisionVersion });
    },
  );

  api.post(
    "/api/v1/proposals/:id/positions",
    {
      preHandler: requireSignIn,
      schema: { tags, summary: "Support, oppose or comment on a proposal", params: ProposalParams, body: PositionRequestSchema, response: { 200: ProposalChangedSchema, ...errors } },
    },
    async (request) => {
      const taken = await runner.run(takePosition, commandContext(request, services), { proposalId: request.params.id, request: request.body, situation: situation() });
      return { ...taken.view, documentVersion: taken.documentVersion };
    },
  );

  const proposalAction = (path: string, summary: string, command: typeof withdrawProposal) => {
    api.post(
      `/api/v1/proposals/:id/${path}`,
      { preHandler: requireSignIn, schema: { tags, summary, params: ProposalParams, body: z.strictObject({}), response: { 200: ProposalChangedSchema, ...errors } } },
      async (request) => {
        const changed = await runner.run(command, commandContext(request, services), { proposalId: request.params.id, situation: situation() });
        return { ...changed.view, documentVersion: changed.documentVersion };
      },
    );
  };
  proposalAction("withdrawal", "The delegation that made a proposal withdraws it (the chair's rejection is 'not retained', in a revision)", withdrawProposal);
  proposalAction("cosponsors", "The caller's delegation joins the proposal as a co-sponsor (recorded with when)", cosponsorProposal);

  api.post(
    "/api/v1/proposals/:id/invited-comments",
    {
      preHandler: requireSignIn,
      schema: {
        tags,
        summary: "A comment by a non-member delegation the chair invited to the document: shown as a non-member's, never blocking",
        params: ProposalParams,
        body: InvitedCommentRequestSchema,
        response: { 200: ProposalChangedSchema, ...errors },
      },
    },
    async (request) => {
      const body = { stance: "comment" as const, text: request.body.text, ...(request.body.version !== undefined ? { version: request.body.version } : {}) };
      const taken = await runner.run(takePosition, commandContext(request, services), { proposalId: request.params.id, request: body, situation: situation(), asInvited: true });
      return { ...taken.view, documentVersion: taken.documentVersion };
    },
  );

  api.post(
    "/api/v1/documents/:id/revisions",
    {
      preHandler: requireSignIn,
      schema: {
        tags,
        summary: "The chair issues the next revision, handling the open proposals; the answer carries the document as it now stands",
        params: DocumentParams,
        body: IssueRevisionRequestSchema,
        response: { 201: IssuedRevisionSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { number } = await runner.run(issueRevision, commandContext(request, services), { documentId: request.params.id, request: request.body, situation: situation() });
      // The document as the caller now reads it (this process's cache heard of the commit before this line), already
      // serialized: the revision's JSON with it as `current`, so that the whole text is not serialized twice.
      const cached = await readableDocument(request, request.params.id);
      const revision = JSON.stringify(revisionView(cached.row, (await findRevision(db, cached.row.id, number))!));
      return (reply as FastifyReply).code(201).type("application/json; charset=utf-8").send(`${revision.slice(0, -1)},"current":${cached.json}}`);
    },
  );

  api.get(
    "/api/v1/documents/:id/revisions/:number",
    { schema: { tags, summary: "One issued revision (Rev.0 is the zero draft)", params: RevisionParamsSchema, response: { 200: RevisionSchema, ...errors } } },
    async (request) => {
      const row = await readable(request, request.params.id);
      const revision = await findRevision(db, row.id, request.params.number);
      if (!revision) throw notFound("revision");
      return revisionView(row, revision);
    },
  );

  api.get(
    "/api/v1/documents/:id/diff",
    {
      config: rateLimited("diff"),
      schema: {
        tags,
        summary: "A comparison of two revisions, provision by provision: word by word, or by sentence or as a whole where the change is too large",
        params: DocumentParams,
        querystring: DiffQuerySchema,
        response: { 200: DiffSchema, 422: ProblemSchema, 429: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      // Who may read the document is asked on every request, before the cache: a kept diff is never a way around it.
      const row = await readable(request, request.params.id);
      const { from: fromNumber, to: toNumber } = request.query;
      const json = await services.diffs.get(DiffCache.key(row.id, fromNumber, toNumber, row.languages), async () => {
        const [from, to] = await Promise.all([findRevision(db, row.id, fromNumber), findRevision(db, row.id, toNumber)]);
        if (!from) throw notFound("revision (from)");
        if (!to) throw notFound("revision (to)");
        const pair = { languages: row.languages, from: { number: from.number, provisions: from.provisions }, to: { number: to.number, provisions: to.provisions } };
        return services.work.run(diffRevisionsTask, pair, { caller: callerOf(request) });
      });
      return sendJson(reply, json);
    },
  );

  const provisionAction = <S extends z.ZodType>(path: string, summary: string, body: S, action: (body: z.infer<S>, params: { language?: string }) => Parameters<typeof actOnProvision.run>[1]["action"]) => {
    api.post(
      `/api/v1/documents/:id/provisions/:provision/${path}`,
      { preHandler: requireSignIn, schema: { tags, summary, params: ProvisionParams, body, response: { 200: DocumentSchema, ...errors } } },
      async (request, reply) => {
        const params = request.params as z.infer<typeof ProvisionParams>;
        await runner.run(actOnProvision, commandContext(request, services), {
          documentId: params.id,
          provisionId: params.provision,
          action: action(request.body as z.infer<S>, {}),
          situation: situation(),
        });
        return sendDocument(request, reply, params.id);
      },
    );
  };
  provisionAction("compromise", "The chair (or the provision's facilitator) replaces a bracket with compromise text", CompromiseRequestSchema, (request) => ({ kind: "compromise", request }));
  provisionAction("status", "The chair marks a provision agreed ad ref or agreed (or clears the mark)", MarkRequestSchema, (request) => ({ kind: "mark", request }));
  provisionAction("facilitator", "The chair designates a facilitator for a provision", FacilitatorRequestSchema, (request) => ({ kind: "facilitator", request }));

  api.put(
    "/api/v1/documents/:id/provisions/:provision/versions/:language",
    {
      preHandler: requireSignIn,
      schema: { tags, summary: "Update a provision's version in another language (it then follows the current base text)", params: TranslationParams, body: TranslationRequestSchema, response: { 200: DocumentSchema, ...errors } },
    },
    async (request, reply) => {
      await runner.run(actOnProvision, commandContext(request, services), {
        documentId: request.params.id,
        provisionId: request.params.provision,
        action: { kind: "translation", language: request.params.language, request: request.body },
        situation: situation(),
      });
      return sendDocument(request, reply, request.params.id);
    },
  );

  const documentAction = <S extends z.ZodType>(
    path: string,
    summary: string,
    body: S,
    run: (request: FastifyRequest, id: string, body: z.infer<S>) => Promise<unknown>,
    status = 200,
  ) => {
    api.post(
      `/api/v1/documents/:id/${path}`,
      { preHandler: requireSignIn, schema: { tags, summary, params: DocumentParams, body, response: { [status]: DocumentSchema, ...errors } } },
      async (request, reply) => {
        const { id } = request.params as z.infer<typeof DocumentParams>;
        await run(request, id, request.body as z.infer<S>);
        return sendDocument(request, reply, id, status);
      },
    );
  };
  const context = (request: FastifyRequest) => commandContext(request, services);
  documentAction("visibility", "The chair opens a draft to observers and partners, or to the public", VisibilityRequestSchema, (r, id, body) =>
    runner.run(setVisibility, context(r), { documentId: id, request: body, situation: situation() }),
  );
  documentAction("silence", "The chair starts a silence procedure: adopted at the deadline unless a member breaks silence", SilenceRequestSchema, (r, id, body) =>
    runner.run(startSilenceProcedure, context(r), { documentId: id, request: body, situation: situation() }),
  );
  documentAction("silence/break", "A member breaks silence, with its reason (and the provision concerned)", BreakSilenceRequestSchema, (r, id, body) =>
    runner.run(breakSilenceProcedure, context(r), { documentId: id, request: body, situation: situation() }),
  );
  documentAction(
    "statements",
    "A statement of position, annexed to the record (it does not block adoption)",
    StatementRequestSchema,
    (r, id, body) => runner.run(makeStatement, context(r), { documentId: id, request: body, situation: situation() }),
    201,
  );
  documentAction("invitations", "The chair invites a non-member delegation to see the draft and comment on it (a recorded grant for this document)", InvitationRequestSchema, (r, id, body) =>
    runner.run(inviteToDocument, context(r), { documentId: id, request: body, end: false, situation: situation() }),
  );
  documentAction("invitations/end", "The chair ends a non-member delegation's invitation to the document", InvitationRequestSchema, (r, id, body) =>
    runner.run(inviteToDocument, context(r), { documentId: id, request: body, end: true, situation: situation() }),
  );
  documentAction("silence/cancellation", "The chair cancels a running silence procedure, saying why", ReasonRequestSchema, (r, id, body) =>
    runner.run(cancelSilenceProcedure, context(r), { documentId: id, request: body, situation: situation() }),
  );
  documentAction("rule", "The chair records that the document is a decision of another kind (its rule follows from the organization's data), with the reason", RuleChangeRequestSchema, (r, id, body) =>
    runner.run(changeDecisionRule, context(r), { documentId: id, request: body, situation: situation() }),
  );
  documentAction("call", "The chair calls for objections on the issued revision (a clean, agreed text with every version current)", CallRequestSchema, (r, id, body) =>
    runner.run(openCallForObjections, context(r), { documentId: id, request: body, situation: situation() }),
  );
  documentAction("call/objections", "A member objects in the open call, with its reason (named, visible to all)", ObjectionRequestSchema, (r, id, body) =>
    runner.run(objectInCallForObjections, context(r), { documentId: id, request: body, situation: situation() }),
  );
  documentAction("call/objections/withdrawal", "A member withdraws its own objection in the open call", z.strictObject({}), (r, id) =>
    runner.run(withdrawObjectionInCall, context(r), { documentId: id, request: {}, situation: situation() }),
  );
  documentAction("call/withdrawal", "The chair withdraws the call for objections, saying why", ReasonRequestSchema, (r, id, body) =>
    runner.run(withdrawCallForObjections, context(r), { documentId: id, request: body, situation: situation() }),
  );
  documentAction(
    "adoption",
    "The chair closes the call for objections on the issued revision: adopted, unless an objection that counts stands",
    AdoptionRequestSchema,
    (r, id, body) => runner.run(adoptDocument, context(r), { documentId: id, request: body, situation: situation() }),
  );

  api.get(
    "/api/v1/documents/:id/drafts",
    { preHandler: requireSignIn, schema: { tags, summary: "The secretariat's drafts for the chair: draft revisions and compromise texts", params: DocumentParams, response: { 200: DraftListSchema, ...errors } } },
    async (request) => {
      const row = await findDocument(db, request.params.id);
      if (!row) throw notFound("document");
      const { facts, day } = situation();
      draftReads.check(request.actor, resourceOf(row, facts, day));
      return { items: (await listDrafts(db, row.id)).map(draftView) };
    },
  );
  api.post(
    "/api/v1/documents/:id/drafts",
    {
      preHandler: requireSignIn,
      schema: { tags, summary: "A drafting officer of the secretariat prepares a draft revision or compromise text for the chair", params: DocumentParams, body: PrepareDraftRequestSchema, response: { 201: DraftSchema, ...errors } },
    },
    async (request, reply) => {
      const { id } = await runner.run(prepareDraft, commandContext(request, services), { documentId: request.params.id, request: request.body, situation: situation() });
      const draft = (await listDrafts(db, request.params.id)).find((d) => d.id === id)!;
      return reply.code(201).send(draftView(draft));
    },
  );
  api.post(
    "/api/v1/documents/:id/drafts/:draft/discard",
    {
      preHandler: requireSignIn,
      schema: { tags, summary: "The secretariat or the chair sets a draft aside", params: z.strictObject({ id: z.string().max(64), draft: z.string().max(64) }), body: z.strictObject({}), response: { 200: DraftSchema, ...errors } },
    },
    async (request) => {
      await runner.run(discardDraft, commandContext(request, services), { documentId: request.params.id, draftId: request.params.draft, situation: situation() });
      return draftView((await listDrafts(db, request.params.id)).find((d) => d.id === request.params.draft)!);
    },
  );

  api.get(
    "/api/v1/documents/:id/notes",
    { preHandler: requireSignIn, schema: { tags, summary: "The caller's delegation's private notes on the document", params: DocumentParams, response: { 200: NoteListSchema, ...errors } } },
    async (request) => {
      const row = await findDocument(db, request.params.id);
      if (!row) throw notFound("document");
      const { facts, day } = situation();
      noteReads.check(request.actor, resourceOf(row, facts, day));
      const notes = await listNotes(db, row.id, request.actor.delegation ?? "");
      return { items: notes.map((n) => ({ id: n.id, provision: n.provision, text: n.text, author: n.userId, at: n.at.toISOString() })) };
    },
  );

  api.post(
    "/api/v1/documents/:id/notes",
    { preHandler: requireSignIn, schema: { tags, summary: "A private note for the caller's delegation only", params: DocumentParams, body: NoteRequestSchema, response: { 201: NoteSchema, ...errors } } },
    async (request, reply) => {
      const note = await runner.run(addNote, commandContext(request, services), { documentId: request.params.id, request: request.body, situation: situation() });
      return reply.code(201).send({ id: note.id, provision: note.provision, text: note.text, author: note.userId, at: note.at.toISOString() });
    },
  );
}
