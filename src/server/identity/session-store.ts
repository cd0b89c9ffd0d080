// Server-side sessions in PostgreSQL: the cookie carries a random token, the database its SHA-256.
import { hash, randomBytes } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../platform/db/client.js";
import { sessions, users } from "./tables.js";

export const SESSION_COOKIE = "concord_session";
/** A session ends after this long without use… */
export const SESSION_IDLE_MS = 2 * 60 * 60_000;
/** …and in any case this long after sign-in. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** Last-seen is refreshed at most this often, so reads do not write on every request. */
export const TOUCH_AFTER_MS = 60_000;

// The one-shot hash: it runs on every signed-in request, where building a Hash object cost more than hashing.
export const hashToken = (token: string): string => hash("sha256", token, "hex");

export async function createSession(tx: Db, userId: string, address: string | null, now: Date): Promise<{ token: string; tokenHash: string }> {
  const token = randomBytes(32).toString("base64url");
  const tokenHash = hashToken(token);
  await tx.insert(sessions).values({
    tokenHash,
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    address,
  });
  return { token, tokenHash };
}

export type SessionUser = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export function isSessionExpired(session: Pick<SessionRow, "expiresAt" | "lastSeenAt">, now: Date): boolean {
  return session.expiresAt.getTime() <= now.getTime() || now.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_MS;
}

/** The session and its user, by the token's hash, as stored (expired or not). */
export async function findSession(db: Db, tokenHash: string): Promise<{ session: SessionRow; user: SessionUser } | null> {
  const [row] = await db.select().from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.tokenHash, tokenHash)).limit(1);
  return row ? { session: row.sessions, user: row.users } : null;
}

export async function touchSession(db: Db, tokenHash: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(tx: Db, tokenHash: string): Promise<boolean> {
  const deleted = await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).returning({ tokenHash: sessions.tokenHash });
  return deleted.length > 0;
}

/** Ends every session of a user but, optionally, the one in use (by its hash). */
export async function deleteUserSessions(tx: Db, userId: string, exceptTokenHash: string | null = null): Promise<void> {
  await tx.delete(sessions).where(exceptTokenHash ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, exceptTokenHash)) : eq(sessions.userId, userId));
}
