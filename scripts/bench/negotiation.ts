// bench:negotiation — the negotiation room under load, in one run, each figure beside a bare yardstick measured the same way:
// 1. GET /api/v1/documents/{id} of a 400-provision document in three languages with a few dozen proposals and their
//    positions, signed in, against a bare Fastify route serving the same bytes; on PGlite and on PostgreSQL.
// 2. Proposals from the heads of the 10 member delegations at once, as fast as they are answered, through the HTTP API
//    (PostgreSQL), against 10 connections inserting the same rows in single-row transactions — and, to show where the
//    time goes, the same rows under one row's lock, and Concord's own transaction replayed statement by statement; with
//    what Concord's database connections were doing (pg_stat_activity) and which process used the CPU.
// 3. One proposal reaching 1,000 clients following the document on /api/live: from the POST to each receipt, against a
//    bare `ws` broadcast of a message of the same size, from the harness's pg_notify to each receipt.
// 4. A large document (large-document.ts): 2,000 provisions in three languages, 5,000 proposals with positions, one
//    revision handling them all (its wall time), the room's read of it against the bare route, the diff Rev.0 → Rev.1;
//    on PGlite and on PostgreSQL, on a few copies of the document (the times are their median).
// Usage: npm run bench:negotiation [-- --provisions 400 --duration 10 --connections 20 --seconds 10 --clients 1000 --events 20 --workers 4
//        --large-provisions 2000 --large-proposals 5000 --copies 3 --databases pglite,postgresql --parts reads,proposals,fan-out,large]
//        (--databases: where the large document is measured)
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { STREAMS } from "../../src/contracts/live.js";
import { DEMO_ADMIN_EMAIL, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { createDatabase, type BenchDatabase } from "./databases.js";
import { bareFanOut, now, pause, spacingMs, summarize, WARM_UP, Workers, type Latency } from "./fan-out.js";
import type { Follow } from "./follow.js";
import type { CpuShare } from "./cpu-meter.js";
import { proposalOn, TITLE, zeroDraft, type ProvisionRef } from "./negotiation-text.js";
import { freePort, start, startConcord, stop, type ConcordProcess } from "./processes.js";
import { bareConcordTransactions, bareInserts, bareLockedInserts, measureInTurns, nextTransactionId, type Measured, type Target, type Turn, type Writer } from "./proposal-writers.js";
import { compareReads, type ReadComparison } from "./reads.js";
import { measureLargeDocument, type LargeFigures } from "./large-document.js";
import { BrowserSession, createSessions, expectJson } from "./sessions.js";

const { values } = parseArgs({
  options: {
    provisions: { type: "string", default: "400" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "20" },
    seconds: { type: "string", default: "10" },
    clients: { type: "string", default: "1000" },
    events: { type: "string", default: "20" },
    workers: { type: "string", default: "4" },
    "large-provisions": { type: "string", default: "2000" },
    "large-proposals": { type: "string", default: "5000" },
    copies: { type: "string", default: "3" },
    databases: { type: "string", default: "pglite,postgresql" },
    parts: { type: "string", default: "reads,proposals,fan-out,large" },
  },
});
/** Which measurements run (all four by default; the others are skipped and left out of the figures). */
const PARTS = new Set(values.parts.split(",").map((part) => part.trim()));
const KNOWN_PARTS = ["reads", "proposals", "fan-out", "large"];
for (const part of PARTS) if (!KNOWN_PARTS.includes(part)) throw new Error(`unknown part ${part}: ${KNOWN_PARTS.join(", ")}`);
const PROVISIONS = Number(values.provisions);
/** Proposals already in the room when it is read, each with positions of other delegations. */
const PROPOSALS_IN_ROOM = 36;
const READ = { duration: Number(values.duration), connections: Number(values.connections) };
/** Reads alternate between Concord and the bare server in turns of 2 s (other load on the machine weighs on both alike). */
const READ_ROUNDS = Math.max(1, Math.round(READ.duration / 2));
const PROPOSING_SECONDS = Number(values.seconds);
const CLIENTS = Number(values.clients);
const EVENTS = Number(values.events);
const WORKERS = Number(values.workers);
const LARGE = { provisions: Number(values["large-provisions"]), proposals: Number(values["large-proposals"]), copies: Number(values.copies) };
/** The databases the large document is measured on (the other parts use both, as they always have). */
const LARGE_DATABASES = new Set(values.databases.split(",").map((name) => name.trim()));
for (const name of LARGE_DATABASES) if (!["pglite", "postgresql"].includes(name)) throw new Error(`unknown database ${name}: pglite, postgresql`);
/** Targets of the large document: the revision issued within 2 s, the room's read at half the bare route's throughput. */
const REVISION_TARGET_MS = 2000;

// ---- The room: a document, the heads of the member delegations signed in

interface Room {
  readonly url: string;
  readonly id: string;
  readonly chair: string;
  readonly members: readonly string[];
  readonly heads: ReadonlyMap<string, BrowserSession>;
  readonly provisions: readonly ProvisionRef[];
  close(): void;
}

/** The chair opens the document; each member delegation makes proposals, and others support, oppose or comment. */
async function openRoom(url: string): Promise<Room> {
  const states = (await (await fetch(`${url}/api/v1/states?tier=member`)).json()) as { items: { code: string }[] };
  const chairmanship = (await (await fetch(`${url}/api/v1/chairmanship`)).json()) as { current: string | null; items: { id: string; state: { code: string } }[] };
  const chair = chairmanship.items.find((term) => term.id === chairmanship.current)?.state.code;
  const members = states.items.map((s) => s.code);
  if (!chair || !members.includes(chair)) throw new Error(`no member chairs today (${chair ?? "none"})`);
  const heads = new Map<string, BrowserSession>();
  // One after another: parallel sign-ins from one address can be refused with 429 although none failed (the sign-in
  // throttle compares each attempt's clock, read before it waits for the throttle row, with the last attempt's).
  for (const code of members) heads.set(code, await BrowserSession.signIn(url, demoHeadEmail(code)));
  const head = (code: string) => heads.get(code)!;
  const document = await expectJson<{ id: string; chair: string; provisions: ProvisionRef[] }>(
    head(chair).post("/api/v1/documents", { title: TITLE, kind: "declaration", body: "CHS", baseLanguage: "ru", languages: ["ru", "zh", "en"], provisions: zeroDraft(PROVISIONS) }),
    201,
    "document creation",
  );
  const provisions = document.provisions;
  for (let k = 0; k < PROPOSALS_IN_ROOM; k += 1) {
    const proposer = members[k % members.length]!;
    const proposal = await expectJson<{ id: string }>(head(proposer).post(`/api/v1/documents/${document.id}/proposals`, proposalOn(provisions[(k * 11) % provisions.length]!, k)), 201, "a proposal");
    const other = (step: number) => head(members[(k + step) % members.length]!);
    await expectJson(other(1).post(`/api/v1/proposals/${proposal.id}/positions`, { stance: "support", text: "" }), 200, "support");
    await expectJson(other(3).post(`/api/v1/proposals/${proposal.id}/positions`, { stance: "oppose", text: "Предпочитаем сохранить формулировку Rev.0: она согласована на уровне экспертов." }), 200, "opposition");
    if (k % 3 === 0) await expectJson(other(5).post(`/api/v1/proposals/${proposal.id}/positions`, { stance: "comment", text: "Готовы обсудить компромиссный вариант в рабочей группе." }), 200, "comment");
  }
  return { url, id: document.id, chair, members, heads, provisions, close: () => heads.forEach((session) => session.close()) };
}

// ---- 1. Reading the document

async function documentReads(label: string, room: Room, workDir: string): Promise<ReadComparison> {
  // A member delegation that does not chair reads it, as its delegates do on every page view of the room.
  const reader = room.heads.get(room.members.find((code) => code !== room.chair)!)!;
  const [row] = await compareReads(room.url, [{ route: `GET /api/v1/documents/{id}`, path: `/api/v1/documents/${room.id}`, headers: { cookie: reader.cookie } }], { ...READ, rounds: READ_ROUNDS, workDir, label });
  return row!;
}

// ---- 2. Proposals from every member delegation at once

/**
 * The heads of the member delegations posting proposals for `seconds`, one request in flight each, each on a provision
 * of its own each time (delegation d on provisions d, d + 10, d + 20…).
 */
async function postProposals(room: Room, heads: ReadonlyMap<string, BrowserSession>, seconds: number, offset: number): Promise<Turn> {
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    room.members.map(async (code, d) => {
      const head = heads.get(code)!;
      for (let k = offset; performance.now() < deadline; k += 1) {
        const provision = room.provisions[(d + room.members.length * k) % room.provisions.length]!;
        const sent = performance.now();
        const { status, body } = await head.post(`/api/v1/documents/${room.id}/proposals`, proposalOn(provision, k));
        if (status === 201) latencies.push(performance.now() - sent);
        else {
          const key = `${status} ${(JSON.parse(body) as { code?: string }).code ?? ""}`.trim();
          failures.set(key, (failures.get(key) ?? 0) + 1);
        }
      }
    }),
  );
  return { latencies, failures, seconds: (performance.now() - started) / 1000 };
}

