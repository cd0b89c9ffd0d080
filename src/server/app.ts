// Assembles the HTTP server: API under /api/v1, OpenAPI at /api/docs, WebSocket at /api/live, and the built web app;
// and, per process, the command runner, the event feed (LISTEN), the session cache, the registry snapshot and the live hub.
import { existsSync } from "node:fs";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import fastifyCompress from "@fastify/compress";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import fastifyWebsocket from "@fastify/websocket";
import { registerRateLimits, type RateKind } from "./platform/http/rate-limits.js";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { LIVE_LIMITS } from "../contracts/live.js";
import { isPagePath } from "../contracts/pages.js";
import { HealthSchema } from "../contracts/registry.js";
import type { Role } from "../domain/access.js";
import { SessionCache } from "./platform/access/session-cache.js";
import { installSessions, isApiRequest } from "./platform/access/sessions.js";
import type { AppServices } from "./app-services.js";
import { accessRoutes } from "./platform/access/routes.js";
import { auditRoutes } from "./audit/routes.js";
import { CommandRunner } from "./platform/commands/runner.js";
import type { Database } from "./platform/db/client.js";
import { cookieSecretOf } from "./platform/db/settings.js";
import { EventFeed } from "./platform/events/feed.js";
import { installProblemHandlers, problem, sendProblem } from "./platform/http/problem.js";
import { CACHE_CONTROL } from "./platform/http/cache-control.js";
import { securityHeaders } from "./platform/http/security-headers.js";
import { identityRoutes } from "./identity/routes.js";
import { singleSignOnRoutes, type SingleSignOnConfig } from "./identity/single-sign-on.js";
import { StreamRegistry } from "./platform/realtime/stream-registry.js";
import { LiveHub } from "./platform/realtime/hub.js";
import { liveRoutes } from "./platform/realtime/routes.js";
import { registryRoutes } from "./registry/routes.js";
import { meetingRoutes } from "./meetings/routes.js";
import { meetingExportRoutes } from "./meetings/exports/routes.js";
import { programmeRoutes } from "./programme/routes.js";
import { calendarRoutes } from "./calendar/routes.js";
import { negotiationRoutes } from "./negotiation/routes.js";
import { DocumentCache } from "./negotiation/queries.js";
import { DiffCache } from "./negotiation/diff-cache.js";
import { SilenceSweeper } from "./negotiation/silence-sweeper.js";
import { DemoMeetingKeeper } from "./meetings/demo.js";
import { registryFacts } from "./negotiation/store.js";
import { CONTROL_CHANNEL, notifyNow } from "./platform/events/notifications.js";
import { randomUUID } from "node:crypto";
import { RegistrySnapshot } from "./registry/snapshot.js";
import { utcDay } from "./startup.js";
import { WorkPool, type WorkPoolOptions } from "./platform/work/pool.js";
import { DEFAULT_PUBLIC_URL } from "./config.js";

/**
 * Routes whose answers hold a secret beside text others type, never compressed: the session (its CSRF token), and a
 * meeting with what is read from it (its accreditation lists and participants list carry badge tokens, which verify a
 * badge, beside the names delegations type). Registered before @fastify/compress, whose own onRoute hook reads it.
 */
const CARRIES_SECRETS = /^\/api\/v1\/(session$|meetings\/:id(\/|$))/;

export interface AppOptions {
  readonly database: Database;
  /** The built web app; not served when absent (API-only tests). */
  readonly webRoot?: string | undefined;
  readonly logLevel?: string;
  /** The clock, so tests can fix "today". */
  readonly now?: () => Date;
  /** Signs cookies; by default the secret kept in the database, shared by every process serving it. */
  readonly cookieSecret?: string | undefined;
  readonly singleSignOn?: SingleSignOnConfig | undefined;
  /** Trust X-Forwarded-* from a reverse proxy (for the client address and HTTPS). */
  readonly trustProxy?: boolean;
  /**
   * The address people use (PUBLIC_URL, or http://localhost:PORT: see `publicUrlOf`); absolute links are built from it,
   * never from a request's Host header. Live connections from its origin are accepted besides the request's own host.
   * http://localhost:3000 when absent (tests).
   */
  readonly publicUrl?: string | undefined;
  /** Where log lines go (standard output when absent). */
  readonly logStream?: NodeJS.WritableStream;
  /** Whether demo accounts are on (CONCORD_DEMO_ACCOUNTS, on by default): when off, the sign-in page names none. */
  readonly demoAccounts?: boolean;
  /** Live connection tuning (tests). */
  readonly live?: { readonly heartbeatMs?: number; readonly maxBufferedBytes?: number; readonly sessionCheckMs?: number };
  /** The work pool's limits (WORK_* settings), and a gate for tests. */
  readonly work?: WorkPoolOptions;
  /** Costly requests one caller may make per minute, by kind (defaults: RATE_LIMITS). */
  readonly rateLimits?: Partial<Record<RateKind, number>>;
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

