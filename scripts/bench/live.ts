// bench:live — a command commits on process B; N signed-in clients connected to process A (held by worker processes) receive it.
// Latency from commit to receipt, p50 and p99, at 1,000 and 5,000 clients, beside a bare `ws` broadcast of the same message
// measured by the same client workers; and the memory per connection with 10,000 clients held by one process.
//
// The commit instant is when PostgreSQL delivers the commit's NOTIFY: the harness LISTENs on the same channel as process A.
// The bare broadcaster hears its messages the same way (a NOTIFY the harness sends), and its clock starts the same way.
// Usage: npm run bench:live [-- --clients 1000,5000 --memory 10000 --events 20 --workers 4]
import { fork, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { BARE_CHANNEL, REPO_ROOT, freePort, start, stop, waitUntilHealthy } from "./processes.js";

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
const WARM_UP = 3;
const ADMIN_URL = process.env.DATABASE_URL || "postgres://root@127.0.0.1:5432/test";
// The wall clock, shared by every process on the machine (each process's performance.timeOrigin may be off by a few ms).
const now = () => Date.now();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? 0) * 1024;
}

// ---- Client workers

class Workers {
  private constructor(private readonly children: ChildProcess[]) {}

  static async start(count: number): Promise<Workers> {
    const children = await Promise.all(
      Array.from({ length: count }, async () => {
        const child = fork(join(REPO_ROOT, "scripts/bench/live-clients.ts"), [], { execArgv: ["--import", "tsx"], cwd: REPO_ROOT, stdio: ["ignore", "inherit", "inherit", "ipc"] });
        await new Promise((resolve) => child.once("message", resolve));
        return child;
      }),
    );
    return new Workers(children);
  }

  private ask<T>(child: ChildProcess, message: unknown): Promise<T> {
    return new Promise((resolve) => {
      child.once("message", (reply) => resolve(reply as T));
      child.send(message as never);
    });
  }

  async connect(url: string, origin: string, cookies: readonly string[], subscribe: boolean): Promise<number> {
    const share = Math.ceil(cookies.length / this.children.length);
    const replies = await Promise.all(
      this.children.map((child, i) => this.ask<{ connected: number; failed: number }>(child, { cmd: "connect", url, origin, cookies: cookies.slice(i * share, (i + 1) * share), subscribe })),
    );
    const failed = replies.reduce((sum, r) => sum + r.failed, 0);
    if (failed > 0) throw new Error(`${failed} clients could not connect`);
    return replies.reduce((sum, r) => sum + r.connected, 0);
  }

  async receipts(): Promise<[string, number][]> {
    const replies = await Promise.all(this.children.map((child) => this.ask<{ receipts: [string, number][] }>(child, { cmd: "flush" })));
    return replies.flatMap((r) => r.receipts);
  }

  async close(): Promise<void> {
    await Promise.all(this.children.map((child) => this.ask(child, { cmd: "close" })));
  }
}

