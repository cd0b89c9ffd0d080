// State changes of identity, each a named command run by the runner: sign-in and out, passwords, single sign-on, users, delegations.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { CreateUserBody, UpdateUserBody } from "../../contracts/identity.js";
import { STREAMS } from "../../contracts/live.js";
import { DELEGATION_ROLES, SECRETARIAT_ROLES, type Role } from "../../domain/access.js";
import { secretariatAnd, type Audience } from "../../domain/audience.js";
import type { z } from "zod";
import { ANYONE, defineCommand, definePreparedCommand, needs, absent, type CommandContext, type CommandRunner, type CommandScope } from "../platform/commands/runner.js";
import type { Db } from "../platform/db/client.js";
import { conflict, DomainError, invalid, notFound } from "../../domain/errors.js";
import { ProblemError } from "../platform/http/problem.js";
import { findParty } from "../registry/queries.js";
import { statusesOn, timelineOf } from "../../domain/membership.js";
import type { Registry } from "../../domain/registry.js";
import { delegationPolicy } from "./delegation-policy.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import { findDelegation, findUser, findUserByEmail, userView, type UserRow } from "./queries.js";
import { createSession, deleteSession, deleteUserSessions } from "./session-store.js";
import { delegations, users } from "./tables.js";
import { reserveSignInAttempt, settleSuccessfulAttempt, throttleKeys, type ThrottleKey } from "./throttle-store.js";
import { maySeeUser, userPolicy } from "./user-policy.js";

export const SIGN_IN_FAILED = new ProblemError(401, "sign-in-failed", "Sign-in failed", "The email or password is not right, or the account cannot sign in.");

function wrongPassword(): DomainError {
  return new DomainError("invalid", "wrong-password", "The current password is not right", "The current password is not right.", {
    field: "currentPassword",
    fieldCode: "wrong-password",
    fieldMessage: "not right",
  });
}

export class SignInPausedError extends ProblemError {
  constructor(readonly waitMs: number) {
    const seconds = Math.ceil(waitMs / 1000);
    super(429, "sign-in-paused", "Too many attempts", `Sign-in is paused after repeated failures; try again in ${seconds} s.`, { retryAfterSeconds: seconds });
  }
}

// ---- Who hears of a change

/** A user's changes reach the secretariat, the heads of the user's delegation, and the user. */
export function userAudience(user: Pick<UserRow, "id" | "delegation">): Audience {
  return user.delegation ? secretariatAnd({ roles: ["head_of_delegation"], delegation: user.delegation }, { userId: user.id }) : secretariatAnd({ userId: user.id });
}

/** A delegation's changes reach the secretariat and the delegation's own members. */
export function delegationAudience(code: string): Audience {
  return secretariatAnd({ delegation: code });
}

function emitUser(c: CommandScope, type: string, row: UserRow): void {
  c.emit(STREAMS.users, type, { user: userView(row) }, userAudience(row));
}

function emitDelegation(c: CommandScope, type: string, row: typeof delegations.$inferSelect): void {
  c.emit(STREAMS.delegations, type, { delegation: { code: row.code, isActive: row.isActive, version: row.version } }, delegationAudience(row.code));
}

// ---- Shared rules

/** An account signs in only while it and its delegation are active. */
async function canSignIn(tx: Db, user: UserRow): Promise<boolean> {
  if (!user.isActive) return false;
  if (user.delegation === null) return true;
  return (await findDelegation(tx, user.delegation))?.isActive === true;
}

async function lockUser(tx: Db, id: string): Promise<UserRow | null> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for("update");
  return row ?? null;
}

function checkRoleFitsAffiliation(role: Role, delegation: string | null): void {
  if (DELEGATION_ROLES.includes(role) && delegation === null) throw invalid("delegation", "delegation-required", "required for this role");
  if (SECRETARIAT_ROLES.includes(role) && delegation !== null) throw invalid("delegation", "delegation-not-allowed", "must be empty for a secretariat role");
}

/** Opens a session for a user whose identity was just proven; ends the browser's previous session. */
async function openSession(c: CommandScope, user: UserRow, previousTokenHash: string | null, how: Record<string, unknown>) {
  if (previousTokenHash) {
    await deleteSession(c.tx, previousTokenHash);
    c.notify({ kind: "sessions-ended", tokenHashes: [previousTokenHash] });
  }
  const { token, tokenHash } = await createSession(c.tx, user.id, c.context.address, c.now);
  c.audit("session.signed-in", `user:${user.id}`, how, { userId: user.id, delegation: user.delegation });
  return { token, tokenHash, user };
}

