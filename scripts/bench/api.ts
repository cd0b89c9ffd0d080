// bench:api — requests per second of what every page view reads, against a bare Fastify route serving the same JSON,
// in the same run, on PGlite and on PostgreSQL. Each server runs in its own process; autocannon loads it from this one.
// Usage: npm run bench:api [-- --duration 10 --connections 20]
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { freePort, start, stop, waitUntilHealthy } from "./processes.js";

const { values } = parseArgs({ options: { duration: { type: "string", default: "10" }, connections: { type: "string", default: "20" }, databases: { type: "string", default: "pglite,postgresql" } } });
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const ADMIN_URL = process.env.DATABASE_URL || "postgres://root@127.0.0.1:5432/test";

interface Row {
  readonly database: string;
  readonly route: string;
  readonly concord: number;
  readonly bare: number;
  readonly concordP99: number;
  readonly bareP99: number;
}

async function load(url: string, headers: Record<string, string>): Promise<{ rps: number; p99: number }> {
  // A short warm-up, then the measured run.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

async function signIn(baseUrl: string): Promise<string> {
  const first = await fetch(`${baseUrl}/api/v1/session`);
  const csrfCookie = first.headers.getSetCookie().map((c) => c.split(";")[0]!).join("; ");
  const { csrfToken } = (await first.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: csrfCookie, "x-csrf-token": csrfToken },
    body: JSON.stringify({ email: "head.kz@concord.test", password: "concord-demo" }),
  });
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}`);
  const session = response.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("concord_session="))!;
  // One more read so the CSRF secret cookie exists and is not re-issued on every measured request.
  const again = await fetch(`${baseUrl}/api/v1/session`, { headers: { cookie: session } });
  const csrf = again.headers.getSetCookie().map((c) => c.split(";")[0]!).join("; ");
  return [session, csrf].filter(Boolean).join("; ");
}

async function benchOn(database: "pglite" | "postgresql"): Promise<Row[]> {
  const dataDir = await mkdtemp(join(tmpdir(), "concord-bench-"));
  let dbName: string | null = null;
  const env: Record<string, string> = { DATA_DIR: dataDir, LOG_LEVEL: "warn" };
  if (database === "postgresql") {
    dbName = `concord_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
  }
  const concordPort = await freePort();
  const concord = start(["bin/concord.js", "start"], { ...env, PORT: String(concordPort), HOST: "127.0.0.1" });
  const concordUrl = `http://127.0.0.1:${concordPort}`;
  const rows: Row[] = [];
  let bare: ChildProcess | null = null;
  try {
    await waitUntilHealthy(concordUrl, concord);
    const cookie = await signIn(concordUrl);
    const routes: { route: string; path: string; headers: Record<string, string> }[] = [
      { route: "GET /api/v1/states", path: "/api/v1/states", headers: {} },
      { route: "GET /api/v1/organization", path: "/api/v1/organization", headers: {} },
      { route: "GET /api/v1/session (signed in)", path: "/api/v1/session", headers: { cookie } },
    ];
    // The bare server answers exactly what Concord answers.
    const bodies: Record<string, string> = {};
    for (const { path, headers } of routes) bodies[path] = await (await fetch(`${concordUrl}${path}`, { headers })).text();
    const bodiesFile = join(dataDir, "bodies.json");
    await writeFile(bodiesFile, JSON.stringify(bodies));
    const barePort = await freePort();
    bare = start(["--import", "tsx", "scripts/bench/bare-server.ts", String(barePort), bodiesFile], {});
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await waitUntilHealthy(bareUrl, bare, "/api/v1/states");
    for (const { route, path, headers } of routes) {
      const measured = await load(`${concordUrl}${path}`, headers);
      const baseline = await load(`${bareUrl}${path}`, {});
      rows.push({ database, route, concord: measured.rps, bare: baseline.rps, concordP99: measured.p99, bareP99: baseline.p99 });
      console.error(`${database} ${route}: ${Math.round(measured.rps)} req/s vs bare ${Math.round(baseline.rps)} req/s`);
    }
  } finally {
    if (bare) await stop(bare);
    await stop(concord);
    await rm(dataDir, { recursive: true, force: true });
    if (dbName) {
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  }
  return rows;
}

const rows: Row[] = [];
for (const database of values.databases!.split(",") as ("pglite" | "postgresql")[]) rows.push(...(await benchOn(database)));
console.log(`\nbench:api — ${DURATION} s per measurement after a 2 s warm-up, ${CONNECTIONS} connections, autocannon; ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}\n`);
console.log("| database | route | Concord req/s | bare req/s | Concord / bare | p99 ms Concord / bare |");
console.log("|---|---|---|---|---|---|");
for (const r of rows) {
  console.log(`| ${r.database} | ${r.route} | ${Math.round(r.concord)} | ${Math.round(r.bare)} | ${Math.round((100 * r.concord) / r.bare)} % | ${r.concordP99} / ${r.bareP99} |`);
}
