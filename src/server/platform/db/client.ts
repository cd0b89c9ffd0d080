// Opens the one database Concord uses: embedded PGlite under DATA_DIR by default, a PostgreSQL server with DATABASE_URL.
// Both carry LISTEN/NOTIFY (news of committed events between processes) and a lock for work that must run once.
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import { lockDataDir, type DataDirLock } from "./data-dir-lock.js";
import * as schema from "./schema.js";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseKind = "pglite" | "postgresql";

export type NotificationHandler = (channel: string, payload: string) => void;

export interface Listener {
  /** Stops listening. */
  close(): Promise<void>;
}

export interface Database {
  readonly db: Db;
  readonly kind: DatabaseKind;
  /** Where the data lives, without any password. */
  readonly location: string;
  migrate(): Promise<void>;
  /**
   * Runs `work` while holding a database-wide lock, so that of several processes starting at once only one migrates,
   * seeds and creates accounts at a time (the others wait, then find the work done).
   */
  withExclusiveLock<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Listens on channels; notifications arrive after the transaction that sent them commits, in commit order.
   * `onReconnect` is called when the connection was lost and is back (notifications in between may be lost).
   */
  listen(channels: readonly string[], onNotification: NotificationHandler, onReconnect?: () => void): Promise<Listener>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… to use a PostgreSQL server. */
  readonly databaseUrl?: string | undefined;
  /** Directory for embedded PGlite; undefined keeps the database in memory (tests). */
  readonly dataDir?: string | undefined;
  /** What opens it ("start", "import"…), recorded in the data directory's lock for whoever is refused. */
  readonly command?: string;
  /** Connections in the pool (PostgreSQL). */
  readonly poolSize?: number;
  /** Told the text of every query Drizzle runs (tests count what a request costs); never its parameters. */
  readonly onQuery?: (query: string) => void;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../../../migrations", import.meta.url));

/** The key of the advisory lock taken for migration and seeding (any fixed number unique to Concord). */
const STARTUP_LOCK = 7_317_000;

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

const queryLogger = (onQuery: ((query: string) => void) | undefined) => (onQuery ? { logger: { logQuery: (query: string) => onQuery(query) } } : {});

async function openPostgres(url: string, poolSize: number, onQuery?: (query: string) => void): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // A dropped idle connection must not take the process down; the pool replaces it.
  pool.on("error", () => undefined);
  await pool.query("select 1");
  const db = drizzlePg(pool, { schema, casing: "snake_case", ...queryLogger(onQuery) }) as unknown as Db;
  const listeners = new Set<{ stop(): Promise<void> }>();
  return {
    db,
    kind: "postgresql",
    location: redact(url),
    migrate: () => migratePg(drizzlePg(pool, { schema, casing: "snake_case" }), { migrationsFolder: MIGRATIONS_FOLDER }),
    async withExclusiveLock(work) {
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [STARTUP_LOCK]);
        try {
          return await work();
        } finally {
          await client.query("select pg_advisory_unlock($1)", [STARTUP_LOCK]);
        }
      } finally {
        client.release();
      }
    },
    async listen(channels, onNotification, onReconnect) {
      // A dedicated connection (not from the pool): LISTEN belongs to a session. It is re-opened with backoff if lost.
      let client: pg.Client | null = null;
      let isStopped = false;
      let retryMs = 250;
      let timer: NodeJS.Timeout | null = null;
      const connect = async (isReconnect: boolean): Promise<void> => {
        const next = new pg.Client({ connectionString: url });
        next.on("notification", (message) => onNotification(message.channel, message.payload ?? ""));
        next.on("error", () => undefined);
        next.on("end", () => {
          if (isStopped || client !== next) return;
          client = null;
          schedule();
        });
        await next.connect();
        for (const channel of channels) await next.query(`listen ${quoteIdentifier(channel)}`);
        if (isStopped) {
          await next.end().catch(() => undefined);
          return;
        }
        client = next;
        retryMs = 250;
        if (isReconnect) onReconnect?.();
      };
      const schedule = () => {
        if (isStopped || timer) return;
        timer = setTimeout(() => {
          timer = null;
          connect(true).catch(() => {
            retryMs = Math.min(retryMs * 2, 10_000);
            schedule();
          });
        }, retryMs);
      };
      await connect(false);
      const handle = {
        async stop() {
          isStopped = true;
          if (timer) clearTimeout(timer);
          listeners.delete(handle);
          const current = client;
          client = null;
          await current?.end().catch(() => undefined);
        },
      };
      listeners.add(handle);
      return { close: () => handle.stop() };
    },
    async close() {
      await Promise.all([...listeners].map((listener) => listener.stop()));
      // Closing twice (a test disposing what it closed already) is harmless.
      if (!pool.ended) await pool.end();
    },
  };
}

async function openPglite(dataDir: string | undefined, command: string, onQuery?: (query: string) => void): Promise<Database> {
  let lock: DataDirLock | null = null;
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    lock = lockDataDir(dataDir, command);
  }
  let client: PGlite;
  try {
    client = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  } catch (error) {
    lock?.release();
    throw error;
  }
  const pgliteDb = drizzlePglite(client, { schema, casing: "snake_case", ...queryLogger(onQuery) });
  let exclusive: Promise<unknown> = Promise.resolve();
  return {
    db: pgliteDb as unknown as Db,
    kind: "pglite",
    location: dataDir ?? "memory",
    migrate: () => migratePglite(pgliteDb, { migrationsFolder: MIGRATIONS_FOLDER }),
    // One process owns the directory; within it, the lock only has to order callers.
    withExclusiveLock(work) {
      const run = exclusive.then(work, work);
      exclusive = run.catch(() => undefined);
      return run;
    },
    async listen(channels, onNotification) {
      const stops = await Promise.all(channels.map((channel) => client.listen(channel, (payload) => onNotification(channel, payload))));
      return { close: async () => void (await Promise.all(stops.map((stop) => stop()))) };
    },
    async close() {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10, options.onQuery);
  return openPglite(options.dataDir, options.command ?? "start", options.onQuery);
}
