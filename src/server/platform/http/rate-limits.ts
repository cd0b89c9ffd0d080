// How often one caller may make each costly request: the work pool bounds how many of them run at once, this bounds how
// many are made. Checked when the request arrives (onRequest, after the session is known, before the body is read or
// validated), so a caller over the rate costs a lookup, not the parsing of 500 delegates or a 2 MiB spreadsheet.
// Counted per caller (the signed-in user, else the address) and per route, in this process (several processes each count
// their own: the bound per caller is the rate times the number of processes).
import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { callerOf } from "../../app-services.js";
import { ProblemError } from "./problem.js";

/** The kinds of costly request, and how many of each one caller may make per minute. */
export const RATE_LIMITS = {
  /** Programme imports (a spreadsheet parsed in the pool): a secretariat officer imports a term's programme a few times. */
  import: 30,
  /** Accreditation lists submitted or edited (up to 500 delegates each, every name checked against the meeting's). */
  accreditation: 30,
  /** The secretariat's decisions on lists (an approval checks names too): a busy morning approves a few a minute. */
  decision: 240,
  /** Participants lists and badges as PDF or XLSX (rendered in the pool, then kept per version). */
  export: 60,
  /** Comparisons of two revisions (computed in the pool, then kept): a delegate steps through pairs. */
  diff: 240,
  /**
   * Live connections opened (each checks the session and the origin, then subscribes): a page opens one and reopens it
   * after a drop with growing waits; a user's tabs all reopen theirs after a restart. A client that floods is closed
   * by the hub (4030) and would otherwise reconnect at once.
   */
  live: 60,
} as const;
export type RateKind = keyof typeof RATE_LIMITS;

const MINUTE_MS = 60_000;

/**
 * How long a refusal for the rate is held before it is sent. A hostile client sends the next request as soon as the last
 * is answered, whatever Retry-After says: answered at once, it sent thousands a second, each an HTTP request for the one
 * thread to parse and answer. Held, it sends one a second per connection, and the wait costs a timer.
 */
export const REFUSAL_HOLD_MS = 1_000;

/** Registers the rate limits for the routes that ask for one (see rateLimited); call before those routes are added. */
export async function registerRateLimits(app: FastifyInstance, perMinute: Partial<Record<RateKind, number>> = {}): Promise<void> {
  app.decorate("rateLimits", { ...RATE_LIMITS, ...perMinute });
  await app.register(fastifyRateLimit, {
    global: false,
    hook: "onRequest",
    keyGenerator: callerOf,
    addHeaders: { "x-ratelimit-limit": true, "x-ratelimit-remaining": true, "x-ratelimit-reset": true, "retry-after": true },
    errorResponseBuilder: (_request, context) =>
      new ProblemError(429, "too-many-requests", "Too many requests", `At most ${context.max} of these requests a minute; try again in ${context.after}.`, {
        retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)),
        closeConnection: true,
        holdMs: Math.min(REFUSAL_HOLD_MS, context.ttl),
      }),
  });
}

/** Route options that put a route under the rate of `kind` (its `config`). */
export function rateLimited(kind: RateKind): { rateLimit: { max: (request: FastifyRequest, key: string) => number; timeWindow: number } } {
  return { rateLimit: { max: (request) => request.server.rateLimits[kind], timeWindow: MINUTE_MS } };
}

declare module "fastify" {
  interface FastifyInstance {
    /** Requests per minute one caller may make of each costly kind (registerRateLimits). */
    readonly rateLimits: Readonly<Record<RateKind, number>>;
  }
}