export interface OpenedSession {
  readonly token: string;
  readonly tokenHash: string;
  readonly user: UserRow;
}

// ---- Sign-in with a password: the attempt is counted first, then checked.

export const reserveSignInAttemptCommand = defineCommand({
  name: "session.reserve-attempt",
  access: () => ANYONE,
  run: (c, input: { keys: readonly ThrottleKey[] }) => reserveSignInAttempt(c.tx, input.keys, c.now.getTime()),
});

interface PasswordSignIn {
  readonly email: string;
  readonly password: string;
  readonly keys: readonly ThrottleKey[];
  readonly previousTokenHash: string | null;
}

export const signInWithPasswordCommand = definePreparedCommand({
  name: "session.sign-in",
  // The password is checked before the transaction opens (argon2id takes tens of milliseconds).
  prepare: async (input: PasswordSignIn, _context: CommandContext, db: Db) => {
    const user = await findUserByEmail(db, input.email);
    const isValid = await verifyPassword(user?.passwordHash ?? null, input.password);
    return { ...input, userId: user?.id ?? null, verifiedHash: isValid ? (user?.passwordHash ?? null) : null };
  },
  // The password is the proof: anyone may try (the attempts are counted first).
  access: () => ANYONE,
  run: async (c, input): Promise<OpenedSession | null> => {
    const user = input.userId ? await lockUser(c.tx, input.userId) : null;
    // The password proven must still be the account's (it was not changed in between), and the account must be able to sign in.
    const reason = !user ? "unknown-account" : input.verifiedHash === null || user.passwordHash !== input.verifiedHash ? "wrong-password" : !(await canSignIn(c.tx, user)) ? "inactive" : null;
    if (reason !== null || !user) {
      c.audit("session.sign-in-failed", null, { email: input.email, method: "password", reason });
      return null;
    }
    await settleSuccessfulAttempt(c.tx, input.keys);
    return openSession(c, user, input.previousTokenHash, { method: "password" });
  },
});

/** Signs in with email and password: counts the attempt (or answers 429), checks the password, opens a session or records the failure. */
export async function signIn(
  runner: CommandRunner,
  context: CommandContext,
  input: { email: string; password: string; previousTokenHash: string | null },
): Promise<OpenedSession> {
  const keys = throttleKeys(input.email, context.address);
  const waitMs = await runner.run(reserveSignInAttemptCommand, context, { keys });
  if (waitMs > 0) throw new SignInPausedError(waitMs);
  const opened = await runner.run(signInWithPasswordCommand, context, { ...input, keys });
  if (!opened) throw SIGN_IN_FAILED;
  return opened;
}

// ---- Single sign-on

export interface SingleSignOnClaims {
  readonly issuer: string;
  readonly subject: string;
  readonly email: string | null;
  /** Only `true` counts: an absent claim is not a verified email. */
  readonly isEmailVerified: boolean;
}

export type SingleSignOnOutcome = OpenedSession | { readonly failure: string };

export const signInWithSingleSignOnCommand = defineCommand({
  name: "session.single-sign-on",
  // The identity provider's signed claims are the proof.
  access: () => ANYONE,
  run: async (c, input: SingleSignOnClaims & { previousTokenHash: string | null }): Promise<SingleSignOnOutcome> => {
    const fail = (reason: string): SingleSignOnOutcome => {
      c.audit("session.sign-in-failed", null, { method: "single-sign-on", issuer: input.issuer, subject: input.subject, email: input.email, reason });
      return { failure: reason };
    };
    const [linked] = await c.tx
      .select()
      .from(users)
      .where(and(eq(users.oidcIssuer, input.issuer), eq(users.oidcSubject, input.subject)))
      .for("update");
    let user = linked ?? null;
    if (!user) {
      if (!input.email) return fail("no-email");
      if (!input.isEmailVerified) return fail("email-not-verified");
      const candidate = await findUserByEmail(c.tx, input.email);
      const byEmail = candidate ? await lockUser(c.tx, candidate.id) : null;
      if (!byEmail) return fail("no-account");
      // The same person's sign-on a moment earlier may have linked this identity while this one waited for the row.
      const isLinkedMeanwhile = byEmail.oidcIssuer === input.issuer && byEmail.oidcSubject === input.subject;
      if (byEmail.oidcSubject !== null && !isLinkedMeanwhile) return fail("linked-to-another-identity");
      if (!(await canSignIn(c.tx, byEmail))) return fail("inactive");
      if (isLinkedMeanwhile) {
        user = byEmail;
      } else {
        // Accounts are provisioned by the secretariat: the first sign-on links the provider's subject to the account with that verified email.
        const [updated] = await c.tx
          .update(users)
          .set({ oidcIssuer: input.issuer, oidcSubject: input.subject, version: sql`${users.version} + 1` })
          .where(eq(users.id, byEmail.id))
          .returning();
        user = updated!;
        c.audit("user.sso-linked", `user:${user.id}`, { issuer: input.issuer, subject: input.subject }, { userId: user.id, delegation: user.delegation });
        emitUser(c, "user.sso-linked", user);
      }
    }
    if (!(await canSignIn(c.tx, user))) return fail("inactive");
    return openSession(c, user, input.previousTokenHash, { method: "single-sign-on", issuer: input.issuer });
  },
});

