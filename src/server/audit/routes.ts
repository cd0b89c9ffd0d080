// The audit trail's endpoints: the secretariat browses all of it, a delegation the events of its own actions;
// the secretariat can verify the hash chain from the running application.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AuditListSchema, AuditQuery, AuditVerificationSchema } from "../../contracts/identity.js";
import { ProblemSchema } from "../../contracts/problems.js";
import { isSecretariat } from "../../domain/access.js";
import { requireSignIn } from "../platform/access/authorize.js";
import type { AppServices } from "../app-services.js";
import { auditReads, auditVerification } from "./policy.js";
import { listAuditEvents } from "./queries.js";
import { verifyAuditTrail, type VerifyResult } from "./trail.js";
import { STREAMS } from "../../contracts/live.js";

export async function auditRoutes(app: FastifyInstance, options: { services: AppServices }): Promise<void> {
  let verifying: Promise<VerifyResult> | null = null;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, now, snapshot } = options.services;
  // Each audit event reaches the secretariat and the delegation that acted.
  options.services.streams.registerShared(STREAMS.audit);

  api.get(
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
      auditReads.check(actor);
      const delegation = isSecretariat(actor) ? request.query.delegation : (actor.delegation ?? "");
      if (request.query.delegation !== undefined) auditReads.check(actor, { delegation: request.query.delegation });
      return listAuditEvents(db, {
        delegation,
        action: request.query.action,
        actorUserId: request.query.user,
        from: request.query.from ? new Date(request.query.from).toISOString() : undefined,
        to: request.query.to ? new Date(request.query.to).toISOString() : undefined,
        before: request.query.before,
        limit: request.query.limit,
      }, snapshot.registry);
    },
  );

  api.get(
    "/api/v1/audit/verification",
    {
      onRequest: requireSignIn,
      schema: {
        tags: ["audit"],
        summary: "Recompute the audit trail's hash chain now, as `concord audit verify` does",
        response: { 200: AuditVerificationSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => {
      auditVerification.check(request.actor);
      // Requests that arrive while a verification runs share it: one pass over the trail at a time per process.
      verifying ??= verifyAuditTrail(db).finally(() => (verifying = null));
      const { events, broken, head } = await verifying;
      return { events, holds: broken === null, broken, head, verifiedAt: now().toISOString() };
    },
  );
}
