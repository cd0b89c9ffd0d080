// The Node.js options `concord start` is meant to run with (`npm start` passes them; so do the end-to-end tests and the
// benchmarks). `--single-threaded-gc`: V8 collects each thread's garbage on that thread. By default V8's helper threads,
// shared by the whole process and running at normal priority, do much of it, including the work pool's: a PDF of 10,000
// names then took the request thread's cores through them although the pool's own thread yields (bench:abuse, readers'
// p99 2.2× a quiet run with the helpers, 1.4× without; docs/decisions.md).
export const SERVER_NODE_OPTIONS: readonly string[] = ["--single-threaded-gc"];

/** The options above that this process was started without. */
export function missingNodeOptions(execArgv: readonly string[] = process.execArgv): string[] {
  return SERVER_NODE_OPTIONS.filter((option) => !execArgv.includes(option));
}
