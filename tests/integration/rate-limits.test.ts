// Costly requests are rate-limited per caller and per route (src/server/platform/http/rate-limits.ts): over the rate, a 429 problem
// with Retry-After, given when the request arrives — before its body is read or validated, so even a body that would be
// refused as invalid is answered 429 — while another caller, and the same caller's cheap requests, go on unaffected.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import { RATE_LIMITS } from "../../src/server/platform/http/rate-limits.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { testDatabases } from "./databases.js";
import { LiveClient } from "./live-client.js";
import { SessionClient } from "./session-client.js";
import { createSummit } from "./summits.js";

const PER_MINUTE = 3;

describe.each(testDatabases.slice(0, 1))("rate limits of costly requests on $name", (testDb) => {
  const clock = new Date("2026-11-20T09:00:00Z");
  let app: FastifyInstance;
  let dispose: () => Promise<void>;
  let admin: SessionClient;
  let kazakhstan: SessionClient;
  let india: SessionClient;
  let url = "";

  beforeAll(async () => {
    let database;
    ({ database, dispose } = await testDb.create());
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    await prepareDemoAccounts(database, clock);
    app = await buildApp({ database, now: () => clock, rateLimits: { accreditation: PER_MINUTE, import: PER_MINUTE, live: PER_MINUTE } });
    admin = new SessionClient(app, "192.0.2.1");
    expect((await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD)).statusCode).toBe(200);
    // Both delegations' heads come from one address: the rate is the user's, not the address's.
    kazakhstan = new SessionClient(app, "192.0.2.2");
    expect((await kazakhstan.signIn(demoHeadEmail("KZ"), DEMO_PASSWORD)).statusCode).toBe(200);
    india = new SessionClient(app, "192.0.2.2");
    expect((await india.signIn(demoHeadEmail("IN"), DEMO_PASSWORD)).statusCode).toBe(200);
    ({ url } = await createSummit(admin, "Summit", "2026-12-10T10:00:00+06:00", "2026-12-11T18:00:00+06:00"));
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  const person = (name: string) => ({ delegates: [{ name: { en: name }, function: { en: "Adviser" }, rank: "adviser" }] });

  it("has a rate for every kind of costly request", () => {
    for (const perMinute of Object.values(RATE_LIMITS)) expect(perMinute).toBeGreaterThan(0);
    expect(app.rateLimits.accreditation).toBe(PER_MINUTE);
    expect(app.rateLimits.diff).toBe(RATE_LIMITS.diff);
  });

  it("answers a caller over the rate 429 with Retry-After, before reading the body, and nobody else", async () => {
    for (let i = 0; i < PER_MINUTE; i++) {
      const answer = await kazakhstan.request("POST", `${url}/accreditations`, person(`Delegate ${i}`));
      expect(answer.statusCode, answer.body.slice(0, 200)).toBe(201);
      expect(answer.headers["x-ratelimit-remaining"]).toBe(String(PER_MINUTE - i - 1));
    }
    const over = await kazakhstan.request("POST", `${url}/accreditations`, person("One too many"));
    expect(over.statusCode).toBe(429);
    expect(over.headers["content-type"]).toContain("application/problem+json");
    expect(over.json()).toMatchObject({ status: 429, code: "too-many-requests" });
    expect(Number(over.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(over.headers["retry-after"])).toBeLessThanOrEqual(60);
    // A body that validation would refuse (400) is not even read.
    const invalid = await kazakhstan.request("POST", `${url}/accreditations`, { delegates: "not a list" });
    expect(invalid.statusCode).toBe(429);
    // A small body is read and dropped, keeping the connection (a browser then surely sees the answer).
    expect(invalid.headers.connection).not.toBe("close");
    // Nothing was written by the refused requests.
    const lists = (await admin.request("GET", url)).json().accreditation as { delegation: string }[];
    expect(lists.filter((l) => l.delegation === "KZ")).toHaveLength(PER_MINUTE);
    // Another user from the same address has a rate of their own; the refused caller's reads go on.
    expect((await india.request("POST", `${url}/accreditations`, person("Someone from India"))).statusCode).toBe(201);
    expect((await kazakhstan.request("GET", url)).statusCode).toBe(200);
  });

  it("refuses a spreadsheet over the rate without reading it; a signed-out caller is refused before any rate", async () => {
    const term = "chair-2025";
    const importing = (client: SessionClient, body: string) =>
      client.request("POST", `/api/v1/chairmanship/${term}/programme/import?dryRun=true`, body, { headers: { "content-type": "text/csv" } });
    for (let i = 0; i < PER_MINUTE; i++) {
      const checked = await importing(admin, "a,b\n1,2");
      expect(checked.statusCode).not.toBe(429);
    }
    const over = await importing(admin, "x".repeat(1_000_000));
    expect(over.statusCode).toBe(429);
    // A large body is not read: the connection is closed after the answer.
    expect(over.headers.connection).toBe("close");
    expect(over.json()).toMatchObject({ code: "too-many-requests" });
    // Signed out: 401 when the request arrives, as cheap as a refusal by rate, whatever the count.
    const anonymous = new SessionClient(app, "203.0.113.9");
    for (let i = 0; i <= PER_MINUTE; i++) expect((await importing(anonymous, "a,b\n1,2")).statusCode).toBe(401);
  });

  it("refuses a live connection over the rate before the upgrade, so a client closed for flooding cannot come back at once", async () => {
    const address = await app.listen({ port: 0, host: "127.0.0.1" });
    const uzbekistan = new SessionClient(app, "192.0.2.3");
    expect((await uzbekistan.signIn(demoHeadEmail("UZ"), DEMO_PASSWORD)).statusCode).toBe(200);
    const opened: LiveClient[] = [];
    for (let i = 0; i < PER_MINUTE; i++) {
      const socket = await LiveClient.connect(address, { cookie: uzbekistan.cookieHeader, origin: address });
      await socket.until((ms) => ms.some((m) => m.type === "hello"));
      opened.push(socket);
      socket.close();
      await socket.closedWith();
    }
    await expect(LiveClient.connect(address, { cookie: uzbekistan.cookieHeader, origin: address })).rejects.toMatchObject({ status: 429 });
    // Another user opens theirs.
    const other = await LiveClient.connect(address, { cookie: india.cookieHeader, origin: address });
    await other.until((ms) => ms.some((m) => m.type === "hello"));
    other.close();
    expect(opened).toHaveLength(PER_MINUTE);
  });
});
