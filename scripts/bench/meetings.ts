// bench:meetings — meetings under load, in named parts, each figure beside a bare yardstick measured the same way:
//   participants: the participants list of a meeting with 3,000 accredited delegates, read through the API against a
//                 bare Fastify route serving the same JSON, on PGlite and on PostgreSQL; and the list as a PDF in one
//                 request (time, size, the server's peak memory).
//   floor:        the chair gives the floor and N screens following the meeting on /api/live receive it (PostgreSQL),
//                 against a bare `ws` broadcast of a message of the same size measured by the same client workers.
// Usage: npm run bench:meetings [-- --parts participants,floor --delegates 3000 --duration 10 --connections 20 --databases pglite,postgresql
//                                   --clients 1000 --events 20 --workers 4]
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../../src/server/platform/db/client.js";
import { createDatabase, type BenchDatabase } from "./databases.js";
import { participantsFigures, prepareBenchDatabase, type ParticipantsFigures } from "./meetings-participants.js";
import { floorFanOut } from "./meetings-floor.js";
import { startConcord, stop } from "./processes.js";

const { values } = parseArgs({
  options: {
    parts: { type: "string", default: "participants,floor" },
    clients: { type: "string", default: "1000" },
    events: { type: "string", default: "20" },
    workers: { type: "string", default: "4" },
    delegates: { type: "string", default: "3000" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "20" },
    databases: { type: "string", default: "pglite,postgresql" },
  },
});
const DELEGATES = Number(values.delegates);
const READ = { duration: Number(values.duration), connections: Number(values.connections) };
/** Reads alternate between Concord and the bare server in turns of 2 s (other load on the machine weighs on both alike). */
const READ_ROUNDS = Math.max(1, Math.round(READ.duration / 2));

type DatabaseKind = "pglite" | "postgresql";

