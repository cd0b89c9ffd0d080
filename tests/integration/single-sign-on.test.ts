// Single sign-on against a real OpenID Connect provider (oidc-provider) started inside the test: code flow with PKCE.
import { createServer, type Server } from "node:http";
import { createServer as createNetServer } from "node:net";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import { openDatabase, type Database } from "../../src/server/platform/db/client.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { SessionClient } from "./session-client.js";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createNetServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The account the provider signs in next (the test's stand-in for a person at the ministry's login page). */
let nextAccount: { sub: string; email: string; emailVerified?: boolean } = { sub: "kz-ministry-0001", email: "sso.delegate@concord.test", emailVerified: true };

describe("single sign-on with OpenID Connect", () => {
  let database: Database;
  let app: FastifyInstance;
  let idp: Server;
  let appUrl: string;
  let admin: SessionClient;
  let delegateId: string;

  beforeAll(async () => {
    const [idpPort, appPort] = [await freePort(), await freePort()];
    const issuer = `http://127.0.0.1:${idpPort}`;
    appUrl = `http://127.0.0.1:${appPort}`;
    const provider = new Provider(issuer, {
      clients: [{ client_id: "concord", client_secret: "concord-test-secret", redirect_uris: [`${appUrl}/api/v1/sso/callback`], grant_types: ["authorization_code"], response_types: ["code"] }],
      pkce: { required: () => true },
      claims: { email: ["email", "email_verified"], profile: ["name"] },
      findAccount: (_ctx: unknown, id: string) => ({
        accountId: id,
        // email_verified is left out entirely when the test says nothing about it, as some providers do.
        claims: () => ({ sub: id, email: nextAccount.email, ...(nextAccount.emailVerified !== undefined ? { email_verified: nextAccount.emailVerified } : {}), name: "SSO user" }),
      }),
      // Consent is the ministry's business, not this test's: grant the requested scope at once.
      loadExistingGrant: async (ctx: any) => {
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
        grant.addOIDCScope("openid email profile");
        await grant.save();
        return grant;
      },
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    } as any);
    const callback = provider.callback();
    idp = createServer(async (req, res) => {
      if (req.url?.startsWith("/interaction/")) {
        // The login page: the person signs in as `nextAccount`.
        await provider.interactionFinished(req, res, { login: { accountId: nextAccount.sub } }, { mergeWithLastSubmission: false });
        return;
      }
      callback(req, res);
    });
    await new Promise<void>((resolve) => idp.listen(idpPort, "127.0.0.1", resolve));

    database = await openDatabase({});
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    await prepareDemoAccounts(database);
    app = await buildApp({
      database,
      logLevel: process.env.SSO_DEBUG ? "warn" : "silent",
      singleSignOn: { issuer, clientId: "concord", clientSecret: "concord-test-secret", redirectUri: `${appUrl}/api/v1/sso/callback`, name: "Ministry", allowHttp: true },
    });
    await app.listen({ port: appPort, host: "127.0.0.1" });

    admin = new SessionClient(app);
    await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const created = await admin.request("POST", "/api/v1/users", { email: "sso.delegate@concord.test", displayName: "SSO delegate", role: "delegate", delegation: "KZ" });
    expect(created.statusCode).toBe(201);
    delegateId = created.json().id;
    for (const email of ["unverified@concord.test", "denied@concord.test"]) {
      expect((await admin.request("POST", "/api/v1/users", { email, displayName: email, role: "delegate", delegation: "KZ" })).statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => idp?.close(resolve));
    await database?.close();
  });

  /** Follows redirects like a browser, keeping each host's cookies; returns the last response and the app's cookies. */
  async function browse(start: string): Promise<{ location: string; appCookies: Map<string, string> }> {
    const jars = new Map<string, Map<string, string>>();
    let url = start;
    for (let hop = 0; hop < 15; hop += 1) {
      const host = new URL(url).host;
      const jar = jars.get(host) ?? new Map<string, string>();
      jars.set(host, jar);
      const response = await fetch(url, { redirect: "manual", headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const [name, ...value] = pair!.split("=");
        jar.set(name!.trim(), value.join("="));
      }
      const location = response.headers.get("location");
      if (!location || response.status < 300 || response.status >= 400) return { location: url, appCookies: jars.get(new URL(appUrl).host) ?? new Map() };
      url = new URL(location, url).href;
      if (new URL(url).host === new URL(appUrl).host && !new URL(url).pathname.startsWith("/api/")) {
        return { location: url, appCookies: jars.get(new URL(appUrl).host) ?? new Map() };
      }
    }
    throw new Error("too many redirects");
  }

  it("announces single sign-on in the session", async () => {
    const session = (await app.inject({ method: "GET", url: "/api/v1/session" })).json();
    expect(session.singleSignOn).toEqual({ enabled: true, name: "Ministry" });
  });

  it("signs a provisioned user in through the provider, with PKCE, and links the provider's subject", async () => {
    nextAccount = { sub: "kz-ministry-0001", email: "sso.delegate@concord.test", emailVerified: true };
    const login = await app.inject({ method: "GET", url: "/api/v1/sso/login" });
    expect(login.statusCode).toBe(302);
    const authorize = new URL(login.headers.location as string);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("code_challenge")).toBeTruthy();

    const { location, appCookies } = await browse(`${appUrl}/api/v1/sso/login`);
    expect(new URL(location).pathname).toBe("/");
    const token = appCookies.get("concord_session");
    expect(token).toBeTruthy();
    const session = (await app.inject({ method: "GET", url: "/api/v1/session", cookies: { concord_session: token! } })).json();
    expect(session.user).toMatchObject({ email: "sso.delegate@concord.test", delegation: "KZ", hasSingleSignOn: true });

    // The second time, the subject alone identifies the account.
    const again = await browse(`${appUrl}/api/v1/sso/login`);
    expect(again.appCookies.get("concord_session")).toBeTruthy();
  });

  it("refuses a person the secretariat has not given an account, and says so on the sign-in page", async () => {
    nextAccount = { sub: "stranger-42", email: "stranger@ministry.example", emailVerified: true };
    const { location, appCookies } = await browse(`${appUrl}/api/v1/sso/login`);
    expect(new URL(location).pathname + new URL(location).search).toBe("/sign-in?sso=failed");
    expect(appCookies.get("concord_session")).toBeUndefined();
  });

  it("refuses a callback without the flow's state cookie", async () => {
    const response = await app.inject({ method: "GET", url: "/api/v1/sso/callback?code=stolen&state=guess" });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe("/sign-in?sso=failed");
  });

  async function auditActions(action: string): Promise<Record<string, unknown>[]> {
    return ((await admin.request("GET", `/api/v1/audit?action=${action}`)).json().items as { payload: Record<string, unknown> }[]).map((e) => e.payload);
  }

  it("records the link as an audit event of its own", async () => {
    expect(await auditActions("user.sso-linked")).toEqual([{ issuer: expect.stringMatching(/^http:\/\/127\.0\.0\.1:/), subject: "kz-ministry-0001" }]);
  });

  it("does not link an account when the provider does not say the email is verified, or says it is not", async () => {
    for (const [sub, email, emailVerified] of [
      ["no-claim-1", "unverified@concord.test", undefined],
      ["false-claim-1", "denied@concord.test", false],
    ] as const) {
      nextAccount = { sub, email, ...(emailVerified !== undefined ? { emailVerified } : {}) };
      const { location, appCookies } = await browse(`${appUrl}/api/v1/sso/login`);
      expect(new URL(location).search).toBe("?sso=failed");
      expect(appCookies.get("concord_session")).toBeUndefined();
    }
    const users = (await admin.request("GET", "/api/v1/users?delegation=KZ")).json().items as { email: string; hasSingleSignOn: boolean }[];
    expect(users.filter((u) => ["unverified@concord.test", "denied@concord.test"].includes(u.email)).map((u) => u.hasSingleSignOn)).toEqual([false, false]);
    expect((await auditActions("session.sign-in-failed")).filter((p) => p.method === "single-sign-on").map((p) => p.reason)).toEqual(
      expect.arrayContaining(["email-not-verified", "no-account", "no-flow-state"]),
    );
  });

  it("lets the secretariat unlink an identity (audited), after which another verified identity with the email can link", async () => {
    const unlinked = await admin.request("DELETE", `/api/v1/users/${delegateId}/single-sign-on`);
    expect(unlinked.statusCode).toBe(200);
    expect(unlinked.json().hasSingleSignOn).toBe(false);
    expect(await auditActions("user.sso-unlinked")).toEqual([{ issuer: expect.any(String), subject: "kz-ministry-0001" }]);
    // The old subject no longer signs anyone in…
    nextAccount = { sub: "kz-ministry-0001", email: "someone.else@ministry.example", emailVerified: true };
    expect((await browse(`${appUrl}/api/v1/sso/login`)).appCookies.get("concord_session")).toBeUndefined();
    // …and the ministry's new identity for the same person links on first use.
    nextAccount = { sub: "kz-ministry-0002", email: "sso.delegate@concord.test", emailVerified: true };
    expect((await browse(`${appUrl}/api/v1/sso/login`)).appCookies.get("concord_session")).toBeTruthy();
    expect((await auditActions("user.sso-linked")).map((p) => p.subject)).toEqual(["kz-ministry-0002", "kz-ministry-0001"]);
  });
});
