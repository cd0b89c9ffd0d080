// bench:api — requests per second of what every page view reads, against a bare Fastify route serving the same JSON,
// in the same run, on PGlite and on PostgreSQL. Each server runs in its own process; autocannon loads it from this one.
// Usage: npm run bench:api [-- --duration 10 --connections 20]
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { createDatabase, type BenchDatabase } from "./databases.js";
import { startConcord, stop } from "./processes.js";
import { compareReads, type ReadComparison, type ReadRoute } from "./reads.js";
import { BrowserSession } from "./sessions.js";

const { values } = parseArgs({ options: { duration: { type: "string", default: "10" }, connections: { type: "string", default: "20" }, databases: { type: "string", default: "pglite,postgresql" } } });
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);

type Row = ReadComparison & { readonly database: string };

async function benchOn(database: "pglite" | "postgresql"): Promise<Row[]> {
  const dataDir = await mkdtemp(join(tmpdir(), "concord-bench-"));
  const postgres: BenchDatabase | null = database === "postgresql" ? await createDatabase("concord_bench") : null;
  const concord = await startConcord(postgres ? { DATA_DIR: dataDir, DATABASE_URL: postgres.url } : { DATA_DIR: dataDir });
  try {
    const session = await BrowserSession.signIn(concord.url, demoHeadEmail("KZ"));
    const cookie = session.cookie;
    session.close();
    const routes: ReadRoute[] = [
      { route: "GET /api/v1/states", path: "/api/v1/states", headers: {} },
      { route: "GET /api/v1/organization", path: "/api/v1/organization", headers: {} },
      { route: "GET /api/v1/session (signed in)", path: "/api/v1/session", headers: { cookie } },
    ];
    const rows = await compareReads(concord.url, routes, { connections: CONNECTIONS, duration: DURATION, workDir: dataDir, label: database });
    return rows.map((row) => ({ database, ...row }));
  } finally {
    await stop(concord.child);
    await rm(dataDir, { recursive: true, force: true });
    await postgres?.drop();
  }
}

const rows: Row[] = [];
for (const database of values.databases!.split(",") as ("pglite" | "postgresql")[]) rows.push(...(await benchOn(database)));
console.log(`\nbench:api — ${DURATION} s per measurement after a 2 s warm-up, ${CONNECTIONS} connections, autocannon; ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}\n`);
console.log("| database | route | Concord req/s | bare req/s | Concord / bare | p99 ms Concord / bare |");
console.log("|---|---|---|---|---|---|");
for (const r of rows) {
  console.log(`| ${r.database} | ${r.route} | ${Math.round(r.concord)} | ${Math.round(r.bare)} | ${Math.round((100 * r.concord) / r.bare)} % | ${r.concordP99} / ${r.bareP99} |`);
}
