// Meetings endpoints. Thin: parse, run a command or read, answer with the meeting as the caller may now see it.
import { rateLimited } from "../platform/http/rate-limits.js";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AccreditationDecisionRequestSchema,
  AccreditationEditRequestSchema,
  AccreditationRequestSchema,
  AgendaAdoptionRequestSchema,
  AgendaItemChangeRequestSchema,
  AgendaItemRequestSchema,
  BadgeReissueRequestSchema,
  BadgeRevocationRequestSchema,
  CreateMeetingRequestSchema,
  FloorActionRequestSchema,
  FloorRequestSchema,
  InvitationChangeRequestSchema,
  InviteRequestSchema,
  MeetingListQuerySchema,
  MeetingListSchema,
  MeetingSchema,
  OutcomeRequestSchema,
  ParticipationRequestSchema,
  UpdateMeetingRequestSchema,
  PartyCodeSchema,
} from "../../contracts/meetings.js";
import { ProblemSchema } from "../../contracts/problems.js";
import { requireSignIn } from "../platform/access/authorize.js";
import { callerOf, commandContext, type AppServices } from "../app-services.js";
import type { Command } from "../platform/commands/runner.js";
import { notFound, ProblemError } from "../platform/http/problem.js";
import { documentReads } from "../negotiation/policy.js";
import { findDocument, registryFacts, resourceOf as documentResourceOf } from "../negotiation/queries.js";
import {
  actOnFloor,
  addAgendaItem,
  adoptAgenda,
  askFloor,
  changeAgendaItem,
  changeInvitation,
  createMeeting,
  decideAccreditation,
  editAccreditation,
  invite,
  recordOutcome,
  reissueBadge,
  revokeBadge,
  respond,
  submitAccreditation,
  updateMeeting,
} from "./commands.js";
import { duplicatesTask, type DuplicateChecker } from "./accreditation-check.js";
import { meetingReads } from "./policy.js";
import { loadShownMeeting, meetingFacts, resourceOf, type MeetingFacts, type ShownMeeting } from "./store.js";
import { listMeetings, meetingVersion } from "./queries.js";
import { meetingView, summaryView, type DocumentTitles } from "./views.js";
import { STREAMS } from "../../contracts/live.js";
import { meetingReaders } from "./live-readers.js";

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 503: ProblemSchema };
const tags = ["meetings"];
const IdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "an identifier");
const MeetingParams = z.strictObject({ id: IdParam });
const ItemParams = z.strictObject({ id: IdParam, item: IdParam });
const ListParams = z.strictObject({ id: IdParam, list: IdParam });
const PartyParams = z.strictObject({ id: IdParam, party: PartyCodeSchema });
const BadgeParams = z.strictObject({ id: IdParam, token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "a badge token") });

