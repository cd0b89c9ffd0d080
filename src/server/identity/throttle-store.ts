// Sign-in failures per account and per address, kept in PostgreSQL so every process sees the same counts.
import { eq, inArray } from "drizzle-orm";
import { recordFailure, waitBeforeAttempt, type ThrottlePolicy, DEFAULT_THROTTLE } from "../../domain/throttle.js";
import type { Db } from "../db/client.js";
import { signInThrottle } from "../db/schema.js";

export const throttleKeys = (email: string, address: string | null): string[] =>
  address ? [`account:${email}`, `address:${address}`] : [`account:${email}`];

/** Milliseconds to wait before these keys may try again. */
export async function throttleWait(db: Db, keys: readonly string[], now: number, policy: ThrottlePolicy = DEFAULT_THROTTLE): Promise<number> {
  const rows = await db.select().from(signInThrottle).where(inArray(signInThrottle.key, [...keys]));
  return waitBeforeAttempt(rows, now, policy);
}

export async function recordThrottleFailure(tx: Db, keys: readonly string[], now: number, policy: ThrottlePolicy = DEFAULT_THROTTLE): Promise<void> {
  for (const key of keys) {
    const [row] = await tx.select().from(signInThrottle).where(eq(signInThrottle.key, key)).limit(1);
    const next = recordFailure(row ?? null, now, policy);
    await tx
      .insert(signInThrottle)
      .values({ key, ...next })
      .onConflictDoUpdate({ target: signInThrottle.key, set: next });
  }
}

export async function clearThrottle(tx: Db, key: string): Promise<void> {
  await tx.delete(signInThrottle).where(eq(signInThrottle.key, key));
}
