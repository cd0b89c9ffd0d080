// Per request: the session cookie becomes an actor; CSRF is checked on every state-changing request.
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { PUBLIC_ACTOR, type Actor, type Role } from "../../domain/access.js";
import type { Db } from "../db/client.js";
import { findSessionUser, SESSION_ABSOLUTE_MS, SESSION_COOKIE, type SessionUser } from "../identity/session-store.js";
import { loadRegistry } from "../registry/queries.js";
import { actorFor } from "./actor.js";

export interface SessionOptions {
  readonly db: Db;
  readonly now: () => Date;
  readonly today: () => string;
  /** Secret for signing cookies (the CSRF secret cookie). */
  readonly cookieSecret: string;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export async function installSessions(app: FastifyInstance, options: SessionOptions): Promise<void> {
  await app.register(fastifyCookie, { secret: options.cookieSecret });
  await app.register(fastifyCsrf, {
    cookieKey: "concord_csrf",
    cookieOpts: { path: "/", httpOnly: true, sameSite: "strict", signed: true },
    getToken: (request) => request.headers["x-csrf-token"] as string | undefined,
  });
  app.decorateRequest("actor", null as unknown as Actor);
  app.decorateRequest("sessionUser", null);
  app.decorateRequest("sessionToken", null);

  app.addHook("onRequest", async (request) => {
    request.actor = PUBLIC_ACTOR;
    const token = request.cookies[SESSION_COOKIE];
    if (!token || !request.url.startsWith("/api/")) return;
    const user = await findSessionUser(options.db, token, options.now());
    if (!user) return;
    request.sessionUser = user;
    request.sessionToken = token;
    const needsRegistry = user.delegation !== null;
    request.actor = actorFor({ id: user.id, role: user.role as Role, delegation: user.delegation }, needsRegistry ? await loadRegistry(options.db) : null, options.today());
  });

  // Every state-changing API request carries the token from GET /api/v1/session (double-submit with a signed secret cookie).
  app.addHook("onRequest", (request, reply, done) => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith("/api/")) return done();
    app.csrfProtection(request, reply, done);
  });
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: "/" });
}

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor;
    sessionUser: SessionUser | null;
    sessionToken: string | null;
  }
}