/** The heads of the member delegations proposing through Concord's API. */
function concordProposals(room: Room, databaseUrl: string): Writer {
  let turn = 0;
  return {
    name: "Concord: POST /api/v1/documents/{id}/proposals",
    async turn(seconds) {
      const firstId = await nextTransactionId(databaseUrl);
      const posted = await postProposals(room, room.heads, seconds, (turn += 1) * 1000);
      // Concord's commits in the turn: nothing else writes meanwhile (the harness's reading of the next id takes none).
      return { ...posted, transactions: (await nextTransactionId(databaseUrl)) - firstId };
    },
    dispose: async () => undefined,
  };
}

/**
 * The same requests (the same bytes, cookies and CSRF tokens included) to a bare Fastify server that parses each
 * body and answers a proposal's answer as Concord sent it, with no check and no database: the HTTP part alone.
 */
async function bareProposalAnswers(room: Room, workDir: string): Promise<Writer & { readonly pid: number }> {
  const proposer = room.heads.get(room.members[0]!)!;
  const sample = await proposer.post(`/api/v1/documents/${room.id}/proposals`, proposalOn(room.provisions[0]!, 999_999));
  if (sample.status !== 201) throw new Error(`a sample proposal answered ${sample.status}: ${sample.body.slice(0, 300)}`);
  const file = join(workDir, "bare-proposal.json");
  await writeFile(file, JSON.stringify({ route: "/api/v1/documents/:id/proposals", status: 201, body: sample.body }));
  const port = await freePort();
  const child = start(["--import", "tsx", "scripts/bench/bare-post-server.ts", String(port), file], {});
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(url, child);
  const heads = new Map([...room.heads].map(([code, head]) => [code, head.twinOn(url)]));
  return {
    name: "bare Fastify: the same POSTs parsed and answered with a proposal's answer, no check, no database",
    pid: child.pid!,
    turn: (seconds) => postProposals(room, heads, seconds, 0),
    dispose: async () => {
      heads.forEach((head) => head.close());
      await stop(child);
    },
  };
}

