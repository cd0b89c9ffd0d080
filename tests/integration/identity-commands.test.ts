// Identity's commands through the runner, on PGlite and PostgreSQL: sign-in and its throttle, single sign-on, passwords, users, delegations, demo accounts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, count, eq, gt } from "drizzle-orm";
import type { z } from "zod";
import type { CreateUserBody, UpdateUserBody } from "../../src/contracts/identity.js";
import { STREAMS } from "../../src/contracts/live.js";
import type { Actor, Role } from "../../src/domain/access.js";
import { isInAudience, type AudienceMember } from "../../src/domain/audience.js";
import { countByTier, timelineOf } from "../../src/domain/membership.js";
import { CommandRunner, ANYONE, defineCommand, systemContext, type Command, type CommandContext, type RunResult } from "../../src/server/platform/commands/runner.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import type { Database } from "../../src/server/platform/db/client.js";
import { auditEvents, delegations, sessions, signInThrottle, users } from "../../src/server/platform/db/schema.js";
import type { StoredEvent } from "../../src/server/platform/events/log.js";
import type { ParsedControlMessage } from "../../src/server/platform/events/notifications.js";
import { ProblemError } from "../../src/server/platform/http/problem.js";
import { loadRegistry } from "../../src/server/registry/queries.js";
import { seedIfEmpty, utcDay } from "../../src/server/startup.js";
import {
  changeOwnPasswordCommand,
  createDelegationCommand,
  createUserCommand,
  delegationAudience,
  recordSingleSignOnFailureCommand,
  reserveSignInAttemptCommand,
  setDelegationActiveCommand,
  SIGN_IN_FAILED,
  signIn,
  signInWithPasswordCommand,
  signInWithSingleSignOnCommand,
  SignInPausedError,
  signOutCommand,
  unlinkSingleSignOnCommand,
  updateUserCommand,
  userAudience,
  type SingleSignOnClaims,
} from "../../src/server/identity/commands.js";
import { createDemoAccountsCommand, DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { verifyPassword } from "../../src/server/identity/passwords.js";
import { findUser, findUserByEmail, userView, type UserRow } from "../../src/server/identity/queries.js";
import { createSession, findSession, hashToken, SESSION_ABSOLUTE_MS } from "../../src/server/identity/session-store.js";
import { throttleKeys } from "../../src/server/identity/throttle-store.js";
import { testDatabases } from "./databases.js";

describe.each(testDatabases)("identity commands on $name", (testDb) => {
  const NOW = new Date("2026-11-25T10:00:00Z");
  const PUBLIC: Actor = { userId: null, role: "public", delegation: null, tier: null, rights: null, isChair: false };
  const PASSWORD = "first-password-1";
  const ISSUER = "https://id.example.org";

  let database: Database;
  let runner: CommandRunner;
  let demo: RunResult<boolean>;
  let admin: UserRow;
  let kzHead: UserRow;
  let cnHead: UserRow;

  let counter = 0;
  const fresh = () => (counter += 1);
  /** Each test signs in from its own address, so the per-address throttle of one test never slows another. */
  const freshAddress = () => `198.51.100.${fresh()}`;

  const actorOf = (user: UserRow): Actor => ({ userId: user.id, role: user.role as Role, delegation: user.delegation, tier: null, rights: null, isChair: false });
  const as = (actor: Actor | UserRow, now = NOW, address: string | null = "192.0.2.1"): CommandContext => ({
    actor: "email" in actor ? actorOf(actor) : actor,
    address,
    now,
  });
  const member = (user: UserRow): AudienceMember => ({ userId: user.id, role: user.role as Role, delegation: user.delegation });

  /** Runs a command on a runner of its own, with what it committed and the control messages it sent. */
  async function heard<I, P, R, L>(command: Command<I, P, R, L>, context: CommandContext, input: I) {
    const listened = new CommandRunner(database.db);
    const control: ParsedControlMessage[] = [];
    listened.onCommitted((_events, messages) => void control.push(...messages));
    const { result, events } = await listened.runWithEvents(command, context, input);
    return { result, events, control };
  }

  const onStream = (events: readonly StoredEvent[], stream: string) => events.filter((event) => event.stream === stream);

  async function user(email: string): Promise<UserRow> {
    const row = await findUserByEmail(database.db, email);
    if (!row) throw new Error(`no user ${email}`);
    return row;
  }

  type NewUser = z.output<typeof CreateUserBody>;
  type UserChanges = z.output<typeof UpdateUserBody>;

  /** A new account, created by the administrator. */
  async function newUser(fields: Partial<NewUser> & Pick<NewUser, "role">): Promise<UserRow> {
    const n = fresh();
    return runner.run(createUserCommand, as(admin), { email: `user${n}@concord.test`, displayName: `User ${n}`, delegation: null, password: PASSWORD, ...fields });
  }

  const lastAuditSeq = async () => Number((await database.db.select({ n: count() }).from(auditEvents))[0]!.n);
  const auditsAfter = (seq: number) => database.db.select().from(auditEvents).where(gt(auditEvents.seq, seq)).orderBy(asc(auditEvents.seq));
  const sessionsOf = async (id: string) => (await database.db.select().from(sessions).where(eq(sessions.userId, id))).map((s) => s.tokenHash).sort();
  const openSessions = async (user: UserRow, n: number) => {
    const hashes: string[] = [];
    for (let i = 0; i < n; i += 1) hashes.push((await createSession(database.db, user.id, "192.0.2.1", NOW)).tokenHash);
    return hashes;
  };

  async function refusal(work: Promise<unknown>): Promise<ProblemError> {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof ProblemError)) throw new Error(`expected a ProblemError, got ${String(error)}`);
    return error;
  }

  let dispose: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ database, dispose } = await testDb.create());
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    runner = new CommandRunner(database.db);
    const registry = (await loadRegistry(database.db))!;
    demo = await runner.runWithEvents(createDemoAccountsCommand, systemContext(NOW), { registry, today: utcDay(NOW) });
    admin = await user(DEMO_ADMIN_EMAIL);
    kzHead = await user(demoHeadEmail("KZ"));
    cnHead = await user(demoHeadEmail("CN"));
    // Afghanistan's delegation is inactive throughout this file.
    await runner.run(setDelegationActiveCommand, as(admin), { code: "AF", isActive: false });
  });
  afterAll(async () => {
    await dispose?.();
  });

  describe("signing in with a password", () => {
    it("opens a session for the right password, audited as the user, and settles the attempt", async () => {
      const address = freshAddress();
      const since = await lastAuditSeq();
      const opened = await signIn(runner, as(PUBLIC, NOW, address), { email: demoHeadEmail("KZ"), password: DEMO_PASSWORD, previousTokenHash: null });

      expect(opened.user.id).toBe(kzHead.id);
      expect(opened.tokenHash).toBe(hashToken(opened.token));
      expect((await findSession(database.db, opened.tokenHash))?.session).toMatchObject({
        userId: kzHead.id,
        address,
        createdAt: NOW,
        expiresAt: new Date(NOW.getTime() + SESSION_ABSOLUTE_MS),
      });
      expect((await auditsAfter(since)).map((a) => [a.action, a.actorUserId, a.actorDelegation, a.target, a.payload])).toEqual([
        ["session.signed-in", kzHead.id, "KZ", `user:${kzHead.id}`, { method: "password" }],
      ]);
      // The account-and-address count starts again; the address gets its counted attempt back.
      const throttle = await database.db.select().from(signInThrottle);
      const [accountKey, addressKey] = throttleKeys(demoHeadEmail("KZ"), address).map((k) => k.key);
      expect(throttle.find((row) => row.key === accountKey)).toBeUndefined();
      expect(throttle.find((row) => row.key === addressKey)?.failures).toBe(0);
    });

    it("allows three failures per account and address, then makes the next attempt wait, even with the right password", async () => {
      const address = freshAddress();
      const email = demoHeadEmail("TJ");
      const tj = await user(email);
      const attempt = (password: string, now: Date, from = address) => signIn(runner, as(PUBLIC, now, from), { email, password, previousTokenHash: null });
      for (let i = 0; i < 3; i += 1) await expect(attempt("not-the-password", NOW)).rejects.toBe(SIGN_IN_FAILED);

      const since = await lastAuditSeq();
      const paused = await refusal(attempt(DEMO_PASSWORD, NOW));
      expect(paused).toBeInstanceOf(SignInPausedError);
      expect(paused).toMatchObject({ status: 429, code: "sign-in-paused", retryAfterSeconds: 1, waitMs: 1_000 });
      expect(await refusal(attempt(DEMO_PASSWORD, new Date(NOW.getTime() + 999)))).toMatchObject({ status: 429, waitMs: 1 });
      // A paused attempt is not counted, not checked and not audited.
      expect(await auditsAfter(since)).toEqual([]);
      expect(await sessionsOf(tj.id)).toEqual([]);

      // The owner is not kept out from another address.
      await expect(attempt(DEMO_PASSWORD, NOW, freshAddress())).resolves.toMatchObject({ user: { id: tj.id } });
      // Once the wait is over, the right password signs in.
      const later = new Date(NOW.getTime() + 1_000);
      await expect(attempt(DEMO_PASSWORD, later)).resolves.toMatchObject({ user: { id: tj.id } });
    });

    it("starts counting again after a success", async () => {
      const address = freshAddress();
      const email = demoHeadEmail("KG");
      const attempt = (password: string) => signIn(runner, as(PUBLIC, NOW, address), { email, password, previousTokenHash: null });
      for (let i = 0; i < 2; i += 1) await expect(attempt("not-the-password")).rejects.toBe(SIGN_IN_FAILED);
      await attempt(DEMO_PASSWORD);
      for (let i = 0; i < 3; i += 1) await expect(attempt("not-the-password")).rejects.toBe(SIGN_IN_FAILED);
      await expect(attempt(DEMO_PASSWORD)).rejects.toBeInstanceOf(SignInPausedError);
    });

    it("counts the attempt before the password is checked, in a command of its own", async () => {
      const keys = throttleKeys("someone@concord.test", freshAddress());
      for (let i = 0; i < 3; i += 1) expect(await runner.run(reserveSignInAttemptCommand, as(PUBLIC), { keys })).toBe(0);
      expect(await runner.run(reserveSignInAttemptCommand, as(PUBLIC), { keys })).toBe(1_000);
      const rows = await database.db.select().from(signInThrottle);
      expect(rows.find((row) => row.key === keys[0]!.key)).toEqual({ key: keys[0]!.key, failures: 3, lastFailureAt: NOW.getTime() });
      expect(rows.find((row) => row.key === keys[1]!.key)?.failures).toBe(3);
    });

    it("counts parallel attempts one after another: of ten at once, three are checked and seven wait", async () => {
      const address = freshAddress();
      const email = demoHeadEmail("IN");
      const since = await lastAuditSeq();
      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => signIn(runner, as(PUBLIC, NOW, address), { email, password: "not-the-password", previousTokenHash: null })));
      const reasons = outcomes.map((outcome) => (outcome.status === "rejected" ? (outcome.reason as ProblemError).code : "signed-in"));
      expect(reasons.filter((code) => code === "sign-in-failed")).toHaveLength(3);
      expect(reasons.filter((code) => code === "sign-in-paused")).toHaveLength(7);
      expect((await auditsAfter(since)).filter((a) => a.action === "session.sign-in-failed")).toHaveLength(3);
    });

    const failures: [string, () => Promise<{ email: string; password: string; userId: string | null }>, string][] = [
      ["a wrong password", async () => ({ email: demoHeadEmail("UZ"), password: "not-the-password", userId: (await user(demoHeadEmail("UZ"))).id }), "wrong-password"],
      ["an unknown account", async () => ({ email: "nobody@concord.test", password: PASSWORD, userId: null }), "unknown-account"],
      [
        "an inactive user",
        async () => {
          const row = await newUser({ role: "secretariat_officer" });
          await runner.run(updateUserCommand, as(admin), { id: row.id, changes: { isActive: false } });
          return { email: row.email, password: PASSWORD, userId: row.id };
        },
        "inactive",
      ],
      ["a user of an inactive delegation", async () => ({ email: demoHeadEmail("AF"), password: DEMO_PASSWORD, userId: (await user(demoHeadEmail("AF"))).id }), "inactive"],
    ];

    it.each(failures)("refuses %s: no session, and an audit event naming the reason", async (_name, setUp, reason) => {
      const { email, password, userId } = await setUp();
      const address = freshAddress();
      const since = await lastAuditSeq();
      const result = await runner.run(signInWithPasswordCommand, as(PUBLIC, NOW, address), { email, password, keys: throttleKeys(email, address), previousTokenHash: null });

      expect(result).toBeNull();
      expect((await auditsAfter(since)).map((a) => [a.action, a.actorUserId, a.target, a.address, a.payload])).toEqual([
        ["session.sign-in-failed", null, null, address, { email, method: "password", reason }],
      ]);
      if (userId) expect(await sessionsOf(userId)).toEqual([]);
      await expect(signIn(runner, as(PUBLIC, NOW, address), { email, password, previousTokenHash: null })).rejects.toMatchObject({ status: 401, code: "sign-in-failed" });
    });

    it("refuses a password that was replaced while it was being checked", async () => {
      const row = await newUser({ role: "secretariat_officer" });
      const address = freshAddress();
      const input = { email: row.email, password: PASSWORD, keys: throttleKeys(row.email, address), previousTokenHash: null };
      const checked = await signInWithPasswordCommand.prepare!(input, as(PUBLIC, NOW, address), database.db, () => undefined);
      await runner.run(updateUserCommand, as(admin), { id: row.id, changes: { password: "replaced-password-2" } });
      // The transaction of the sign-in, after its password was checked against the old hash.
      const settle = defineCommand({ name: "test.settle-sign-in", access: () => ANYONE, run: (c, prepared: typeof checked) => signInWithPasswordCommand.run(c, prepared, undefined) });
      const since = await lastAuditSeq();

      expect(await runner.run(settle, as(PUBLIC, NOW, address), checked)).toBeNull();
      expect((await auditsAfter(since))[0]?.payload).toEqual({ email: row.email, method: "password", reason: "wrong-password" });
      expect(await sessionsOf(row.id)).toEqual([]);
    });

    it("ends the browser's previous session, here and in every process", async () => {
      const listened = new CommandRunner(database.db);
      const control: ParsedControlMessage[] = [];
      listened.onCommitted((_events, messages) => void control.push(...messages));
      const address = freshAddress();
      const email = demoHeadEmail("PK");
      const first = await signIn(listened, as(PUBLIC, NOW, address), { email, password: DEMO_PASSWORD, previousTokenHash: null });
      expect(control).toEqual([]);
      const second = await signIn(listened, as(PUBLIC, NOW, address), { email, password: DEMO_PASSWORD, previousTokenHash: first.tokenHash });

      expect(await findSession(database.db, first.tokenHash)).toBeNull();
      expect(await findSession(database.db, second.tokenHash)).not.toBeNull();
      expect(control).toEqual([{ kind: "sessions-ended", tokenHashes: [first.tokenHash], userIds: [], exceptTokenHash: null }]);
    });
  });

  describe("single sign-on", () => {
    const claims = (fields: Partial<SingleSignOnClaims>): SingleSignOnClaims & { previousTokenHash: string | null } => ({
      issuer: ISSUER,
      subject: `subject-${fresh()}`,
      email: null,
      isEmailVerified: true,
      previousTokenHash: null,
      ...fields,
    });

    it("links the account with that verified email on the first sign-on, announces it, and signs in", async () => {
      const delegate = await newUser({ role: "delegate", delegation: "KZ" });
      const since = await lastAuditSeq();
      const first = claims({ email: delegate.email.toUpperCase() });
      const { result, events } = await heard(signInWithSingleSignOnCommand, as(PUBLIC), first);

      expect(result).toMatchObject({ user: { id: delegate.id, oidcIssuer: ISSUER, oidcSubject: first.subject, version: 2 } });
      const linked = (await findUser(database.db, delegate.id))!;
      expect(linked).toMatchObject({ oidcIssuer: ISSUER, oidcSubject: first.subject, version: 2 });
      expect((await auditsAfter(since)).map((a) => [a.action, a.actorUserId, a.actorDelegation, a.payload])).toEqual([
        ["user.sso-linked", delegate.id, "KZ", { issuer: ISSUER, subject: first.subject }],
        ["session.signed-in", delegate.id, "KZ", { method: "single-sign-on", issuer: ISSUER }],
      ]);
      expect(onStream(events, STREAMS.users)).toEqual([expect.objectContaining({ type: "user.sso-linked", payload: { user: userView(linked) }, audience: userAudience(linked) })]);
      expect(userView(linked).hasSingleSignOn).toBe(true);
      expect(await sessionsOf(delegate.id)).toEqual(["tokenHash" in result ? result.tokenHash : ""]);

      // Later sign-ons find the account by its subject, whatever the email claim says, and link nothing again.
      const again = await heard(signInWithSingleSignOnCommand, as(PUBLIC), { ...first, email: null, isEmailVerified: false });
      expect(again.result).toMatchObject({ user: { id: delegate.id } });
      expect(onStream(again.events, STREAMS.users)).toEqual([]);
    });

    const refusals: [string, () => Promise<{ claims: ReturnType<typeof claims>; user: UserRow | null }>][] = [
      ["no-email", async () => ({ claims: claims({ email: null }), user: null })],
      [
        "email-not-verified",
        async () => {
          const row = await newUser({ role: "delegate", delegation: "KZ" });
          return { claims: claims({ email: row.email, isEmailVerified: false }), user: row };
        },
      ],
      ["no-account", async () => ({ claims: claims({ email: "stranger@concord.test" }), user: null })],
      [
        "linked-to-another-identity",
        async () => {
          const row = await newUser({ role: "delegate", delegation: "KZ" });
          await runner.run(signInWithSingleSignOnCommand, as(PUBLIC), claims({ email: row.email }));
          return { claims: claims({ email: row.email }), user: (await findUser(database.db, row.id))! };
        },
      ],
      [
        "inactive",
        async () => {
          const row = await newUser({ role: "delegate", delegation: "KZ" });
          const deactivated = await runner.run(updateUserCommand, as(admin), { id: row.id, changes: { isActive: false } });
          return { claims: claims({ email: row.email }), user: deactivated };
        },
      ],
    ];

    it.each(refusals)("refuses with %s, audited, linking nothing and opening no session", async (reason, setUp) => {
      const { claims: refused, user: account } = await setUp();
      const sessionsBefore = account ? await sessionsOf(account.id) : [];
      const since = await lastAuditSeq();
      const { result, events } = await heard(signInWithSingleSignOnCommand, as(PUBLIC), refused);

      expect(result).toEqual({ failure: reason });
      expect((await auditsAfter(since)).map((a) => [a.action, a.actorUserId, a.payload])).toEqual([
        ["session.sign-in-failed", null, { method: "single-sign-on", issuer: ISSUER, subject: refused.subject, email: refused.email, reason }],
      ]);
      expect(onStream(events, STREAMS.users)).toEqual([]);
      if (account) {
        expect(await findUser(database.db, account.id)).toEqual(account);
        expect(await sessionsOf(account.id)).toEqual(sessionsBefore);
      }
    });

    it("refuses an account that became inactive after it was linked", async () => {
      const delegate = await newUser({ role: "delegate", delegation: "KZ" });
      const linking = claims({ email: delegate.email });
      await runner.run(signInWithSingleSignOnCommand, as(PUBLIC), linking);
      await runner.run(updateUserCommand, as(admin), { id: delegate.id, changes: { isActive: false } });
      expect(await runner.run(signInWithSingleSignOnCommand, as(PUBLIC), linking)).toEqual({ failure: "inactive" });
      expect(await sessionsOf(delegate.id)).toEqual([]);
    });

    it("records a failure that came before any account was in question", async () => {
      const since = await lastAuditSeq();
      const { events, control } = await heard(recordSingleSignOnFailureCommand, as(PUBLIC, NOW, "203.0.113.9"), { reason: "state-mismatch" });
      expect((await auditsAfter(since)).map((a) => [a.action, a.actorUserId, a.address, a.payload])).toEqual([
        ["session.sign-in-failed", null, "203.0.113.9", { method: "single-sign-on", reason: "state-mismatch" }],
      ]);
      expect(events.map((event) => event.type)).toEqual(["audit.appended"]);
      expect(control).toEqual([]);
    });
  });

  describe("signing out", () => {
    it("ends the session, tells every process, and audits it; signing out again does nothing", async () => {
      const officer = await newUser({ role: "secretariat_officer" });
      const [tokenHash, other] = await openSessions(officer, 2);
      const since = await lastAuditSeq();
      const { control } = await heard(signOutCommand, as(officer), { tokenHash: tokenHash! });

      expect(await sessionsOf(officer.id)).toEqual([other]);
      expect(control).toEqual([{ kind: "sessions-ended", tokenHashes: [tokenHash], userIds: [], exceptTokenHash: null }]);
      expect((await auditsAfter(since)).map((a) => [a.action, a.actorUserId, a.target])).toEqual([["session.signed-out", officer.id, `user:${officer.id}`]]);

      const again = await heard(signOutCommand, as(officer), { tokenHash: tokenHash! });
      expect(again.events).toEqual([]);
      expect(again.control).toEqual([]);
    });
  });

  describe("changing one's own password", () => {
    it("refuses a wrong current password with 400 wrong-password, changing nothing", async () => {
      const officer = await newUser({ role: "secretariat_officer" });
      const hashes = await openSessions(officer, 2);
      const since = await lastAuditSeq();
      const refused = await refusal(runner.run(changeOwnPasswordCommand, as(officer), { currentPassword: "not-it", newPassword: "second-password-2", tokenHash: hashes[0]! }));

      expect(refused).toMatchObject({ status: 400, code: "wrong-password", errors: [{ field: "body.currentPassword", code: "wrong-password" }] });
      expect(await findUser(database.db, officer.id)).toEqual(officer);
      expect(await sessionsOf(officer.id)).toEqual(hashes.sort());
      expect(await auditsAfter(since)).toEqual([]);
    });

    it("changes it, ends every other session of the person, and tells every process which one stays", async () => {
      const delegate = await newUser({ role: "delegate", delegation: "KZ" });
      const [current, ...others] = await openSessions(delegate, 3);
      const since = await lastAuditSeq();
      const { events, control } = await heard(changeOwnPasswordCommand, as(delegate), { currentPassword: PASSWORD, newPassword: "second-password-2", tokenHash: current! });

      const changed = (await findUser(database.db, delegate.id))!;
      expect(await verifyPassword(changed.passwordHash, "second-password-2")).toBe(true);
      expect(await verifyPassword(changed.passwordHash, PASSWORD)).toBe(false);
      expect(changed).toMatchObject({ passwordChangedAt: NOW, version: delegate.version + 1 });
      expect(others).toHaveLength(2);
      expect(await sessionsOf(delegate.id)).toEqual([current]);
      expect(control).toEqual([{ kind: "sessions-ended", userIds: [delegate.id], exceptTokenHash: current, tokenHashes: [] }]);
      expect((await auditsAfter(since)).map((a) => [a.action, a.actorUserId, a.payload])).toEqual([["user.password-changed", delegate.id, {}]]);
      expect(onStream(events, STREAMS.users)).toEqual([expect.objectContaining({ type: "user.password-changed", payload: { user: userView(changed) } })]);
    });
  });

  describe("creating a user", () => {
    it("creates the account, audits it without the password, and tells the secretariat, the delegation's heads and the user", async () => {
      const since = await lastAuditSeq();
      const { result: created, events } = await heard(createUserCommand, as(admin), {
        email: "new.delegate@concord.test",
        displayName: "New delegate",
        role: "delegate",
        delegation: "KZ",
        password: "delegate-password-1",
      });

      expect(created).toMatchObject({ email: "new.delegate@concord.test", role: "delegate", delegation: "KZ", isActive: true, version: 1, createdAt: NOW });
      expect(await verifyPassword(created.passwordHash, "delegate-password-1")).toBe(true);
      expect((await auditsAfter(since)).map((a) => [a.action, a.actorUserId, a.target, a.payload])).toEqual([
        ["user.created", admin.id, `user:${created.id}`, { email: "new.delegate@concord.test", role: "delegate", delegation: "KZ", displayName: "New delegate" }],
      ]);
      const [event] = onStream(events, STREAMS.users);
      expect(event).toMatchObject({ type: "user.created", payload: { user: userView(created) } });
      expect(JSON.stringify(event)).not.toContain("delegate-password-1");

      const otherKzDelegate = await newUser({ role: "delegate", delegation: "KZ" });
      const officer = await newUser({ role: "secretariat_officer" });
      const admits = (reader: AudienceMember) => isInAudience(event!.audience, reader);
      expect([admin, officer, kzHead, created].map((reader) => admits(member(reader)))).toEqual([true, true, true, true]);
      expect([cnHead, otherKzDelegate].map((reader) => admits(member(reader)))).toEqual([false, false]);
      expect(admits({ userId: null, role: "public", delegation: null })).toBe(false);
    });

    it("lets a head of delegation create a delegate of their own delegation", async () => {
      const created = await runner.run(createUserCommand, as(kzHead), { email: "kz.made@concord.test", displayName: "Made by KZ", role: "delegate", delegation: "KZ" });
      expect(created).toMatchObject({ role: "delegate", delegation: "KZ", passwordHash: null });
    });

    const forbidden: [string, () => Actor, Partial<NewUser>, number, string][] = [
      ["a head of delegation creating a head of delegation", () => actorOf(kzHead), { role: "head_of_delegation", delegation: "KZ" }, 403, "forbidden"],
      ["a head of delegation creating another delegation's delegate", () => actorOf(kzHead), { role: "delegate", delegation: "CN" }, 403, "forbidden"],
      ["a head of delegation creating a secretariat account", () => actorOf(kzHead), { role: "secretariat_officer", delegation: null }, 403, "forbidden"],
      [
        "a secretariat officer",
        () => ({ ...PUBLIC, userId: "officer", role: "secretariat_officer" }),
        { role: "secretariat_officer", delegation: null },
        403,
        "forbidden",
      ],
      ["a delegate", () => ({ ...PUBLIC, userId: "delegate", role: "delegate", delegation: "KZ" }), { role: "delegate", delegation: "KZ" }, 403, "forbidden"],
      ["the public", () => PUBLIC, { role: "delegate", delegation: "KZ" }, 401, "unauthenticated"],
    ];

    it.each(forbidden)("refuses %s, writing nothing", async (_name, actor, fields, status, code) => {
      const email = `refused${fresh()}@concord.test`;
      const since = await lastAuditSeq();
      const refused = await refusal(runner.run(createUserCommand, as(actor()), { email, displayName: "Refused", role: "delegate", delegation: null, ...fields }));
      expect(refused).toMatchObject({ status, code });
      if (status === 403) expect(refused.right).toBe("user.create");
      expect(await findUserByEmail(database.db, email)).toBeNull();
      expect(await auditsAfter(since)).toEqual([]);
    });

    const invalid: [string, Partial<NewUser>, string][] = [
      ["a delegation role without a delegation", { role: "delegate", delegation: null }, "delegation-required"],
      ["a head of delegation without a delegation", { role: "head_of_delegation", delegation: null }, "delegation-required"],
      ["a secretariat role with a delegation", { role: "secretariat_officer", delegation: "KZ" }, "delegation-not-allowed"],
      ["a delegation that is not open", { role: "delegate", delegation: "ZZ" }, "delegation-inactive"],
      ["an inactive delegation", { role: "delegate", delegation: "AF" }, "delegation-inactive"],
    ];

    it.each(invalid)("refuses %s with 400 naming the field", async (_name, fields, fieldCode) => {
      const email = `invalid${fresh()}@concord.test`;
      const refused = await refusal(runner.run(createUserCommand, as(admin), { email, displayName: "Invalid", role: "delegate", delegation: null, ...fields }));
      expect(refused).toMatchObject({ status: 400, code: "invalid-request", errors: [{ field: "body.delegation", code: fieldCode }] });
      expect(await findUserByEmail(database.db, email)).toBeNull();
    });

    it("creates an account once when ten requests race with the same email; the others get 409 email-taken", async () => {
      const body: NewUser = { email: "race@concord.test", displayName: "Race", role: "secretariat_officer", delegation: null };
      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => runner.run(createUserCommand, as(admin), body)));
      const created = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
      expect(created).toHaveLength(1);
      const refused = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as ProblemError] : []));
      expect(refused).toHaveLength(9);
      for (const problem of refused) expect(problem).toMatchObject({ status: 409, code: "email-taken", current: userView(created[0]!) });
      expect(await database.db.select({ n: count() }).from(users).where(eq(users.email, "race@concord.test"))).toEqual([{ n: 1 }]);
    });

    it("refuses a taken email with 409 email-taken, carrying the account only to whom may see it", async () => {
      const kzDelegate = await newUser({ role: "delegate", delegation: "KZ" });
      const create = (actor: UserRow, email: string) =>
        refusal(runner.run(createUserCommand, as(actor), { email, displayName: "Again", role: "delegate", delegation: actor.delegation ?? "KZ" }));

      const byAdmin = await create(admin, cnHead.email);
      expect(byAdmin).toMatchObject({ status: 409, code: "email-taken", errors: [{ field: "body.email", code: "taken" }], current: userView(cnHead) });
      expect((await create(kzHead, kzDelegate.email)).current).toEqual(userView(kzDelegate));
      const hidden = await create(kzHead, cnHead.email);
      expect(hidden).toMatchObject({ status: 409, code: "email-taken" });
      expect(hidden.current).toBeUndefined();
      expect(hidden.message).not.toContain(cnHead.id);
      expect(await findUserByEmail(database.db, cnHead.email)).toEqual(cnHead);
    });
  });

  describe("updating a user", () => {
    const update = (actor: Actor | UserRow, id: string, changes: UserChanges) => heard(updateUserCommand, as(actor), { id, changes });

    it("lets the system change any account (no policy applies to it)", async () => {
      const officer = await newUser({ role: "secretariat_officer" });
      const updated = await runner.run(updateUserCommand, systemContext(NOW), { id: officer.id, changes: { displayName: "Renamed by the system" } });
      expect(updated.displayName).toBe("Renamed by the system");
    });

    it("answers 404 for an account the actor may not see, as for one that does not exist", async () => {
      const kzDelegate = await newUser({ role: "delegate", delegation: "KZ" });
      expect(await refusal(update(cnHead, kzDelegate.id, { displayName: "Renamed" }))).toMatchObject({ status: 404, code: "not-found" });
      expect(await refusal(update(admin, "00000000-0000-4000-8000-000000000000", { displayName: "Renamed" }))).toMatchObject({ status: 404, code: "not-found" });
      expect(await findUser(database.db, kzDelegate.id)).toEqual(kzDelegate);
    });

    it("refuses a role without the right, and a head of delegation acting beyond their own delegates", async () => {
      const kzDelegate = await newUser({ role: "delegate", delegation: "KZ" });
      const otherKzHead = await newUser({ role: "head_of_delegation", delegation: "KZ" });
      const officer = await newUser({ role: "secretariat_officer" });
      expect(await refusal(update(officer, kzDelegate.id, { displayName: "Renamed" }))).toMatchObject({ status: 403, right: "user.update" });
      // A head of delegation sees the other head, but may not change them, nor promote a delegate.
      expect(await refusal(update(kzHead, otherKzHead.id, { displayName: "Renamed" }))).toMatchObject({ status: 403, right: "user.update" });
      expect(await refusal(update(kzHead, kzDelegate.id, { role: "head_of_delegation" }))).toMatchObject({ status: 403, right: "user.update" });
      expect(await findUser(database.db, kzDelegate.id)).toEqual(kzDelegate);
      expect(await findUser(database.db, otherKzHead.id)).toEqual(otherKzHead);

      const { result } = await update(kzHead, kzDelegate.id, { displayName: "Renamed by the head" });
      expect(result).toMatchObject({ displayName: "Renamed by the head", version: 2 });
    });

    it("refuses to deactivate oneself or change one's own role (409 own-account)", async () => {
      const otherAdmin = await newUser({ role: "secretariat_admin" });
      expect(await refusal(update(otherAdmin, otherAdmin.id, { isActive: false }))).toMatchObject({ status: 409, code: "own-account" });
      expect(await refusal(update(otherAdmin, otherAdmin.id, { role: "secretariat_officer" }))).toMatchObject({ status: 409, code: "own-account" });
      expect(await findUser(database.db, otherAdmin.id)).toEqual(otherAdmin);
      // Renaming oneself, or "changing" to the same role, is allowed.
      expect((await update(otherAdmin, otherAdmin.id, { displayName: "Me", role: "secretariat_admin" })).result).toMatchObject({ displayName: "Me" });
    });

    it("refuses a role that does not fit the account's affiliation", async () => {
      const kzDelegate = await newUser({ role: "delegate", delegation: "KZ" });
      const officer = await newUser({ role: "secretariat_officer" });
      expect(await refusal(update(admin, kzDelegate.id, { role: "secretariat_officer" }))).toMatchObject({ status: 400, errors: [{ field: "body.delegation", code: "delegation-not-allowed" }] });
      expect(await refusal(update(admin, officer.id, { role: "delegate" }))).toMatchObject({ status: 400, errors: [{ field: "body.delegation", code: "delegation-required" }] });
    });

    it("refuses a change made against an older version with 409 stale-version and the current account", async () => {
      const officer = await newUser({ role: "secretariat_officer" });
      await update(admin, officer.id, { displayName: "Second", version: 1 });
      const current = (await findUser(database.db, officer.id))!;
      const refused = await refusal(update(admin, officer.id, { displayName: "Lost update", version: 1 }));
      expect(refused).toMatchObject({ status: 409, code: "stale-version", current: userView(current) });
      expect(await findUser(database.db, officer.id)).toEqual(current);
      expect((await update(admin, officer.id, { displayName: "Third", version: 2 })).result).toMatchObject({ displayName: "Third", version: 3 });
    });

    const changes: [string, UserChanges, boolean][] = [
      ["deactivation", { isActive: false }, true],
      ["a new password", { password: "replaced-password-3" }, true],
      ["a new role", { role: "head_of_delegation" }, true],
      ["a new name", { displayName: "Only renamed" }, false],
      ["the same role", { role: "delegate" }, false],
    ];

    it.each(changes)("after %s, ends the account's sessions or tells that it changed", async (_name, change, endsSessions) => {
      const delegate = await newUser({ role: "delegate", delegation: "KZ" });
      const hashes = await openSessions(delegate, 2);
      const since = await lastAuditSeq();
      const { result, events, control } = await update(admin, delegate.id, { ...change, version: 1 });

      expect(result.version).toBe(2);
      if (endsSessions) {
        expect(await sessionsOf(delegate.id)).toEqual([]);
        expect(control).toEqual([{ kind: "sessions-ended", userIds: [delegate.id], tokenHashes: [], exceptTokenHash: null }]);
      } else {
        expect(await sessionsOf(delegate.id)).toEqual(hashes.sort());
        expect(control).toEqual([{ kind: "users-changed", userIds: [delegate.id] }]);
      }
      const [audit] = await auditsAfter(since);
      const { password, ...recorded } = change;
      expect(audit).toMatchObject({ action: "user.updated", actorUserId: admin.id, target: `user:${delegate.id}` });
      expect(audit!.payload).toEqual({ ...recorded, ...(password !== undefined ? { password: "(changed)" } : {}) });
      expect(onStream(events, STREAMS.users)).toEqual([expect.objectContaining({ type: "user.updated", payload: { user: userView(result) }, audience: userAudience(result) })]);
      if (password !== undefined) expect(await verifyPassword(result.passwordHash, password)).toBe(true);
    });
  });

  describe("unlinking single sign-on", () => {
    it("removes the link, audits it, and tells every process; unlinking an unlinked account does nothing", async () => {
      const delegate = await newUser({ role: "delegate", delegation: "KZ" });
      await runner.run(signInWithSingleSignOnCommand, as(PUBLIC), { issuer: ISSUER, subject: "to-unlink", email: delegate.email, isEmailVerified: true, previousTokenHash: null });
      const since = await lastAuditSeq();
      const { result, events, control } = await heard(unlinkSingleSignOnCommand, as(admin), { id: delegate.id });

      expect(result).toMatchObject({ oidcIssuer: null, oidcSubject: null, version: 3 });
      expect(control).toEqual([{ kind: "users-changed", userIds: [delegate.id] }]);
      expect((await auditsAfter(since)).map((a) => [a.action, a.payload])).toEqual([["user.sso-unlinked", { issuer: ISSUER, subject: "to-unlink" }]]);
      expect(onStream(events, STREAMS.users)).toEqual([expect.objectContaining({ type: "user.sso-unlinked", payload: { user: userView(result) } })]);

      const again = await heard(unlinkSingleSignOnCommand, as(admin), { id: delegate.id });
      expect(again.result).toEqual(result);
      expect(again.events).toEqual([]);
    });

    it("is for the administrator only, and answers 404 for an unknown account", async () => {
      const delegate = await newUser({ role: "delegate", delegation: "KZ" });
      expect(await refusal(runner.run(unlinkSingleSignOnCommand, as(kzHead), { id: delegate.id }))).toMatchObject({ status: 403, right: "user.unlink-sso" });
      expect(await refusal(runner.run(unlinkSingleSignOnCommand, as(admin), { id: "no-such-user" }))).toMatchObject({ status: 404 });
    });
  });

  describe("delegations", () => {
    it("opens a delegation for a party of the registry, audited and announced to the secretariat and its members", async () => {
      const since = await lastAuditSeq();
      const { result, events } = await heard(createDelegationCommand, as(admin), { code: "UN" });

      expect(result).toMatchObject({ code: "UN", partyKind: "organization", isActive: true, version: 1, createdAt: NOW });
      expect((await auditsAfter(since)).map((a) => [a.action, a.target, a.payload])).toEqual([["delegation.created", "delegation:UN", { code: "UN", partyKind: "organization" }]]);
      const [event] = onStream(events, STREAMS.delegations);
      expect(event).toMatchObject({ type: "delegation.created", payload: { delegation: { code: "UN", isActive: true, version: 1 } }, audience: delegationAudience("UN") });
      const admits = (reader: AudienceMember) => isInAudience(event!.audience, reader);
      expect(admits(member(admin))).toBe(true);
      expect(admits({ userId: "un-1", role: "delegate", delegation: "UN" })).toBe(true);
      expect(admits(member(kzHead))).toBe(false);
      expect(admits({ userId: null, role: "public", delegation: null })).toBe(false);
    });

    it("opens a delegation once when requests race", async () => {
      const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => runner.run(createDelegationCommand, as(admin), { code: "CICA" })));
      expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
      const refused = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as ProblemError] : []));
      expect(refused.map((problem) => [problem.status, problem.code])).toEqual(Array.from({ length: 5 }, () => [409, "delegation-exists"]));
    });

    it("refuses a party that is not in the registry, one already open, and anyone but the administrator", async () => {
      expect(await refusal(runner.run(createDelegationCommand, as(admin), { code: "ZZ" }))).toMatchObject({ status: 400, errors: [{ field: "body.code", code: "not-in-registry" }] });
      expect(await refusal(runner.run(createDelegationCommand, as(admin), { code: "KZ" }))).toMatchObject({ status: 409, code: "delegation-exists" });
      expect(await refusal(runner.run(createDelegationCommand, as(kzHead), { code: "CIS" }))).toMatchObject({ status: 403, right: "delegation.create" });
      expect(await database.db.select().from(delegations).where(eq(delegations.code, "CIS"))).toEqual([]);
    });

    it("deactivates a delegation against its current version, ending its members' sessions", async () => {
      const by = (await database.db.select().from(delegations).where(eq(delegations.code, "BY")))[0]!;
      const byHead = await user(demoHeadEmail("BY"));
      const byDelegate = await newUser({ role: "delegate", delegation: "BY" });
      const [headSession] = await openSessions(byHead, 1);
      const [delegateSession] = await openSessions(byDelegate, 1);

      const stale = await refusal(runner.run(setDelegationActiveCommand, as(admin), { code: "BY", isActive: false, version: by.version + 1 }));
      expect(stale).toMatchObject({ status: 409, code: "stale-version", current: { code: "BY", isActive: true, version: by.version } });
      expect(await sessionsOf(byHead.id)).toEqual([headSession]);
      expect(await sessionsOf(byDelegate.id)).toEqual([delegateSession]);

      const since = await lastAuditSeq();
      const { result, events, control } = await heard(setDelegationActiveCommand, as(admin), { code: "BY", isActive: false, version: by.version });
      expect(result).toMatchObject({ code: "BY", isActive: false, version: by.version + 1 });
      expect(await sessionsOf(byHead.id)).toEqual([]);
      expect(await sessionsOf(byDelegate.id)).toEqual([]);
      expect(control).toHaveLength(1);
      expect(control[0]).toMatchObject({ kind: "sessions-ended", tokenHashes: [], exceptTokenHash: null });
      expect([...(control[0] as { userIds: string[] }).userIds].sort()).toEqual([byHead.id, byDelegate.id].sort());
      expect((await auditsAfter(since)).map((a) => [a.action, a.target, a.payload])).toEqual([["delegation.updated", "delegation:BY", { isActive: false }]]);
      expect(onStream(events, STREAMS.delegations)).toEqual([
        expect.objectContaining({ type: "delegation.updated", payload: { delegation: { code: "BY", isActive: false, version: by.version + 1 } }, audience: delegationAudience("BY") }),
      ]);
      // Its members cannot sign in any more.
      const address = freshAddress();
      expect(await signIn(runner, as(PUBLIC, NOW, address), { email: byHead.email, password: DEMO_PASSWORD, previousTokenHash: null }).catch((e: unknown) => e)).toBe(SIGN_IN_FAILED);

      // Deactivating it again changes nothing; reactivating it ends no session.
      const unchanged = await heard(setDelegationActiveCommand, as(admin), { code: "BY", isActive: false });
      expect(unchanged.result.version).toBe(by.version + 1);
      expect(unchanged.events).toEqual([]);
      const reactivated = await heard(setDelegationActiveCommand, as(admin), { code: "BY", isActive: true });
      expect(reactivated.result).toMatchObject({ isActive: true, version: by.version + 2 });
      expect(reactivated.control).toEqual([]);
    });

    it("lets only the administrator activate or deactivate, and answers 404 for a delegation not open", async () => {
      expect(await refusal(runner.run(setDelegationActiveCommand, as(kzHead), { code: "KZ", isActive: false }))).toMatchObject({ status: 403, right: "delegation.update" });
      expect(await refusal(runner.run(setDelegationActiveCommand, as(admin), { code: "ASEAN", isActive: false }))).toMatchObject({ status: 404 });
      expect((await database.db.select().from(delegations).where(eq(delegations.code, "KZ")))[0]?.isActive).toBe(true);
    });
  });

  describe("demo accounts", () => {
    it("are created on a first start: an administrator, and a delegation with its head for each state of a standing tier", async () => {
      const registry = (await loadRegistry(database.db))!;
      const tiers = countByTier(timelineOf(registry), utcDay(NOW));
      const standing = registry.organization.tiers.filter((tier) => tier.isStanding).reduce((sum, tier) => sum + (tiers[tier.code] ?? 0), 0);
      expect(standing).toBe(27);

      expect(demo.result).toBe(true);
      expect(admin).toMatchObject({ role: "secretariat_admin", delegation: null });
      expect(kzHead).toMatchObject({ role: "head_of_delegation", delegation: "KZ" });
      expect(await verifyPassword(kzHead.passwordHash, DEMO_PASSWORD)).toBe(true);
      expect(onStream(demo.events, STREAMS.users).filter((event) => event.type === "user.created")).toHaveLength(standing + 1);
      expect(onStream(demo.events, STREAMS.delegations).map((event) => (event.payload.delegation as { code: string }).code).sort()).toEqual(
        registry.states.map((state) => state.code).sort(),
      );
      const [audit] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "identity.demo-accounts-created"));
      expect(audit).toMatchObject({ actorUserId: null, payload: { users: standing + 1 } });
    });

    it("are not created again once there are users", async () => {
      const registry = (await loadRegistry(database.db))!;
      const usersBefore = await database.db.select({ n: count() }).from(users);
      const since = await lastAuditSeq();
      const again = await runner.runWithEvents(createDemoAccountsCommand, systemContext(NOW), { registry, today: utcDay(NOW) });
      expect(again).toEqual({ result: false, events: [] });
      expect(await database.db.select({ n: count() }).from(users)).toEqual(usersBefore);
      expect(await auditsAfter(since)).toEqual([]);
    });
  });
});
