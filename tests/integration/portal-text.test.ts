// What the server tells people in words: the start's banner names only the demo accounts still on the demo password; a refused
// value's limit travels with its field error; demo accounts, audit targets and the permission matrix come as data the web names
// in the reader's language.
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditListSchema } from "../../src/contracts/identity.js";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import type { Database } from "../../src/server/platform/db/client.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail, demoSignInHelp } from "../../src/server/identity/demo-accounts.js";
import { hashPassword } from "../../src/server/identity/passwords.js";
import { users } from "../../src/server/identity/tables.js";
import { prepareDatabase } from "../../src/server/startup.js";
import { testDatabases } from "./databases.js";
import { SessionClient } from "./session-client.js";

const URL = "http://localhost:3000";
const NEW_PASSWORD = "steppe-wind-2026";

describe.each(testDatabases)("the server's words on $name", (testDb) => {
  let database: Database;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  /** What the first start printed. */
  let firstBanner: string | null;

  beforeAll(async () => {
    ({ database, dispose } = await testDb.create());
    const prepared = await prepareDatabase(database, { dataset: DEFAULT_DATASET, demoAccounts: true });
    firstBanner = demoSignInHelp(URL, prepared.demoSignIns);
    app = await buildApp({ database });
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  describe("the demo accounts' banner", () => {
    it("names every demo account on a first start, with the password", () => {
      expect(firstBanner).toContain(`"${DEMO_PASSWORD}"`);
      expect(firstBanner).toContain(DEMO_ADMIN_EMAIL);
      expect(firstBanner).toContain(demoHeadEmail("KZ"));
      expect(firstBanner).toContain(demoHeadEmail("CN"));
    });

    it("no longer names a demo account whose password was changed, after the next start", async () => {
      const head = new SessionClient(app, "192.0.2.31");
      expect((await head.signIn(demoHeadEmail("KZ"), DEMO_PASSWORD)).statusCode).toBe(200);
      expect((await head.request("POST", "/api/v1/session/password", { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD })).statusCode).toBe(204);

      const restarted = await prepareDatabase(database, { dataset: DEFAULT_DATASET, demoAccounts: true });
      expect(restarted.demoSignIns).not.toContain(demoHeadEmail("KZ"));
      expect(restarted.demoSignIns).toContain(DEMO_ADMIN_EMAIL);
      expect(restarted.demoSignIns).toContain(demoHeadEmail("CN"));
      const banner = demoSignInHelp(URL, restarted.demoSignIns);
      expect(banner).not.toContain(demoHeadEmail("KZ"));
      expect(banner).toContain(demoHeadEmail("CN"));
    });

    it("is not printed at all once no demo account has the demo password, nor with demo accounts turned off", async () => {
      const demoRows = (await database.db.select({ id: users.id, email: users.email }).from(users)).filter(
        (row) => row.email === DEMO_ADMIN_EMAIL || /^head\.[a-z0-9_-]+@concord\.test$/.test(row.email),
      );
      expect(demoRows.length).toBeGreaterThan(1);
      const changed = await hashPassword(NEW_PASSWORD);
      for (const row of demoRows) await database.db.update(users).set({ passwordHash: changed }).where(eq(users.id, row.id));

      const restarted = await prepareDatabase(database, { dataset: DEFAULT_DATASET, demoAccounts: true });
      expect(restarted.demoSignIns).toEqual([]);
      expect(demoSignInHelp(URL, restarted.demoSignIns)).toBeNull();
      expect((await prepareDatabase(database, { dataset: DEFAULT_DATASET, demoAccounts: false })).demoSignIns).toEqual([]);

      // Put back for the tests below, which sign in as the demo administrator.
      const demo = await hashPassword(DEMO_PASSWORD);
      for (const row of demoRows) await database.db.update(users).set({ passwordHash: demo }).where(eq(users.id, row.id));
    });
  });

  it("says the limit a too long value broke, in the field error", async () => {
    const admin = new SessionClient(app, "192.0.2.32");
    await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const response = await admin.request("POST", "/api/v1/users", { email: "long@concord.test", displayName: "x".repeat(201), role: "secretariat_officer" });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "invalid-request", errors: [{ field: "body.displayName", code: "too-long", limit: 200 }] });
    const empty = await admin.request("POST", "/api/v1/users", { email: "empty@concord.test", displayName: "", role: "secretariat_officer" });
    expect(empty.json().errors).toEqual([expect.objectContaining({ field: "body.displayName", code: "required" })]);
    expect(empty.json().errors[0]).not.toHaveProperty("limit");
  });

  it("says which accounts are demo accounts still named as created, and names everyone else as typed", async () => {
    const admin = new SessionClient(app, "192.0.2.33");
    await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const person = (await admin.request("POST", "/api/v1/users", { email: "aigerim@concord.test", displayName: "Aigerim Nurlanovna", role: "delegate", delegation: "KZ" })).json();
    const listed = (await admin.request("GET", "/api/v1/users")).json().items as { id: string; email: string; displayName: string; demoAccount: string | null }[];
    const byEmail = (email: string) => listed.find((user) => user.email === email);
    expect(byEmail(DEMO_ADMIN_EMAIL)?.demoAccount).toBe("secretariat-administrator");
    expect(byEmail(demoHeadEmail("KZ"))?.demoAccount).toBe("head-of-delegation");
    expect(byEmail("aigerim@concord.test")).toMatchObject({ displayName: "Aigerim Nurlanovna", demoAccount: null });

    // Renamed, a demo account has the name typed for it, in every language.
    const head = byEmail(demoHeadEmail("CN"))!;
    const renamed = await admin.request("PATCH", `/api/v1/users/${head.id}`, { displayName: "Wang Lei" });
    expect(renamed.json()).toMatchObject({ displayName: "Wang Lei", demoAccount: null });
    expect((await admin.request("GET", "/api/v1/session")).json().user.demoAccount).toBe("secretariat-administrator");

    // The audit trail names the actor and the target the same way.
    const created = (await admin.request("GET", "/api/v1/audit?action=user.created")).json().items.find((event: { target: string }) => event.target === `user:${person.id}`);
    expect(created).toMatchObject({
      actorName: "Secretariat administrator (demo)",
      actorDemoAccount: "secretariat-administrator",
      targetName: { kind: "user", displayName: "Aigerim Nurlanovna", demoAccount: null, delegation: "KZ" },
    });
  });

  it("names the audit trail's targets: the organization, a delegation's state, a document by its titles", async () => {
    const admin = new SessionClient(app, "192.0.2.34");
    await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const events = (await admin.request("GET", "/api/v1/audit?limit=500")).json().items as { action: string; target: string | null; targetName: Record<string, unknown> | null }[];
    const imported = events.find((event) => event.action === "registry.imported");
    expect(imported?.target).toMatch(/^organization:/);
    expect(imported?.targetName).toMatchObject({ kind: "party", names: { en: expect.any(String), ru: expect.any(String), zh: expect.any(String) } });

    const opened = await admin.request("POST", "/api/v1/delegations", { code: "UN" });
    expect(opened.statusCode).toBe(201);
    const delegationEvent = (await admin.request("GET", "/api/v1/audit?action=delegation.created")).json().items[0];
    expect(delegationEvent).toMatchObject({ target: "delegation:UN", targetName: { kind: "party", names: { en: expect.stringContaining("United Nations") } } });

    const documentEvent = events.find((event) => event.action === "document.create");
    expect(documentEvent?.target).toMatch(/^document:/);
    expect(documentEvent?.targetName).toMatchObject({ kind: "document", baseLanguage: expect.any(String), title: expect.any(Object) });
  });

  it("names the demonstration meeting's events: the meeting by its titles, the parties by theirs, agenda items by their titles", async () => {
    const admin = new SessionClient(app, "192.0.2.36");
    await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    const answer = (await admin.request("GET", "/api/v1/audit?limit=500")).json();
    const events = AuditListSchema.strict().parse(answer).items;
    const meetingEvents = events.filter((event) => event.target?.startsWith("meeting:"));
    expect(meetingEvents.map((event) => event.action)).toEqual(expect.arrayContaining(["meeting.create", "meeting.invite", "agenda.add", "floor.request", "floor.manage"]));
    for (const event of meetingEvents) expect(event.targetName).toMatchObject({ kind: "meeting", title: { en: expect.stringContaining("Demonstration"), ru: expect.any(String), zh: expect.any(String) } });

    const invited = meetingEvents.find((event) => event.action === "meeting.invite")!;
    const party = invited.payload.party as string;
    expect(invited.parties[party]).toMatchObject({ en: expect.any(String), ru: expect.any(String), zh: expect.any(String) });
    const request = meetingEvents.find((event) => event.action === "floor.request")!;
    expect(request.payload.title).toMatchObject({ en: expect.any(String) });
    expect(request.parties[request.payload.delegation as string]).toMatchObject({ en: expect.any(String) });
  });

  it("serves the permission matrix to those signed in, as the policies decide", async () => {
    expect((await app.inject({ method: "GET", url: "/api/v1/permissions" })).statusCode).toBe(401);
    const head = new SessionClient(app, "192.0.2.35");
    await head.signIn(demoHeadEmail("CN"), DEMO_PASSWORD);
    const response = await head.request("GET", "/api/v1/permissions");
    expect(response.statusCode).toBe(200);
    const matrix = response.json() as { columns: { role: string; tier: string | null; isChair: boolean }[]; rights: { right: string; cells: (string | null)[] }[] };
    const column = (role: string, tier: string | null = null, isChair = false) => matrix.columns.findIndex((c) => c.role === role && c.tier === tier && c.isChair === isChair);
    const cell = (right: string, index: number) => matrix.rights.find((row) => row.right === right)?.cells[index];
    expect(cell("user.create", column("secretariat_admin"))).toBe("all");
    expect(cell("user.create", column("secretariat_officer"))).toBeNull();
    expect(cell("user.create", column("head_of_delegation", "member"))).toBe("own");
    expect(cell("revision.issue", column("delegate", "member", true))).toBe("own");
    expect(cell("document.read", column("public"))).toBe("all");
    expect(matrix.rights.every((row) => row.cells.length === matrix.columns.length)).toBe(true);
    // The tiers in force today: SCO partners, no longer observers or dialogue partners.
    expect(matrix.columns.some((c) => c.tier === "partner")).toBe(true);
    expect(matrix.columns.some((c) => c.tier === "observer" || c.tier === "dialogue_partner")).toBe(false);
  });
});
