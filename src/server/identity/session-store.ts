// Server-side sessions in PostgreSQL: the cookie carries a random token, the database its SHA-256.
import { createHash, randomBytes } from "node:crypto";
import { eq, lt, or } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { sessions, users } from "../db/schema.js";

export const SESSION_COOKIE = "concord_session";
/** A session ends after this long without use… */
export const SESSION_IDLE_MS = 2 * 60 * 60_000;
/** …and in any case this long after sign-in. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
// Refresh last-seen at most once a minute, so reads do not write on every request.
const TOUCH_AFTER_MS = 60_000;

const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

export async function createSession(tx: Db, userId: string, address: string | null, now: Date): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await tx.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    address,
  });
  return token;
}

export type SessionUser = typeof users.$inferSelect;

/** The active user behind a token, or null when the session is unknown, idle too long, expired, or the user deactivated. */
export async function findSessionUser(db: Db, token: string, now: Date): Promise<SessionUser | null> {
  const tokenHash = hashToken(token);
  const [row] = await db.select().from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.tokenHash, tokenHash)).limit(1);
  if (!row) return null;
  const { sessions: session, users: user } = row;
  const isExpired = session.expiresAt.getTime() <= now.getTime() || now.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_MS;
  if (isExpired || !user.isActive) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_AFTER_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
  }
  return user;
}

export async function deleteSession(tx: Db, token: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

/** Ends every session of a user but, optionally, the one in use. */
export async function deleteUserSessions(tx: Db, userId: string, except?: string): Promise<void> {
  const all = await tx.select({ tokenHash: sessions.tokenHash }).from(sessions).where(eq(sessions.userId, userId));
  const keep = except ? hashToken(except) : null;
  for (const { tokenHash } of all) if (tokenHash !== keep) await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS))));
}

