// RFC 9457 problem details: the one shape every API error takes; never a stack trace, never SQL, never a bound parameter in the log.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { FIELD_ERROR_CODES, fieldErrorCodeOf, fieldErrorLimitOf, type FieldError, type FieldErrorCode, type Problem, type ProblemCode } from "../../../contracts/problems.js";
import { loggableError } from "../db/errors.js";
import { DomainError, type RefusalKind } from "../../../domain/errors.js";
import { setTimeout as delay } from "node:timers/promises";
import { CACHE_CONTROL } from "./cache-control.js";

export interface ProblemExtras {
  readonly errors?: readonly FieldError[] | undefined;
  readonly retryAfterSeconds?: number | undefined;
  /** With 409: the current state of what the request conflicts with. */
  readonly current?: unknown;
  /** With 403: the right the actor lacks. */
  readonly right?: string | undefined;
  /**
   * Refused before the request's body was read: a large body closes the connection after the answer, so that it is never
   * read (Node would otherwise read and discard all of it to keep the connection, which a hostile client sends again).
   */
  readonly closeConnection?: boolean;
  /**
   * Answered only after this many milliseconds (a timer: no work meanwhile, the request's body left unread): a client
   * that sends the next request as soon as the last is answered, whatever it was told, then waits, not the server.
   */
  readonly holdMs?: number;
}

/** An error a user can cause: carries its stable code and HTTP status. */
export class ProblemError extends Error {
  readonly errors: readonly FieldError[] | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly current: unknown;
  readonly right: string | undefined;
  readonly closeConnection: boolean;
  readonly holdMs: number;

  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly title: string,
    readonly detail?: string,
    extras: ProblemExtras = {},
  ) {
    super(detail ?? title);
    this.name = "ProblemError";
    this.errors = extras.errors;
    this.retryAfterSeconds = extras.retryAfterSeconds;
    this.current = extras.current;
    this.right = extras.right;
    this.closeConnection = extras.closeConnection === true;
    this.holdMs = extras.holdMs ?? 0;
  }
}

/** 400 naming one field, its code and an English message: `invalidField("body.delegation", "delegation-required", "required for this role")`. */
export function invalidField(field: string, code: FieldErrorCode, message: string): ProblemError {
  return new ProblemError(400, "invalid-request", "The request is not valid", `${field}: ${message}`, { errors: [{ field, code, message }] });
}

const STATUS: Readonly<Record<RefusalKind, number>> = { invalid: 400, forbidden: 403, "not-found": 404, conflict: 409 };
const FIELD_CODES: ReadonlySet<string> = new Set(FIELD_ERROR_CODES);
const fieldCodeOf = (code: string): FieldErrorCode => (FIELD_CODES.has(code) ? (code as FieldErrorCode) : "invalid");

/**
 * The one mapping of the domain's refusals to problem details: invalid → 400 naming the body's field (its code when it is a
 * field-error code, "invalid" otherwise), forbidden → 403 with the right, not found → 404, conflict → 409 with the current
 * state. The command runner applies it to whatever a command throws (and the error handler to a read's refusal).
 */
export function problemOfRefusal(error: DomainError): ProblemError {
  const code = error.code as ProblemCode;
  const status = STATUS[error.kind];
  switch (error.kind) {
    case "invalid": {
      const field = `body.${error.field ?? error.defaultField}`;
      // A code the contract does not list would fail the answer's schema (a 500): it is sent as "invalid".
      const fieldCode = fieldCodeOf(error.fieldCode ?? error.code);
      return new ProblemError(status, code, error.title, error.message, { errors: [{ field, code: fieldCode, message: error.fieldMessage ?? error.message }] });
    }
    case "forbidden":
      return new ProblemError(status, code, error.title, error.message, error.right !== undefined ? { right: error.right } : {});
    case "not-found":
      return new ProblemError(status, code, error.title, error.message);
    case "conflict": {
      // A conflict may name the field whose value is taken (an email in use).
      const errors = error.field !== undefined ? [{ field: `body.${error.field}`, code: fieldCodeOf(error.fieldCode ?? "invalid"), message: error.fieldMessage ?? error.message }] : undefined;
      return new ProblemError(status, code, error.title, error.message, { ...(errors ? { errors } : {}), ...(error.current !== undefined ? { current: error.current } : {}) });
    }
  }
}

