// A task for the work pool: a named export of a module that runs in a worker thread, declared by the capability that
// owns it, so the pool knows no capability and a capability's costly code stays beside the rest of it.

/** A function a worker runs: plain data in (structured-cloneable), plain data out; a Uint8Array result is moved, not copied. */
export type TaskFunction<Input, Output> = (input: Input) => Output | Promise<Output>;

export interface Task<Input, Output> {
  /** For logs, metrics and problem details: "programme.read-spreadsheet". */
  readonly name: string;
  /** The module's address (`new URL("./x-task.js", import.meta.url)`), resolved to its .ts source when running from source. */
  readonly module: string;
  /** The module's export that is called. */
  readonly exportName: string;
  /** The longest this task may run (ms) before it is stopped; the pool's default when absent. */
  readonly timeoutMs?: number | undefined;
  /** Phantom fields carrying the types; never set. */
  readonly _input?: Input;
  readonly _output?: Output;
}

/**
 * Declares a task: `defineTask<typeof import("./diff-task.js").diffDocument>("negotiation.diff", new URL("./diff-task.js",
 * import.meta.url), "diffDocument")`. The type parameter ties the declaration to the function's own types.
 */
export function defineTask<F extends TaskFunction<never, unknown>>(
  name: string,
  module: URL,
  exportName: string,
  options: { readonly timeoutMs?: number } = {},
): Task<Parameters<F>[0], Awaited<ReturnType<F>>> {
  return { name, module: module.href, exportName, timeoutMs: options.timeoutMs };
}

/**
 * The niceness of the pool's threads (Linux): they yield the cores to the thread that answers requests (and to
 * PostgreSQL) whenever both want them, so a costly job on a busy machine slows other jobs, not every delegation's page.
 */
export const WORKER_NICENESS = 10;

/** What the worker is sent for one job. */
export interface WorkerJob {
  readonly module: string;
  readonly exportName: string;
  readonly input: unknown;
}
