// Identity endpoints: the session (sign in, out, password), users, delegations. Thin: parse, run a command or a query, answer.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ChangePasswordBody,
  CreateDelegationBody,
  CreateUserBody,
  DelegationDetailSchema,
  DelegationListSchema,
  DelegationParams,
  DemoSignInSchema,
  SessionSchema,
  SignInBody,
  UpdateDelegationBody,
  UpdateUserBody,
  UserListSchema,
  UserParams,
  UserSchema,
  UsersQuery,
  type Delegation,
  type Session,
} from "../../contracts/identity.js";
import { ProblemSchema } from "../../contracts/problems.js";
import type { Actor, Role } from "../../domain/access.js";
import { statusOn, timelineOf } from "../../domain/membership.js";
import type { Registry } from "../../domain/registry.js";
import { requireSignIn } from "../platform/access/authorize.js";
import { permissionsOf } from "../platform/access/policies.js";
import { clearSessionCookie, csrfTokenFor, setSessionCookie } from "../platform/access/sessions.js";
import { commandContext, type AppServices } from "../app-services.js";
import { notFound } from "../platform/http/problem.js";
import {
  changeOwnPasswordCommand,
  createDelegationCommand,
  createUserCommand,
  setDelegationActiveCommand,
  signIn,
  signOutCommand,
  unlinkSingleSignOnCommand,
  updateUserCommand,
} from "./commands.js";
import { delegationListReads, delegationReads } from "./delegation-policy.js";
import { demoAccountsOnDemoPassword, demoSignIn } from "./demo-accounts.js";
import { findDelegation, listDelegations, listUsers, userView, type DelegationRow } from "./queries.js";
import { hashToken, SESSION_COOKIE } from "./session-store.js";
import { userReads } from "./user-policy.js";
import { STREAMS } from "../../contracts/live.js";

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 429: ProblemSchema };
const tags = ["identity"];

function actorView(actor: Actor) {
  return { role: actor.role, delegation: actor.delegation, tier: actor.tier, isChair: actor.isChair, rights: actor.rights ? { ...actor.rights } : null };
}

function partyNames(registry: Registry | null, code: string): Delegation["names"] | null {
  return registry?.states.find((s) => s.code === code)?.names ?? registry?.organizations.find((o) => o.code === code)?.names ?? null;
}

function delegationView(row: DelegationRow & { users: number }, registry: Registry | null, day: string): Delegation {
  return {
    code: row.code,
    partyKind: row.partyKind as "state" | "organization",
    names: partyNames(registry, row.code) ?? { zh: row.code, ru: row.code, en: row.code },
    tier: registry ? (statusOn(timelineOf(registry), row.code, day)?.tier ?? null) : null,
    isActive: row.isActive,
    users: row.users,
    version: row.version,
  };
}

/** Stands for "no one signed in" among the signed-in users' objects. */
const ANONYMOUS = {};
const sessionHeads = new WeakMap<object, { key: string; json: string; token: string; body: string }>();

export interface IdentityRouteOptions {
  readonly services: AppServices;
  readonly singleSignOn: { enabled: boolean; name: string | null };
  /** CONCORD_DEMO_ACCOUNTS: when off, nothing is said of demo accounts, even of ones a database still holds. */
  readonly demoAccounts: boolean;
}