export function problem(status: number, code: ProblemCode, title: string, extra: Partial<Problem> = {}): Problem {
  return { type: `urn:concord:problem:${code}`, code, title, status, ...extra };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, body: Problem): FastifyReply {
  return reply
    .code(body.status)
    .header("content-type", "application/problem+json; charset=utf-8")
    .header("cache-control", CACHE_CONTROL.private)
    .send({ ...body, instance: request.url.split("?")[0] });
}

function problemOf(error: ProblemError): Problem {
  const extra: Partial<Problem> = {};
  if (error.detail !== undefined) extra.detail = error.detail;
  if (error.errors !== undefined) extra.errors = [...error.errors];
  if (error.right !== undefined) extra.right = error.right;
  if (error.current !== undefined) extra.current = error.current;
  return problem(error.status, error.code, error.title, extra);
}

// Fastify's own client errors, by its error code.
const FASTIFY_CODES: Readonly<Record<string, ProblemCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "payload-too-large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported-media-type",
  FST_ERR_RATE_LIMIT: "too-many-requests",
};

/**
 * Bodies a refusal leaves unread are read and dropped (keeping the connection) up to this size; a larger one, or one of
 * unknown length, closes the connection. A small body is cheap to drop, and a browser reliably shows the answer only
 * once it has sent the whole request.
 */
const DRAINED_BODY_BYTES = 64 * 1024;

/** Whether the request came with a large body not read yet (a refusal when it arrived). */
function hasLargeUnreadBody(request: FastifyRequest): boolean {
  if (request.raw.readableEnded) return false;
  const length = request.headers["content-length"];
  if (length === undefined) return request.headers["transfer-encoding"] !== undefined;
  return Number(length) > DRAINED_BODY_BYTES;
}

export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((thrown: FastifyError, request, reply) => {
    const error = thrown instanceof DomainError ? problemOfRefusal(thrown) : thrown;
    if (error instanceof ProblemError) {
      if (error.retryAfterSeconds !== undefined) void reply.header("retry-after", String(error.retryAfterSeconds));
      if (error.closeConnection && hasLargeUnreadBody(request)) void reply.header("connection", "close");
      if (error.holdMs > 0) {
        // The body stays unread while held (TCP pushes back on the sender); the answer goes once the time is up.
        if (!request.raw.readableEnded) request.raw.pause();
        return delay(error.holdMs).then(() => sendProblem(reply, request, problemOf(error)));
      }
      return sendProblem(reply, request, problemOf(error));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? "request";
      const errors: FieldError[] = error.validation.map((v) => {
        const params = v.params as Record<string, unknown>;
        const code = fieldErrorCodeOf(v.keyword, params, v.message ?? "");
        const limit = fieldErrorLimitOf(code, params);
        return {
          field: `${where}${v.instancePath ? v.instancePath.replaceAll("/", ".").replace(/\.$/, "") : ""}`,
          code,
          message: v.message ?? "invalid",
          ...(limit !== undefined ? { limit } : {}),
        };
      });
      return sendProblem(
        reply,
        request,
        problem(400, "invalid-request", "The request is not valid", { detail: errors.map((e) => `${e.field}: ${e.message}`).join("; "), errors }),
      );
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: { type: "ResponseSerializationError", message: "response did not match its schema" }, route: request.routeOptions.url }, "response did not match its schema");
      return sendProblem(reply, request, problem(500, "internal", "Internal error", { detail: "The error was logged." }));
    }
    if (error.code === "FST_CSRF_INVALID_TOKEN" || error.code === "FST_CSRF_MISSING_SECRET") {
      return sendProblem(
        reply,
        request,
        problem(403, "csrf", "Missing or invalid CSRF token", { detail: "Send the token from GET /api/v1/session as the x-csrf-token header." }),
      );
    }
    const status = typeof error.statusCode === "number" ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (malformed JSON, body too large, wrong content type…): say what, hide how.
      return sendProblem(reply, request, problem(status, FASTIFY_CODES[error.code] ?? "bad-request", error.message));
    }
    request.log.error({ err: loggableError(error), route: request.routeOptions.url, method: request.method }, "unexpected error");
    return sendProblem(reply, request, problem(500, "internal", "Internal error", { detail: "The error was logged." }));
  });
}

export function notFound(what: string): ProblemError {
  return new ProblemError(404, "not-found", "Not found", `${what} was not found.`);
}