/** Waits until a server answers anything at all on its port (the bare POST server has no health route). */
async function waitUntilAnswering(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await pause(100);
    }
  }
  throw new Error(`${url} did not answer within 30 s`);
}

/** Concord, then each bare loop, in turns of 2 s until each has had PROPOSING_SECONDS. */
async function proposalWriters(room: Room, concord: ConcordProcess, databaseUrl: string, workDir: string): Promise<Measured[]> {
  const target: Target = { databaseUrl, documentId: room.id, delegations: room.members, provisions: room.provisions };
  const bareHttp = await bareProposalAnswers(room, workDir);
  const writers = [concordProposals(room, databaseUrl), await bareInserts(target), await bareLockedInserts(target), await bareConcordTransactions(target), bareHttp];
  try {
    return await measureInTurns(
      writers.map((writer, i) => ({ writer, isWatched: i === 0 })),
      {
        seconds: PROPOSING_SECONDS,
        rounds: Math.max(1, Math.round(PROPOSING_SECONDS / 2)),
        databaseUrl,
        processes: { Concord: concord.child.pid!, "bare HTTP server": bareHttp.pid },
      },
    );
  } finally {
    for (const writer of writers) await writer.dispose();
  }
}

// ---- 3. One proposal, 1,000 clients in the room

