// Fresh PostgreSQL databases for a benchmark run, each dropped when the run ends.
import { randomBytes } from "node:crypto";
import pg from "pg";

/** A database on the server the benchmarks use; DATABASE_URL may point elsewhere on this machine. */
export const ADMIN_URL = process.env.DATABASE_URL || "postgres://root@127.0.0.1:5432/test";

export interface BenchDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** Runs `work` with a client of its own on `url`, closed afterwards. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates `<prefix>_<random>` on the benchmark server. */
export async function createDatabase(prefix: string): Promise<BenchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  await withClient(ADMIN_URL, (admin) => admin.query(`create database ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withClient(ADMIN_URL, (admin) => admin.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
