// The registry's HTTP endpoints: thin, each validates input and answers a view computed once per registry version and day
// from the process's snapshot, sent as ready JSON with an entity tag.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ProblemSchema } from "../../contracts/problems.js";
import { RegistryChangesBody, RegistryChangesResultSchema, RegistryHistoryQuery, RegistryHistorySchema } from "../../contracts/registry-changes.js";
import { AccessionListSchema, BodyListSchema, ChairmanshipSchema, OnlyOnQuery, OrganizationSchema, StateDetailSchema, StateListSchema, StateParams, StatesQuery, SummitListSchema } from "../../contracts/registry.js";
import type { Registry } from "../../domain/registry.js";
import { requireSignIn } from "../platform/access/authorize.js";
import { commandContext, type AppServices } from "../app-services.js";
import { streamHead } from "../platform/events/log.js";
import { STREAMS } from "../../contracts/live.js";
import { changeRegistryCommand, RegistryChangeError, registryHistory } from "./changes.js";
import { CACHE_CONTROL } from "../platform/http/cache-control.js";
import { sendReadyJson } from "../platform/http/ready-json.js";
import { invalidField, notFound, ProblemError } from "../platform/http/problem.js";
import { registryExport, registryHistoryReads } from "./policy.js";
import { accessionsView, bodiesView, chairmanshipView, isKnownTier, organizationView, stateDetailView, statesOnView, summitsView } from "./queries.js";
import type { CachedJson } from "./snapshot.js";
import { BUNDLE_FORMAT, BUNDLE_VERSION } from "./dataset-schema.js";
import { bundleText } from "./dataset-files.js";

const errors = { 400: ProblemSchema, 404: ProblemSchema, 503: ProblemSchema };
const writeErrors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema, 503: ProblemSchema };

/** Changes that would leave the registry inconsistent: 400 naming each change's record and field (or the registry's, when no change put it). */
function inconsistent(error: RegistryChangeError): ProblemError {
  const errors = error.issues.map((issue) => ({
    field: issue.change !== null ? `body.changes.${issue.change}.record.${issue.field}` : `registry.${issue.put}.${issue.record}.${issue.field}`,
    code: "registry-inconsistent" as const,
    message: issue.message,
  }));
  return new ProblemError(400, "invalid-request", "The changes would leave the registry inconsistent; nothing was changed", error.message, { errors });
}
const tags = ["registry"];

const noRegistry = () => new ProblemError(503, "no-registry", "No registry loaded", "Load a dataset with `concord import`.");

/** Sends a cached view (compressed once per view, see ready-json.ts); a browser that has it already gets 304. */
function sendJson(request: FastifyRequest, reply: FastifyReply, cached: CachedJson | null): FastifyReply | Promise<FastifyReply> {
  if (!cached) throw noRegistry();
  void reply.header("etag", cached.etag).header("cache-control", CACHE_CONTROL.publicRevalidated);
  if (request.headers["if-none-match"] === cached.etag) return reply.code(304).send();
  return sendReadyJson(request, reply, cached);
}