interface FanOut {
  /** From the moment the proposal's POST is sent. */
  readonly fromPost: Latency;
  /** From the moment PostgreSQL delivers the commit's NOTIFY (to the harness, as to Concord). */
  readonly fromCommit: Latency;
  /** One event exactly as the clients received it, for the bare broadcast. */
  readonly message: string;
}

async function concordFanOut(room: Room, databaseUrl: string, follow: Follow): Promise<FanOut> {
  const readers = [DEMO_ADMIN_EMAIL, ...room.members.map(demoHeadEmail)];
  const cookies = await createSessions(databaseUrl, readers, CLIENTS);
  const workers = await Workers.start(WORKERS);
  const listener = new pg.Client({ connectionString: databaseUrl });
  const posted = new Map<string, number>();
  const committed = new Map<string, number>();
  let message = "";
  try {
    await workers.connect(`${room.url.replace("http", "ws")}/api/live`, room.url, cookies, follow);
    await listener.connect();
    listener.on("notification", (notification) => {
      const at = now();
      const parsed = JSON.parse(notification.payload ?? "{}") as { events?: { stream: string; seq: number; type: string; at: string; payload: Record<string, unknown> }[] };
      for (const { stream, seq, type, at: when, payload } of parsed.events ?? []) {
        if (stream !== follow.stream || type !== "proposal.made") continue;
        committed.set(payload.proposal as string, at);
        // The bytes the hub sends for this event (hub.ts encodes it so).
        message = JSON.stringify({ type: "event", event: { stream, seq, type, at: when, payload } });
      }
    });
    await listener.query("listen concord_events");
    // The first WARM_UP proposals are not counted, for Concord as for the bare server.
    for (let i = -WARM_UP; i < EVENTS; i += 1) {
      const proposer = room.heads.get(room.members[(i + WARM_UP) % room.members.length]!)!;
      const provision = room.provisions[(7 * (i + WARM_UP)) % room.provisions.length]!;
      const sent = now();
      const { id } = await expectJson<{ id: string }>(proposer.post(`/api/v1/documents/${room.id}/proposals`, proposalOn(provision, i + WARM_UP)), 201, "a proposal");
      if (i >= 0) posted.set(id, sent);
      await pause(spacingMs(CLIENTS));
    }
    await pause(1000);
    const receipts = await workers.receipts();
    const counted = new Map([...committed].filter(([id]) => posted.has(id)));
    return { fromPost: summarize(CLIENTS, posted, receipts, CLIENTS * EVENTS), fromCommit: summarize(CLIENTS, counted, receipts, CLIENTS * EVENTS), message };
  } finally {
    await listener.end().catch(() => undefined);
    await workers.close();
  }
}

// ---- The run

interface PostgresFigures {
  readonly delegations: number;
  readonly reads: ReadComparison | null;
  /** Concord first, then the bare loops. */
  readonly writers: readonly Measured[] | null;
  readonly fanOut: { readonly concord: FanOut; readonly bare: Awaited<ReturnType<typeof bareFanOut>> } | null;
}