/** A single sign-on that failed before any account was in question (the provider refused, the state did not match). */
export const recordSingleSignOnFailureCommand = defineCommand({
  name: "session.single-sign-on-failed",
  access: () => ANYONE,
  run: async (c, input: { reason: string }) => {
    c.audit("session.sign-in-failed", null, { method: "single-sign-on", reason: input.reason });
  },
});

export const signOutCommand = defineCommand({
  name: "session.sign-out",
  // Ends the session whose token the caller holds.
  access: () => ANYONE,
  run: async (c, input: { tokenHash: string }) => {
    if (!(await deleteSession(c.tx, input.tokenHash))) return;
    c.notify({ kind: "sessions-ended", tokenHashes: [input.tokenHash] });
    c.audit("session.signed-out", c.actor.userId ? `user:${c.actor.userId}` : null, {});
  },
});

// ---- Passwords

interface PasswordChange {
  readonly currentPassword: string;
  readonly newPassword: string;
  readonly tokenHash: string;
}

export const changeOwnPasswordCommand = definePreparedCommand({
  name: "session.change-password",
  prepare: async (input: PasswordChange, context: CommandContext, db: Db) => {
    const user = context.actor.userId ? await findUser(db, context.actor.userId) : null;
    if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw wrongPassword();
    }
    return { tokenHash: input.tokenHash, verifiedHash: user.passwordHash, newHash: await hashPassword(input.newPassword) };
  },
  access: () => needs(userPolicy.changeOwnPassword),
  run: async (c, input) => {
    const user = await lockUser(c.tx, c.actor.userId ?? "");
    if (!user || user.passwordHash !== input.verifiedHash) throw wrongPassword();
    const [row] = await c.tx
      .update(users)
      .set({ passwordHash: input.newHash, passwordChangedAt: c.now, version: sql`${users.version} + 1` })
      .where(eq(users.id, user.id))
      .returning();
    // The password changed: every other session of this person ends, here and in every process.
    await deleteUserSessions(c.tx, user.id, input.tokenHash);
    c.notify({ kind: "sessions-ended", userIds: [user.id], exceptTokenHash: input.tokenHash });
    c.audit("user.password-changed", `user:${user.id}`, {});
    emitUser(c, "user.password-changed", row!);
  },
});

// ---- Users

type NewUser = z.output<typeof CreateUserBody>;

function emailTaken(email: string, current?: unknown): DomainError {
  return new DomainError("conflict", "email-taken", "The email is already in use", `An account with ${email} exists.`, { field: "email", fieldCode: "taken", fieldMessage: "already in use", current });
}

/** The existing account, as 409's current state, only when the caller may see it. */
async function emailTakenProblem(db: Db, context: CommandContext, email: string): Promise<DomainError> {
  const existing = await findUserByEmail(db, email);
  const isVisible = existing !== null && maySeeUser(context.actor, existing);
  return emailTaken(email, isVisible ? userView(existing) : undefined);
}

