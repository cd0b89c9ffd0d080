// The permission matrix as data, for the web app's page on who may do what: the same matrix docs/permissions.md is made from,
// with the organization's tiers in force today.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { PermissionMatrixSchema } from "../../../contracts/identity.js";
import { ProblemSchema } from "../../../contracts/problems.js";
import type { AppServices } from "../../app-services.js";
import { requireSignIn } from "./authorize.js";
import { permissionMatrix } from "./permissions-doc.js";
import { tiersInForce } from "../../../domain/membership.js";

export async function accessRoutes(app: FastifyInstance, options: { services: AppServices }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { snapshot, today } = options.services;

  api.get(
    "/api/v1/permissions",
    {
      onRequest: requireSignIn,
      schema: {
        tags: ["identity"],
        summary: "Who may do what: every right against every role, a delegation's roles per standing tier and as the chair",
        response: { 200: PermissionMatrixSchema, 401: ProblemSchema },
      },
    },
    // The tiers in force today: a retired tier's holders were reclassified, and no delegation acts under it any more.
    async () => permissionMatrix(snapshot.registry ? tiersInForce(snapshot.registry.organization, today()) : []),
  );
}
