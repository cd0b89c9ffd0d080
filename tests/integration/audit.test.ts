// The audit trail: every command writes its event in the same transaction; edits in SQL are caught by `concord audit verify`.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { and, eq, sql } from "drizzle-orm";
import { auditEvents } from "../../src/server/platform/db/schema.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET, PACKAGE_ROOT } from "../../src/server/config.js";
import { openDatabase, type Database } from "../../src/server/platform/db/client.js";
import { verifyAuditTrail } from "../../src/server/audit/trail.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { SessionClient } from "./session-client.js";
import { testDatabases } from "./databases.js";

const run = promisify(execFile);
const SECRET = "kazakh-delegate-secret-2026";

describe.each(testDatabases)("the audit trail on $name", (testDb) => {
  let app: FastifyInstance;
  let database: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ database, dispose } = await testDb.create());
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    await prepareDemoAccounts(database);
    app = await buildApp({ database });
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  it("records who did what, for which delegation, from where and when, with a payload hash", async () => {
    const admin = new SessionClient(app, "198.51.100.5");
    await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const created = await admin.request("POST", "/api/v1/users", { email: "aigerim@concord.test", displayName: "Aigerim", role: "delegate", delegation: "KZ", password: SECRET });
    expect(created.statusCode).toBe(201);
    const { items } = (await admin.request("GET", "/api/v1/audit?action=user.created")).json();
    expect(items[0]).toMatchObject({
      action: "user.created",
      actorName: "Secretariat administrator (demo)",
      actorDelegation: null,
      address: "198.51.100.5",
      target: `user:${created.json().id}`,
      payload: { email: "aigerim@concord.test", role: "delegate", delegation: "KZ" },
    });
    expect(items[0].payloadHash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(items[0].at).toISOString()).toBe(items[0].at);
  });

  it("never records a password", async () => {
    const admin = new SessionClient(app);
    await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const all = (await admin.request("GET", "/api/v1/audit?limit=500")).json().items;
    expect(JSON.stringify(all)).not.toContain(SECRET);
    expect(JSON.stringify(all)).not.toContain(DEMO_PASSWORD);
  });

  it("writes no event when the command fails", async () => {
    const admin = new SessionClient(app);
    await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const before = (await verifyAuditTrail(database.db)).events;
    const duplicate = await admin.request("POST", "/api/v1/users", { email: "aigerim@concord.test", displayName: "Again", role: "delegate", delegation: "KZ" });
    expect(duplicate.statusCode).toBe(409);
    expect((await verifyAuditTrail(database.db)).events).toBe(before);
  });

  it("shows a delegation only the events of its own actions, and the secretariat everything", async () => {
    const head = new SessionClient(app, "192.0.2.9");
    await head.signIn(demoHeadEmail("KZ"), DEMO_PASSWORD);
    await head.request("POST", "/api/v1/users", { email: "second.kz@concord.test", displayName: "Second", role: "delegate", delegation: "KZ", password: "another-long-one" });
    const own = (await head.request("GET", "/api/v1/audit")).json().items;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((e: { actorDelegation: string }) => e.actorDelegation === "KZ")).toBe(true);
    const other = await head.request("GET", "/api/v1/audit?delegation=CN");
    expect(other.statusCode).toBe(403);
    expect(other.json().right).toBe("audit.list");

    const admin = new SessionClient(app);
    await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const everything = (await admin.request("GET", "/api/v1/audit?limit=500")).json().items;
    expect(new Set(everything.map((e: { actorDelegation: string | null }) => e.actorDelegation)).size).toBeGreaterThan(1);
    const filtered = (await admin.request("GET", "/api/v1/audit?delegation=KZ&action=user.created")).json().items;
    expect(filtered.map((e: { payload: { email: string } }) => e.payload.email)).toEqual(["second.kz@concord.test"]);
    expect((await admin.request("GET", "/api/v1/audit?from=yesterday")).statusCode).toBe(400);
    expect((await new SessionClient(app).request("GET", "/api/v1/audit")).statusCode).toBe(401);
  });

  it("pages newest first", async () => {
    const admin = new SessionClient(app);
    await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const first = (await admin.request("GET", "/api/v1/audit?limit=2")).json();
    expect(first.items).toHaveLength(2);
    expect(first.items[0].seq).toBeGreaterThan(first.items[1].seq);
    const second = (await admin.request("GET", `/api/v1/audit?limit=2&before=${first.nextBefore}`)).json();
    expect(second.items[0].seq).toBe(first.items[1].seq - 1);
  });

  it("verifies a trail page by page: the same answer whatever the page, an edit found on any page", async () => {
    const whole = await verifyAuditTrail(database.db);
    expect(whole.broken).toBeNull();
    expect(whole.events).toBeGreaterThan(6);
    for (const page of [1, 2, 5, whole.events, whole.events + 1]) expect(await verifyAuditTrail(database.db, page)).toEqual(whole);
    const seq = whole.events - 1;
    const [kept] = await database.db.select().from(auditEvents).where(eq(auditEvents.seq, seq));
    await database.db.execute(sql`update audit_events set target = 'forged' where seq = ${seq}`);
    for (const page of [1, 3, 1000]) {
      expect(await verifyAuditTrail(database.db, page)).toEqual({ events: whole.events, broken: expect.objectContaining({ seq, reason: "hash-mismatch" }), head: whole.head });
    }
    await database.db.execute(sql`delete from audit_events where seq = ${seq}`);
    expect((await verifyAuditTrail(database.db, 2)).broken).toMatchObject({ seq: seq + 1, reason: "sequence-gap" });
    // Put back as it was, for the tests after this one.
    await database.db.insert(auditEvents).values(kept!);
    expect(await verifyAuditTrail(database.db, 2)).toEqual(whole);
  });

  it("verifies, and names the first event edited or deleted directly in SQL", async () => {
    expect((await verifyAuditTrail(database.db)).broken).toBeNull();
    await database.db.execute(sql`update audit_events set payload = jsonb_set(payload, '{role}', '"secretariat_admin"') where action = 'user.created' and payload->>'email' = 'aigerim@concord.test'`);
    const [edited] = await database.db
      .select({ seq: auditEvents.seq })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "user.created"), sql`${auditEvents.payload}->>'email' = 'aigerim@concord.test'`));
    const seq = edited!.seq;
    expect((await verifyAuditTrail(database.db)).broken).toMatchObject({ seq, reason: "payload-mismatch" });
  });
});