/** Part "participants" on one database: a fresh one prepared as `concord start` would, plus the meeting, then the server. */
async function participantsOn(kind: DatabaseKind): Promise<ParticipantsFigures> {
  const dataDir = await mkdtemp(join(tmpdir(), "concord-bench-meetings-"));
  const postgres: BenchDatabase | null = kind === "postgresql" ? await createDatabase("concord_bench_meetings") : null;
  try {
    const database = await openDatabase(postgres ? { databaseUrl: postgres.url } : { dataDir, command: "bench" });
    try {
      await prepareBenchDatabase(database, DELEGATES);
    } finally {
      await database.close();
    }
    const concord = await startConcord(postgres ? { DATA_DIR: dataDir, DATABASE_URL: postgres.url } : { DATA_DIR: dataDir });
    try {
      return await participantsFigures(concord, { ...READ, rounds: READ_ROUNDS, workDir: dataDir, label: kind });
    } finally {
      await stop(concord.child);
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await postgres?.drop();
  }
}

/** Part "floor": one Concord on a fresh PostgreSQL database, as `concord start` prepares it. */
async function floorOnPostgres() {
  const dataDir = await mkdtemp(join(tmpdir(), "concord-bench-floor-"));
  const postgres = await createDatabase("concord_bench_floor");
  try {
    const concord = await startConcord({ DATA_DIR: dataDir, DATABASE_URL: postgres.url });
    try {
      return await floorFanOut({ url: concord.url, databaseUrl: postgres.url, clients: Number(values.clients), events: Number(values.events), workers: Number(values.workers) });
    } finally {
      await stop(concord.child);
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await postgres.drop();
  }
}

const PARTS: Record<string, () => Promise<string[]>> = {
  async floor() {
    const f = await floorOnPostgres();
    const ms = (value: number) => value.toFixed(1);
    const ratio = f.fromCommit.p99 / f.bare.fromDelivery.p99;
    return [
      `### floor — giving the floor reaches ${f.clients.toLocaleString("en")} screens (PostgreSQL)`,
      "",
      `${f.events} times (after 3 uncounted): the turn before ends, a member delegation asks for the floor, the chair gives it; each screen is a signed-in client of /api/live following \`meeting:<id>\`, held by worker processes; the event (${f.messageBytes} bytes) carries the whole list of speakers. The bare \`ws\` server broadcasts a message of the same size, heard on a PostgreSQL channel, to the same number of clients of the same workers.`,
      "",
      "| measured from | Concord p50 ms | Concord p99 ms | bare p50 ms | bare p99 ms | Concord p99 / bare p99 | receipts Concord / bare |",
      "|---|---|---|---|---|---|---|",
      `| the chair's POST (bare: the harness's NOTIFY sent) | ${ms(f.fromPost.p50)} | ${ms(f.fromPost.p99)} | ${ms(f.bare.fromSend.p50)} | ${ms(f.bare.fromSend.p99)} | ${(f.fromPost.p99 / f.bare.fromSend.p99).toFixed(2)} × | ${f.fromPost.samples} of ${f.fromPost.expected} / ${f.bare.fromSend.samples} of ${f.bare.fromSend.expected} |`,
      `| the commit's NOTIFY delivered | ${ms(f.fromCommit.p50)} | ${ms(f.fromCommit.p99)} | ${ms(f.bare.fromDelivery.p50)} | ${ms(f.bare.fromDelivery.p99)} | ${ratio.toFixed(2)} × | ${f.fromCommit.samples} of ${f.fromCommit.expected} / ${f.bare.fromDelivery.samples} of ${f.bare.fromDelivery.expected} |`,
      "",
      `Target: p99 at most 1.5 × the bare broadcast's, from the commit (${ratio <= 1.5 ? "met" : "NOT met"}).`,
    ];
  },

  async participants() {
    const rows: [DatabaseKind, ParticipantsFigures][] = [];
    for (const kind of values.databases!.split(",") as DatabaseKind[]) rows.push([kind, await participantsOn(kind)]);
    const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(2);
    return [
      `### participants — ${DELEGATES.toLocaleString("en")} accredited delegates`,
      "",
      `Reads: ${READ.duration} s per side after a 2 s warm-up, in ${READ_ROUNDS} alternating turns, ${READ.connections} connections, autocannon; signed in as an invited delegation (KZ).`,
      "",
      "| database | route | answer | Concord req/s | bare req/s | Concord / bare | p99 ms Concord / bare |",
      "|---|---|---|---|---|---|---|",
      ...rows.map(([kind, f]) => `| ${kind} | ${f.read.route} | ${mib(f.read.bytes)} MiB | ${Math.round(f.read.concord)} | ${Math.round(f.read.bare)} | ${Math.round((100 * f.read.concord) / f.read.bare)} % | ${f.read.concordP99} / ${f.read.bareP99} |`),
      "",
      "The list as a PDF (`?lang=ru`), one request, timed by the client:",
      "",
      "| database | first request | again (kept for the version) | size | pages | server RSS before | peak RSS rise |",
      "|---|---|---|---|---|---|---|",
      ...rows.map(
        ([kind, f]) =>
          `| ${kind} | ${Math.round(f.coldPdf.milliseconds)} ms | ${Math.round(f.warmPdf.milliseconds)} ms | ${mib(f.coldPdf.bytes)} MiB | ${f.coldPdf.pages} | ${f.rssBeforeMiB === null ? "n/a" : `${Math.round(f.rssBeforeMiB)} MiB`} | ${f.peakRssDeltaMiB === null ? "n/a" : `${Math.round(f.peakRssDeltaMiB)} MiB`} |`,
      ),
    ];
  },
};

const chosen = values.parts!.split(",").map((p) => p.trim());
const unknown = chosen.filter((p) => !(p in PARTS));
if (unknown.length > 0) throw new Error(`bench:meetings: no part named ${unknown.join(", ")} (parts: ${Object.keys(PARTS).join(", ")})`);
const lines: string[] = [];
for (const part of chosen) lines.push(...(await PARTS[part]!()), "");
console.log(`\nbench:meetings — ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}\n`);
console.log(lines.join("\n"));