  const { database } = options;
  const db = database.db;
  const publicOrigin = new URL(options.publicUrl ?? DEFAULT_PUBLIC_URL).origin;
  const now = options.now ?? (() => new Date());
  // Asked on most requests: the day's text is made once per day, not once per request.
  let cachedDay = { index: Number.NaN, text: "" };
  const today = () => {
    const time = now().getTime();
    const index = Math.floor(time / 86_400_000);
    if (index !== cachedDay.index) cachedDay = { index, text: utcDay(new Date(time)) };
    return cachedDay.text;
  };

  const runner = new CommandRunner(db);
  const snapshot = new RegistrySnapshot(db);
  const sessions = new SessionCache(db);
  const feed = new EventFeed(database, app.log);
  const documents = new DocumentCache(db);
  const streams = new StreamRegistry();
  const hub = new LiveHub({
    db,
    now,
    log: app.log,
    process: randomUUID(),
    // Who may follow a stream (and be in a room): the read rule the capability publishing it registered.
    readersOf: streams.readersOf,
    hasRoom: streams.hasRoom,
    announce: (announcement) => {
      notifyNow(db, CONTROL_CHANNEL, JSON.stringify({ kind: "presence", ...announcement })).catch((error: Error) =>
        app.log.warn({ err: { message: error.message } }, "presence could not be announced"),
      );
    },
    ...options.live,
    checkSession: async (tokenHash) => {
      const session = await sessions.resolveHash(tokenHash, now(), { touch: false });
      return session ? { userId: session.user.id, role: session.user.role as Role, delegation: session.user.delegation } : null;
    },
  });
  // This process's own commits update its caches before the caller is answered; everything (its own included) reaches the hub by NOTIFY.
  const silence = new SilenceSweeper({
    db,
    runner,
    now,
    log: app.log,
    situation: () => {
      const facts = snapshot.view("negotiation-facts", registryFacts);
      return facts ? { facts, day: today() } : null;
    },
  });
  runner.onCommitted(async (events, control) => {
    for (const message of control) sessions.apply(message);
    documents.onEvents(events);
    await snapshot.apply(events);
  });
  feed.subscribe(snapshot);
  feed.subscribe(sessions);
  feed.subscribe(documents);
  feed.subscribe(silence);
  feed.subscribe(hub);
  // Listening first: a registry change committed while the snapshot loads is then heard, and loads it again.
  await feed.start();
  await snapshot.reload();
  // Deadlines that passed while no process ran (a restart during a silence procedure) are met before serving.
  await silence.start();
  // A demonstration meeting whose session is over is replaced while the server runs (none is created here).
  const demoMeeting = new DemoMeetingKeeper({ database, registry: () => snapshot.registry, now, log: app.log });
  await demoMeeting.start();
  const work = new WorkPool(options.work);
  const services: AppServices = { database, db, runner, snapshot, sessions, feed, hub, streams, documents, diffs: new DiffCache(), silence, work, now, today };
  app.decorate("services", services);
  app.addHook("onClose", async () => {
    silence.stop();
    demoMeeting.stop();
    hub.closeAll();
    await feed.stop();
    await work.close();
  });

  const headers = securityHeaders();
  app.addHook("onSend", (request, reply, payload, done) => {
    void reply.headers(request.protocol === "https" ? headers.https : headers.http);
    // What the API answers may be private: never kept by a browser or a proxy unless the route says otherwise.
    if (isApiRequest(request) && !reply.hasHeader("cache-control")) void reply.header("cache-control", CACHE_CONTROL.private);
    done(null, payload);
  });