export async function meetingRoutes(app: FastifyInstance, options: { services: AppServices }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { services } = options;
  const { runner, db, snapshot } = services;
  services.streams.registerShared(STREAMS.meetings);
  services.streams.registerKind(STREAMS.meeting, { readers: (id) => meetingReaders(services, id) });

  const facts = (): MeetingFacts => {
    const known = snapshot.view("meeting-facts", meetingFacts);
    if (!known) throw new ProblemError(503, "no-registry", "No registry loaded", "Load a dataset with `concord import`.");
    return known;
  };

  /** The negotiated documents under the agenda that the caller may read (the others are not named). */
  async function documentTitles(request: FastifyRequest, ids: readonly string[]): Promise<DocumentTitles> {
    const titles = new Map<string, { title: Record<string, string>; status: string; number: string | null }>();
    const negotiation = snapshot.view("negotiation-facts", registryFacts);
    const day = services.today();
    for (const id of new Set(ids)) {
      const row = await findDocument(db, id);
      if (row && negotiation && documentReads.admits(request.actor, documentResourceOf(row, negotiation, day))) {
        titles.set(id, { title: row.title, status: row.status, number: row.adoptedNumber });
      }
    }
    return titles;
  }

  /**
   * Each meeting as last read, with its version: every screen of a meeting asks again after each change, so a read costs
   * one indexed query (the version) and the rows are read once per change, not once per screen.
   */
  const loadedMeetings = new Map<string, ShownMeeting>();
  async function current(id: string): Promise<ShownMeeting | null> {
    const version = await meetingVersion(db, id);
    if (version === null) return null;
    const known = loadedMeetings.get(id);
    if (known && known.row.version === version) return known;
    const loaded = await loadShownMeeting(db, id);
    if (!loaded) return null;
    if (loadedMeetings.size >= 500) loadedMeetings.delete(loadedMeetings.keys().next().value!);
    loadedMeetings.set(id, loaded);
    return loaded;
  }

  /** The meeting as the caller may see it now. */
  async function answer(request: FastifyRequest, id: string) {
    const loaded = await current(id);
    if (!loaded) throw notFound("meeting");
    const known = facts();
    meetingReads.check(request.actor, resourceOf(loaded.row, loaded.invitations, known));
    const documents = await documentTitles(request, loaded.items.flatMap((i) => i.documents));
    return meetingView(loaded, request.actor, known, documents);
  }

  /** Runs a command for the caller on a meeting, then answers with the meeting. */
  async function change<I extends { id: string; facts: MeetingFacts }, P, L>(request: FastifyRequest, command: Command<I, P, unknown, L>, input: Omit<I, "facts">) {
    await runner.run(command, commandContext(request, services), { ...input, facts: facts() } as I);
    return answer(request, input.id);
  }

  /** The accreditation's duplicate check, in the work pool, counted against the caller's bound of costly jobs. */
  const checkFor = (request: FastifyRequest): DuplicateChecker => (input) => services.work.run(duplicatesTask, input, { caller: callerOf(request) });

  api.get(
    "/api/v1/meetings",
    { schema: { tags, summary: "Meetings the caller may see, by opening day", querystring: MeetingListQuerySchema, response: { 200: MeetingListSchema, ...errors } } },
    async (request) => {
      // Who is invited is read only for meetings not open to everyone: for the others it does not decide who sees them.
      const { rows, invited } = await listMeetings(db, request.query);
      const known = facts();
      return { items: meetingReads.filter(request.actor, rows, (row) => resourceOf(row, invited.get(row.id) ?? [], known)).map((row) => summaryView(row, known)) };
    },
  );

  api.post(
    "/api/v1/meetings",
    { preHandler: requireSignIn, schema: { tags, summary: "Create a meeting of a body; members are invited by right", body: CreateMeetingRequestSchema, response: { 201: MeetingSchema, ...errors } } },
    async (request, reply) => {
      const { id } = await runner.run(createMeeting, commandContext(request, services), { request: request.body, facts: facts() });
      return reply.code(201).send(await answer(request, id));
    },
  );

  api.get(
    "/api/v1/meetings/:id",
    { schema: { tags, summary: "A meeting: schedule, invitations, accreditation, agenda, lists of speakers, outcome", params: MeetingParams, response: { 200: MeetingSchema, ...errors } } },
    async (request) => answer(request, request.params.id),
  );

  api.patch(
    "/api/v1/meetings/:id",
    { preHandler: requireSignIn, schema: { tags, summary: "Change a meeting's status, dates or visibility", params: MeetingParams, body: UpdateMeetingRequestSchema, response: { 200: MeetingSchema, ...errors } } },
    async (request) => change(request, updateMeeting, { id: request.params.id, request: request.body }),
  );

  api.post(
    "/api/v1/meetings/:id/invitations",
    { preHandler: requireSignIn, schema: { tags, summary: "Invite an observer, a partner or a guest", params: MeetingParams, body: InviteRequestSchema, response: { 200: MeetingSchema, ...errors } } },
    async (request) => change(request, invite, { id: request.params.id, request: request.body }),
  );

  api.patch(
    "/api/v1/meetings/:id/invitations/:party",
    {
      preHandler: requireSignIn,
      schema: { tags, summary: "Invite a delegation to speak, or change its quota", params: PartyParams, body: InvitationChangeRequestSchema, response: { 200: MeetingSchema, ...errors } },
    },
    async (request) => change(request, changeInvitation, { id: request.params.id, request: request.body, party: request.params.party }),
  );

  api.post(
    "/api/v1/meetings/:id/participation",
    {
      preHandler: requireSignIn,
      schema: { tags, summary: "Confirm or decline the delegation's participation", params: MeetingParams, body: ParticipationRequestSchema, response: { 200: MeetingSchema, ...errors } },
    },
    async (request) => change(request, respond, { id: request.params.id, request: request.body }),
  );

  api.post(
    "/api/v1/meetings/:id/accreditations",
    {
      config: rateLimited("accreditation"),
      preHandler: requireSignIn,
      schema: { tags, summary: "Submit delegates for accreditation", params: MeetingParams, body: AccreditationRequestSchema, response: { 201: MeetingSchema, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await change(request, submitAccreditation, { id: request.params.id, request: request.body, check: checkFor(request) })),
  );

  api.put(
    "/api/v1/meetings/:id/accreditations/:list",
    {
      config: rateLimited("accreditation"),
      preHandler: requireSignIn,
      schema: { tags, summary: "Edit an accreditation list and submit it again", params: ListParams, body: AccreditationEditRequestSchema, response: { 200: MeetingSchema, ...errors } },
    },
    async (request) => change(request, editAccreditation, { id: request.params.id, request: request.body, list: request.params.list, check: checkFor(request) }),
  );

  api.post(
    "/api/v1/meetings/:id/accreditations/:list/decision",
    {
      config: rateLimited("decision"),
      preHandler: requireSignIn,
      schema: { tags, summary: "Approve an accreditation list, or return it with a reason", params: ListParams, body: AccreditationDecisionRequestSchema, response: { 200: MeetingSchema, ...errors } },
    },
    async (request) => change(request, decideAccreditation, { id: request.params.id, request: request.body, list: request.params.list, check: checkFor(request) }),
  );

  api.post(
    "/api/v1/meetings/:id/badges/:token/revocation",
    {
      preHandler: requireSignIn,
      schema: {
        tags,
        summary: "Revoke a delegate's badge, saying why: it then verifies as revoked, with the reason (secretariat)",
        params: BadgeParams,
        body: BadgeRevocationRequestSchema,
        response: { 200: MeetingSchema, ...errors },
      },
    },
    async (request) => change(request, revokeBadge, { id: request.params.id, token: request.params.token, request: request.body }),
  );

  api.post(
    "/api/v1/meetings/:id/badges/:token/reissue",
    {
      preHandler: requireSignIn,
      schema: {
        tags,
        summary: "Give a delegate a new badge (a new token); the old one verifies as revoked (secretariat)",
        params: BadgeParams,
        body: BadgeReissueRequestSchema,
        response: { 200: MeetingSchema, ...errors },
      },
    },
    async (request) => change(request, reissueBadge, { id: request.params.id, token: request.params.token, request: request.body }),
  );

  api.post(
    "/api/v1/meetings/:id/agenda",
    { preHandler: requireSignIn, schema: { tags, summary: "Add an agenda item", params: MeetingParams, body: AgendaItemRequestSchema, response: { 200: MeetingSchema, ...errors } } },
    async (request) => change(request, addAgendaItem, { id: request.params.id, request: request.body }),
  );

  api.patch(
    "/api/v1/meetings/:id/agenda/:item",
    { preHandler: requireSignIn, schema: { tags, summary: "Change or remove an agenda item", params: ItemParams, body: AgendaItemChangeRequestSchema, response: { 200: MeetingSchema, ...errors } } },
    async (request) => change(request, changeAgendaItem, { id: request.params.id, request: request.body, item: request.params.item }),
  );

  api.post(
    "/api/v1/meetings/:id/agenda/adoption",
    { preHandler: requireSignIn, schema: { tags, summary: "Adopt the agenda (at the opening)", params: MeetingParams, body: AgendaAdoptionRequestSchema, response: { 200: MeetingSchema, ...errors } } },
    async (request) => change(request, adoptAgenda, { id: request.params.id, request: request.body }),
  );

  api.post(
    "/api/v1/meetings/:id/agenda/:item/floor",
    { preHandler: requireSignIn, schema: { tags, summary: "Ask for the floor on an agenda item", params: ItemParams, body: FloorRequestSchema, response: { 200: MeetingSchema, ...errors } } },
    async (request) => change(request, askFloor, { id: request.params.id, request: request.body, item: request.params.item }),
  );

  api.post(
    "/api/v1/meetings/:id/agenda/:item/floor/actions",
    {
      preHandler: requireSignIn,
      schema: { tags, summary: "The chair gives the floor, runs the clock, closes the list", params: ItemParams, body: FloorActionRequestSchema, response: { 200: MeetingSchema, ...errors } },
    },
    async (request) => change(request, actOnFloor, { id: request.params.id, request: request.body, item: request.params.item }),
  );

  api.put(
    "/api/v1/meetings/:id/outcome",
    { preHandler: requireSignIn, schema: { tags, summary: "Record the outcome: attendance and adopted documents", params: MeetingParams, body: OutcomeRequestSchema, response: { 200: MeetingSchema, ...errors } } },
    async (request) => change(request, recordOutcome, { id: request.params.id, request: request.body }),
  );
}
