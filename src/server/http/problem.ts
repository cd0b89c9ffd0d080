// RFC 9457 problem details: the one shape every API error takes; never a stack trace, never SQL.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";

export interface ProblemBody {
  type: string;
  code: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
  /** With 403: the right the actor lacks. */
  right?: string;
}

/** An error a user can cause: carries its stable code and HTTP status. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: { field: string; message: string }[],
    readonly retryAfterSeconds?: number,
  ) {
    super(detail ?? title);
    this.name = "ProblemError";
  }
}

export function problem(status: number, code: string, title: string, extra: Partial<ProblemBody> = {}): ProblemBody {
  return { type: `urn:concord:problem:${code}`, code, title, status, ...extra };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, body: ProblemBody): FastifyReply {
  return reply
    .code(body.status)
    .header("content-type", "application/problem+json; charset=utf-8")
    .send({ ...body, instance: request.url.split("?")[0] });
}

export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ProblemError) {
      const extra: Partial<ProblemBody> = {};
      if (error.detail !== undefined) extra.detail = error.detail;
      if (error.errors !== undefined) extra.errors = error.errors;
      const right = (error as { right?: unknown }).right;
      if (typeof right === "string") extra.right = right;
      if (error.retryAfterSeconds !== undefined) void reply.header("retry-after", String(error.retryAfterSeconds));
      return sendProblem(reply, request, problem(error.status, error.code, error.title, extra));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? "request";
      const errors = error.validation.map((v) => ({
        field: `${where}${v.instancePath ? v.instancePath.replaceAll("/", ".") : ""}`,
        message: v.message ?? "invalid",
      }));
      return sendProblem(
        reply,
        request,
        problem(400, "invalid-request", "The request is not valid", {
          detail: errors.map((e) => `${e.field}: ${e.message}`).join("; "),
          errors,
        }),
      );
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, "response did not match its schema");
      return sendProblem(reply, request, problem(500, "internal", "Internal error"));
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
      return sendProblem(reply, request, problem(status, error.code ? error.code.toLowerCase() : "bad-request", error.message));
    }
    request.log.error({ err: error }, "unexpected error");
    return sendProblem(reply, request, problem(500, "internal", "Internal error", { detail: "The error was logged." }));
  });
}

export function notFound(what: string): ProblemError {
  return new ProblemError(404, "not-found", "Not found", `${what} was not found.`);
}
