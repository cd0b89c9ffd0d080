// Security headers, limits, and what never leaves the server: stack traces, SQL, passwords and tokens in logs.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET, PACKAGE_ROOT, WEB_ROOT } from "../../src/server/config.js";
import { openDatabase, type Database } from "../../src/server/platform/db/client.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { SessionClient } from "./session-client.js";

describe("hardening", () => {
  let database: Database;
  let app: FastifyInstance;
  const logLines: string[] = [];

  beforeAll(async () => {
    database = await openDatabase({});
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    await prepareDemoAccounts(database);
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    app = await buildApp({ database, webRoot: WEB_ROOT, logLevel: "trace", logStream, trustProxy: true });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it("sends a Content-Security-Policy with no inline script and no framing", async () => {
    const response = await app.inject({ method: "GET", url: "/api/v1/organization" });
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["x-frame-options"]).toBe("DENY");
    expect(response.headers["referrer-policy"]).toBe("no-referrer");
    expect(response.headers["cross-origin-resource-policy"]).toBe("same-origin");
    expect(response.headers["x-xss-protection"]).toBe("0");
    expect(response.headers["strict-transport-security"]).toBeUndefined();
    // An error carries them too.
    const missing = await app.inject({ method: "GET", url: "/api/v1/documents/no-such-document" });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["x-frame-options"]).toBe("DENY");
    expect(String(missing.headers["content-security-policy"])).toContain("frame-ancestors 'none'");
  });

  it("asks the browser to upgrade to HTTPS only when served over HTTPS, so the portal opened by address over plain HTTP loads its scripts", async () => {
    // (The built page is not there before `npm run build`; every answer carries the same headers.)
    const plain = await app.inject({ method: "GET", url: "/api/v1/organization", headers: { host: "192.0.2.2:3000" } });
    expect(plain.statusCode).toBe(200);
    expect(String(plain.headers["content-security-policy"])).not.toContain("upgrade-insecure-requests");
    expect(plain.headers["cross-origin-opener-policy"]).toBeUndefined();
    const secure = await app.inject({ method: "GET", url: "/api/v1/organization", headers: { host: "concord.example", "x-forwarded-proto": "https" } });
    expect(String(secure.headers["content-security-policy"])).toContain("upgrade-insecure-requests");
    expect(secure.headers["strict-transport-security"]).toContain("max-age=");
    expect(secure.headers["cross-origin-opener-policy"]).toBe("same-origin");
  });

  it("marks private API answers no-store, and lets public registry answers be revalidated with an entity tag", async () => {
    const client = new SessionClient(app, "192.0.2.120");
    await client.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    for (const url of ["/api/v1/session", "/api/v1/users", "/api/v1/audit", "/api/v1/delegations"]) {
      expect((await client.request("GET", url)).headers["cache-control"], url).toBe("no-store");
    }
    const states = await app.inject({ method: "GET", url: "/api/v1/states" });
    expect(states.headers["cache-control"]).toBe("no-cache");
    const again = await app.inject({ method: "GET", url: "/api/v1/states", headers: { "if-none-match": String(states.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it("checks CSRF on the path the router takes, however the URL spells it", async () => {
    for (const url of ["/%61pi/v1/session", "/api/v1/%73ession", "//api/v1/session", "/api/v1/session/"]) {
      const response = await app.inject({ method: "POST", url, payload: { email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD } });
      expect([403, 404], url).toContain(response.statusCode);
      expect(response.headers["set-cookie"] ?? "", url).not.toContain("concord_session=");
    }
  });

  it("binds the CSRF token to the session: a token from before sign-in, or from another session, is refused", async () => {
    const client = new SessionClient(app, "192.0.2.121");
    await client.refreshCsrf();
    const anonymousToken = client.currentCsrfToken!;
    await client.request("POST", "/api/v1/session", { email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD });
    // Still holding the token fetched before signing in:
    const stale = await client.request("POST", "/api/v1/users", { email: "csrf1@concord.test", displayName: "X", role: "secretariat_officer" }, { headers: { "x-csrf-token": anonymousToken } });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().code).toBe("csrf");
    await client.refreshCsrf();
    expect(client.currentCsrfToken).not.toBe(anonymousToken);
    const fresh = await client.request("POST", "/api/v1/users", { email: "csrf2@concord.test", displayName: "X", role: "secretariat_officer" });
    expect(fresh.statusCode).toBe(201);

    const other = new SessionClient(app, "192.0.2.122");
    await other.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const borrowed = await other.request("POST", "/api/v1/users", { email: "csrf3@concord.test", displayName: "X", role: "secretariat_officer" }, { headers: { "x-csrf-token": client.currentCsrfToken! } });
    expect(borrowed.statusCode).toBe(403);
  });

  it("ends the browser's previous session when it signs in again", async () => {
    const browser = new SessionClient(app, "192.0.2.123");
    await browser.signIn(demoHeadEmail("KZ"), DEMO_PASSWORD);
    const firstCookie = browser.cookieHeader;
    await browser.signIn(demoHeadEmail("CN"), DEMO_PASSWORD);
    expect((await browser.request("GET", "/api/v1/session")).json().user.email).toBe("head.cn@concord.test");
    const replay = await app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie: firstCookie } });
    expect(replay.json().user).toBeNull();
  });

  it("refuses text that could mislead or break a screen with a field error code, and never answers 500 or writes it", async () => {
    const client = new SessionClient(app, "192.0.2.124");
    await client.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const cases: [string, string][] = [
      ["Ann\u0000a", "control-characters"],
      ["Line\nbreak", "control-characters"],
      ["\u202Eanih", "bidi-controls"],
      ["\u200B\u200B\u200B", "invisible"],
      ["   ", "required"],
      [`Z${"\u0301".repeat(190)}`, "combining-marks"],
      ["\uD800half", "malformed-text"],
    ];
    for (const [displayName, code] of cases) {
      const label = JSON.stringify(displayName);
      const response = await client.request("POST", "/api/v1/users", { email: `text-${code}@concord.test`, displayName, role: "secretariat_officer", password: "x-password-123" });
      expect(response.statusCode, label).toBe(400);
      expect(response.json().errors, label).toEqual([expect.objectContaining({ field: "body.displayName", code })]);
    }
    const ok = await client.request("POST", "/api/v1/users", { email: "text-ok@concord.test", displayName: "  Cafe\u0301 Ngu\u031Bo\u031B\u0300i ", role: "secretariat_officer" });
    expect(ok.statusCode).toBe(201);
    // Stored in NFC, trimmed.
    expect(ok.json().displayName).toBe("Café Người".normalize("NFC"));
    const users = (await client.request("GET", "/api/v1/users")).json().items as { email: string }[];
    expect(users.filter((u) => u.email.startsWith("text-")).map((u) => u.email)).toEqual(["text-ok@concord.test"]);
  });

  it("has a web page that holds no inline script (the e2e tests run the built one under this CSP in Chromium)", async () => {
    const page = await readFile(resolve(PACKAGE_ROOT, "src/web/index.html"), "utf8");
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toContain("src=");
      expect(body!.trim()).toBe("");
    }
  });

  it("refuses bodies over 1 MiB with 413 problem details", async () => {
    const client = new SessionClient(app);
    const response = await client.request("POST", "/api/v1/session", { email: "a@concord.test", password: "x".repeat(1_100_000) });
    expect(response.statusCode).toBe(413);
    expect(response.headers["content-type"]).toContain("application/problem+json");
  });

  it("never answers with a stack trace or SQL, even for a malformed request", async () => {
    const responses = await Promise.all([
      app.inject({ method: "POST", url: "/api/v1/session", headers: { "content-type": "application/json" }, payload: "{" }),
      app.inject({ method: "GET", url: "/api/v1/states?on[]=1" }),
      app.inject({ method: "GET", url: "/api/v1/states/%00" }),
      app.inject({ method: "PATCH", url: "/api/v1/users/1", headers: { "content-type": "text/plain" }, payload: "x" }),
    ]);
    for (const response of responses) {
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      expect(response.body).not.toMatch(/at .+:\d+:\d+|node_modules|select |insert into/i);
    }
  });

  it("writes no password, session token or CSRF token into any log line", async () => {
    const client = new SessionClient(app, "192.0.2.99");
    await client.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    await client.request("POST", "/api/v1/users", { email: "logged@concord.test", displayName: "L", role: "secretariat_officer", password: "never-in-a-log-line" });
    await client.signIn(DEMO_ADMIN_EMAIL, "wrong-password-in-log?");
    const session = await client.request("GET", "/api/v1/session");
    const csrf = session.json().csrfToken as string;
    const log = logLines.join("");
    expect(logLines.length).toBeGreaterThan(5);
    expect(log).not.toContain(DEMO_PASSWORD);
    expect(log).not.toContain("never-in-a-log-line");
    expect(log).not.toContain("wrong-password-in-log?");
    expect(log).not.toContain(csrf);
    expect(log).not.toMatch(/concord_session=[A-Za-z0-9_-]{20,}/);
  });

  it("logs a database failure without its SQL, its bound parameters or any password hash", async () => {
    const client = new SessionClient(app, "192.0.2.98");
    await client.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const before = logLines.length;
    // A failure the database itself reports, under a request that also sets a password: the route validated the input,
    // so break the database instead (a constraint that refuses every new user) to see what the log keeps.
    await database.db.execute(sql`alter table users add constraint no_more_users check (email <> 'boom@concord.test')`);
    try {
      const response = await client.request("POST", "/api/v1/users", { email: "boom@concord.test", displayName: "Boom", role: "secretariat_officer", password: "hash-me-please-1" });
      expect(response.statusCode).toBe(500);
      expect(response.body).not.toMatch(/insert|boom|argon2|constraint/i);
    } finally {
      await database.db.execute(sql`alter table users drop constraint no_more_users`);
    }
    const log = logLines.slice(before).join("");
    expect(log).toContain("unexpected error");
    expect(log).toContain("23514");
    expect(log).not.toMatch(/insert into|params|\$argon2id\$|boom@concord\.test|hash-me-please-1/i);
  });
});
