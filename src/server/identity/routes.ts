// Identity endpoints: the session (sign in, out, password), users, delegations. Thin: parse, authorize, command, answer.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { DelegationDetailSchema, DelegationListSchema, SessionSchema, UserListSchema, UserSchema, type Delegation } from "../../contracts/identity.js";
import { ProblemSchema } from "../../contracts/problems.js";
import type { Actor, Role } from "../../domain/access.js";
import { statusOn } from "../../domain/membership.js";
import type { Registry } from "../../domain/registry.js";
import { authorize, may, requireSignIn } from "../access/authorize.js";
import { clearSessionCookie, setSessionCookie } from "../access/sessions.js";
import type { Db } from "../db/client.js";
import { ProblemError, notFound } from "../http/problem.js";
import { loadRegistry } from "../registry/queries.js";
import { changeOwnPassword, createDelegation, createUser, setDelegationActive, signIn, signOut, updateUser, type CommandContext } from "./commands.js";
import { delegationPolicy } from "./delegation-policy.js";
import { findDelegation, findUser, listDelegations, listUsers, userView, type DelegationRow } from "./queries.js";
import { ChangePasswordBody, CreateDelegationBody, CreateUserBody, DelegationParams, SignInBody, UpdateDelegationBody, UpdateUserBody, UserParams, UsersQuery } from "./schema.js";
import { userPolicy } from "./user-policy.js";

export interface IdentityRouteOptions {
  readonly db: Db;
  readonly now: () => Date;
  readonly today: () => string;
  readonly singleSignOn: { readonly enabled: boolean; readonly name: string | null };
}

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 429: ProblemSchema };
const tags = ["identity"];

function actorView(actor: Actor) {
  return { role: actor.role, delegation: actor.delegation, tier: actor.tier, isChair: actor.isChair, rights: actor.rights ? { ...actor.rights } : null };
}

function partyOf(registry: Registry | null, code: string): { kind: "state" | "organization"; names: Delegation["names"] } | null {
  const state = registry?.states.find((s) => s.code === code);
  if (state) return { kind: "state", names: state.names };
  const organization = registry?.organizations.find((o) => o.code === code);
  if (organization) return { kind: "organization", names: organization.names };
  return null;
}

function delegationView(row: DelegationRow & { users: number }, registry: Registry | null, day: string): Delegation {
  const party = partyOf(registry, row.code);
  return {
    code: row.code,
    partyKind: row.partyKind as "state" | "organization",
    names: party?.names ?? { zh: row.code, ru: row.code, en: row.code },
    tier: registry ? (statusOn(registry.membership, row.code, day)?.tier ?? null) : null,
    isActive: row.isActive,
    users: row.users,
  };
}