export async function identityRoutes(app: FastifyInstance, options: IdentityRouteOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { services } = options;
  const { runner, db, snapshot, today } = services;
  // Each event on these carries its audience (the secretariat, the account's or delegation's own people).
  services.streams.registerShared(STREAMS.users);
  services.streams.registerShared(STREAMS.delegations);

  api.get(
    "/api/v1/session",
    { schema: { tags, summary: "The current session (or the public actor), the actor's rights, and a CSRF token for state-changing requests", response: { 200: SessionSchema } } },
    async (request, reply) => {
      // Read on every page view: the part that changes only with the account, the registry or the day is serialized once
      // per signed-in user object (a new one comes with any change), the CSRF token added each time. Sent as JSON
      // directly; the parts are typed by the contract, and a test checks whole answers against the schema.
      const owner = request.sessionUser ?? ANONYMOUS;
      const key = `${today()}|${snapshot.position}`;
      let known = sessionHeads.get(owner);
      if (known?.key !== key) {
        const head = {
          user: request.sessionUser ? userView(request.sessionUser) : null,
          actor: actorView(request.actor),
          permissions: permissionsOf(request.actor),
        } satisfies Pick<Session, "user" | "actor" | "permissions">;
        known = { key, json: JSON.stringify(head).slice(0, -1), token: "", body: "" };
        sessionHeads.set(owner, known);
      }
      const csrfToken = csrfTokenFor(request, reply);
      if (known.token !== csrfToken) {
        const tail = { csrfToken, singleSignOn: options.singleSignOn } satisfies Pick<Session, "csrfToken" | "singleSignOn">;
        known.token = csrfToken;
        known.body = `${known.json},${JSON.stringify(tail).slice(1)}`;
      }
      return reply.type("application/json; charset=utf-8").send(known.body as never);
    },
  );

  api.post(
    "/api/v1/session",
    { schema: { tags, summary: "Sign in with email and password (ends this browser's previous session)", body: SignInBody, response: { 200: z.object({ user: UserSchema }), ...errors } } },
    async (request, reply) => {
      const previous = request.cookies[SESSION_COOKIE];
      const { token, user } = await signIn(runner, commandContext(request, services), {
        email: request.body.email,
        password: request.body.password,
        previousTokenHash: previous ? hashToken(previous) : null,
      });
      setSessionCookie(request, reply, token);
      return { user: userView(user) };
    },
  );

  api.delete(
    "/api/v1/session",
    { schema: { tags, summary: "Sign out", response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await runner.run(signOutCommand, commandContext(request, services), { tokenHash: hashToken(token) });
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  api.get(
    "/api/v1/demo-accounts",
    { schema: { tags, summary: "How to sign in with the demo accounts, while any still has the demo password (for the sign-in page)", response: { 200: DemoSignInSchema } } },
    async () => demoSignIn(options.demoAccounts ? await demoAccountsOnDemoPassword(db) : []),
  );

  api.post(
    "/api/v1/session/password",
    { onRequest: requireSignIn, schema: { tags, summary: "Change one's own password (ends one's other sessions)", body: ChangePasswordBody, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await runner.run(changeOwnPasswordCommand, commandContext(request, services), { ...request.body, tokenHash: request.sessionTokenHash ?? "" });
      return reply.code(204).send(null);
    },
  );

  api.get(
    "/api/v1/users",
    { onRequest: requireSignIn, schema: { tags, summary: "User accounts the caller may see", querystring: UsersQuery, response: { 200: UserListSchema, ...errors } } },
    async (request) => {
      userReads.check(request.actor);
      const rows = await listUsers(db, request.query.delegation);
      return { items: userReads.filter(request.actor, rows, (row) => ({ delegation: row.delegation, role: row.role as Role })).map(userView) };
    },
  );

  api.post(
    "/api/v1/users",
    { onRequest: requireSignIn, schema: { tags, summary: "Create a user account", body: CreateUserBody, response: { 201: UserSchema, ...errors } } },
    async (request, reply) => reply.code(201).send(userView(await runner.run(createUserCommand, commandContext(request, services), request.body))),
  );

  api.patch(
    "/api/v1/users/:id",
    {
      onRequest: requireSignIn,
      schema: { tags, summary: "Change a user account (send `version` to be told, with 409, when someone changed it first)", params: UserParams, body: UpdateUserBody, response: { 200: UserSchema, ...errors } },
    },
    async (request) => userView(await runner.run(updateUserCommand, commandContext(request, services), { id: request.params.id, changes: request.body })),
  );

  api.delete(
    "/api/v1/users/:id/single-sign-on",
    { onRequest: requireSignIn, schema: { tags, summary: "Unlink the account's single sign-on identity", params: UserParams, response: { 200: UserSchema, ...errors } } },
    async (request) => userView(await runner.run(unlinkSingleSignOnCommand, commandContext(request, services), { id: request.params.id })),
  );

  api.get(
    "/api/v1/delegations",
    { onRequest: requireSignIn, schema: { tags, summary: "Delegations the caller may see", response: { 200: DelegationListSchema, ...errors } } },
    async (request) => {
      delegationListReads.check(request.actor);
      const rows = await listDelegations(db);
      const day = today();
      return { items: delegationListReads.filter(request.actor, rows, (row) => row).map((row) => delegationView(row, snapshot.registry, day)) };
    },
  );

  api.post(
    "/api/v1/delegations",
    { onRequest: requireSignIn, schema: { tags, summary: "Open a delegation for a state or organization of the registry", body: CreateDelegationBody, response: { 201: z.object({ code: z.string() }), ...errors } } },
    async (request, reply) => {
      const row = await runner.run(createDelegationCommand, commandContext(request, services), request.body);
      return reply.code(201).send({ code: row.code });
    },
  );

  api.get(
    "/api/v1/delegations/:code",
    { onRequest: requireSignIn, schema: { tags, summary: "One delegation and its members", params: DelegationParams, response: { 200: DelegationDetailSchema, ...errors } } },
    async (request) => {
      delegationReads.check(request.actor);
      const row = await findDelegation(db, request.params.code);
      if (!row) throw notFound(`Delegation "${request.params.code}"`);
      delegationReads.check(request.actor, row);
      const members = await listUsers(db, row.code);
      return { ...delegationView({ ...row, users: members.length }, snapshot.registry, today()), members: members.map(userView) };
    },
  );

  api.patch(
    "/api/v1/delegations/:code",
    {
      onRequest: requireSignIn,
      schema: {
        tags,
        summary: "Activate or deactivate a delegation (send `version` to be told, with 409, when someone changed it first)",
        params: DelegationParams,
        body: UpdateDelegationBody,
        response: { 200: z.object({ code: z.string(), isActive: z.boolean(), version: z.number() }), ...errors },
      },
    },
    async (request) => {
      const row = await runner.run(setDelegationActiveCommand, commandContext(request, services), { code: request.params.code, ...request.body });
      return { code: row.code, isActive: row.isActive, version: row.version };
    },
  );
}
