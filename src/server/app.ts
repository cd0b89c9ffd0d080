// Assembles the HTTP server: API under /api/v1, OpenAPI at /api/docs, WebSocket at /api/live, and the built web app.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import fastifyHelmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import fastifyWebsocket from "@fastify/websocket";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { HealthSchema } from "../contracts/registry.js";
import type { Database } from "./db/client.js";
import { installProblemHandlers, problem, sendProblem } from "./http/problem.js";
import { LiveHub, liveRoutes } from "./realtime/hub.js";
import { registryRoutes } from "./registry/routes.js";
import { installSessions } from "./access/sessions.js";
import { auditRoutes } from "./audit/routes.js";
import { identityRoutes } from "./identity/routes.js";
import { singleSignOnRoutes, type SingleSignOnConfig } from "./identity/single-sign-on.js";

export interface AppOptions {
  readonly database: Database;
  /** The built web app; not served when absent (API-only tests). */
  readonly webRoot?: string | undefined;
  readonly logLevel?: string;
  /** The clock, so tests can fix "today". */
  readonly now?: () => Date;
  /** Signs cookies; random per process when absent (set COOKIE_SECRET when several processes serve one database). */
  readonly cookieSecret?: string | undefined;
  readonly singleSignOn?: SingleSignOnConfig | undefined;
  /** Trust X-Forwarded-* from a reverse proxy (for the client address and HTTPS). */
  readonly trustProxy?: boolean;
  /** Where log lines go (standard output when absent). */
  readonly logStream?: NodeJS.WritableStream;
}

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? "silent",
      // Request bodies (passwords) are never logged; headers that carry secrets are redacted should a serializer include them.
      redact: ["req.headers.authorization", "req.headers.cookie", "req.headers['x-csrf-token']", "res.headers['set-cookie']"],
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(app);

  const now = options.now ?? (() => new Date());
  const hub = new LiveHub();
  app.decorate("hub", hub);
  app.addHook("onClose", async () => hub.closeAll());

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine and ECharts set style attributes at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'", "ws:", "wss:"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    // HSTS is sent only on HTTPS requests (see the hook below): over plain HTTP it would be meaningless.
    hsts: false,
  });
  app.addHook("onSend", async (request, reply) => {
    if (request.protocol === "https") void reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
  });

  const today = () => utcDay(now());
  await installSessions(app, { db: options.database.db, now, today, cookieSecret: options.cookieSecret ?? randomBytes(32).toString("hex") });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Concord API",
        version: "1",
        description: "The API of Concord, the platform on which an intergovernmental organization runs its work. Errors are RFC 9457 problem details.",
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });

  await app.register(async (scope) => {
    scope.withTypeProvider<ZodTypeProvider>().get(
      "/api/health",
      { schema: { tags: ["system"], summary: "Liveness, and which database is in use", response: { 200: HealthSchema } } },
      async () => {
        await options.database.db.execute("select 1");
        return { status: "ok" as const, database: options.database.kind };
      },
    );
    await scope.register(registryRoutes, { db: options.database.db, today });
    await scope.register(identityRoutes, {
      db: options.database.db,
      now,
      today,
      singleSignOn: { enabled: options.singleSignOn !== undefined, name: options.singleSignOn?.name ?? null },
    });
    if (options.singleSignOn) await scope.register(singleSignOnRoutes, { db: options.database.db, now, config: options.singleSignOn });
    await scope.register(auditRoutes, { db: options.database.db });
    await scope.register(liveRoutes, { hub });
  });

  const webRoot = options.webRoot;
  const hasWeb = webRoot !== undefined && existsSync(join(webRoot, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false, serveDotFiles: false });
    app.get("/assets/*", { schema: { hide: true } }, (request, reply) => {
      const path = (request.params as { "*": string })["*"];
      return reply.header("cache-control", "public, max-age=31536000, immutable").sendFile(`assets/${path}`);
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    if (hasWeb && request.method === "GET" && !path.startsWith("/api")) {
      // The web app routes on the client: every other page path gets index.html.
      const file = path.slice(1);
      if (file && !file.includes("/") && existsSync(join(webRoot, file))) return reply.sendFile(file);
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    }
    return sendProblem(reply, request, problem(404, "not-found", "Not found", { detail: `No route for ${request.method} ${path}.` }));
  });
  return app;
}

declare module "fastify" {
  interface FastifyInstance {
    hub: LiveHub;
  }
}