export const createUserCommand = definePreparedCommand({
  name: "user.create",
  prepare: async (input: NewUser) => ({ ...input, passwordHash: input.password !== undefined ? await hashPassword(input.password) : null }),
  access: (_, input) => needs(userPolicy.create, { delegation: input.delegation, role: input.role }),
  run: async (c, input) => {
    checkRoleFitsAffiliation(input.role, input.delegation);
    if (input.delegation !== null) {
      const delegation = await findDelegation(c.tx, input.delegation);
      if (!delegation || !delegation.isActive) throw invalid("delegation", "delegation-inactive", `no active delegation "${input.delegation}"`);
    }
    const existing = await findUserByEmail(c.tx, input.email);
    if (existing) {
      throw emailTaken(input.email, c.context.isSystem === true || maySeeUser(c.actor, existing) ? userView(existing) : undefined);
    }
    const [row] = await c.tx
      .insert(users)
      .values({ id: randomUUID(), email: input.email, displayName: input.displayName, role: input.role, delegation: input.delegation, passwordHash: input.passwordHash, createdAt: c.now })
      .returning();
    c.audit("user.created", `user:${row!.id}`, { email: row!.email, role: row!.role, delegation: row!.delegation, displayName: row!.displayName });
    emitUser(c, "user.created", row!);
    return row!;
  },
  // Two requests raced past the check with the same email: the unique index refused the second.
  onUniqueViolation: (db, context, input) => emailTakenProblem(db, context, input.email),
});

type UserChanges = z.output<typeof UpdateUserBody>;

export const updateUserCommand = definePreparedCommand({
  name: "user.update",
  prepare: async (input: { id: string; changes: UserChanges }) => ({
    ...input,
    passwordHash: input.changes.password !== undefined ? await hashPassword(input.changes.password) : null,
  }),
  load: (tx, input) => lockUser(tx, input.id),
  access: (user, { changes }) => {
    if (!user) return [needs(userPolicy.update), absent("User")];
    const resource = { delegation: user.delegation, role: user.role as Role };
    return [
      needs(userPolicy.update),
      // An account the caller may not even see does not exist for them.
      needs(userPolicy.list, resource, { unseen: "User" }),
      needs(userPolicy.update, resource),
      // The role it would get must be within the caller's reach too (a head of delegation cannot promote).
      changes.role !== undefined && needs(userPolicy.update, { delegation: user.delegation, role: changes.role }),
    ];
  },
  run: async (c, { changes, passwordHash }, user) => {
    if (!user) throw notFound("User");
    if (changes.role !== undefined) checkRoleFitsAffiliation(changes.role, user.delegation);
    c.checkVersion(changes.version, user.version, () => userView(user));
    if (user.id === c.actor.userId && (changes.isActive === false || (changes.role !== undefined && changes.role !== user.role))) {
      throw conflict("own-account", "You cannot deactivate yourself or change your own role", "You cannot deactivate yourself or change your own role.");
    }
    const set: Partial<typeof users.$inferInsert> = {};
    if (changes.displayName !== undefined) set.displayName = changes.displayName;
    if (changes.role !== undefined) set.role = changes.role;
    if (changes.isActive !== undefined) set.isActive = changes.isActive;
    if (passwordHash !== null) {
      set.passwordHash = passwordHash;
      set.passwordChangedAt = c.now;
    }
    const [row] = await c.tx
      .update(users)
      .set({ ...set, version: sql`${users.version} + 1` })
      .where(eq(users.id, user.id))
      .returning();
    const endsSessions = changes.isActive === false || passwordHash !== null || (changes.role !== undefined && changes.role !== user.role);
    if (endsSessions) {
      await deleteUserSessions(c.tx, user.id);
      c.notify({ kind: "sessions-ended", userIds: [user.id] });
    } else {
      c.notify({ kind: "users-changed", userIds: [user.id] });
    }
    const { version: _version, password, ...recorded } = changes;
    c.audit("user.updated", `user:${user.id}`, { ...recorded, ...(password !== undefined ? { password: "(changed)" } : {}) });
    emitUser(c, "user.updated", row!);
    return row!;
  },
});

export const unlinkSingleSignOnCommand = defineCommand({
  name: "user.unlink-sso",
  load: (tx, input: { id: string }) => lockUser(tx, input.id),
  access: () => needs(userPolicy.unlinkSingleSignOn),
  run: async (c, _input, user) => {
    if (!user) throw notFound("User");
    if (user.oidcSubject === null) return user;
    const [row] = await c.tx
      .update(users)
      .set({ oidcIssuer: null, oidcSubject: null, version: sql`${users.version} + 1` })
      .where(eq(users.id, user.id))
      .returning();
    c.notify({ kind: "users-changed", userIds: [user.id] });
    c.audit("user.sso-unlinked", `user:${user.id}`, { issuer: user.oidcIssuer, subject: user.oidcSubject });
    emitUser(c, "user.sso-unlinked", row!);
    return row!;
  },
});

