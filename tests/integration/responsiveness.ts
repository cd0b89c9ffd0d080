// "No request may stall the room": holds a costly request's job in its worker thread and shows that the server answers
// others meanwhile. Not a timing: the job is held at its start (the pool's test gate) until /api/health has answered, so
// the test fails only if health cannot answer while the job is in progress (the job runs on the event loop, or in line
// with it), whatever the machine's speed.
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";

/** A gate for `buildApp({ work: { gate } })`: jobs wait at their start while it is closed. */
export function workGate(): { readonly gate: Int32Array; close(): void; open(): void } {
  const gate = new Int32Array(new SharedArrayBuffer(4));
  return { gate, close: () => void Atomics.store(gate, 0, 1), open: () => void Atomics.store(gate, 0, 0) };
}

/**
 * Closes the gate, starts `costly` (a request whose work must run in the pool), waits until its job is in a worker
 * thread, asks `/api/health` `times` times (each must answer 200 while the job is still held), opens the gate and returns
 * what `costly` answered. Fails if `costly` settles without ever reaching the pool.
 */
export async function answersWhileHeld<T>(
  app: FastifyInstance,
  gate: ReturnType<typeof workGate>,
  costly: () => Promise<T>,
  times = 3,
): Promise<T> {
  const work = app.services.work;
  const before = work.stats().running;
  gate.close();
  let settled = false;
  const pending = costly().finally(() => (settled = true));
  try {
    while (work.stats().running <= before) {
      if (settled) throw new Error("the costly request was answered without its work reaching the work pool");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (let i = 0; i < times; i++) {
      const health = await app.inject({ method: "GET", url: "/api/health" });
      expect(health.statusCode).toBe(200);
    }
    expect(settled, "the costly request finished while its job was held").toBe(false);
  } finally {
    gate.open();
  }
  return pending;
}