describe("concord audit verify", () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  const verify = async (dataDir: string) => {
    try {
      const { stdout } = await run(process.execPath, ["--import", "tsx", "src/server/cli.ts", "audit", "verify"], { cwd: PACKAGE_ROOT, env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir } });
      return { code: 0, output: stdout };
    } catch (error) {
      const e = error as { code: number; stderr: string };
      return { code: e.code, output: e.stderr };
    }
  };
  /** A database with a few audit events, closed so the command can open it. */
  async function trail(): Promise<string> {
    const dataDir = await mkdtemp(join(tmpdir(), "concord-audit-"));
    dirs.push(dataDir);
    const database = await openDatabase({ dataDir });
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    await prepareDemoAccounts(database);
    const app = await buildApp({ database });
    const admin = new SessionClient(app);
    await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    for (const name of ["one", "two", "three"]) {
      await admin.request("POST", "/api/v1/users", { email: `${name}@concord.test`, displayName: name, role: "secretariat_officer" });
    }
    await app.close();
    await database.close();
    return dataDir;
  }
  async function tamper(dataDir: string, statement: string): Promise<void> {
    const database = await openDatabase({ dataDir });
    await database.db.execute(sql.raw(statement));
    await database.close();
  }

  it("exits 0 on an intact trail", async () => {
    const result = await verify(await trail());
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/holds: \d+ events/);
  }, 60_000);

  it("exits non-zero and names the event after a row is altered in SQL", async () => {
    const dataDir = await trail();
    await tamper(dataDir, "update audit_events set action = 'user.updated' where seq = 3");
    const result = await verify(dataDir);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/broken at event #3 \([0-9a-f-]{36}\): its content does not match its hash/);
  }, 60_000);

  it("names the event after a deleted one", async () => {
    const dataDir = await trail();
    await tamper(dataDir, "delete from audit_events where seq = 2");
    const result = await verify(dataDir);
    expect(result.code).toBe(1);
    expect(result.output).toContain("broken at event #3");
    expect(result.output).toContain("deleted");
  }, 60_000);
});
