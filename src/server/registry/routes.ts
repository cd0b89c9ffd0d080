// The registry's HTTP endpoints: thin, each validates input, reads the registry and answers a view.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  BodyListSchema,
  ChairmanshipSchema,
  OrganizationSchema,
  StateDetailSchema,
  StateListSchema,
  SummitListSchema,
} from "../../contracts/registry.js";
import { ProblemSchema } from "../../contracts/problems.js";
import type { Registry } from "../../domain/registry.js";
import type { Db } from "../db/client.js";
import { ProblemError, notFound } from "../http/problem.js";
import {
  bodiesView,
  chairmanshipView,
  isKnownTier,
  loadRegistry,
  organizationView,
  stateDetailView,
  statesOnView,
  summitsView,
} from "./queries.js";
import { OnlyOnQuery, StateParams, StatesQuery } from "./schema.js";

export interface RegistryRouteOptions {
  readonly db: Db;
  /** Today's calendar day (UTC), "YYYY-MM-DD". */
  readonly today: () => string;
}

const errors = { 400: ProblemSchema, 404: ProblemSchema, 503: ProblemSchema };
const tags = ["registry"];

export async function registryRoutes(app: FastifyInstance, options: RegistryRouteOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const registry = async (): Promise<Registry> => {
    const loaded = await loadRegistry(options.db);
    if (!loaded) throw new ProblemError(503, "no-registry", "No registry loaded", "Load a dataset with `concord import`.");
    return loaded;
  };

  api.get(
    "/api/v1/organization",
    { schema: { tags, summary: "The organization's profile: names, languages, tiers and rights, decision rules, rotation rule", response: { 200: OrganizationSchema, ...errors } } },
    async () => organizationView(await registry()),
  );

  api.get(
    "/api/v1/states",
    { schema: { tags, summary: "States holding a status on a day, optionally of one tier", querystring: StatesQuery, response: { 200: StateListSchema, ...errors } } },
    async (request) => {
      const reg = await registry();
      const on = request.query.on ?? options.today();
      const { tier } = request.query;
      if (tier !== undefined && !isKnownTier(reg, tier)) {
        const known = reg.organization.tiers.map((t) => t.code).join(", ");
        throw new ProblemError(400, "invalid-request", "The request is not valid", `querystring.tier: unknown tier "${tier}" (known: ${known})`, [
          { field: "querystring.tier", message: `unknown tier "${tier}"` },
        ]);
      }
      return { on, items: statesOnView(reg, on, tier) };
    },
  );

  api.get(
    "/api/v1/states/:code",
    { schema: { tags, summary: "One state: its status, history, summits hosted and chairmanship terms", params: StateParams, querystring: OnlyOnQuery, response: { 200: StateDetailSchema, ...errors } } },
    async (request) => {
      const on = request.query.on ?? options.today();
      const detail = stateDetailView(await registry(), request.params.code.toUpperCase(), on);
      if (!detail) throw notFound(`State "${request.params.code}"`);
      return detail;
    },
  );

  api.get(
    "/api/v1/bodies",
    { schema: { tags, summary: "The organization's bodies", response: { 200: BodyListSchema, ...errors } } },
    async () => ({ items: bodiesView(await registry()) }),
  );

  api.get(
    "/api/v1/summits",
    { schema: { tags, summary: "Summits on record, and the next one as projected by the rotation rule", querystring: OnlyOnQuery, response: { 200: SummitListSchema, ...errors } } },
    async (request) => summitsView(await registry(), request.query.on ?? options.today()),
  );

  api.get(
    "/api/v1/chairmanship",
    { schema: { tags, summary: "Chairmanship terms: recorded, then the next five projected", querystring: OnlyOnQuery, response: { 200: ChairmanshipSchema, ...errors } } },
    async (request) => {
      const on = request.query.on ?? options.today();
      return { on, ...chairmanshipView(await registry(), on) };
    },
  );
}
