// What the sign-in page says of the demo accounts (GET /api/v1/demo-accounts): how to sign in while any still has the demo
// password, only the ones that do, and nothing once none does or when demo accounts are off.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DemoSignInSchema } from "../../src/contracts/identity.js";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import type { Database } from "../../src/server/platform/db/client.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { testDatabases } from "./databases.js";
import { SessionClient } from "./session-client.js";

const NEW_PASSWORD = "another-password-2026";

describe.each(testDatabases)("demo sign-in help on $name", (testDb) => {
  let app: FastifyInstance;
  let database: Database;
  let dispose: () => Promise<void>;

  const demoSignIn = async (on: FastifyInstance = app) => {
    const response = await on.inject({ method: "GET", url: "/api/v1/demo-accounts" });
    expect(response.statusCode).toBe(200);
    return DemoSignInSchema.strict().parse(response.json());
  };

  beforeAll(async () => {
    ({ database, dispose } = await testDb.create());
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    expect(await prepareDemoAccounts(database, new Date("2026-11-25T09:00:00Z"))).toBe(true);
    app = await buildApp({ database, cookieSecret: "x".repeat(40) });
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  it("names the administrator, the heads' pattern with one that works, and the password, to anyone", async () => {
    expect(await demoSignIn()).toEqual({
      demo: { password: DEMO_PASSWORD, administrator: DEMO_ADMIN_EMAIL, heads: { pattern: "head.{code}@concord.test", example: "head.ae@concord.test" } },
    });
  });

  it("says nothing with demo accounts off, though the database still holds them", async () => {
    const off = await buildApp({ database, cookieSecret: "x".repeat(40), demoAccounts: false });
    try {
      expect(await demoSignIn(off)).toEqual({ demo: null });
    } finally {
      await off.close();
    }
  });

  it("names only the accounts still on the demo password, and nothing once none is", async () => {
    const admin = new SessionClient(app);
    expect((await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD)).statusCode).toBe(200);
    const heads = ((await admin.request("GET", "/api/v1/users")).json().items as { id: string; email: string }[]).filter((user) => user.email.startsWith("head."));
    expect(heads.length).toBeGreaterThan(20);

    // The first head (the example) changes; another becomes the example.
    const [first, ...others] = heads.sort((a, b) => a.email.localeCompare(b.email));
    expect((await admin.request("PATCH", `/api/v1/users/${first!.id}`, { password: NEW_PASSWORD })).statusCode).toBe(200);
    expect((await demoSignIn()).demo?.heads?.example).toBe(others[0]!.email);

    for (const head of others) expect((await admin.request("PATCH", `/api/v1/users/${head.id}`, { password: NEW_PASSWORD })).statusCode).toBe(200);
    expect(await demoSignIn()).toEqual({ demo: { password: DEMO_PASSWORD, administrator: DEMO_ADMIN_EMAIL, heads: null } });

    expect((await admin.request("POST", "/api/v1/session/password", { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD })).statusCode).toBe(204);
    expect(await demoSignIn()).toEqual({ demo: null });
  });
});
