// Live delivery through /api/live: who may connect, who receives what, catch-up after a disconnection, and sockets closed when sessions end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { LIVE_CLOSE, LIVE_LIMITS } from "../../src/contracts/live.js";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import type { Database } from "../../src/server/platform/db/client.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { testDatabases } from "./databases.js";
import { LiveClient } from "./live-client.js";
import { SessionClient } from "./session-client.js";

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

describe.each(testDatabases)("live delivery on $name", (testDb) => {
  let app: FastifyInstance;
  let database: Database;
  let dispose: () => Promise<void>;
  let baseUrl: string;
  let counter = 0;
  const admin = () => new SessionClient(app, `192.0.2.${(counter += 1)}`);

  beforeAll(async () => {
    const created = await testDb.create();
    ({ database, dispose } = created);
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    await prepareDemoAccounts(database);
    app = await buildApp({ database });
    baseUrl = await listen(app);
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  async function signedIn(email: string): Promise<SessionClient> {
    const client = admin();
    expect((await client.signIn(email, DEMO_PASSWORD)).statusCode).toBe(200);
    return client;
  }

  it("refuses an anonymous socket (401) and one opened by another site's page (403)", async () => {
    await expect(LiveClient.connect(baseUrl)).rejects.toMatchObject({ status: 401 });
    const client = await signedIn(DEMO_ADMIN_EMAIL);
    await expect(LiveClient.connect(baseUrl, { cookie: client.cookieHeader, origin: "https://evil.example" })).rejects.toMatchObject({ status: 403 });
    await expect(LiveClient.connect(baseUrl, { cookie: client.cookieHeader, origin: null })).rejects.toMatchObject({ status: 403 });
    const live = await LiveClient.connect(baseUrl, { cookie: client.cookieHeader });
    await live.until((ms) => ms[0]?.type === "hello");
    live.close();
  });

  it("closes a connection that sends a message over the size limit (16 KiB)", async () => {
    const client = await signedIn(DEMO_ADMIN_EMAIL);
    const live = await LiveClient.connect(baseUrl, { cookie: client.cookieHeader });
    await live.until((ms) => ms.length > 0);
    live.send({ type: "subscribe", streams: [{ stream: "users", after: null }], padding: "x".repeat(LIVE_LIMITS.clientMessageBytes) });
    expect((await live.closedWith()).code).toBe(1009);
  });

  it("tells every live client of a change the secretariat records in the registry, at once", async () => {
    const acting = await signedIn(DEMO_ADMIN_EMAIL);
    const kzHead = await signedIn(demoHeadEmail("KZ"));
    const kzLive = await LiveClient.connect(baseUrl, { cookie: kzHead.cookieHeader });
    await kzLive.subscribe([{ stream: "registry", after: null }]);
    const change = { put: "sources", record: { key: "live-test", title: { zh: "测试", ru: "Тест", en: "Test" } } };
    expect((await acting.request("POST", "/api/v1/registry/changes", { reason: "live test", changes: [change] })).statusCode).toBe(200);
    await kzLive.until(() => kzLive.events("registry").length === 1);
    expect(kzLive.events("registry")[0]).toMatchObject({ type: "registry.changed", payload: { changes: [{ put: "sources", key: "live-test", outcome: "added" }] } });
  });

  it("tells the secretariat of a new account at once, and a head of delegation only of their own delegation's", async () => {
    const acting = await signedIn(DEMO_ADMIN_EMAIL);
    const watching = await signedIn(DEMO_ADMIN_EMAIL);
    const kzHead = await signedIn(demoHeadEmail("KZ"));
    const adminLive = await LiveClient.connect(baseUrl, { cookie: watching.cookieHeader });
    const kzLive = await LiveClient.connect(baseUrl, { cookie: kzHead.cookieHeader });
    await adminLive.subscribe([{ stream: "users", after: null }]);
    await kzLive.subscribe([{ stream: "users", after: null }]);

    const created = await acting.request("POST", "/api/v1/users", { email: "live.kz@concord.test", displayName: "Live KZ", role: "delegate", delegation: "KZ", password: "live-password-1" });
    expect(created.statusCode).toBe(201);
    const other = await acting.request("POST", "/api/v1/users", { email: "live.cn@concord.test", displayName: "Live CN", role: "delegate", delegation: "CN", password: "live-password-1" });
    expect(other.statusCode).toBe(201);

    await adminLive.until(() => adminLive.events("users").length === 2);
    expect(adminLive.events("users").map((e) => [e.type, (e.payload.user as { email: string }).email])).toEqual([
      ["user.created", "live.kz@concord.test"],
      ["user.created", "live.cn@concord.test"],
    ]);
    await kzLive.until(() => kzLive.events("users").length === 1);
    // Everything committed has been delivered to the administrator, so the head's silence about China is not a matter of time.
    expect(kzLive.events("users").map((e) => (e.payload.user as { email: string }).email)).toEqual(["live.kz@concord.test"]);
    adminLive.close();
    kzLive.close();
  });

  it("gives a client that was disconnected during three changes exactly those three on reconnect, then live ones once", async () => {
    const acting = await signedIn(DEMO_ADMIN_EMAIL);
    const watcher = await signedIn(DEMO_ADMIN_EMAIL);
    const first = await LiveClient.connect(baseUrl, { cookie: watcher.cookieHeader });
    await first.subscribe([{ stream: "users", after: null }]);
    const seen = first.lastSeq("users");
    first.close();
    await first.closedWith();

    for (const name of ["away-1", "away-2", "away-3"]) {
      const response = await acting.request("POST", "/api/v1/users", { email: `${name}@concord.test`, displayName: name, role: "secretariat_officer", password: "away-password-1" });
      expect(response.statusCode).toBe(201);
    }
    const back = await LiveClient.connect(baseUrl, { cookie: watcher.cookieHeader });
    await back.subscribe([{ stream: "users", after: seen }]);
    expect(back.events("users").map((e) => (e.payload.user as { email: string }).email)).toEqual(["away-1@concord.test", "away-2@concord.test", "away-3@concord.test"]);
    expect(back.events("users").map((e) => e.seq)).toEqual([seen + 1, seen + 2, seen + 3]);

    await acting.request("POST", "/api/v1/users", { email: "back-live@concord.test", displayName: "Back", role: "secretariat_officer", password: "away-password-1" });
    await back.until(() => back.events("users").length === 4);
    // One more event after it: once that has arrived, whatever was coming before it has too (one connection delivers in
    // order), so nothing arrived twice.
    await acting.request("POST", "/api/v1/users", { email: "after-live@concord.test", displayName: "After", role: "secretariat_officer", password: "away-password-1" });
    await back.until(() => back.events("users").some((e) => (e.payload.user as { email: string }).email === "after-live@concord.test"));
    expect(back.events("users").map((e) => e.seq)).toEqual([seen + 1, seen + 2, seen + 3, seen + 4, seen + 5]);
    back.close();
  });

  it("announces each audit event to the secretariat, and to a delegation only its own actions", async () => {
    const watcher = await signedIn(DEMO_ADMIN_EMAIL);
    const kyrgyz = await signedIn(demoHeadEmail("KG"));
    const adminLive = await LiveClient.connect(baseUrl, { cookie: watcher.cookieHeader });
    const kgLive = await LiveClient.connect(baseUrl, { cookie: kyrgyz.cookieHeader });
    await adminLive.subscribe([{ stream: "audit", after: null }]);
    await kgLive.subscribe([{ stream: "audit", after: null }]);
    await kyrgyz.request("POST", "/api/v1/users", { email: "kg.delegate@concord.test", displayName: "KG delegate", role: "delegate", delegation: "KG", password: "kg-password-12" });
    await (await signedIn(demoHeadEmail("UZ"))).request("DELETE", "/api/v1/session");
    await adminLive.until(() => adminLive.events("audit").some((e) => e.payload.action === "session.signed-out"));
    expect(kgLive.events("audit").map((e) => e.payload.action)).toEqual(["user.created"]);
    adminLive.close();
    kgLive.close();
  });

  it("closes a socket as soon as its session ends: sign-out, deactivation of the user, of the delegation", async () => {
    const signingOut = await signedIn(demoHeadEmail("TJ"));
    const live = await LiveClient.connect(baseUrl, { cookie: signingOut.cookieHeader });
    await live.subscribe([{ stream: "audit", after: null }]);
    expect((await signingOut.request("DELETE", "/api/v1/session")).statusCode).toBe(204);
    expect((await live.closedWith()).code).toBe(LIVE_CLOSE.sessionEnded);
    // Nothing reaches a connection after its session ended, not even the audit event of its own sign-out.
    expect(live.events("audit")).toEqual([]);

    const acting = await signedIn(DEMO_ADMIN_EMAIL);
    const users = (await acting.request("GET", "/api/v1/users?delegation=IN")).json().items as { id: string }[];
    const india = await signedIn(demoHeadEmail("IN"));
    const indiaLive = await LiveClient.connect(baseUrl, { cookie: india.cookieHeader });
    await indiaLive.until((ms) => ms.length > 0);
    expect((await acting.request("PATCH", `/api/v1/users/${users[0]!.id}`, { isActive: false })).statusCode).toBe(200);
    expect((await indiaLive.closedWith()).code).toBe(LIVE_CLOSE.sessionEnded);

    const pakistan = await signedIn(demoHeadEmail("PK"));
    const pakistanLive = await LiveClient.connect(baseUrl, { cookie: pakistan.cookieHeader });
    await pakistanLive.until((ms) => ms.length > 0);
    expect((await acting.request("PATCH", "/api/v1/delegations/PK", { isActive: false })).statusCode).toBe(200);
    expect((await pakistanLive.closedWith()).code).toBe(LIVE_CLOSE.sessionEnded);
    await expect(LiveClient.connect(baseUrl, { cookie: pakistan.cookieHeader })).rejects.toMatchObject({ status: 401 });
  });
});