interface Latency {
  readonly clients: number;
  readonly samples: number;
  readonly expected: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

function summarize(clients: number, starts: Map<string, number>, receipts: [string, number][], expected: number): Latency {
  const latencies = receipts.flatMap(([id, at]) => (starts.has(id) && !id.startsWith("warm-") ? [at - starts.get(id)!] : [])).sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { clients, samples: latencies.length, expected, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? NaN };
}

// ---- Concord: two processes on one PostgreSQL database

interface Concord {
  readonly a: ChildProcess;
  readonly b: ChildProcess;
  readonly urlA: string;
  readonly urlB: string;
  readonly databaseUrl: string;
  dispose(): Promise<void>;
}

async function startConcord(): Promise<Concord> {
  const name = `concord_bench_live_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const [portA, portB] = [await freePort(), await freePort()];
  const env = { DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", HOST: "127.0.0.1" };
  // B first, so that A does not race it for the first start's dataset load (both would be fine; this keeps A's memory reading clean).
  const b = start(["bin/concord.js", "start"], { ...env, PORT: String(portB) });
  await waitUntilHealthy(`http://127.0.0.1:${portB}`, b);
  const a = start(["bin/concord.js", "start"], { ...env, PORT: String(portA) });
  await waitUntilHealthy(`http://127.0.0.1:${portA}`, a);
  return {
    a,
    b,
    urlA: `http://127.0.0.1:${portA}`,
    urlB: `http://127.0.0.1:${portB}`,
    databaseUrl,
    async dispose() {
      await Promise.all([stop(a), stop(b)]);
      const cleanup = new pg.Client({ connectionString: ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * One session per client, written straight into the sessions table (signing in thousands of times would measure argon2id,
 * and a session may hold only 8 live connections). Each token is random; the table keeps its SHA-256, as sign-in does.
 */
async function createSessions(databaseUrl: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ id: string }>("select id from users where email = 'admin@concord.test'");
  const userId = rows[0]!.id;
  const tokens = Array.from({ length: count }, () => randomBytes(32).toString("base64url"));
  for (let i = 0; i < tokens.length; i += 1000) {
    const batch = tokens.slice(i, i + 1000);
    const params: unknown[] = [];
    const valuesSql = batch.map((token, j) => {
      params.push(createHash("sha256").update(token).digest("hex"));
      return `($${j + 1}, '${userId}', now(), now(), now() + interval '12 hours', '127.0.0.1')`;
    });
    await client.query(`insert into sessions (token_hash, user_id, created_at, last_seen_at, expires_at, address) values ${valuesSql.join(", ")}`, params);
  }
  await client.end();
  return tokens.map((token) => `concord_session=${token}`);
}

async function adminOn(baseUrl: string): Promise<(path: string, body: unknown) => Promise<number>> {
  let cookies = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [k, ...v] = pair!.split("=");
      cookies.set(k!, v.join("="));
    }
  };
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = async () => {
    const response = await fetch(`${baseUrl}/api/v1/session`, { headers: { cookie: header() } });
    remember(response);
    return ((await response.json()) as { csrfToken: string }).csrfToken;
  };
  const post = async (path: string, body: unknown) => {
    const token = await csrf();
    const response = await fetch(`${baseUrl}${path}`, { method: "POST", headers: { cookie: header(), "x-csrf-token": token, "content-type": "application/json" }, body: JSON.stringify(body) });
    remember(response);
    await response.arrayBuffer();
    return response.status;
  };
  cookies = new Map();
  if ((await post("/api/v1/session", { email: "admin@concord.test", password: "concord-demo" })) !== 200) throw new Error("admin sign-in failed");
  return post;
}

async function concordLatency(concord: Concord, clients: number): Promise<{ latency: Latency; message: string }> {
  const cookies = await createSessions(concord.databaseUrl, clients);
  const workers = await Workers.start(WORKERS);
  const listener = new pg.Client({ connectionString: concord.databaseUrl });
  const starts = new Map<string, number>();
  let sample = "";
  try {
    await workers.connect(`${concord.urlA.replace("http", "ws")}/api/live`, concord.urlA, cookies, true);
    await listener.connect();
    listener.on("notification", (n) => {
      const at = now();
      const parsed = JSON.parse(n.payload ?? "{}") as { events?: { stream: string; payload: { user?: { email: string } } }[] };
      for (const event of parsed.events ?? []) if (event.stream === "users" && event.payload.user) starts.set(event.payload.user.email, at);
    });
    await listener.query("listen concord_events");
    const post = await adminOn(concord.urlB);
    const run = `${Date.now()}`;
    // The first WARM_UP events are not counted, for Concord as for the bare server (both processes start cold).
    for (let i = -WARM_UP; i < EVENTS; i += 1) {
      const status = await post("/api/v1/users", { email: `${i < 0 ? "warm" : "bench"}-${run}-${clients}-${i}@concord.test`, displayName: `Bench ${i}`, role: "secretariat_officer" });
      if (status !== 201) throw new Error(`user creation answered ${status}`);
      // Let the fan-out finish before the next event, so each is measured on its own.
      await pause(Math.max(200, clients / 10));
    }
    await pause(1000);
    const receipts = await workers.receipts();
    sample = JSON.stringify({ type: "event", event: { stream: "users", seq: 1, type: "user.created", at: new Date().toISOString(), payload: { user: { id: "00000000-0000-0000-0000-000000000000", email: `bench-${run}-${clients}-0@concord.test`, displayName: "Bench 0", role: "secretariat_officer", delegation: null, isActive: true, hasPassword: false, hasSingleSignOn: false, createdAt: new Date().toISOString(), version: 1 } } } });
    return { latency: summarize(clients, starts, receipts, clients * EVENTS), message: sample };
  } finally {
    await listener.end().catch(() => undefined);
    await workers.close();
  }
}

async function bareLatency(clients: number, message: string): Promise<Latency> {
  const port = await freePort();
  const server = start(["--import", "tsx", "scripts/bench/bare-broadcast.ts", String(port), ADMIN_URL], {});
  const url = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(url, server, "/health");
  const workers = await Workers.start(WORKERS);
  const listener = new pg.Client({ connectionString: ADMIN_URL });
  const sender = new pg.Client({ connectionString: ADMIN_URL });
  const starts = new Map<string, number>();
  try {
    await workers.connect(`ws://127.0.0.1:${port}/api/live`, url, Array.from({ length: clients }, () => ""), false);
    // The clock starts as for Concord: when PostgreSQL delivers the notification (to the harness, as to the broadcaster).
    await listener.connect();
    listener.on("notification", (n) => {
      const id = /"email":"([^"]*)"/.exec(n.payload ?? "")?.[1];
      if (id) starts.set(id, now());
    });
    await listener.query(`listen ${BARE_CHANNEL}`);
    await sender.connect();
    for (let i = -WARM_UP; i < EVENTS; i += 1) {
      // The same message, the same size: only the identifying email differs.
      const body = message.replace(/"email":"[^"]*"/, `"email":"${i < 0 ? "warm" : "bare"}-${clients}-${i}"`);
      await sender.query("select pg_notify($1, $2)", [BARE_CHANNEL, body]);
      await pause(Math.max(200, clients / 10));
    }
    await pause(1000);
    return summarize(clients, starts, await workers.receipts(), clients * EVENTS);
  } finally {
    await listener.end().catch(() => undefined);
    await sender.end().catch(() => undefined);
    await workers.close();
    await stop(server);
  }
}

async function concordMemory(concord: Concord, clients: number): Promise<{ before: number; after: number }> {
  const cookies = await createSessions(concord.databaseUrl, clients);
  const pid = concord.a.pid!;
  const before = rssBytes(pid);
  const workers = await Workers.start(WORKERS);
  try {
    await workers.connect(`${concord.urlA.replace("http", "ws")}/api/live`, concord.urlA, cookies, true);
    await pause(2000);
    return { before, after: rssBytes(pid) };
  } finally {
    await workers.close();
  }
}

async function bareMemory(clients: number): Promise<{ before: number; after: number }> {
  const port = await freePort();
  const server = start(["--import", "tsx", "scripts/bench/bare-broadcast.ts", String(port), ADMIN_URL], {});
  const url = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(url, server, "/health");
  const before = rssBytes(server.pid!);
  const workers = await Workers.start(WORKERS);
  try {
    await workers.connect(`ws://127.0.0.1:${port}/api/live`, url, Array.from({ length: clients }, () => ""), false);
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
  const concord = await startConcord();
  try {
    const { latency, message } = await concordLatency(concord, clients);
    const bare = await bareLatency(clients, message);
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
  const concord = await startConcord();
  try {
    const held = await concordMemory(concord, MEMORY_CLIENTS);
    const bare = await bareMemory(MEMORY_CLIENTS);
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
