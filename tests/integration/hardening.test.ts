// Security headers, limits, and what never leaves the server: stack traces, SQL, passwords and tokens in logs.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET, PACKAGE_ROOT, WEB_ROOT } from "../../src/server/config.js";
import { openDatabase, type Database } from "../../src/server/db/client.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from "../../src/server/identity/demo-accounts.js";
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
    app = await buildApp({ database, webRoot: WEB_ROOT, logLevel: "trace", logStream });
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
    expect(response.headers["strict-transport-security"]).toBeUndefined();
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
});
