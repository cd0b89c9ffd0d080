import { spawnSync } from "node:child_process";
import { getPriority } from "node:os";
import { threadId } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { ProblemError } from "../http/problem.js";
import { WorkPool } from "./pool.js";
import { defineTask, WORKER_NICENESS } from "./task.js";

import { schedulingPolicy } from "../../../../tests/fixtures/work/tasks.js";

type Fixtures = typeof import("../../../../tests/fixtures/work/tasks.js");
const SCHED_NORMAL = 0;
const SCHED_IDLE = 5;
const hasChrt = spawnSync("chrt", ["--version"]).status === 0;
const fixtures = new URL("../../../../tests/fixtures/work/tasks.js", import.meta.url);
const whereAmI = defineTask<Fixtures["whereAmI"]>("test.where", fixtures, "whereAmI");
const bytes = defineTask<Fixtures["bytes"]>("test.bytes", fixtures, "bytes");
const spin = defineTask<Fixtures["spin"]>("test.spin", fixtures, "spin", { timeoutMs: 300 });
const hoard = defineTask<Fixtures["hoard"]>("test.hoard", fixtures, "hoard");
const fail = defineTask<Fixtures["fail"]>("test.fail", fixtures, "fail");

const pools: WorkPool[] = [];
function pool(...args: ConstructorParameters<typeof WorkPool>): WorkPool {
  const created = new WorkPool(...args);
  pools.push(created);
  return created;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

async function refusal(promise: Promise<unknown>): Promise<ProblemError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProblemError);
  return error as ProblemError;
}

/** Waits (polling, no fixed sleep) until the pool reports a job running. */
async function untilRunning(work: WorkPool, count = 1): Promise<void> {
  while (work.stats().running < count) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("the work pool", () => {
  it("runs a task in another thread and hands back its result", async () => {
    const work = pool({ limits: { threads: 1 } });
    const result = await work.run(whereAmI, { echo: "κείμενο 文本" }, { caller: "user:a" });
    expect(result.echo).toBe("κείμενο 文本");
    expect(result.threadId).not.toBe(threadId);
    if (process.platform === "linux") {
      // The job's thread yields to this one, which keeps its own priority.
      expect(result.priority).toBe(WORKER_NICENESS);
      expect(getPriority(0)).toBeLessThan(WORKER_NICENESS);
      // Where util-linux's chrt is installed (Debian, and so CI), the job's thread runs only on a core nobody else wants.
      if (hasChrt) expect(result.policy).toBe(SCHED_IDLE);
      expect(schedulingPolicy()).toBe(SCHED_NORMAL);
    }
    const data = await work.run(bytes, { size: 100_000 }, { caller: "user:a" });
    expect(data.byteLength).toBe(100_000);
    expect(data[99_999]).toBe(7);
    expect(work.stats()).toMatchObject({ running: 0, waiting: 0, completed: 2 });
  });

  it("keeps answering while a job runs: the job holds its own thread, not this one", async () => {
    const gate = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(gate, 0, 1);
    const work = pool({ limits: { threads: 1 }, gate });
    const job = work.run(whereAmI, { echo: "held" }, { caller: "user:a" });
    let settled = false;
    void job.then(() => (settled = true));
    await untilRunning(work);
    // Timers fire on this thread while the job is held in its own.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(settled).toBe(false);
    Atomics.store(gate, 0, 0);
    expect((await job).echo).toBe("held");
  });

  it("refuses a caller's job beyond its bound with 429 and Retry-After, and takes another caller's", async () => {
    const gate = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(gate, 0, 1);
    const work = pool({ limits: { threads: 1, perCaller: 2, queue: 8 }, gate });
    const held = [work.run(whereAmI, { echo: "1" }, { caller: "user:a" }), work.run(whereAmI, { echo: "2" }, { caller: "user:a" })];
    const third = await refusal(work.run(whereAmI, { echo: "3" }, { caller: "user:a" }));
    expect(third).toMatchObject({ status: 429, code: "too-many-jobs" });
    expect(third.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    const other = work.run(whereAmI, { echo: "b" }, { caller: "user:b" });
    Atomics.store(gate, 0, 0);
    expect((await Promise.all([...held, other])).map((r) => r.echo)).toEqual(["1", "2", "b"]);
    expect(work.stats().refused).toBe(1);
    // Once its jobs are done, the caller may run again.
    expect((await work.run(whereAmI, { echo: "4" }, { caller: "user:a" })).echo).toBe("4");
  });

  it("refuses with 503 and Retry-After when the process's queue is full", async () => {
    const gate = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(gate, 0, 1);
    const work = pool({ limits: { threads: 1, perCaller: 1, queue: 2 }, gate });
    const accepted = ["a", "b", "c"].map((caller) => work.run(whereAmI, { echo: caller }, { caller }));
    const refused = await refusal(work.run(whereAmI, { echo: "d" }, { caller: "d" }));
    expect(refused).toMatchObject({ status: 503, code: "server-busy" });
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    Atomics.store(gate, 0, 0);
    expect((await Promise.all(accepted)).map((r) => r.echo)).toEqual(["a", "b", "c"]);
  });

  it("stops a job over its time budget (503 work-timeout) and runs the next one on a fresh thread", async () => {
    const work = pool({ limits: { threads: 1 } });
    expect(await refusal(work.run(spin, undefined as never, { caller: "user:a" }))).toMatchObject({ status: 503, code: "work-timeout" });
    expect(work.stats().overBudget).toBe(1);
    expect((await work.run(whereAmI, { echo: "after" }, { caller: "user:a" })).echo).toBe("after");
  });

  it("ends a thread over its memory budget (422 work-too-large) and keeps serving", async () => {
    const work = pool({ limits: { threads: 1, memoryMb: 48, timeoutMs: 60_000 } });
    expect(await refusal(work.run(hoard, undefined as never, { caller: "user:a" }))).toMatchObject({ status: 422, code: "work-too-large" });
    expect((await work.run(whereAmI, { echo: "after" }, { caller: "user:a" })).echo).toBe("after");
  });

  it("stops a job whose caller went away", async () => {
    const work = pool({ limits: { threads: 1, timeoutMs: 60_000 } });
    const controller = new AbortController();
    const job = work.run(spin, undefined as never, { caller: "user:a", signal: controller.signal });
    await untilRunning(work);
    controller.abort();
    await expect(job).rejects.toThrow();
    expect(work.stats()).toMatchObject({ running: 0, waiting: 0 });
  });

  it("passes an unexpected failure on as an error, not a problem the caller caused", async () => {
    const work = pool({ limits: { threads: 1 } });
    const error = await work.run(fail, undefined as never, { caller: "user:a" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ProblemError);
    expect((error as Error).message).toContain("the task failed");
  });
});