// ---- Delegations

function delegationExists(code: string): DomainError {
  return conflict("delegation-exists", "The delegation exists", `A delegation "${code}" is already open.`);
}

export const createDelegationCommand = defineCommand({
  name: "delegation.create",
  access: () => needs(delegationPolicy.create),
  run: async (c, input: { code: string }) => {
    const party = await findParty(c.tx, input.code);
    if (!party) throw invalid("code", "not-in-registry", `"${input.code}" is not a state or organization of the registry`);
    if (await findDelegation(c.tx, input.code)) throw delegationExists(input.code);
    const [row] = await c.tx.insert(delegations).values({ code: input.code, partyKind: party.kind, createdAt: c.now }).returning();
    c.audit("delegation.created", `delegation:${input.code}`, { code: input.code, partyKind: party.kind });
    emitDelegation(c, "delegation.created", row!);
    return row!;
  },
  onUniqueViolation: async (_db, _context, input) => delegationExists(input.code),
});

export const setDelegationActiveCommand = defineCommand({
  name: "delegation.update",
  access: () => needs(delegationPolicy.update),
  run: async (c, input: { code: string; isActive: boolean; version?: number | undefined }) => {
    const [current] = await c.tx.select().from(delegations).where(eq(delegations.code, input.code)).for("update");
    if (!current) throw notFound(`Delegation "${input.code}"`);
    c.checkVersion(input.version, current.version, () => ({ code: current.code, isActive: current.isActive, version: current.version }));
    if (current.isActive === input.isActive) return current;
    const [row] = await c.tx
      .update(delegations)
      .set({ isActive: input.isActive, version: sql`${delegations.version} + 1` })
      .where(eq(delegations.code, input.code))
      .returning();
    if (!input.isActive) {
      // Its members cannot sign in any more: their sessions end now, and their live connections close.
      const members = await c.tx.select({ id: users.id }).from(users).where(eq(users.delegation, input.code));
      for (const member of members) await deleteUserSessions(c.tx, member.id);
      if (members.length > 0) c.notify({ kind: "sessions-ended", userIds: members.map((m) => m.id) });
    }
    c.audit("delegation.updated", `delegation:${input.code}`, { isActive: input.isActive });
    emitDelegation(c, "delegation.updated", row!);
    return row!;
  },
});

/**
 * After `import --replace` of another organization: the delegations of parties that hold no standing status in it today
 * (and are not among its international organizations) are deactivated, with their members' accounts, whose sessions end.
 * Each is audited. Returns the codes deactivated. Runs inside the import's transaction, as the system.
 */
export async function retireDelegationsOutside(c: CommandScope, registry: Registry, today: string): Promise<string[]> {
  const standing = new Set(registry.organization.tiers.filter((t) => t.isStanding).map((t) => t.code));
  const statuses = statusesOn(timelineOf(registry), today);
  const kept = new Set([
    ...registry.states.filter((s) => standing.has(statuses.get(s.code)?.tier ?? "")).map((s) => s.code),
    ...registry.organizations.map((o) => o.code),
  ]);
  const active = await c.tx.select().from(delegations).where(eq(delegations.isActive, true));
  const retired: string[] = [];
  for (const delegation of active) {
    if (kept.has(delegation.code)) continue;
    const [row] = await c.tx
      .update(delegations)
      .set({ isActive: false, version: sql`${delegations.version} + 1` })
      .where(eq(delegations.code, delegation.code))
      .returning();
    const members = await c.tx.update(users).set({ isActive: false }).where(and(eq(users.delegation, delegation.code), eq(users.isActive, true))).returning();
    for (const member of members) {
      await deleteUserSessions(c.tx, member.id);
      c.emit(STREAMS.users, "user.updated", { user: userView(member) }, userAudience(member));
    }
    if (members.length > 0) c.notify({ kind: "sessions-ended", userIds: members.map((m) => m.id) });
    c.audit("delegation.updated", `delegation:${delegation.code}`, {
      isActive: false,
      reason: `no status in the imported registry of ${registry.organization.code}`,
      accountsDeactivated: members.map((m) => m.id),
    });
    emitDelegation(c, "delegation.updated", row!);
    retired.push(delegation.code);
  }
  return retired;
}
