// Which sessions are valid, answered from memory: a request costs no query while its session was checked in the last minute.
// Ended sessions and changed accounts are dropped at once on committed news (this process's commands, or NOTIFY from others).
import type { Db } from "../db/client.js";
import type { FeedSubscriber } from "../events/feed.js";
import type { ParsedControlMessage } from "../events/notifications.js";
import { deleteSession, findSession, hashToken, isSessionExpired, touchSession, TOUCH_AFTER_MS, type SessionRow, type SessionUser } from "../../identity/session-store.js";

interface Entry {
  /** What the cache answers for this session (one object, so that per-user caches can key on it). */
  readonly valid: ValidSession;
  readonly user: SessionUser;
  readonly session: Pick<SessionRow, "expiresAt" | "lastSeenAt">;
  /** When the database was last read for this session (epoch ms). */
  readonly checkedAt: number;
}

export interface ValidSession {
  readonly tokenHash: string;
  readonly user: SessionUser;
  readonly expiresAt: Date;
}

/** A user's own sign-in state is read afresh at least this often, even if no news arrived (a safety net for lost notifications). */
export const REVALIDATE_AFTER_MS = TOUCH_AFTER_MS;

export class SessionCache implements FeedSubscriber {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly db: Db,
    private readonly maxEntries = 50_000,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The active user behind a cookie's token, or null when the session is unknown, idle too long, expired, or its user deactivated. */
  resolve(token: string, now: Date): Promise<ValidSession | null> {
    return this.resolveHash(hashToken(token), now);
  }

  /**
   * The same, by the token's hash. `touch: false` checks without counting as use (a live connection staying open
   * does not keep an idle session alive).
   */
  async resolveHash(tokenHash: string, now: Date, options: { touch?: boolean } = {}): Promise<ValidSession | null> {
    const cached = this.peekHash(tokenHash, now);
    if (cached) return cached;
    this.entries.delete(tokenHash);
    const found = await findSession(this.db, tokenHash);
    if (!found) return null;
    if (isSessionExpired(found.session, now) || !found.user.isActive) {
      await deleteSession(this.db, tokenHash);
      return null;
    }
    let session = found.session;
    if (options.touch !== false && now.getTime() - session.lastSeenAt.getTime() >= TOUCH_AFTER_MS) {
      await touchSession(this.db, tokenHash, now);
      session = { ...session, lastSeenAt: now };
    }
    const valid: ValidSession = { tokenHash, user: found.user, expiresAt: session.expiresAt };
    this.remember(tokenHash, { valid, user: found.user, session, checkedAt: now.getTime() });
    return valid;
  }

  /** The answer from memory alone, when it has one that is fresh enough; undefined means "ask resolve". */
  peek(token: string, now: Date): ValidSession | undefined {
    return this.peekHash(hashToken(token), now);
  }

  private peekHash(tokenHash: string, now: Date): ValidSession | undefined {
    const cached = this.entries.get(tokenHash);
    if (!cached || now.getTime() - cached.checkedAt >= REVALIDATE_AFTER_MS || isSessionExpired(cached.session, now)) return undefined;
    return cached.valid;
  }

  private remember(tokenHash: string, entry: Entry): void {
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest tenth.
      let toDrop = Math.ceil(this.maxEntries / 10);
      for (const key of this.entries.keys()) {
        this.entries.delete(key);
        if (--toDrop === 0) break;
      }
    }
    this.entries.set(tokenHash, entry);
  }

  /** Forgets what a control message makes stale. */
  apply(message: ParsedControlMessage): void {
    if (message.kind === "sessions-ended") {
      for (const hash of message.tokenHashes) this.entries.delete(hash);
      if (message.userIds.length > 0) this.forgetUsers(new Set(message.userIds), message.exceptTokenHash);
    } else if (message.kind === "users-changed") {
      this.forgetUsers(new Set(message.userIds), null);
    }
  }

  private forgetUsers(userIds: ReadonlySet<string>, exceptTokenHash: string | null): void {
    for (const [hash, entry] of this.entries) if (userIds.has(entry.user.id) && hash !== exceptTokenHash) this.entries.delete(hash);
  }

  onControl(message: ParsedControlMessage): void {
    this.apply(message);
  }

  onResync(): void {
    this.entries.clear();
  }
}
