// bench:live — a command commits on process B; N signed-in clients connected to process A (held by worker processes) receive it.
// Latency from commit to receipt, p50 and p99, at 1,000 and 5,000 clients, beside a bare `ws` broadcast of the same message
// measured by the same client workers; and the memory per connection with 10,000 clients held by one process.
//
// The commit instant is when PostgreSQL delivers the commit's NOTIFY: the harness LISTENs on the same channel as process A.
// The bare broadcaster hears its messages the same way (a NOTIFY the harness sends), and its clock starts the same way.
// Usage: npm run bench:live [-- --clients 1000,5000 --memory 10000 --events 20 --workers 4]
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { DEMO_ADMIN_EMAIL } from "../../src/server/identity/demo-accounts.js";
import { createDatabase } from "./databases.js";
import { bareFanOut, now, pause, spacingMs, summarize, WARM_UP, Workers, type Latency } from "./fan-out.js";
import type { Follow } from "./follow.js";
import { freePort, start, startConcord, stop, waitUntilHealthy } from "./processes.js";
import { BrowserSession, createSessions } from "./sessions.js";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "1000,5000" },
    memory: { type: "string", default: "10000" },
    events: { type: "string", default: "20" },
    workers: { type: "string", default: "4" },
  },
});
const CLIENT_COUNTS = values.clients!.split(",").map(Number);
const MEMORY_CLIENTS = Number(values.memory);
const EVENTS = Number(values.events);
const WORKERS = Number(values.workers);

function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? 0) * 1024;
}

/** What the clients follow: the users stream, each event told apart by the new account's email. */
const USERS: Omit<Follow, "subscribe"> = { stream: "users", idPath: ["user", "email"] };

// ---- Concord: two processes on one PostgreSQL database

interface Concord {
  readonly a: ChildProcess;
  readonly b: ChildProcess;
  readonly urlA: string;
  readonly urlB: string;
  readonly databaseUrl: string;
  dispose(): Promise<void>;
}

async function startTwoConcords(): Promise<Concord> {
  const database = await createDatabase("concord_bench_live");
  const env = { DATABASE_URL: database.url };
  // B first, so that A does not race it for the first start's dataset load (both would be fine; this keeps A's memory reading clean).
  const b = await startConcord(env);
  const a = await startConcord(env);
  return {
    a: a.child,
    b: b.child,
    urlA: a.url,
    urlB: b.url,
    databaseUrl: database.url,
    async dispose() {
      await Promise.all([stop(a.child), stop(b.child)]);
      await database.drop();
    },
  };
}

async function concordLatency(concord: Concord, clients: number): Promise<{ latency: Latency; message: string }> {
  const cookies = await createSessions(concord.databaseUrl, [DEMO_ADMIN_EMAIL], clients);
  const workers = await Workers.start(WORKERS);
  const listener = new pg.Client({ connectionString: concord.databaseUrl });
  const admin = await BrowserSession.signIn(concord.urlB, DEMO_ADMIN_EMAIL);
  const starts = new Map<string, number>();
  try {
    await workers.connect(`${concord.urlA.replace("http", "ws")}/api/live`, concord.urlA, cookies, { ...USERS, subscribe: true });
    await listener.connect();
    listener.on("notification", (n) => {
      const at = now();
      const parsed = JSON.parse(n.payload ?? "{}") as { events?: { stream: string; payload: { user?: { email: string } } }[] };
      for (const event of parsed.events ?? []) if (event.stream === "users" && event.payload.user) starts.set(event.payload.user.email, at);
    });
    await listener.query("listen concord_events");
    const run = `${Date.now()}`;
    // The first WARM_UP events are not counted, for Concord as for the bare server (both processes start cold).
    for (let i = -WARM_UP; i < EVENTS; i += 1) {
      const { status } = await admin.post("/api/v1/users", { email: `${i < 0 ? "warm" : "bench"}-${run}-${clients}-${i}@concord.test`, displayName: `Bench ${i}`, role: "secretariat_officer" });
      if (status !== 201) throw new Error(`user creation answered ${status}`);
      // Let the fan-out finish before the next event, so each is measured on its own.
      await pause(spacingMs(clients));
    }
    await pause(1000);
    const receipts = await workers.receipts();
    const message = JSON.stringify({ type: "event", event: { stream: "users", seq: 1, type: "user.created", at: new Date().toISOString(), payload: { user: { id: "00000000-0000-0000-0000-000000000000", email: `bench-${run}-${clients}-0@concord.test`, displayName: "Bench 0", role: "secretariat_officer", delegation: null, isActive: true, hasPassword: false, hasSingleSignOn: false, createdAt: new Date().toISOString(), version: 1 } } } });
    return { latency: summarize(clients, starts, receipts, clients * EVENTS), message };
  } finally {
    admin.close();
    await listener.end().catch(() => undefined);
    await workers.close();
  }
}

