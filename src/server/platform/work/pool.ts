// The work pool: costly work (parsing and rendering spreadsheets and PDFs, diffs, duplicate checks) runs in worker
// threads, never on the thread that answers every other request. Each job has a time budget (stopped when over it) and
// each thread a memory budget (a thread over it is ended and replaced); jobs are bounded per caller and per process, and
// a caller over a bound is told when to come back (429 or 503 with Retry-After) instead of waiting in a queue that grows.
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { ProblemError } from "../http/problem.js";
import type { Task, WorkerJob } from "./task.js";

export interface WorkLimits {
  /** Worker threads (jobs that run at once). */
  readonly threads: number;
  /** Jobs that may wait for a thread, in this process; beyond it: 503. */
  readonly queue: number;
  /** Jobs one caller (a user, or an address when signed out) may have running or waiting; beyond it: 429. */
  readonly perCaller: number;
  /** A job's time budget (ms), unless its task declares its own. */
  readonly timeoutMs: number;
  /** A thread's heap budget (MiB); a job that needs more ends its thread and is refused. */
  readonly memoryMb: number;
}

export const DEFAULT_WORK_LIMITS: WorkLimits = {
  // One core stays for the event loop; on a two-core machine, one job runs at a time beside it.
  threads: Math.max(1, Math.min(4, availableParallelism() - 1)),
  queue: 16,
  perCaller: 2,
  timeoutMs: 20_000,
  memoryMb: 256,
};

export interface WorkPoolOptions {
  readonly limits?: Partial<WorkLimits>;
  /** Tests only: while its first cell is 1, every job waits in its thread before starting. */
  readonly gate?: Int32Array;
}

/** What a pool is doing, for tests, logs and the health of the process. */
export interface WorkStats {
  readonly running: number;
  readonly waiting: number;
  readonly completed: number;
  readonly refused: number;
  readonly overBudget: number;
}

const isSourceRun = import.meta.url.endsWith(".ts");

/** When running from source, a task's `./x.js` address names `./x.ts`. */
function moduleAddress(module: string): string {
  return isSourceRun && module.endsWith(".js") ? `${module.slice(0, -3)}.ts` : module;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : undefined;
}

export class WorkPool {
  readonly limits: WorkLimits;
  private readonly piscina: Piscina;
  private readonly perCaller = new Map<string, number>();
  private inFlight = 0;
  private completed = 0;
  private refused = 0;
  private overBudget = 0;
  /** The mean duration of recent jobs (ms), for Retry-After. */
  private meanMs = 1_000;

  constructor(options: WorkPoolOptions = {}) {
    this.limits = { ...DEFAULT_WORK_LIMITS, ...options.limits };
    const entry = isSourceRun ? new URL("./worker-source.mjs", import.meta.url) : new URL("./worker.js", import.meta.url);
    this.piscina = new Piscina({
      filename: entry.href,
      minThreads: 0,
      maxThreads: this.limits.threads,
      // The pool's own bound is a backstop; `run` refuses before reaching it.
      maxQueue: this.limits.queue + this.limits.threads,
      concurrentTasksPerWorker: 1,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, this.limits.memoryMb / 8)) },
      ...(options.gate ? { workerData: { gate: options.gate } } : {}),
    });
  }

  stats(): WorkStats {
    const running = Math.min(this.inFlight, this.limits.threads);
    return { running, waiting: this.inFlight - running, completed: this.completed, refused: this.refused, overBudget: this.overBudget };
  }

  /** Seconds until a caller refused now may reasonably try again. */
  private retryAfter(jobsAhead: number): number {
    return Math.max(1, Math.min(60, Math.ceil((jobsAhead * this.meanMs) / this.limits.threads / 1000)));
  }

  /**
   * Runs `task` in a worker thread for `caller` (a user id, or "address:<ip>"). Refused at once with 429 when the caller
   * has `perCaller` jobs already, 503 when the process has a full queue; 503 when the job runs out of time, 422 when it
   * runs out of memory. Aborting `signal` (the client went away) stops the job.
   */
  async run<Input, Output>(task: Task<Input, Output>, input: Input, options: { readonly caller: string; readonly signal?: AbortSignal }): Promise<Output> {
    const mine = this.perCaller.get(options.caller) ?? 0;
    if (mine >= this.limits.perCaller) {
      this.refused++;
      throw new ProblemError(
        429,
        "too-many-jobs",
        "Too many costly requests at once",
        `You already have ${mine} costly request${mine === 1 ? "" : "s"} in progress (at most ${this.limits.perCaller}); try again when ${mine === 1 ? "it has" : "they have"} finished.`,
        { retryAfterSeconds: this.retryAfter(mine) },
      );
    }
    if (this.inFlight >= this.limits.threads + this.limits.queue) {
      this.refused++;
      throw new ProblemError(503, "server-busy", "The server is busy", "Too many costly requests are in progress on this server; try again shortly.", {
        retryAfterSeconds: this.retryAfter(this.inFlight - this.limits.threads + 1),
      });
    }
    this.perCaller.set(options.caller, mine + 1);
    this.inFlight++;
    const timeoutMs = task.timeoutMs ?? this.limits.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    const job: WorkerJob = { module: moduleAddress(task.module), exportName: task.exportName, input };
    const started = Date.now();
    try {
      const output = (await this.piscina.run(job, { signal })) as Output;
      this.completed++;
      this.meanMs = this.meanMs * 0.8 + (Date.now() - started) * 0.2;
      return output;
    } catch (error) {
      if (timeout.aborted) {
        this.overBudget++;
        throw new ProblemError(503, "work-timeout", "The request took too long", `It needed more than ${Math.round(timeoutMs / 1000)} s of work and was stopped; nothing was changed.`, {
          retryAfterSeconds: this.retryAfter(1),
        });
      }
      if (errorCode(error) === "ERR_WORKER_OUT_OF_MEMORY") {
        this.overBudget++;
        throw new ProblemError(422, "work-too-large", "The request needs too much memory", `It needed more than ${this.limits.memoryMb} MiB and was stopped; nothing was changed.`);
      }
      throw error;
    } finally {
      this.inFlight--;
      const left = (this.perCaller.get(options.caller) ?? 1) - 1;
      if (left === 0) this.perCaller.delete(options.caller);
      else this.perCaller.set(options.caller, left);
    }
  }

  async close(): Promise<void> {
    await this.piscina.close({ force: true });
  }
}
