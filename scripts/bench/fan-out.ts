// Fan-out measurements the live benchmarks share: worker processes holding many WebSocket clients, latency summaries,
// and the yardstick — a bare `ws` broadcast of a message of the same size, timed by the same workers.
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import pg from "pg";
import { eventIdOf, valueAt, type Follow } from "./follow.js";
import { BARE_CHANNEL, REPO_ROOT, freePort, start, stop, waitUntilHealthy } from "./processes.js";

// The wall clock, shared by every process on the machine (each process's performance.timeOrigin may be off by a few ms).
export const now = (): number => Date.now();
export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Events sent before the measured ones and not counted (servers and clients start cold). */
export const WARM_UP = 3;

/** Time left between two events, so that each fan-out finishes before the next is sent. */
export const spacingMs = (clients: number): number => Math.max(200, clients / 10);

/** The client worker processes (live-clients.ts), each holding a share of the clients. */
export class Workers {
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

  /** Connects one client per Cookie header (empty strings for a server without sessions). */
  async connect(url: string, origin: string, cookies: readonly string[], follow: Follow): Promise<number> {
    const share = Math.ceil(cookies.length / this.children.length);
    const replies = await Promise.all(
      this.children.map((child, i) => this.ask<{ connected: number; failed: number }>(child, { cmd: "connect", url, origin, cookies: cookies.slice(i * share, (i + 1) * share), follow })),
    );
    const failed = replies.reduce((sum, r) => sum + r.failed, 0);
    if (failed > 0) throw new Error(`${failed} clients could not connect`);
    return replies.reduce((sum, r) => sum + r.connected, 0);
  }

  /** Every (event id, received at) recorded since the last call. */
  async receipts(): Promise<[string, number][]> {
    const replies = await Promise.all(this.children.map((child) => this.ask<{ receipts: [string, number][] }>(child, { cmd: "flush" })));
    return replies.flatMap((r) => r.receipts);
  }

  async close(): Promise<void> {
    await Promise.all(this.children.map((child) => this.ask(child, { cmd: "close" })));
  }
}

export interface Latency {
  readonly clients: number;
  readonly samples: number;
  readonly expected: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** Latencies of the receipts whose event has a start time (warm-up events have none, or an id starting `warm-`). */
export function summarize(clients: number, starts: ReadonlyMap<string, number>, receipts: readonly [string, number][], expected: number): Latency {
  const latencies = receipts.flatMap(([id, at]) => (starts.has(id) && !id.startsWith("warm-") ? [at - starts.get(id)!] : [])).sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { clients, samples: latencies.length, expected, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? NaN };
}

/** An event message (`{type: "event", event: {…, payload}}`) with the identifier at `idPath` in its payload replaced, its size kept where the id allows. */
export function withId(message: string, idPath: readonly string[], id: string): string {
  const parsed = JSON.parse(message) as { event: { payload: Record<string, unknown> } };
  const parent = valueAt(parsed.event.payload, idPath.slice(0, -1)) as Record<string, unknown>;
  const key = idPath.at(-1)!;
  parent[key] = id.padEnd(String(parent[key]).length, "x");
  return JSON.stringify(parsed);
}

export interface BareFanOut {
  /** From the moment the harness sends the message to PostgreSQL (as a client sends its request). */
  readonly fromSend: Latency;
  /** From the moment PostgreSQL delivers the notification (to the harness, as to the broadcaster). */
  readonly fromDelivery: Latency;
}

/**
 * The yardstick: `clients` clients of a bare `ws` broadcaster (bare-broadcast.ts), which sends each message it hears on
 * a PostgreSQL channel to all of them. The harness sends `events` copies of `message`, each with its own id at
 * `follow.idPath`, after WARM_UP uncounted ones, spaced as Concord's events are.
 */
export async function bareFanOut(options: { clients: number; events: number; workers: number; databaseUrl: string; message: string; follow: Follow }): Promise<BareFanOut> {
  const { clients, events, follow } = options;
  const port = await freePort();
  const server = start(["--import", "tsx", "scripts/bench/bare-broadcast.ts", String(port), options.databaseUrl], {});
  const url = `http://127.0.0.1:${port}`;
  const listener = new pg.Client({ connectionString: options.databaseUrl });
  const sender = new pg.Client({ connectionString: options.databaseUrl });
  let workers: Workers | null = null;
  const sent = new Map<string, number>();
  const delivered = new Map<string, number>();
  try {
    await waitUntilHealthy(url, server, "/health");
    workers = await Workers.start(options.workers);
    await workers.connect(`ws://127.0.0.1:${port}/api/live`, url, Array.from({ length: clients }, () => ""), { ...follow, subscribe: false });
    await listener.connect();
    listener.on("notification", (notification) => {
      const at = now();
      const id = eventIdOf(notification.payload ?? "{}", follow);
      if (id !== null) delivered.set(id, at);
    });
    await listener.query(`listen ${BARE_CHANNEL}`);
    await sender.connect();
    for (let i = -WARM_UP; i < events; i += 1) {
      const body = withId(options.message, follow.idPath, `${i < 0 ? "warm" : "bare"}-${clients}-${i}-`);
      sent.set(eventIdOf(body, follow)!, now());
      await sender.query("select pg_notify($1, $2)", [BARE_CHANNEL, body]);
      await pause(spacingMs(clients));
    }
    await pause(1000);
    const receipts = await workers.receipts();
    return { fromSend: summarize(clients, sent, receipts, clients * events), fromDelivery: summarize(clients, delivered, receipts, clients * events) };
  } finally {
    await listener.end().catch(() => undefined);
    await sender.end().catch(() => undefined);
    await workers?.close();
    await stop(server);
  }
}
