// Helpers the benchmarks share: free ports, starting and stopping a process, waiting for a server to answer.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SERVER_NODE_OPTIONS } from "../../src/server/node-options.js";

/** The channel on which the live benchmarks hand messages to the bare broadcaster. */
export const BARE_CHANNEL = "bench_bare";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function waitUntilHealthy(baseUrl: string, child: ChildProcess, path = "/api/health"): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${baseUrl}: the process exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}${path}`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${baseUrl} did not answer within 90 s`);
}

/** `node …args` from the repository, its errors passed through. */
export function start(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  return child;
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

export interface ConcordProcess {
  readonly child: ChildProcess;
  readonly url: string;
}

/** `concord start` as `npm start` runs it (the build in dist/) on a free port of 127.0.0.1, once it answers; `env` chooses its database. */
export async function startConcord(env: Record<string, string>): Promise<ConcordProcess> {
  const port = await freePort();
  // BENCH_CONCORD_NODE_ARGS passes Node options to Concord alone (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
  const nodeArgs = (process.env.BENCH_CONCORD_NODE_ARGS ?? "").split(" ").filter((arg) => arg !== "");
  const child = start([...SERVER_NODE_OPTIONS, ...nodeArgs, "bin/concord.js", "start"], { LOG_LEVEL: "warn", ...env, PORT: String(port), HOST: "127.0.0.1" });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilHealthy(url, child);
  } catch (error) {
    await stop(child);
    throw error;
  }
  return { child, url };
}
