// What is unique or counted, under parallel requests; and several server instances on one PostgreSQL database,
// each with its own connection pool, LISTEN connection and caches, as separate processes would have.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { eq } from "drizzle-orm";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import { openDatabase, type Database } from "../../src/server/platform/db/client.js";
import { auditEvents } from "../../src/server/audit/tables.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { users } from "../../src/server/identity/tables.js";
import { readRegistry } from "../../src/server/registry/dataset-files.js";
import { importRegistry, prepareDatabase, prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { testDatabases } from "./databases.js";
import { LiveClient } from "./live-client.js";
import { SessionClient } from "./session-client.js";

describe.each(testDatabases)("parallel requests on $name", (testDb) => {
  let app: FastifyInstance;
  let dispose: () => Promise<void>;
  let admin: SessionClient;

  beforeAll(async () => {
    const created = await testDb.create();
    dispose = created.dispose;
    await created.database.migrate();
    await seedIfEmpty(created.database, DEFAULT_DATASET);
    await prepareDemoAccounts(created.database);
    app = await buildApp({ database: created.database });
    admin = new SessionClient(app, "192.0.2.10");
    await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  it("creates an account once when ten requests race with the same email: one 201, nine 409 email-taken, never a 500", async () => {
    const body = { email: "race@concord.test", displayName: "Race", role: "secretariat_officer", password: "race-password-1" };
    const responses = await Promise.all(Array.from({ length: 10 }, () => admin.request("POST", "/api/v1/users", body)));
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    for (const refused of responses.filter((r) => r.statusCode === 409)) {
      expect(refused.json()).toMatchObject({ code: "email-taken", errors: [{ field: "body.email", code: "taken" }] });
      // The administrator may see the account, so the conflict carries it.
      expect(refused.json().current).toMatchObject({ email: "race@concord.test" });
    }
    const listed = (await admin.request("GET", "/api/v1/users")).json().items.filter((u: { email: string }) => u.email === "race@concord.test");
    expect(listed).toHaveLength(1);
  });

  it("opens a delegation once when requests race", async () => {
    const responses = await Promise.all(Array.from({ length: 6 }, () => admin.request("POST", "/api/v1/delegations", { code: "UN" })));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(responses.filter((r) => r.statusCode === 409).every((r) => r.json().code === "delegation-exists")).toBe(true);
  });

  it("refuses a change made against an older version with 409 and the current state, and applies nothing", async () => {
    const created = (await admin.request("POST", "/api/v1/users", { email: "versioned@concord.test", displayName: "First", role: "secretariat_officer" })).json();
    expect(created.version).toBe(1);
    const first = await admin.request("PATCH", `/api/v1/users/${created.id}`, { displayName: "Second", version: 1 });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await admin.request("PATCH", `/api/v1/users/${created.id}`, { displayName: "Third", version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: "stale-version", current: { displayName: "Second", version: 2 } });
    const after = (await admin.request("GET", "/api/v1/users")).json().items.find((u: { id: string }) => u.id === created.id);
    expect(after).toMatchObject({ displayName: "Second", version: 2 });

    const delegation = (await admin.request("GET", "/api/v1/delegations/KZ")).json();
    // Two administrators, both looking at the same version, both deactivate it: the second is told it changed.
    const racing = await Promise.all([1, 2].map(() => admin.request("PATCH", "/api/v1/delegations/KZ", { isActive: false, version: delegation.version })));
    const statuses = racing.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 409]);
    expect(racing.find((r) => r.statusCode === 409)!.json()).toMatchObject({ code: "stale-version", current: { code: "KZ", isActive: false, version: delegation.version + 1 } });
    await admin.request("PATCH", "/api/v1/delegations/KZ", { isActive: true });
  });
});

const postgres = testDatabases.find((d) => d.name === "postgresql");

describe.skipIf(!postgres)("several server instances on one PostgreSQL database", () => {
  let url: string;
  let dispose: () => Promise<void>;
  let databases: Database[] = [];
  let apps: FastifyInstance[] = [];

  beforeAll(async () => {
    const created = await postgres!.create();
    url = created.url!;
    dispose = async () => {
      for (const app of apps) await app.close();
      for (const database of databases) await database.close();
      await created.dispose();
    };
  });
  afterAll(async () => {
    await dispose?.();
  });

  it("prepares an empty database once when two start at the same moment: one dataset load, one set of demo accounts", async () => {
    databases = await Promise.all([0, 1].map(() => openDatabase({ databaseUrl: url, poolSize: 4 })));
    const prepared = await Promise.all(databases.map((database) => prepareDatabase(database, { dataset: DEFAULT_DATASET, demoAccounts: true })));
    expect(prepared.map((p) => p.isSeeded).sort()).toEqual([false, true]);
    expect(prepared.every((p) => p.hasDemoAccounts)).toBe(true);
    // Both agree on the cookie secret kept in the database.
    expect(prepared[0]!.cookieSecret).toBe(prepared[1]!.cookieSecret);
    const db = databases[0]!.db;
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "registry.imported"))).toHaveLength(1);
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "identity.demo-accounts-created"))).toHaveLength(1);
    expect(await db.select().from(users).where(eq(users.email, DEMO_ADMIN_EMAIL))).toHaveLength(1);
    apps = await Promise.all(databases.map((database) => buildApp({ database })));
  });

  it("accepts on one instance the session and CSRF token issued by the other, with no shared setting but the database", async () => {
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    const onA = new SessionClient(a, "192.0.2.20");
    await onA.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const onB = onA.on(b);
    expect((await onB.request("GET", "/api/v1/session")).json().user.email).toBe(DEMO_ADMIN_EMAIL);
    const created = await onB.request("POST", "/api/v1/users", { email: "from-b@concord.test", displayName: "From B", role: "secretariat_officer" });
    expect(created.statusCode).toBe(201);
    // Signing out through A ends the session on B too.
    expect((await onA.request("DELETE", "/api/v1/session")).statusCode).toBe(204);
    await a.services.feed.settled();
    await b.services.feed.settled();
    // B hears of it through the database (the session row, or the notification that drops its cache): asked until it
    // answers signed out, for up to 5 s.
    const deadline = Date.now() + 5_000;
    let user: unknown = undefined;
    while (Date.now() < deadline) {
      user = (await onB.request("GET", "/api/v1/session")).json().user;
      if (user === null) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(user).toBeNull();
  });

  it("serves on one instance the registry change recorded through the other, and loses neither of two changes made at once on both", async () => {
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    const onA = new SessionClient(a, "192.0.2.23");
    await onA.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const onB = onA.on(b);
    const state = (code: string, isoNumeric: string) => ({ reason: `add ${code}`, changes: [{ put: "states", record: { code, isoNumeric, names: { zh: code, ru: code, en: code }, source: "seed" } }] });
    const [first, second] = await Promise.all([onA.request("POST", "/api/v1/registry/changes", state("QX", "991")), onB.request("POST", "/api/v1/registry/changes", state("QY", "992"))]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    await a.services.feed.settled();
    await b.services.feed.settled();
    for (const app of [a, b]) {
      await expect
        .poll(async () => {
          const [x, y] = await Promise.all(["QX", "QY"].map((code) => app.inject({ method: "GET", url: `/api/v1/states/${code}` })));
          return [x!.statusCode, y!.statusCode];
        })
        .toEqual([200, 200]);
    }
  });

  it("delivers a change made through one instance live to a client of the other", async () => {
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    await a.listen({ port: 0, host: "127.0.0.1" });
    const address = a.server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    const watcher = new SessionClient(a, "192.0.2.21");
    await watcher.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const live = await LiveClient.connect(baseUrl, { cookie: watcher.cookieHeader });
    await live.subscribe([{ stream: "users", after: null }, { stream: "delegations", after: null }]);
    const actor = new SessionClient(b, "192.0.2.22");
    await actor.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    await actor.request("POST", "/api/v1/users", { email: "via-b@concord.test", displayName: "Via B", role: "delegate", delegation: "KZ" });
    await actor.request("PATCH", "/api/v1/delegations/MN", { isActive: false });
    await live.until(() => live.events().length === 2);
    expect(live.events().map((e) => `${e.stream}:${e.type}`)).toEqual(["users:user.created", "delegations:delegation.updated"]);
    live.close();
  });

  it("creates an account once when the same email races through both instances", async () => {
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    const onA = new SessionClient(a, "192.0.2.30");
    await onA.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const onB = new SessionClient(b, "192.0.2.31");
    await onB.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const body = { email: "both@concord.test", displayName: "Both", role: "secretariat_officer" };
    const responses = await Promise.all([onA, onB, onA, onB].map((client) => client.request("POST", "/api/v1/users", body)));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
  });

  it("counts sign-in failures across instances: a burst spread over both tries no more than three passwords", async () => {
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    const clients = Array.from({ length: 20 }, (_, i) => new SessionClient(i % 2 === 0 ? a : b, "203.0.113.50"));
    await Promise.all(clients.map((c) => c.refreshCsrf()));
    const statuses = (await Promise.all(clients.map((c, i) => c.request("POST", "/api/v1/session", { email: demoHeadEmail("AZ"), password: `wrong-${i}` })))).map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(17);
  });

  it("refreshes every instance's registry when one imports, so reads on the other show it at once", async () => {
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    const registry = await readRegistry(DEFAULT_DATASET);
    const renamed = { ...registry, states: registry.states.map((s) => (s.code === "KZ" ? { ...s, names: { ...s.names, en: "Kazakhstan (renamed)" } } : s)) };
    await importRegistry(databases[1]!, renamed, { replace: true, origin: "test" });
    await b.services.feed.settled();
    await a.services.feed.settled();
    const deadline = Date.now() + 5_000;
    let name = "";
    while (Date.now() < deadline) {
      const states = (await a.inject({ method: "GET", url: "/api/v1/states" })).json().items as { code: string; names: { en: string } }[];
      name = states.find((s) => s.code === "KZ")!.names.en;
      if (name === "Kazakhstan (renamed)") break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(name).toBe("Kazakhstan (renamed)");
  });
});