async function withConcord<T>(database: BenchDatabase | null, work: (concord: ConcordProcess, workDir: string) => Promise<T>): Promise<T> {
  const workDir = await mkdtemp(join(tmpdir(), "concord-bench-"));
  try {
    const concord = await startConcord(database ? { DATA_DIR: workDir, DATABASE_URL: database.url } : { DATA_DIR: workDir });
    try {
      return await work(concord, workDir);
    } finally {
      await stop(concord.child);
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
    await database?.drop();
  }
}

const loadBefore = loadavg();

const onPglite = !PARTS.has("reads")
  ? null
  : await withConcord(null, async (concord, workDir) => {
      const room = await openRoom(concord.url);
      try {
        return await documentReads("pglite", room, workDir);
      } finally {
        room.close();
      }
    });

/** The parts that use the 400-provision room on PostgreSQL. */
const isRoomOnPostgres = ["reads", "proposals", "fan-out"].some((part) => PARTS.has(part));
const database = isRoomOnPostgres ? await createDatabase("concord_bench") : null;
const onPostgres: PostgresFigures | null = !database ? null : await withConcord(database, async (concord, workDir) => {
  const room = await openRoom(concord.url);
  try {
    const reads = PARTS.has("reads") ? await documentReads("postgresql", room, workDir) : null;
    const writers = PARTS.has("proposals") ? await proposalWriters(room, concord, database.url, workDir) : null;
    if (writers) console.error(`postgresql proposals per second: ${writers.map((w) => `${w.name} ${Math.round(w.result.perSecond)}`).join("; ")}`);
    let fanOut: PostgresFigures["fanOut"] = null;
    if (PARTS.has("fan-out")) {
      const follow: Follow = { stream: `${STREAMS.document}:${room.id}`, idPath: ["proposal"], subscribe: true };
      const concordFan = await concordFanOut(room, database.url, follow);
      const bareFan = await bareFanOut({ clients: CLIENTS, events: EVENTS, workers: WORKERS, databaseUrl: database.url, message: concordFan.message, follow: { ...follow, subscribe: false } });
      console.error(`postgresql fan-out to ${CLIENTS}: p99 ${concordFan.fromPost.p99} ms from the POST vs bare ${bareFan.fromSend.p99} ms`);
      fanOut = { concord: concordFan, bare: bareFan };
    }
    return { delegations: room.members.length, reads, writers, fanOut };
  } finally {
    room.close();
  }
});

const large: LargeFigures[] = [];
if (PARTS.has("large")) {
  const options = { ...LARGE, read: { ...READ, rounds: READ_ROUNDS } };
  if (LARGE_DATABASES.has("pglite")) large.push(await measureLargeDocument(null, options));
  if (LARGE_DATABASES.has("postgresql")) large.push(await measureLargeDocument(await createDatabase("concord_bench_large"), options));
}

// ---- The figures, as docs/performance.md shows them

const percent = (a: number, b: number) => `${Math.round((100 * a) / b)} %`;
const verdict = (isMet: boolean) => (isMet ? "met" : "NOT met");
const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;
const load = (values: number[]) => values.map((v) => v.toFixed(1)).join(" / ");

const room = isRoomOnPostgres ? `${PROVISIONS} provisions (ru, zh, en), ${PROPOSALS_IN_ROOM} proposals with positions; ` : "";
console.log(
  `\nbench:negotiation (${[...PARTS].join(", ")}) — ${room}${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}; load average (1 / 5 / 15 min) ${load(loadBefore)} before, ${load(loadavg())} after\n`,
);
if (onPglite && onPostgres?.reads) {
  console.log(`1. GET /api/v1/documents/{id}, signed in — ${READ.duration} s each after a 2 s warm-up, in ${READ_ROUNDS} alternating turns, ${READ.connections} connections, autocannon (p99: the median turn's)\n`);
  console.log("| database | answer | Concord req/s | bare req/s | Concord / bare | p99 ms Concord / bare | target ≥ 50 % |");
  console.log("|---|---|---|---|---|---|---|");
  for (const [name, r] of [["pglite", onPglite], ["postgresql", onPostgres.reads]] as const) {
    console.log(`| ${name} | ${kib(r.bytes)} | ${Math.round(r.concord)} | ${Math.round(r.bare)} | ${percent(r.concord, r.bare)} | ${r.concordP99} / ${r.bareP99} | ${verdict(r.concord >= 0.5 * r.bare)} |`);
  }
}

if (onPostgres?.writers) {
  const [proposals, ...bareWriters] = onPostgres.writers;
  const concordRate = proposals!.result.perSecond;
  console.log(
    `\n2. Proposals from ${onPostgres.delegations} member delegations at once, one connection each, PostgreSQL; each writer ${PROPOSING_SECONDS} s in all, in turns of 2 s taken one writer after another\n`,
  );
  console.log("| writer | proposals | per second | p50 ms | p99 ms | Concord / this | cores: Concord · bare HTTP server · PostgreSQL · harness · rest of the machine |");
  console.log("|---|---|---|---|---|---|---|");
  const cores = (cpu: CpuShare) => Object.values(cpu.cores).map((n) => n.toFixed(2)).join(" · ");
  for (const { name, result, cpu } of onPostgres.writers) {
    console.log(`| ${name} | ${result.count} | ${Math.round(result.perSecond)} | ${result.p50.toFixed(1)} | ${result.p99.toFixed(1)} | ${result === proposals!.result ? "" : percent(concordRate, result.perSecond)} | ${cores(cpu)} |`);
  }
  const concordCpu = proposals!.cpu.cores["Concord"]!;
  console.log(`\nConcord used ${((1000 * concordCpu) / concordRate).toFixed(1)} ms of CPU per proposal (${concordCpu.toFixed(2)} cores at ${Math.round(concordRate)} proposals/s).`);
  const bareHttp = onPostgres.writers.at(-1)!;
  const bareHttpCpu = bareHttp.cpu.cores["bare HTTP server"]!;
  console.log(`The bare HTTP server used ${((1000 * bareHttpCpu) / bareHttp.result.perSecond).toFixed(2)} ms of CPU per request (${bareHttpCpu.toFixed(2)} cores at ${Math.round(bareHttp.result.perSecond)} requests/s).`);
  const transactions = proposals!.result.transactions;
  if (transactions) {
    console.log(`It committed ${proposals!.result.count} proposals in ${transactions} transactions: ${(proposals!.result.count / transactions).toFixed(1)} proposals per transaction on average (transaction ids given out by the server during its turns).`);
  }
  const failures = [...proposals!.result.failures].map(([key, n]) => `${n} × ${key}`).join(", ") || "none";
  console.log(`Refused proposals: ${failures}. Targets: ≥ 25 % of the bare loop (${verdict(concordRate >= 0.25 * bareWriters[0]!.result.perSecond)}), ≥ 200/s (${verdict(concordRate >= 200)}).`);
  console.log(`\nConcord's database connections while proposing (mean over ${proposals!.activity!.samples} samples of pg_stat_activity; its pool holds 10):\n`);
  console.log("| state | connections |");
  console.log("|---|---|");
  for (const [state, mean] of proposals!.activity!.states) console.log(`| ${state} | ${mean.toFixed(2)} |`);
}

if (onPostgres?.fanOut) {
  const { concord: fanOut, bare: bareFan } = onPostgres.fanOut;
  const ms = (value: number) => value.toFixed(1);
  console.log(`\n3. One proposal reaching ${CLIENTS} clients following document:<id> (${EVENTS} proposals after ${WARM_UP} uncounted, clients in ${WORKERS} worker processes), PostgreSQL\n`);
  console.log("| clock starts at | Concord p50 ms | Concord p99 ms | bare ws p50 ms | bare ws p99 ms | p99 Concord / bare | receipts (Concord / bare) |");
  console.log("|---|---|---|---|---|---|---|");
  const fanLine = (name: string, c: Latency, b: Latency) =>
    console.log(`| ${name} | ${ms(c.p50)} | ${ms(c.p99)} | ${ms(b.p50)} | ${ms(b.p99)} | ${(c.p99 / b.p99).toFixed(2)} × | ${c.samples} of ${c.expected} / ${b.samples} of ${b.expected} |`);
  fanLine("the request (POST / pg_notify sent)", fanOut.fromPost, bareFan.fromSend);
  fanLine("the commit's NOTIFY delivered", fanOut.fromCommit, bareFan.fromDelivery);
  console.log(`\nMessage: ${Buffer.byteLength(fanOut.message)} bytes. Target: p99 from the request ≤ 1.5 × bare (${verdict(fanOut.fromPost.p99 <= 1.5 * bareFan.fromSend.p99)}).`);
}

if (large.length > 0) {
  const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const ms = (values: readonly number[]) => values.map((v) => Math.round(v)).join(" / ");
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  const counts = (map: ReadonlyMap<string, number>) => [...map].map(([key, n]) => `${key} ${n}`).join(", ");
  const [first] = large;
  console.log(
    `\n4. A large document: ${LARGE.provisions} provisions (ru, zh, en), ${LARGE.proposals} proposals from the heads of the member delegations (at most ${Math.ceil(LARGE.proposals / LARGE.provisions)} a provision, on spans that do not overlap), ${first!.setup.positions / LARGE.copies} positions; one revision handling them all; ${LARGE.copies} copies of the document on each database\n`,
  );
  console.log(`Handlings sent: ${counts(first!.handlings)}.\n`);
  console.log("| database | setup: proposals/s · positions/s · all copies | POST …/revisions ms (each copy) | median | CPU s per revision: Concord · PostgreSQL | answer | target < 2 s |");
  console.log("|---|---|---|---|---|---|---|");
  for (const f of large) {
    const cpu = `${median(f.revisionCpu.map((c) => c.concord)).toFixed(2)} · ${median(f.revisionCpu.map((c) => c.postgres)).toFixed(2)}`;
    console.log(
      `| ${f.database} | ${Math.round(f.setup.proposalsPerSecond)} · ${Math.round(f.setup.positionsPerSecond)} · ${Math.round(f.setup.seconds)} s | ${ms(f.revisions)} | ${Math.round(median(f.revisions))} | ${cpu} | ${mib(f.revisionBytes)} | ${verdict(median(f.revisions) < REVISION_TARGET_MS)} |`,
    );
  }
  for (const f of large) console.log(`\nOutcomes on ${f.database} (first copy): ${counts(f.outcomes)}; ${f.bracketedProvisions} of ${LARGE.provisions} provisions bracketed after it.`);
  console.log(`\nThe room's read of the document after the revision, GET /api/v1/documents/{id} signed in — as in 1 (${READ.duration} s each after a 2 s warm-up, ${READ_ROUNDS} alternating turns, ${READ.connections} connections)\n`);
  console.log("| database | answer | Concord req/s | bare req/s | Concord / bare | p99 ms Concord / bare | target ≥ 50 % |");
  console.log("|---|---|---|---|---|---|---|");
  for (const { database: name, reads: r } of large) {
    console.log(`| ${name} | ${kib(r.bytes)} | ${Math.round(r.concord)} | ${Math.round(r.bare)} | ${percent(r.concord, r.bare)} | ${r.concordP99} / ${r.bareP99} | ${verdict(r.concord >= 0.5 * r.bare)} |`);
  }
  console.log(`\nGET /api/v1/documents/{id}/diff?from=0&to=1, signed in (first: computed in the work pool; again: kept)\n`);
  console.log("| database | first ms (each copy) | median | again ms (each copy) | median | answer |");
  console.log("|---|---|---|---|---|---|");
  for (const { database: name, diffs } of large) {
    console.log(`| ${name} | ${ms(diffs.first)} | ${Math.round(median(diffs.first))} | ${ms(diffs.again)} | ${Math.round(median(diffs.again))} | ${mib(diffs.bytes)} |`);
  }
}