export async function identityRoutes(app: FastifyInstance, options: IdentityRouteOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const context = (request: { actor: Actor; ip: string }): CommandContext => ({ db: options.db, actor: request.actor, address: request.ip, now: options.now() });

  api.get(
    "/api/v1/session",
    { schema: { tags, summary: "The current session (or the public actor), and a CSRF token for state-changing requests", response: { 200: SessionSchema } } },
    async (request, reply) => ({
      user: request.sessionUser ? userView(request.sessionUser) : null,
      actor: actorView(request.actor),
      csrfToken: reply.generateCsrf(),
      singleSignOn: options.singleSignOn,
    }),
  );

  api.post(
    "/api/v1/session",
    { schema: { tags, summary: "Sign in with email and password", body: SignInBody, response: { 200: z.object({ user: UserSchema }), ...errors } } },
    async (request, reply) => {
      const { token, user } = await signIn(context(request), request.body.email, request.body.password);
      setSessionCookie(request, reply, token);
      return { user: userView(user) };
    },
  );

  api.delete(
    "/api/v1/session",
    { schema: { tags, summary: "Sign out", response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      if (request.sessionToken) await signOut(context(request), request.sessionToken);
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  api.post(
    "/api/v1/session/password",
    { onRequest: requireSignIn, schema: { tags, summary: "Change one's own password (ends one's other sessions)", body: ChangePasswordBody, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      authorize(request.actor, userPolicy.changeOwnPassword);
      await changeOwnPassword(context(request), request.sessionToken ?? "", request.body.currentPassword, request.body.newPassword);
      return reply.code(204).send(null);
    },
  );

  api.get(
    "/api/v1/users",
    { onRequest: requireSignIn, schema: { tags, summary: "User accounts the caller may see", querystring: UsersQuery, response: { 200: UserListSchema, ...errors } } },
    async (request) => {
      authorize(request.actor, userPolicy.list);
      const rows = await listUsers(options.db, request.query.delegation);
      return { items: rows.filter((row) => may(request.actor, userPolicy.list, { delegation: row.delegation, role: row.role as Role })).map(userView) };
    },
  );

  api.post(
    "/api/v1/users",
    { onRequest: requireSignIn, schema: { tags, summary: "Create a user account", body: CreateUserBody, response: { 201: UserSchema, ...errors } } },
    async (request, reply) => {
      authorize(request.actor, userPolicy.create, { delegation: request.body.delegation, role: request.body.role });
      const row = await createUser(context(request), request.body);
      return reply.code(201).send(userView(row));
    },
  );

  api.patch(
    "/api/v1/users/:id",
    { onRequest: requireSignIn, schema: { tags, summary: "Change a user account", params: UserParams, body: UpdateUserBody, response: { 200: UserSchema, ...errors } } },
    async (request) => {
      authorize(request.actor, userPolicy.update);
      const user = await findUser(options.db, request.params.id);
      if (!user || !may(request.actor, userPolicy.list, { delegation: user.delegation, role: user.role as Role })) throw notFound("User");
      authorize(request.actor, userPolicy.update, { delegation: user.delegation, role: user.role as Role });
      // The role it would get must be within the caller's reach too (a head of delegation cannot promote).
      if (request.body.role !== undefined) authorize(request.actor, userPolicy.update, { delegation: user.delegation, role: request.body.role });
      return userView(await updateUser(context(request), user, request.body));
    },
  );

  api.get(
    "/api/v1/delegations",
    { onRequest: requireSignIn, schema: { tags, summary: "Delegations the caller may see", response: { 200: DelegationListSchema, ...errors } } },
    async (request) => {
      authorize(request.actor, delegationPolicy.list);
      const [rows, registry] = await Promise.all([listDelegations(options.db), loadRegistry(options.db)]);
      const day = options.today();
      return { items: rows.filter((row) => may(request.actor, delegationPolicy.list, row)).map((row) => delegationView(row, registry, day)) };
    },
  );

  api.post(
    "/api/v1/delegations",
    { onRequest: requireSignIn, schema: { tags, summary: "Open a delegation for a state or organization of the registry", body: CreateDelegationBody, response: { 201: z.object({ code: z.string() }), ...errors } } },
    async (request, reply) => {
      authorize(request.actor, delegationPolicy.create);
      const party = partyOf(await loadRegistry(options.db), request.body.code);
      if (!party) {
        throw new ProblemError(400, "invalid-request", "The request is not valid", `body.code: "${request.body.code}" is not a state or organization of the registry`, [
          { field: "body.code", message: "not in the registry" },
        ]);
      }
      await createDelegation(context(request), request.body.code, party.kind);
      return reply.code(201).send({ code: request.body.code });
    },
  );

  api.get(
    "/api/v1/delegations/:code",
    { onRequest: requireSignIn, schema: { tags, summary: "One delegation and its members", params: DelegationParams, response: { 200: DelegationDetailSchema, ...errors } } },
    async (request) => {
      authorize(request.actor, delegationPolicy.read);
      const row = await findDelegation(options.db, request.params.code);
      if (!row) throw notFound(`Delegation "${request.params.code}"`);
      authorize(request.actor, delegationPolicy.read, row);
      const [members, registry] = await Promise.all([listUsers(options.db, row.code), loadRegistry(options.db)]);
      return { ...delegationView({ ...row, users: members.length }, registry, options.today()), members: members.map(userView) };
    },
  );

  api.patch(
    "/api/v1/delegations/:code",
    { onRequest: requireSignIn, schema: { tags, summary: "Activate or deactivate a delegation", params: DelegationParams, body: UpdateDelegationBody, response: { 200: z.object({ code: z.string(), isActive: z.boolean() }), ...errors } } },
    async (request) => {
      authorize(request.actor, delegationPolicy.update);
      if (!(await findDelegation(options.db, request.params.code))) throw notFound(`Delegation "${request.params.code}"`);
      await setDelegationActive(context(request), request.params.code, request.body.isActive);
      return { code: request.params.code, isActive: request.body.isActive };
    },
  );

}
