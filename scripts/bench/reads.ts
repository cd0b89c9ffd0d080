// Read throughput, the way the benchmarks measure it: autocannon against a Concord route, then against a bare Fastify
// server (bare-server.ts, its own process) answering the same bytes at the same path, in the same run.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import autocannon from "autocannon";
import { freePort, start, stop, waitUntilHealthy } from "./processes.js";

export interface LoadOptions {
  readonly connections: number;
  /** Seconds measured, after a 2 s warm-up. */
  readonly duration: number;
  /**
   * Into how many alternating turns (Concord, bare, Concord, bare…) the seconds are cut, so that other load on the
   * machine, which comes and goes, weighs on both sides alike (1: one run each).
   */
  readonly rounds?: number;
}

export interface ReadRoute {
  /** How the route is named in the results, e.g. "GET /api/v1/states". */
  readonly route: string;
  readonly path: string;
  /** Sent to Concord (the session's cookies); the bare server gets none. */
  readonly headers: Record<string, string>;
}

export interface ReadComparison {
  readonly route: string;
  readonly concord: number;
  readonly bare: number;
  readonly concordP99: number;
  readonly bareP99: number;
  /** The size of the answer, in bytes. */
  readonly bytes: number;
}

interface Load {
  readonly requests: number;
  readonly seconds: number;
  readonly p99: number;
}

/** One autocannon run; any error or non-2xx answer fails the benchmark. */
async function run(url: string, headers: Record<string, string>, connections: number, seconds: number): Promise<Load> {
  const result = await autocannon({ url, connections, duration: seconds, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { requests: result.requests.total, seconds: result.duration, p99: result.latency.p99 };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Requests per second and p99 latency (ms) of Concord's URL and the bare one, warmed up 2 s each, then measured in
 * alternating turns; with several turns, the p99 is the median of theirs.
 */
export async function loadBoth(concord: { url: string; headers: Record<string, string> }, bare: { url: string }, options: LoadOptions): Promise<{ concord: { rps: number; p99: number }; bare: { rps: number; p99: number } }> {
  const rounds = options.rounds ?? 1;
  const sides = [concord, { url: bare.url, headers: {} }];
  for (const side of sides) await run(side.url, side.headers, options.connections, 2);
  const turns: Load[][] = [[], []];
  for (let round = 0; round < rounds; round += 1) {
    for (const [i, side] of sides.entries()) turns[i]!.push(await run(side.url, side.headers, options.connections, options.duration / rounds));
  }
  const summary = (loads: Load[]) => ({ rps: loads.reduce((n, l) => n + l.requests, 0) / loads.reduce((n, l) => n + l.seconds, 0), p99: median(loads.map((l) => l.p99)) });
  return { concord: summary(turns[0]!), bare: summary(turns[1]!) };
}

/** Each route on Concord, then the same bytes from the bare server; `workDir` holds the bodies file. */
export async function compareReads(concordUrl: string, routes: readonly ReadRoute[], options: LoadOptions & { workDir: string; label: string }): Promise<ReadComparison[]> {
  const bodies: Record<string, string> = {};
  for (const { path, headers } of routes) {
    const response = await fetch(`${concordUrl}${path}`, { headers });
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    bodies[path] = await response.text();
  }
  const bodiesFile = join(options.workDir, "bodies.json");
  await writeFile(bodiesFile, JSON.stringify(bodies));
  const barePort = await freePort();
  const bare = start(["--import", "tsx", "scripts/bench/bare-server.ts", String(barePort), bodiesFile], {});
  const bareUrl = `http://127.0.0.1:${barePort}`;
  const rows: ReadComparison[] = [];
  try {
    await waitUntilHealthy(bareUrl, bare, routes[0]!.path);
    for (const { route, path, headers } of routes) {
      const { concord: measured, bare: baseline } = await loadBoth({ url: `${concordUrl}${path}`, headers }, { url: `${bareUrl}${path}` }, options);
      rows.push({ route, concord: measured.rps, bare: baseline.rps, concordP99: measured.p99, bareP99: baseline.p99, bytes: Buffer.byteLength(bodies[path]!) });
      console.error(`${options.label} ${route}: ${Math.round(measured.rps)} req/s vs bare ${Math.round(baseline.rps)} req/s`);
    }
  } finally {
    await stop(bare);
  }
  return rows;
}
