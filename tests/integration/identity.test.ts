// Sign-in, sessions, CSRF, throttling and passwords through the API, with a clock the test moves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { SessionSchema } from "../../src/contracts/identity.js";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import type { Database } from "../../src/server/platform/db/client.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "../../src/server/identity/session-store.js";
import { prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { ACCOUNT_ADDRESS_THROTTLE, ADDRESS_THROTTLE, delayAfter } from "../../src/domain/throttle.js";
import { SessionClient } from "./session-client.js";
import { testDatabases } from "./databases.js";

describe.each(testDatabases)("identity on $name", (testDb) => {
  let app: FastifyInstance;
  let database: Database;
  let dispose: () => Promise<void>;
  let clock = new Date("2026-11-25T09:00:00Z").getTime();

  beforeAll(async () => {
    const created = await testDb.create();
    ({ database, dispose } = created);
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    expect(await prepareDemoAccounts(database, new Date(clock))).toBe(true);
    app = await buildApp({ database, now: () => new Date(clock), cookieSecret: "x".repeat(40) });
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  it("has demo accounts: an administrator and a head of delegation for each of the 27 states", async () => {
    const admin = new SessionClient(app);
    expect((await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD)).statusCode).toBe(200);
    const users = (await admin.request("GET", "/api/v1/users")).json().items;
    expect(users.filter((u: { role: string }) => u.role === "head_of_delegation")).toHaveLength(27);
    const delegations = (await admin.request("GET", "/api/v1/delegations")).json().items;
    expect(delegations.map((d: { tier: string }) => d.tier).filter((t: string) => t === "member")).toHaveLength(10);
  });

  it("signs in with a session cookie that is HttpOnly and SameSite, and signs out", async () => {
    const client = new SessionClient(app);
    const response = await client.signIn(demoHeadEmail("KZ"), DEMO_PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers["set-cookie"]).split(/,(?=\s*concord)/).find((c) => c.includes("concord_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const session = (await client.request("GET", "/api/v1/session")).json();
    // The answer, assembled from cached parts, is exactly the contract's shape, signed in and out.
    expect(SessionSchema.strict().parse(session)).toEqual(session);
    expect(SessionSchema.strict().parse((await app.inject({ method: "GET", url: "/api/v1/session" })).json()).user).toBeNull();
    expect(session.user.email).toBe("head.kz@concord.test");
    expect(session.actor).toMatchObject({ role: "head_of_delegation", delegation: "KZ", tier: "member", isChair: false });
    expect(session.actor.rights.object).toBe(true);
    expect((await client.request("DELETE", "/api/v1/session")).statusCode).toBe(204);
    expect((await client.request("GET", "/api/v1/session")).json().user).toBeNull();
  });

  it("marks the cookie Secure behind HTTPS", async () => {
    const response = await app.inject({ method: "GET", url: "/api/v1/session", headers: { "x-forwarded-proto": "https" } });
    // Without trustProxy the forwarded protocol is ignored: the cookie must not claim Secure over plain HTTP.
    expect(String(response.headers["set-cookie"])).not.toMatch(/Secure/);
    const behindProxy = await buildApp({ database, now: () => new Date(clock), trustProxy: true });
    const client = new SessionClient(behindProxy);
    await client.refreshCsrf();
    const signedIn = await behindProxy.inject({
      method: "POST",
      url: "/api/v1/session",
      headers: { "x-forwarded-proto": "https" },
      payload: { email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD },
    });
    // No CSRF token: refused before anything else.
    expect(signedIn.statusCode).toBe(403);
    const health = await behindProxy.inject({ method: "GET", url: "/api/health", headers: { "x-forwarded-proto": "https" } });
    expect(health.headers["strict-transport-security"]).toContain("max-age=");
    await behindProxy.close();
  });

  it("refuses a state-changing request without the CSRF token", async () => {
    const client = new SessionClient(app);
    const response = await client.request("POST", "/api/v1/session", { email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD }, { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: "csrf" });
    expect(client.hasSession).toBe(false);
  });

  it("gives one generic answer for an unknown account, a wrong password and a deactivated account", async () => {
    const admin = new SessionClient(app, "198.51.100.20");
    await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const created = await admin.request("POST", "/api/v1/users", { email: "gone@concord.test", displayName: "Gone", role: "secretariat_officer", password: "a-long-password" });
    expect(created.statusCode).toBe(201);
    expect((await admin.request("PATCH", `/api/v1/users/${created.json().id}`, { isActive: false })).statusCode).toBe(200);

    const bodies = [];
    for (const [email, password] of [["nobody@concord.test", "whatever-1234"], [DEMO_ADMIN_EMAIL, "wrong-password"], ["gone@concord.test", "a-long-password"]]) {
      const response = await new SessionClient(app, `198.51.100.${bodies.length + 30}`).signIn(email!, password!);
      expect(response.statusCode).toBe(401);
      const { instance: _instance, ...rest } = response.json();
      bodies.push(rest);
    }
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    expect(bodies[0]).toMatchObject({ code: "sign-in-failed" });
  });

  it("slows repeated wrong passwords from one address down as the docs say: three free, then 1 s, 2 s, 4 s…", async () => {
    const email = demoHeadEmail("PK");
    const attacker = new SessionClient(app, "203.0.113.9");
    // Try again at once after every answer; when told to wait, move the test clock by exactly the wait.
    const observed: (number | "401")[] = [];
    for (let step = 0; step < 10; step += 1) {
      const response = await attacker.signIn(email, "not-the-password");
      if (response.statusCode === 429) {
        expect(response.json()).toMatchObject({ code: "sign-in-paused" });
        const seconds = Number(response.headers["retry-after"]);
        observed.push(seconds);
        clock += seconds * 1000;
      } else {
        expect(response.statusCode).toBe(401);
        observed.push("401");
      }
    }
    expect(observed).toEqual(["401", "401", "401", 1, "401", 2, "401", 4, "401", 8]);
    expect([3, 4, 5, 6, 7].map((n) => delayAfter(n, ACCOUNT_ADDRESS_THROTTLE) / 1000)).toEqual([1, 2, 4, 8, 16]);
    // The seventh failure: the next attempt must wait 16 s.
    expect((await attacker.signIn(email, "not-the-password")).statusCode).toBe(401);

    // The owner, from another address, is not kept out by the attacker's failures.
    const owner = await new SessionClient(app, "192.0.2.44").signIn(email, DEMO_PASSWORD);
    expect(owner.statusCode).toBe(200);
    // Another account from the attacker's address is not paused either (the address allows more, see the next test).
    expect((await new SessionClient(app, "203.0.113.9").signIn(demoHeadEmail("IN"), DEMO_PASSWORD)).statusCode).toBe(200);

    // While paused, even the right password is refused from the attacker's address; after the wait it gets in.
    const paused = await attacker.signIn(email, DEMO_PASSWORD);
    expect(paused.statusCode).toBe(429);
    expect(Number(paused.headers["retry-after"])).toBe(16);
    clock += 16_000;
    expect((await attacker.signIn(email, DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it("pauses an address that tries many accounts, after thirty failures, for every account from it", async () => {
    const sprayer = "203.0.113.77";
    const accounts = ["AF", "AZ", "AM", "KH", "NP", "LK", "EG", "QA", "SA", "AE", "BH", "KW", "MM", "MV", "TR"].map(demoHeadEmail);
    let failures = 0;
    for (let i = 0; failures < ADDRESS_THROTTLE.freeFailures; i += 1) {
      const response = await new SessionClient(app, sprayer).signIn(accounts[i % accounts.length]!, `guess-${i}`);
      expect(response.statusCode).toBe(401);
      failures += 1;
    }
    const next = await new SessionClient(app, sprayer).signIn(demoHeadEmail("BY"), DEMO_PASSWORD);
    expect(next.statusCode).toBe(429);
    expect(Number(next.headers["retry-after"])).toBe(1);
    // Elsewhere, the same accounts sign in.
    expect((await new SessionClient(app, "192.0.2.45").signIn(demoHeadEmail("BY"), DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it("does not let a delegation behind one router use up its address's allowance by signing in", async () => {
    const office = "198.51.100.200";
    for (let i = 0; i < ADDRESS_THROTTLE.freeFailures + 5; i += 1) {
      expect((await new SessionClient(app, office).signIn(demoHeadEmail("KZ"), DEMO_PASSWORD)).statusCode).toBe(200);
    }
    // A few mistypes in the office do not pause anyone else there.
    expect((await new SessionClient(app, office).signIn(demoHeadEmail("KZ"), "mistyped")).statusCode).toBe(401);
    expect((await new SessionClient(app, office).signIn(demoHeadEmail("CN"), DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it("counts a burst of forty parallel wrong passwords one by one: three are tried, the rest paused, and a right password in the burst does not slip through", async () => {
    const email = demoHeadEmail("TJ");
    const address = "203.0.113.40";
    const clients = Array.from({ length: 41 }, () => new SessionClient(app, address));
    await Promise.all(clients.map((c) => c.refreshCsrf()));
    const attempts = clients.map((client, i) => client.request("POST", "/api/v1/session", { email, password: i === 40 ? DEMO_PASSWORD : `wrong-${i}` }));
    const statuses = (await Promise.all(attempts)).map((r) => r.statusCode);
    const tried = statuses.filter((s) => s === 401 || s === 200).length;
    expect(tried).toBe(ACCOUNT_ADDRESS_THROTTLE.freeFailures);
    expect(statuses.filter((s) => s === 429)).toHaveLength(41 - ACCOUNT_ADDRESS_THROTTLE.freeFailures);
    expect(statuses.every((s) => s === 401 || s === 200 || s === 429)).toBe(true);
  });

  it("ends a session after two idle hours and after twelve hours in any case", async () => {
    const client = new SessionClient(app, "192.0.2.50");
    await client.signIn(demoHeadEmail("CN"), DEMO_PASSWORD);
    clock += SESSION_IDLE_MS - 60_000;
    expect((await client.request("GET", "/api/v1/session")).json().user?.email).toBe("head.cn@concord.test");
    clock += SESSION_IDLE_MS;
    expect((await client.request("GET", "/api/v1/session")).json().user).toBeNull();

    const busy = new SessionClient(app, "192.0.2.51");
    await busy.signIn(demoHeadEmail("CN"), DEMO_PASSWORD);
    for (let elapsed = 0; elapsed < SESSION_ABSOLUTE_MS; elapsed += SESSION_IDLE_MS / 2) {
      clock += SESSION_IDLE_MS / 2;
      await busy.request("GET", "/api/v1/session");
    }
    expect((await busy.request("GET", "/api/v1/session")).json().user).toBeNull();
  });

  it("changes one's own password: the old one stops working, other sessions end", async () => {
    const phone = new SessionClient(app, "192.0.2.60");
    const laptop = new SessionClient(app, "192.0.2.61");
    await phone.signIn(demoHeadEmail("UZ"), DEMO_PASSWORD);
    await laptop.signIn(demoHeadEmail("UZ"), DEMO_PASSWORD);
    const wrong = await laptop.request("POST", "/api/v1/session/password", { currentPassword: "nope", newPassword: "a-brand-new-password" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe("wrong-password");
    const short = await laptop.request("POST", "/api/v1/session/password", { currentPassword: DEMO_PASSWORD, newPassword: "short" });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe("body.newPassword");
    expect((await laptop.request("POST", "/api/v1/session/password", { currentPassword: DEMO_PASSWORD, newPassword: "a-brand-new-password" })).statusCode).toBe(204);
    expect((await laptop.request("GET", "/api/v1/session")).json().user?.email).toBe("head.uz@concord.test");
    expect((await phone.request("GET", "/api/v1/session")).json().user).toBeNull();
    expect((await new SessionClient(app, "192.0.2.62").signIn(demoHeadEmail("UZ"), DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await new SessionClient(app, "192.0.2.63").signIn(demoHeadEmail("UZ"), "a-brand-new-password")).statusCode).toBe(200);
  });

  it("keeps the members of a deactivated delegation out until it is active again", async () => {
    const admin = new SessionClient(app, "192.0.2.80");
    await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const member = new SessionClient(app, "192.0.2.81");
    await member.signIn(demoHeadEmail("MV"), DEMO_PASSWORD);
    expect((await admin.request("PATCH", "/api/v1/delegations/MV", { isActive: false })).statusCode).toBe(200);
    expect((await member.request("GET", "/api/v1/session")).json().user).toBeNull();
    const refused = await new SessionClient(app, "192.0.2.82").signIn(demoHeadEmail("MV"), DEMO_PASSWORD);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe("sign-in-failed");
    expect((await admin.request("PATCH", "/api/v1/delegations/MV", { isActive: true })).statusCode).toBe(200);
    expect((await new SessionClient(app, "192.0.2.83").signIn(demoHeadEmail("MV"), DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it("refuses bad input with problem details and writes nothing", async () => {
    const admin = new SessionClient(app, "192.0.2.70");
    await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const before = (await admin.request("GET", "/api/v1/users")).json().items.length;
    const cases: [unknown, string][] = [
      [{ email: "not-an-email", displayName: "X", role: "delegate", delegation: "KZ" }, "body.email"],
      [{ email: "a@concord.test", displayName: "X", role: "emperor", delegation: "KZ" }, "body.role"],
      [{ email: "a@concord.test", displayName: "X", role: "delegate" }, "body.delegation"],
      [{ email: "a@concord.test", displayName: "X", role: "secretariat_officer", delegation: "KZ" }, "body.delegation"],
      [{ email: "a@concord.test", displayName: "X", role: "delegate", delegation: "ZZ" }, "body.delegation"],
      [{ email: "a@concord.test", displayName: "X", role: "delegate", delegation: "KZ", password: "short" }, "body.password"],
      [{ email: DEMO_ADMIN_EMAIL, displayName: "X", role: "secretariat_officer" }, "body.email"],
    ];
    for (const [body, field] of cases) {
      const response = await admin.request("POST", "/api/v1/users", body);
      expect([400, 409]).toContain(response.statusCode);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const malformed = await app.inject({ method: "POST", url: "/api/v1/users", headers: { "content-type": "application/json" }, payload: "{not json" });
    expect(malformed.statusCode).toBeGreaterThanOrEqual(400);
    expect(malformed.statusCode).toBeLessThan(500);
    const huge = await admin.request("POST", "/api/v1/users", { email: "big@concord.test", displayName: "x".repeat(2 * 1024 * 1024), role: "secretariat_officer" });
    expect(huge.statusCode).toBe(413);
    expect((await admin.request("GET", "/api/v1/users")).json().items.length).toBe(before);
  });
});
