// What a page view costs the database: the registry's views and a signed-in session are answered from memory.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import { openDatabase, type Database } from "../../src/server/platform/db/client.js";
import { DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { SessionClient } from "./session-client.js";

describe("the cost of a page view", () => {
  let database: Database;
  let app: FastifyInstance;
  const queries: string[] = [];

  beforeAll(async () => {
    database = await openDatabase({ onQuery: (query) => queries.push(query) });
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    await prepareDemoAccounts(database);
    app = await buildApp({ database });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it("answers the portal's reads and a signed-in delegate's session without a single query", async () => {
    const delegate = new SessionClient(app, "192.0.2.150");
    expect((await delegate.signIn(demoHeadEmail("KZ"), DEMO_PASSWORD)).statusCode).toBe(200);
    const pages = ["/api/v1/session", "/api/v1/organization", "/api/v1/states", "/api/v1/states/KZ", "/api/v1/summits", "/api/v1/chairmanship", "/api/v1/bodies"];
    // The first view of each computes it; then the process knows it.
    for (const page of pages) expect((await delegate.request("GET", page)).statusCode, page).toBe(200);
    queries.length = 0;
    for (let view = 0; view < 10; view += 1) {
      for (const page of pages) expect((await delegate.request("GET", page)).statusCode, page).toBe(200);
      expect((await app.inject({ method: "GET", url: "/api/v1/states" })).statusCode).toBe(200);
    }
    expect(queries).toEqual([]);
  });

  it("still reads the database for what is not cached (a list of accounts), so the counter does count", async () => {
    const delegate = new SessionClient(app, "192.0.2.151");
    await delegate.signIn(demoHeadEmail("CN"), DEMO_PASSWORD);
    queries.length = 0;
    expect((await delegate.request("GET", "/api/v1/users")).statusCode).toBe(200);
    expect(queries.length).toBeGreaterThan(0);
  });
});
