// Sign-in attempts counted in PostgreSQL, atomically: each attempt takes its rows' locks, so parallel attempts are counted one after another.
import { eq, inArray } from "drizzle-orm";
import { ACCOUNT_ADDRESS_THROTTLE, ADDRESS_THROTTLE, refundAttempt, reserveAttempt, type ThrottlePolicy } from "../../domain/throttle.js";
import type { Db } from "../platform/db/client.js";
import { signInThrottle } from "./tables.js";

export interface ThrottleKey {
  readonly key: string;
  readonly policy: ThrottlePolicy;
}

/**
 * The throttles an attempt counts against: this account from this address (the strict one), and this address
 * whatever the account (wider). Failures from one address never keep the account's owner out from another.
 */
export function throttleKeys(email: string, address: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `account-address:${email} ${address ?? "-"}`, policy: ACCOUNT_ADDRESS_THROTTLE }];
  if (address) keys.push({ key: `address:${address}`, policy: ADDRESS_THROTTLE });
  return keys;
}

/** Locks the keys' rows (creating them), in key order so that two attempts cannot deadlock. */
async function lockRows(tx: Db, keys: readonly ThrottleKey[]) {
  const names = keys.map((k) => k.key).sort();
  await tx
    .insert(signInThrottle)
    .values(names.map((key) => ({ key, failures: 0, lastFailureAt: 0 })))
    .onConflictDoNothing();
  const rows = await tx
    .select()
    .from(signInThrottle)
    .where(inArray(signInThrottle.key, names))
    .orderBy(signInThrottle.key)
    .for("update");
  return new Map(rows.map((row) => [row.key, { failures: row.failures, lastFailureAt: row.lastFailureAt }]));
}

/** Counts an attempt before its password is checked; answers the wait in ms instead when one is due (and counts nothing). */
export async function reserveSignInAttempt(tx: Db, keys: readonly ThrottleKey[], now: number): Promise<number> {
  const states = await lockRows(tx, keys);
  const decision = reserveAttempt(
    keys.map(({ key, policy }) => ({ state: states.get(key) ?? null, policy })),
    now,
  );
  if (!("next" in decision)) return decision.waitMs;
  for (const [index, { key }] of keys.entries()) {
    const next = decision.next[index]!;
    await tx.update(signInThrottle).set(next).where(eq(signInThrottle.key, key));
  }
  return 0;
}

/** After a success: the account-and-address count starts again, and the address gets its counted attempt back. */
export async function settleSuccessfulAttempt(tx: Db, keys: readonly ThrottleKey[]): Promise<void> {
  const states = await lockRows(tx, keys);
  for (const { key, policy } of keys) {
    if (policy === ACCOUNT_ADDRESS_THROTTLE) {
      await tx.delete(signInThrottle).where(eq(signInThrottle.key, key));
    } else {
      const state = states.get(key);
      if (state) await tx.update(signInThrottle).set(refundAttempt(state)).where(eq(signInThrottle.key, key));
    }
  }
}
