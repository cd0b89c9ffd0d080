// The audit trail's endpoint: the secretariat browses all of it, a delegation the events of its own actions.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AuditListSchema } from "../../contracts/identity.js";
import { ProblemSchema } from "../../contracts/problems.js";
import { isSecretariat } from "../../domain/access.js";
import { authorize, requireSignIn } from "../access/authorize.js";
import type { Db } from "../db/client.js";
import { auditPolicy } from "./policy.js";
import { listAuditEvents } from "./queries.js";

const instant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 instant with a zone, e.g. 2026-11-25T00:00:00Z" });

export const AuditQuery = z.strictObject({
  delegation: z.string().regex(/^[A-Z0-9_-]{2,16}$/, "a delegation code").optional(),
  action: z.string().regex(/^[a-z.-]{1,64}$/, "an action such as user.created").optional(),
  user: z.uuid({ message: "must be a user id" }).optional(),
  from: instant.optional(),
  to: instant.optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export async function auditRoutes(app: FastifyInstance, options: { db: Db }): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/audit",
    {
      onRequest: requireSignIn,
      schema: {
        tags: ["audit"],
        summary: "Audit events, newest first (a delegation sees only the events of its own actions)",
        querystring: AuditQuery,
        response: { 200: AuditListSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => {
      const { actor } = request;
      authorize(actor, auditPolicy.list);
      const delegation = isSecretariat(actor) ? request.query.delegation : (actor.delegation ?? "");
      if (request.query.delegation !== undefined) authorize(actor, auditPolicy.list, { delegation: request.query.delegation });
      return listAuditEvents(options.db, {
        delegation,
        action: request.query.action,
        actorUserId: request.query.user,
        from: request.query.from ? new Date(request.query.from).toISOString() : undefined,
        to: request.query.to ? new Date(request.query.to).toISOString() : undefined,
        before: request.query.before,
        limit: request.query.limit,
      });
    },
  );
}
