// /api/live: the WebSocket through which signed-in clients follow streams. Only this site's pages may open it (Origin),
// only with a session (cookie); the hub does the rest.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ProblemError } from "../http/problem.js";
import { rateLimited } from "../http/rate-limits.js";
import type { LiveHub } from "./hub.js";

/** Whether the page that opens the socket is one of this site's: the Origin's host must be the host the request was sent to. */
export function isSameOrigin(request: FastifyRequest, publicOrigin: string): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.origin === publicOrigin) return true;
  return parsed.host === request.host;
}

export async function liveRoutes(app: FastifyInstance, options: { hub: LiveHub; publicOrigin: string }): Promise<void> {
  app.get(
    "/api/live",
    {
      websocket: true,
      schema: { hide: true },
      config: rateLimited("live"),
      // Refused before the upgrade, with problem details: a foreign page, or no session.
      preValidation: async (request) => {
        if (!isSameOrigin(request, options.publicOrigin)) throw new ProblemError(403, "forbidden", "Forbidden", "Live updates are only for this site's own pages.");
        if (!request.sessionUser || !request.sessionTokenHash) throw new ProblemError(401, "unauthenticated", "Sign-in required", "Sign in to receive live updates.");
      },
    },
    (socket, request) => {
      const user = request.sessionUser!;
      options.hub.accept(socket, { tokenHash: request.sessionTokenHash!, member: { userId: user.id, role: request.actor.role, delegation: user.delegation } });
    },
  );
}
