// What every capability's routes are given: the database, the command runner, the per-process caches, and the clock.
import type { FastifyRequest } from "fastify";
import type { SessionCache } from "./platform/access/session-cache.js";
import type { CommandContext, CommandRunner } from "./platform/commands/runner.js";
import type { Database, Db } from "./platform/db/client.js";
import type { EventFeed } from "./platform/events/feed.js";
import type { LiveHub } from "./platform/realtime/hub.js";
import type { RegistrySnapshot } from "./registry/snapshot.js";
import type { SilenceSweeper } from "./negotiation/silence-sweeper.js";
import type { DocumentCache } from "./negotiation/queries.js";
import type { DiffCache } from "./negotiation/diff-cache.js";
import type { WorkPool } from "./platform/work/pool.js";
import type { StreamRegistry } from "./platform/realtime/stream-registry.js";

export interface AppServices {
  readonly database: Database;
  readonly db: Db;
  readonly runner: CommandRunner;
  readonly snapshot: RegistrySnapshot;
  readonly sessions: SessionCache;
  readonly feed: EventFeed;
  readonly hub: LiveHub;
  /** The live streams, each registered by the capability that publishes it with who may follow it. */
  readonly streams: StreamRegistry;
  /** Each negotiated document's answer, kept until it changes. */
  readonly documents: DocumentCache;
  /** Diffs between issued revisions, made once per process (revisions never change). */
  readonly diffs: DiffCache;
  /** Adopts documents whose silence procedure reached its deadline. */
  readonly silence: SilenceSweeper;
  /** Worker threads for costly work (parsing, rendering, diffs), bounded per caller and per process. */
  readonly work: WorkPool;
  readonly now: () => Date;
  /** Today's calendar day (UTC), "YYYY-MM-DD". */
  readonly today: () => string;
}

/** Whose costly jobs a request counts against in the work pool: the signed-in user, else the client's address. */
export function callerOf(request: FastifyRequest): string {
  return request.actor.userId !== null ? `user:${request.actor.userId}` : `address:${request.ip}`;
}

/** Who asks, from where, and when, for a command run on behalf of a request. */
export function commandContext(request: FastifyRequest, services: Pick<AppServices, "now">): CommandContext {
  return { actor: request.actor, address: request.ip, now: services.now() };
}
