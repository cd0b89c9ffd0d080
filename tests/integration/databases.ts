// The databases integration tests run against: embedded PGlite always, PostgreSQL when DATABASE_URL is set or one answers on 127.0.0.1:5432.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../../src/server/platform/db/client.js";

export interface TestDatabase {
  readonly name: string;
  /** A fresh, empty database; `dispose` drops it. */
  create(): Promise<{ database: Database; url?: string; dispose(): Promise<void> }>;
}

const DEFAULT_URL = "postgres://root@127.0.0.1:5432/test";

async function reachablePostgres(): Promise<string | null> {
  const url = process.env.DATABASE_URL || DEFAULT_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return url;
  } catch {
    if (process.env.DATABASE_URL) throw new Error(`DATABASE_URL is set but PostgreSQL does not answer at it`);
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pglite: TestDatabase = {
  name: "pglite",
  async create() {
    const database = await openDatabase({});
    return { database, dispose: () => database.close() };
  },
};

function postgres(adminUrl: string): TestDatabase {
  return {
    name: "postgresql",
    async create() {
      // Each test gets its own database, so runs never see each other's rows.
      const name = `concord_test_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const database = await openDatabase({ databaseUrl: url.toString() });
      return {
        database,
        url: url.toString(),
        async dispose() {
          await database.close();
          const cleanup = new pg.Client({ connectionString: adminUrl });
          await cleanup.connect();
          await cleanup.query(`drop database if exists ${name} with (force)`);
          await cleanup.end();
        },
      };
    },
  };
}

/** CONCORD_TEST_DATABASES=pglite: embedded PGlite only (.ci/run's second Node version, where PGlite's WebAssembly is what differs). */
const isPgliteOnly = process.env.CONCORD_TEST_DATABASES === "pglite";
const postgresUrl = isPgliteOnly ? null : await reachablePostgres();
export const testDatabases: TestDatabase[] = postgresUrl ? [pglite, postgres(postgresUrl)] : [pglite];
if (isPgliteOnly) console.log("integration: CONCORD_TEST_DATABASES=pglite; running against PGlite only");
else if (!postgresUrl) console.log("integration: no PostgreSQL reachable; running against PGlite only");
else console.log(`integration: running against PGlite and PostgreSQL (${new URL(postgresUrl).host})`);