  // Text answers above 1 KiB are compressed (Brotli or gzip, as the client accepts), except those that carry a secret
  // beside text someone else chose (BREACH: compressed sizes, watched while the attacker's text varies, spell the
  // secret out; see security.md). Compressed request bodies are not accepted: nothing sends them, and inflating them
  // would be work an attacker chooses.
  app.addHook("onRoute", (route) => {
    if (CARRIES_SECRETS.test(route.url)) route.compress = false;
  });
  await app.register(fastifyCompress, { threshold: 1024, encodings: ["br", "gzip"], globalDecompression: false });

  await installSessions(app, { sessions, snapshot, now, today, cookieSecret: options.cookieSecret ?? (await cookieSecretOf(db)) });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Concord API",
        version: "1",
        description:
          "The API of Concord, the platform on which an intergovernmental organization runs its work. Errors are RFC 9457 problem details. Live updates: a WebSocket at /api/live (see src/contracts/live.ts).",
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  await app.register(fastifyWebsocket, { options: { maxPayload: LIVE_LIMITS.clientMessageBytes } });
  await registerRateLimits(app, options.rateLimits);

  await app.register(async (scope) => {
    scope.withTypeProvider<ZodTypeProvider>().get(
      "/api/health",
      { schema: { tags: ["system"], summary: "Liveness, and which database is in use", response: { 200: HealthSchema } } },
      async () => {
        await db.execute("select 1");
        return { status: "ok" as const, database: database.kind };
      },
    );
    await scope.register(registryRoutes, { services });
    await scope.register(identityRoutes, {
      services,
      singleSignOn: { enabled: options.singleSignOn !== undefined, name: options.singleSignOn?.name ?? null },
      demoAccounts: options.demoAccounts ?? true,
    });
    if (options.singleSignOn) await scope.register(singleSignOnRoutes, { services, config: options.singleSignOn });
    await scope.register(auditRoutes, { services });
    await scope.register(accessRoutes, { services });
    await scope.register(negotiationRoutes, { services, documents });
    await scope.register(meetingRoutes, { services });
    await scope.register(meetingExportRoutes, { services, publicOrigin });
    await scope.register(programmeRoutes, { services });
    await scope.register(calendarRoutes, { services, publicOrigin });
    await scope.register(liveRoutes, { hub, publicOrigin });
  });

  const webRoot = options.webRoot;
  const hasWeb = webRoot !== undefined && existsSync(join(webRoot, "index.html"));
  if (hasWeb) {
    // Files are sent only by the routes below (no route per file, and fastify-static's own max-age=0 never applies);
    // a browser that accepts Brotli or gzip gets the copy the build compressed beforehand (see vite.config.ts).
    await app.register(fastifyStatic, { root: webRoot, serve: false, preCompressed: true, serveDotFiles: false });
    app.get("/assets/*", { schema: { hide: true } }, (request, reply) => {
      const path = (request.params as { "*": string })["*"];
      // Vite names every file here after a hash of its content: a new build brings new names, so these never change.
      return reply.header("cache-control", CACHE_CONTROL.immutable).sendFile(`assets/${path}`, { cacheControl: false });
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    if (hasWeb && request.method === "GET" && !path.startsWith("/api")) {
      // A file at the root (the icon), not hashed: kept, but revalidated.
      const file = path.slice(1);
      if (file && !file.includes("/") && existsSync(join(webRoot, file))) {
        return reply.header("cache-control", CACHE_CONTROL.publicRevalidated).sendFile(file, { cacheControl: false });
      }
      // The web app routes on the client: a page it has gets index.html with 200; any other path gets it too, so that
      // the app shows its translated "not found", but with 404 (the list of pages is shared: src/contracts/pages.ts).
      void reply.header("cache-control", CACHE_CONTROL.publicRevalidated);
      if (isPagePath(path)) return reply.sendFile("index.html", { cacheControl: false });
      // No validators on the 404: a browser revalidating it would get a 304 with the 404's status and no page.
      return reply.code(404).sendFile("index.html", { cacheControl: false, etag: false, lastModified: false });
    }
    return sendProblem(reply, request, problem(404, "not-found", "Not found", { detail: `No route for ${request.method} ${path}.` }));
  });
  return app;
}

declare module "fastify" {
  interface FastifyInstance {
    services: AppServices;
  }
}
