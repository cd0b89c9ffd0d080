// State changes of identity: sign-in and out, passwords, users and delegations; each one transaction with its audit event.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { DELEGATION_ROLES, SECRETARIAT_ROLES, type Actor, type Role } from "../../domain/access.js";
import { appendAuditEvent } from "../audit/trail.js";
import type { Db } from "../db/client.js";
import { delegations, users } from "../db/schema.js";
import { ProblemError } from "../http/problem.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import { findDelegation, findUser, findUserByEmail, type UserRow } from "./queries.js";
import { createSession, deleteSession, deleteUserSessions } from "./session-store.js";
import { clearThrottle, recordThrottleFailure, throttleKeys, throttleWait } from "./throttle-store.js";

/** Who asks, from where, and when: what every command needs for its policy check and its audit event. */
export interface CommandContext {
  readonly db: Db;
  readonly actor: Actor;
  readonly address: string | null;
  readonly now: Date;
}

const audit = (tx: Db, ctx: CommandContext, action: string, target: string | null, payload: Record<string, unknown>) =>
  appendAuditEvent(tx, {
    actorUserId: ctx.actor.userId,
    actorDelegation: ctx.actor.delegation,
    address: ctx.address,
    action,
    target,
    payload,
    at: ctx.now,
  });

/** An account signs in only while it and its delegation are active. */
export async function canSignIn(db: Db, user: UserRow): Promise<boolean> {
  if (!user.isActive) return false;
  if (user.delegation === null) return true;
  return (await findDelegation(db, user.delegation))?.isActive === true;
}

/** Creates the session and records the sign-in, acting as the user who signed in. */
async function openSession(tx: Db, ctx: CommandContext, user: UserRow, how: Record<string, unknown>): Promise<{ token: string; user: UserRow }> {
  const token = await createSession(tx, user.id, ctx.address, ctx.now);
  await appendAuditEvent(tx, {
    actorUserId: user.id,
    actorDelegation: user.delegation,
    address: ctx.address,
    action: "session.signed-in",
    target: `user:${user.id}`,
    payload: how,
    at: ctx.now,
  });
  return { token, user };
}

export const SIGN_IN_FAILED = new ProblemError(401, "sign-in-failed", "Sign-in failed", "The email or password is not right, or the account cannot sign in.");

export class SignInPausedError extends ProblemError {
  constructor(readonly waitMs: number) {
    const seconds = Math.ceil(waitMs / 1000);
    super(429, "sign-in-paused", "Too many attempts", `Sign-in is paused after repeated failures; try again in ${seconds} s.`, undefined, seconds);
  }
}

/**
 * Signs in with email and password. Every failure gives the same answer; failures slow down the next
 * attempt for that account and that address (whether or not the account exists).
 */
export async function signIn(ctx: CommandContext, email: string, password: string): Promise<{ token: string; user: UserRow }> {
  const normalized = email.trim().toLowerCase();
  const keys = throttleKeys(normalized, ctx.address);
  const wait = await throttleWait(ctx.db, keys, ctx.now.getTime());
  if (wait > 0) throw new SignInPausedError(wait);

  const user = await findUserByEmail(ctx.db, normalized);
  const isValid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !isValid || !(await canSignIn(ctx.db, user))) {
    await ctx.db.transaction(async (tx) => {
      await recordThrottleFailure(tx, keys, ctx.now.getTime());
      await audit(tx, ctx, "session.sign-in-failed", null, { email: normalized });
    });
    throw SIGN_IN_FAILED;
  }
  return ctx.db.transaction(async (tx) => {
    await clearThrottle(tx, `account:${normalized}`);
    return openSession(tx, ctx, user, { method: "password" });
  });
}

/** Opens a session for a user authenticated by the organization's identity provider. */
export async function signInWithSingleSignOn(
  ctx: CommandContext,
  claims: { issuer: string; subject: string; email: string | null },
): Promise<{ token: string; user: UserRow }> {
  return ctx.db.transaction(async (tx) => {
    const [linked] = await tx
      .select()
      .from(users)
      .where(and(eq(users.oidcIssuer, claims.issuer), eq(users.oidcSubject, claims.subject)))
      .limit(1);
    let user = linked ?? null;
    if (!user && claims.email) {
      // Accounts are provisioned by the secretariat: the first sign-on links the provider's subject to the account with that email.
      const byEmail = await findUserByEmail(tx, claims.email);
      if (byEmail && byEmail.oidcSubject === null) {
        await tx.update(users).set({ oidcIssuer: claims.issuer, oidcSubject: claims.subject }).where(eq(users.id, byEmail.id));
        user = { ...byEmail, oidcIssuer: claims.issuer, oidcSubject: claims.subject };
      }
    }
    if (!user || !(await canSignIn(tx, user))) throw SIGN_IN_FAILED;
    return openSession(tx, ctx, user, { method: "single-sign-on", issuer: claims.issuer });
  });
}

export async function signOut(ctx: CommandContext, token: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await deleteSession(tx, token);
    await audit(tx, ctx, "session.signed-out", ctx.actor.userId ? `user:${ctx.actor.userId}` : null, {});
  });
}

function checkPasswordStrength(password: string, field: string): void {
  if (password.length < 10) {
    throw new ProblemError(400, "invalid-request", "The request is not valid", `${field}: at least 10 characters`, [
      { field, message: "at least 10 characters" },
    ]);
  }
}