export async function registryRoutes(app: FastifyInstance, options: { services: AppServices }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { services } = options;
  const { snapshot, today } = services;
  services.streams.registerShared(STREAMS.registry);
  const registry = (): Registry => snapshot.registry ?? (() => { throw noRegistry(); })();

  api.get(
    "/api/v1/organization",
    { schema: { tags, summary: "The organization's profile: names, languages, tiers and rights, decision rules, rotation rule", response: { 200: OrganizationSchema, ...errors } } },
    async (request, reply) => sendJson(request, reply, snapshot.json("organization", organizationView)),
  );

  api.get(
    "/api/v1/states",
    { schema: { tags, summary: "States holding a status on a day, optionally of one tier", querystring: StatesQuery, response: { 200: StateListSchema, ...errors } } },
    async (request, reply) => {
      const on = request.query.on ?? today();
      const { tier } = request.query;
      if (tier !== undefined && !isKnownTier(registry(), tier)) {
        const known = registry().organization.tiers.map((t) => t.code).join(", ");
        throw invalidField("querystring.tier", "unknown-tier", `unknown tier "${tier}" (known: ${known})`);
      }
      return sendJson(request, reply, snapshot.json(`states:${on}:${tier ?? ""}`, (r) => ({ on, items: statesOnView(r, on, tier) })));
    },
  );

  api.get(
    "/api/v1/states/:code",
    { schema: { tags, summary: "One state: its status, history, summits hosted and chairmanship terms", params: StateParams, querystring: OnlyOnQuery, response: { 200: StateDetailSchema, ...errors } } },
    async (request, reply) => {
      const on = request.query.on ?? today();
      const code = request.params.code.toUpperCase();
      if (!registry().states.some((s) => s.code === code)) throw notFound(`State "${request.params.code}"`);
      return sendJson(request, reply, snapshot.json(`state:${code}:${on}`, (r) => stateDetailView(r, code, on)));
    },
  );

  api.get(
    "/api/v1/bodies",
    { schema: { tags, summary: "The organization's bodies", response: { 200: BodyListSchema, ...errors } } },
    async (request, reply) => sendJson(request, reply, snapshot.json("bodies", (r) => ({ items: bodiesView(r) }))),
  );

  api.get(
    "/api/v1/summits",
    { schema: { tags, summary: "Summits on record, and the next one as projected by the rotation rule", querystring: OnlyOnQuery, response: { 200: SummitListSchema, ...errors } } },
    async (request, reply) => {
      const on = request.query.on ?? today();
      return sendJson(request, reply, snapshot.json(`summits:${on}`, (r) => summitsView(r, on)));
    },
  );

  api.get(
    "/api/v1/chairmanship",
    { schema: { tags, summary: "Chairmanship terms: recorded, then the next five projected", querystring: OnlyOnQuery, response: { 200: ChairmanshipSchema, ...errors } } },
    async (request, reply) => {
      const on = request.query.on ?? today();
      return sendJson(request, reply, snapshot.json(`chairmanship:${on}`, (r) => ({ on, ...chairmanshipView(r, on) })));
    },
  );

  api.get(
    "/api/v1/registry/export",
    {
      onRequest: requireSignIn,
      schema: {
        tags,
        summary: "The whole registry as one file, as `concord export` writes it (secretariat)",
        response: { 200: z.object({ format: z.literal(BUNDLE_FORMAT), version: z.literal(BUNDLE_VERSION) }).loose(), 401: ProblemSchema, 403: ProblemSchema, 503: ProblemSchema },
      },
    },
    async (request, reply) => {
      registryExport.check(request.actor);
      const current = registry();
      const name = `concord-registry-${current.organization.code.toLowerCase()}-${today()}.json`;
      void reply.header("content-disposition", `attachment; filename="${name}"`);
      // Sent as text, exactly as `concord export` writes the file (the schema above documents its shape).
      return reply.type("application/json; charset=utf-8").send(bundleText(current) as never);
    },
  );

  api.get(
    "/api/v1/accessions",
    { schema: { tags, summary: "Applications for a status: the organization's stages, those in progress and those completed", response: { 200: AccessionListSchema, ...errors } } },
    async (request, reply) => sendJson(request, reply, snapshot.json("accessions", accessionsView)),
  );

  api.post(
    "/api/v1/registry/changes",
    {
      onRequest: requireSignIn,
      schema: {
        tags,
        summary: "Record changes to the registry in one transaction: each puts a record (adds it, or corrects the one with its key); all are checked together",
        body: RegistryChangesBody,
        response: { 200: RegistryChangesResultSchema, ...writeErrors },
      },
    },
    async (request) => {
      try {
        return await services.runner.run(changeRegistryCommand, commandContext(request, services), request.body);
      } catch (error) {
        if (error instanceof RegistryChangeError) throw inconsistent(error);
        throw error;
      }
    },
  );

  api.get(
    "/api/v1/registry/history",
    {
      onRequest: requireSignIn,
      schema: { tags, summary: "The registry's version, and the earlier values of records that changes corrected (newest first)", querystring: RegistryHistoryQuery, response: { 200: RegistryHistorySchema, ...writeErrors } },
    },
    async (request) => {
      registryHistoryReads.check(request.actor);
      const [position, items] = await Promise.all([streamHead(services.db, STREAMS.registry), registryHistory(services.db, request.query)]);
      return { position, items };
    },
  );
}