async function concordMemory(concord: Concord, clients: number): Promise<{ before: number; after: number }> {
  const cookies = await createSessions(concord.databaseUrl, [DEMO_ADMIN_EMAIL], clients);
  const pid = concord.a.pid!;
  const before = rssBytes(pid);
  const workers = await Workers.start(WORKERS);
  try {
    await workers.connect(`${concord.urlA.replace("http", "ws")}/api/live`, concord.urlA, cookies, { ...USERS, subscribe: true });
    await pause(2000);
    return { before, after: rssBytes(pid) };
  } finally {
    await workers.close();
  }
}

async function bareMemory(clients: number, databaseUrl: string): Promise<{ before: number; after: number }> {
  const port = await freePort();
  const server = start(["--import", "tsx", "scripts/bench/bare-broadcast.ts", String(port), databaseUrl], {});
  const url = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(url, server, "/health");
  const before = rssBytes(server.pid!);
  const workers = await Workers.start(WORKERS);
  try {
    await workers.connect(`ws://127.0.0.1:${port}/api/live`, url, Array.from({ length: clients }, () => ""), { ...USERS, subscribe: false });
    await pause(2000);
    return { before, after: rssBytes(server.pid!) };
  } finally {
    await workers.close();
    await stop(server);
  }
}

const ms = (value: number) => value.toFixed(1);
const rows: string[] = [];
for (const clients of CLIENT_COUNTS) {
  const concord = await startTwoConcords();
  try {
    const { latency, message } = await concordLatency(concord, clients);
    const bare = (await bareFanOut({ clients, events: EVENTS, workers: WORKERS, databaseUrl: concord.databaseUrl, message, follow: { ...USERS, subscribe: false } })).fromDelivery;
    console.error(`${clients} clients: Concord p50 ${ms(latency.p50)} p99 ${ms(latency.p99)} ms (${latency.samples}/${latency.expected}); bare p50 ${ms(bare.p50)} p99 ${ms(bare.p99)} ms`);
    rows.push(
      `| ${clients} | ${ms(latency.p50)} | ${ms(latency.p99)} | ${ms(bare.p50)} | ${ms(bare.p99)} | ${(latency.p99 / bare.p99).toFixed(2)} × | ${latency.samples} of ${latency.expected} / ${bare.samples} of ${bare.expected} |`,
    );
  } finally {
    await concord.dispose();
  }
}

let memoryLine = "";
if (MEMORY_CLIENTS > 0) {
  const concord = await startTwoConcords();
  try {
    const held = await concordMemory(concord, MEMORY_CLIENTS);
    const bare = await bareMemory(MEMORY_CLIENTS, concord.databaseUrl);
    const per = (m: { before: number; after: number }) => (m.after - m.before) / MEMORY_CLIENTS / 1024;
    memoryLine = `| ${MEMORY_CLIENTS} | ${Math.round(held.before / 2 ** 20)} → ${Math.round(held.after / 2 ** 20)} MiB | ${per(held).toFixed(1)} KiB | ${Math.round(bare.before / 2 ** 20)} → ${Math.round(bare.after / 2 ** 20)} MiB | ${per(bare).toFixed(1)} KiB |`;
  } finally {
    await concord.dispose();
  }
}

console.log(`\nbench:live — ${EVENTS} events per run, clients in ${WORKERS} worker processes; ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}\n`);
console.log("| clients | Concord p50 ms | Concord p99 ms | bare ws p50 ms | bare ws p99 ms | p99 Concord / bare | receipts (Concord / bare) |");
console.log("|---|---|---|---|---|---|---|");
for (const row of rows) console.log(row);
if (memoryLine) {
  console.log("\n| live clients held by one process | Concord RSS | per connection | bare ws RSS | per connection |");
  console.log("|---|---|---|---|---|");
  console.log(memoryLine);
}
