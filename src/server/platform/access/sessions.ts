// Per request: the session cookie becomes an actor (from the session cache and the registry snapshot, no query in the common case);
// every state-changing request must carry a CSRF token bound to that session.
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createHmac } from "node:crypto";
import { PUBLIC_ACTOR, type Actor, type Role } from "../../../domain/access.js";
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE, type SessionUser } from "../../identity/session-store.js";
import type { RegistrySnapshot } from "../../registry/snapshot.js";
import { actorFor } from "./actor.js";
import type { SessionCache, ValidSession } from "./session-cache.js";

export interface SessionOptions {
  readonly sessions: SessionCache;
  readonly snapshot: RegistrySnapshot;
  readonly now: () => Date;
  readonly today: () => string;
  /** Signs cookies and keys the CSRF tokens' binding to the session. */
  readonly cookieSecret: string;
}

export const CSRF_COOKIE = "concord_csrf";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** What a CSRF token is bound to when no one is signed in. */
const NO_SESSION = "no-session";

/** Whether the request was routed to the API (the router's decoded path, not the raw URL: `/%61pi/…` is `/api/…`). */
export function isApiRequest(request: FastifyRequest): boolean {
  return request.routeOptions.url?.startsWith("/api/") ?? false;
}

export async function installSessions(app: FastifyInstance, options: SessionOptions): Promise<void> {
  await app.register(fastifyCookie, { secret: options.cookieSecret });
  await app.register(fastifyCsrf, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: "/", httpOnly: true, sameSite: "strict", signed: true },
    getToken: (request) => request.headers["x-csrf-token"] as string | undefined,
    // A token is valid only for the session it was issued to: signing in or out makes the page fetch a new one.
    getUserInfo: (request) => request.sessionTokenHash ?? NO_SESSION,
    csrfOpts: { hmacKey: createHmac("sha256", options.cookieSecret).update("concord csrf").digest() },
  });
  app.decorateRequest("actor", null as unknown as Actor);
  app.decorateRequest("sessionUser", null);
  app.decorateRequest("sessionToken", null);
  app.decorateRequest("sessionTokenHash", null);

  const adopt = (request: FastifyRequest, token: string, session: ValidSession | null) => {
    if (!session) return;
    request.sessionUser = session.user;
    request.sessionToken = token;
    request.sessionTokenHash = session.tokenHash;
    request.actor = actorFor(session.user as SessionUser & { role: Role }, options.snapshot, options.today());
  };
  // Callback style, so that most requests (no cookie, not the API, a session known in memory) finish without a promise.
  app.addHook("onRequest", (request, _reply, done) => {
    request.actor = PUBLIC_ACTOR;
    const token = request.cookies[SESSION_COOKIE];
    if (!token || !isApiRequest(request)) return done();
    const now = options.now();
    const known = options.sessions.peek(token, now);
    if (known) {
      adopt(request, token, known);
      return done();
    }
    options.sessions.resolve(token, now).then((session) => {
      adopt(request, token, session);
      done();
    }, done);
  });

  // Every state-changing request carries the token from GET /api/v1/session (double submit with a signed secret cookie),
  // whatever its path: nothing but the API accepts such methods, and a path spelt differently must not slip past.
  app.addHook("onRequest", (request, reply, done) => {
    if (SAFE_METHODS.has(request.method)) return done();
    app.csrfProtection(request, reply, done);
  });
}

// Tokens already made, by (secret cookie as sent, session): a token stays valid as long as both, so a page reading its
// session again gets the same one instead of paying two HMACs and a cookie signature check every time.
const MAX_CACHED_TOKENS = 20_000;
const issuedTokens = new Map<string, string>();

/** A CSRF token for this request's session (or for no session). */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply): string {
  const userInfo = request.sessionTokenHash ?? NO_SESSION;
  const secretCookie = request.cookies[CSRF_COOKIE];
  const key = secretCookie ? `${secretCookie}\u0000${userInfo}` : null;
  const cached = key ? issuedTokens.get(key) : undefined;
  if (cached !== undefined) return cached;
  const token = reply.generateCsrf({ userInfo });
  // Remembered only for a secret cookie that verifies (otherwise a new secret was just issued with this answer).
  if (key && secretCookie && request.unsignCookie(secretCookie).valid) {
    if (issuedTokens.size >= MAX_CACHED_TOKENS) issuedTokens.clear();
    issuedTokens.set(key, token);
  }
  return token;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  });
  // A new CSRF secret with the new session: nothing issued before sign-in stays valid after it.
  void reply.clearCookie(CSRF_COOKIE, { path: "/" });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: "/" });
  void reply.clearCookie(CSRF_COOKIE, { path: "/" });
}

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor;
    sessionUser: SessionUser | null;
    sessionToken: string | null;
    sessionTokenHash: string | null;
  }
}
