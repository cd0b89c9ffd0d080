// One read rule per resource: for every role, tier and chair, every visibility and several days, what the API answers a
// reader (200, or 403 naming the right) and whether the live hub lets the same reader follow the resource's stream agree.
// Both go through the capability's read rule (src/server/platform/access/read-rule.ts); this test holds them to it through the
// real paths: HTTP requests, and subscriptions on a WebSocket.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import type { Database } from "../../src/server/platform/db/client.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { testDatabases } from "./databases.js";
import { LiveClient } from "./live-client.js";
import { SessionClient } from "./session-client.js";
import { oneProvisionDraft } from "./drafts.js";

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

/**
 * Days on which the readers differ: Kyrgyzstan chairs (Laos a partner, Belarus a member); China chairs; Kazakhstan chairs
 * (Belarus not yet a member). The first is the day the fixtures are made on.
 */
const DAYS = ["2026-12-07", "2025-01-15", "2024-03-01"] as const;
/** Heads of delegation of members (the chair of each day among them), of Belarus (member from July 2024), and of partners. */
const HEADS = ["KG", "CN", "KZ", "IN", "BY", "MN", "LA"];

interface Reader {
  readonly name: string;
  readonly client: SessionClient;
}

describe.each(testDatabases)("the read rules on $name", (testDb) => {
  let database: Database;
  let dispose: () => Promise<void>;
  const readers: Reader[] = [];
  /** The streams checked, with the API path that reads the same resource. */
  const resources: { readonly name: string; readonly path: string; readonly stream: string }[] = [];
  let counter = 0;

  async function appOn(day: string): Promise<FastifyInstance> {
    const at = new Date(`${day}T12:00:00Z`);
    return buildApp({ database, now: () => at });
  }

  beforeAll(async () => {
    ({ database, dispose } = await testDb.create());
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    await prepareDemoAccounts(database);
    const app = await appOn(DAYS[0]);
    const signedIn = async (email: string, password = DEMO_PASSWORD) => {
      const client = new SessionClient(app, `198.51.100.${(counter += 1)}`);
      const response = await client.signIn(email, password);
      expect(response.statusCode, `${email}: ${response.body}`).toBe(200);
      return client;
    };
    const admin = await signedIn(DEMO_ADMIN_EMAIL);
    readers.push({ name: "secretariat admin", client: admin });
    for (const code of HEADS) readers.push({ name: `head of delegation ${code}`, client: await signedIn(demoHeadEmail(code)) });
    // Delegates (not heads) of a member and of a partner.
    for (const code of ["KZ", "LA"]) {
      const email = `reader.${code.toLowerCase()}@concord.test`;
      const created = await admin.request("POST", "/api/v1/users", { email, displayName: `Reader ${code}`, role: "delegate", delegation: code, password: "reader-password-1" });
      expect(created.statusCode, created.body).toBe(201);
      readers.push({ name: `delegate ${code}`, client: await signedIn(email, "reader-password-1") });
    }
    readers.push({ name: "public", client: new SessionClient(app, "198.51.100.250") });

    // A draft at each visibility (opened further by the chair of the day, Kyrgyzstan).
    const kg = readers.find((r) => r.name === "head of delegation KG")!.client;
    for (const visibility of ["members", "participants", "public"] as const) {
      const created = await admin.request("POST", "/api/v1/documents", oneProvisionDraft(`Draft (${visibility})`));
      expect(created.statusCode, created.body).toBe(201);
      const document = created.json();
      if (visibility !== "members") {
        const opened = await kg.request("POST", `/api/v1/documents/${document.id}/visibility`, { visibility, version: document.version });
        expect(opened.statusCode, opened.body).toBe(200);
      }
      resources.push({ name: `a ${visibility} draft`, path: `/api/v1/documents/${document.id}`, stream: `document:${document.id}` });
    }
    // A meeting for its participants (chaired by Kyrgyzstan, members invited by right, Mongolia invited), one made public.
    for (const visibility of ["participants", "public"] as const) {
      const created = await admin.request("POST", "/api/v1/meetings", {
        body: "CMFA",
        title: { en: `Meeting (${visibility})` },
        start: "2026-12-10T10:00:00+06:00",
        end: "2026-12-10T18:00:00+06:00",
        timeZone: "Asia/Bishkek",
        format: "in_person",
        chair: "KG",
      });
      expect(created.statusCode, created.body).toBe(201);
      let meeting = created.json();
      const invited = await admin.request("POST", `/api/v1/meetings/${meeting.id}/invitations`, { party: "MN", basis: "invited" });
      expect(invited.statusCode, invited.body).toBe(200);
      meeting = invited.json();
      if (visibility === "public") {
        const opened = await admin.request("PATCH", `/api/v1/meetings/${meeting.id}`, { visibility: "public", version: meeting.version });
        expect(opened.statusCode, opened.body).toBe(200);
      }
      resources.push({ name: `a meeting for ${visibility}`, path: `/api/v1/meetings/${meeting.id}`, stream: `meeting:${meeting.id}` });
    }
    await app.close();
  });
  afterAll(async () => {
    await dispose?.();
  });

  it.each(DAYS)("answers the API and admits to the live stream alike on %s", async (day) => {
    const app = await appOn(day);
    const baseUrl = await listen(app);
    try {
      const outcomes: string[] = [];
      for (const reader of readers) {
        const client = reader.client.on(app);
        const api = new Map<string, number>();
        for (const resource of resources) api.set(resource.stream, (await client.request("GET", resource.path)).statusCode);
        if (!client.hasSession) {
          // The public reads what is public, and has no live connection at all (401 before the upgrade).
          for (const resource of resources) expect([200, 401], `${reader.name}, ${resource.name}`).toContain(api.get(resource.stream));
          await expect(LiveClient.connect(baseUrl)).rejects.toMatchObject({ status: 401 });
          continue;
        }
        const live = await LiveClient.connect(baseUrl, { cookie: client.cookieHeader });
        try {
          live.send({ type: "subscribe", streams: resources.map((r) => ({ stream: r.stream, after: null })) });
          const answered = (stream: string) => live.messages.find((m) => (m.type === "subscribed" || m.type === "unsubscribed") && m.stream === stream);
          await live.until(() => resources.every((r) => answered(r.stream) !== undefined));
          for (const resource of resources) {
            const status = api.get(resource.stream)!;
            const label = `${reader.name}, ${resource.name}, on ${day}`;
            expect([200, 403], label).toContain(status);
            expect(answered(resource.stream)!.type, `${label}: the API answered ${status}`).toBe(status === 200 ? "subscribed" : "unsubscribed");
            outcomes.push(`${label}: ${status}`);
          }
        } finally {
          live.close();
        }
      }
      // Every signed-in reader was asked about every resource, and the rules did not answer everyone alike.
      expect(outcomes).toHaveLength((readers.length - 1) * resources.length);
      expect(outcomes.some((o) => o.endsWith(": 200"))).toBe(true);
      expect(outcomes.some((o) => o.endsWith(": 403"))).toBe(true);
    } finally {
      await app.close();
    }
  });
});