/** Changes the signed-in user's own password; ends their other sessions. */
export async function changeOwnPassword(ctx: CommandContext, token: string, currentPassword: string, newPassword: string): Promise<void> {
  const user = ctx.actor.userId ? await findUser(ctx.db, ctx.actor.userId) : null;
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new ProblemError(400, "wrong-password", "The current password is not right", undefined, [
      { field: "body.currentPassword", message: "not right" },
    ]);
  }
  checkPasswordStrength(newPassword, "body.newPassword");
  const passwordHash = await hashPassword(newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: ctx.now }).where(eq(users.id, user.id));
    await deleteUserSessions(tx, user.id, token);
    await audit(tx, ctx, "user.password-changed", `user:${user.id}`, {});
  });
}

export interface NewUser {
  readonly email: string;
  readonly displayName: string;
  readonly role: Exclude<Role, "public">;
  readonly delegation: string | null;
  readonly password?: string | undefined;
}

function checkRoleFitsAffiliation(role: Role, delegation: string | null): void {
  const isDelegationRole = DELEGATION_ROLES.includes(role);
  if (isDelegationRole && delegation === null) {
    throw new ProblemError(400, "invalid-request", "The request is not valid", "body.delegation: a delegation role needs a delegation", [
      { field: "body.delegation", message: "required for this role" },
    ]);
  }
  if (SECRETARIAT_ROLES.includes(role) && delegation !== null) {
    throw new ProblemError(400, "invalid-request", "The request is not valid", "body.delegation: a secretariat role has no delegation", [
      { field: "body.delegation", message: "must be empty for a secretariat role" },
    ]);
  }
}

/** Creates an account (the policy check on who may create what is the caller's, before this). */
export async function createUser(ctx: CommandContext, input: NewUser): Promise<UserRow> {
  const email = input.email.trim().toLowerCase();
  checkRoleFitsAffiliation(input.role, input.delegation);
  if (input.delegation !== null) {
    const delegation = await findDelegation(ctx.db, input.delegation);
    if (!delegation || !delegation.isActive) {
      throw new ProblemError(400, "invalid-request", "The request is not valid", `body.delegation: no active delegation "${input.delegation}"`, [
        { field: "body.delegation", message: "unknown or inactive delegation" },
      ]);
    }
  }
  if (input.password !== undefined) checkPasswordStrength(input.password, "body.password");
  if (await findUserByEmail(ctx.db, email)) {
    throw new ProblemError(409, "email-taken", "The email is already in use", `An account with ${email} exists.`, [
      { field: "body.email", message: "already in use" },
    ]);
  }
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ id: randomUUID(), email, displayName: input.displayName.trim(), role: input.role, delegation: input.delegation, passwordHash, createdAt: ctx.now })
      .returning();
    await audit(tx, ctx, "user.created", `user:${row!.id}`, { email, role: input.role, delegation: input.delegation, displayName: row!.displayName });
    return row!;
  });
}

export interface UserChanges {
  readonly displayName?: string | undefined;
  readonly role?: Exclude<Role, "public"> | undefined;
  readonly isActive?: boolean | undefined;
  readonly password?: string | undefined;
}

export async function updateUser(ctx: CommandContext, user: UserRow, changes: UserChanges): Promise<UserRow> {
  if (changes.role !== undefined) checkRoleFitsAffiliation(changes.role, user.delegation);
  if (changes.password !== undefined) checkPasswordStrength(changes.password, "body.password");
  if (user.id === ctx.actor.userId && (changes.isActive === false || (changes.role !== undefined && changes.role !== user.role))) {
    throw new ProblemError(409, "own-account", "You cannot deactivate yourself or change your own role");
  }
  const set: Partial<typeof users.$inferInsert> = {};
  if (changes.displayName !== undefined) set.displayName = changes.displayName.trim();
  if (changes.role !== undefined) set.role = changes.role;
  if (changes.isActive !== undefined) set.isActive = changes.isActive;
  if (changes.password !== undefined) {
    set.passwordHash = await hashPassword(changes.password);
    set.passwordChangedAt = ctx.now;
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(users).set(set).where(eq(users.id, user.id)).returning();
    if (changes.isActive === false || changes.password !== undefined || changes.role !== undefined) await deleteUserSessions(tx, user.id);
    const recorded = { ...changes, password: changes.password !== undefined ? "(changed)" : undefined };
    await audit(tx, ctx, "user.updated", `user:${user.id}`, Object.fromEntries(Object.entries(recorded).filter(([, v]) => v !== undefined)));
    return row!;
  });
}

export async function createDelegation(ctx: CommandContext, code: string, partyKind: "state" | "organization"): Promise<void> {
  if (await findDelegation(ctx.db, code)) {
    throw new ProblemError(409, "delegation-exists", "The delegation exists", `A delegation "${code}" is already open.`);
  }
  await ctx.db.transaction(async (tx) => {
    await tx.insert(delegations).values({ code, partyKind, createdAt: ctx.now });
    await audit(tx, ctx, "delegation.created", `delegation:${code}`, { code, partyKind });
  });
}

export async function setDelegationActive(ctx: CommandContext, code: string, isActive: boolean): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.update(delegations).set({ isActive }).where(eq(delegations.code, code));
    if (!isActive) {
      const members = await tx.select({ id: users.id }).from(users).where(eq(users.delegation, code));
      for (const member of members) await deleteUserSessions(tx, member.id);
    }
    await audit(tx, ctx, "delegation.updated", `delegation:${code}`, { isActive });
  });
}
