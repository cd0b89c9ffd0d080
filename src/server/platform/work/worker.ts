// The code every work-pool thread runs: load the task's module (once per thread), call its export, hand the result back
// (bytes moved rather than copied, so a large PDF costs the main thread nothing to receive).
import { execFileSync } from "node:child_process";
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { Piscina } from "piscina";
import { workerData } from "node:worker_threads";
import { WORKER_NICENESS, type WorkerJob } from "./task.js";

const modules = new Map<string, Promise<Record<string, unknown>>>();

/**
 * Linux: this thread yields the cores to every other. Its niceness is lowered first ("the calling process", pid 0, is the
 * calling thread alone on Linux), then its policy becomes SCHED_IDLE through util-linux's `chrt` (Node has no call for
 * it): an idle-policy thread runs only on a core nobody else wants and is preempted at once when the request thread
 * wakes, where a niced one still takes its share of a busy machine and holds a core for a whole time slice. Without
 * `chrt`, the niceness stays. Elsewhere nothing is changed (the call would lower the whole process).
 */
function yieldTheCores(): void {
  if (process.platform !== "linux") return;
  setPriority(0, WORKER_NICENESS);
  try {
    const thread = readlinkSync("/proc/thread-self").split("/").at(-1)!;
    execFileSync("chrt", ["--idle", "--pid", "0", thread], { stdio: "ignore", timeout: 5_000 });
  } catch {
    // No `chrt` (or no /proc): niced only.
  }
}
yieldTheCores();

/** Set only by tests: while its first cell is 1, a job waits before it starts (so a test can hold one running). */
const gate = (workerData as { gate?: Int32Array } | undefined)?.gate;

function moved(result: unknown): unknown {
  if (!(result instanceof Uint8Array)) return result;
  // A Buffer may be a slice of Node's shared pool: moving that would detach the pool, so such bytes are copied first.
  const own = result.byteOffset === 0 && result.byteLength === result.buffer.byteLength ? result : new Uint8Array(result);
  return Piscina.move(own as Uint8Array<ArrayBuffer>);
}

export default async function runJob(job: WorkerJob): Promise<unknown> {
  if (gate) while (Atomics.load(gate, 0) === 1) Atomics.wait(gate, 0, 1, 50);
  let loading = modules.get(job.module);
  if (!loading) {
    loading = import(job.module) as Promise<Record<string, unknown>>;
    modules.set(job.module, loading);
  }
  const task = (await loading)[job.exportName];
  if (typeof task !== "function") throw new Error(`${job.module} has no function ${job.exportName}`);
  return moved(await (task as (input: unknown) => unknown)(job.input));
}
