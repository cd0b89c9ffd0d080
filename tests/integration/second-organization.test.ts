// Another organization, as data only: one official language, a yearly rotation in English alphabetical order with a member
// passed over, the summit at the start of the term, a member admitted after being an observer, its own body kinds,
// decision rule and relations. It loads with no code change and the API answers for it.
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET, PACKAGE_ROOT } from "../../src/server/config.js";
import { openDatabase, type Database } from "../../src/server/platform/db/client.js";
import { readRegistry } from "../../src/server/registry/dataset-files.js";
import { loadRegistry } from "../../src/server/registry/queries.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { importRegistry, readDatasetRecords, prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { SessionClient } from "./session-client.js";

const DATASET = join(PACKAGE_ROOT, "tests/fixtures/second-organization");
const TODAY = new Date("2026-11-25T12:00:00Z");

describe("a second organization", () => {
  let database: Database;
  let app: FastifyInstance;
  const get = async (url: string) => {
    const response = await app.inject({ method: "GET", url });
    expect(response.statusCode, url).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    database = await openDatabase({});
    await database.migrate();
    expect(await seedIfEmpty(database, DATASET)).toBe(true);
    app = await buildApp({ database, now: () => TODAY });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it("stores the dataset exactly (every new field included)", async () => {
    expect(await loadRegistry(database.db)).toEqual(await readRegistry(DATASET));
  });

  it("answers its profile in its one language, with its own kinds and rule", async () => {
    const org = await get("/api/v1/organization");
    expect(org.names).toEqual({ en: "Northern Seas Cooperation Forum (a fictional organization for tests)" });
    expect(org.officialLanguages).toEqual(["en"]);
    expect(org.decisionRules.map((r: { code: string }) => r.code)).toEqual(["unanimity"]);
    expect(org.bodyKinds.map((k: { code: string }) => k.code)).toEqual(["ministerial", "secretariat"]);
    const bodies = (await get("/api/v1/bodies")).items;
    expect(bodies[0]).toMatchObject({ code: "COM", kind: "ministerial", kindNames: { en: "Ministerial council" }, isSupreme: true });
  });

  it("replays its membership: Norway an observer from 2010, a member from 12 May 2016", async () => {
    expect((await get("/api/v1/states?tier=member")).items).toHaveLength(8);
    expect((await get("/api/v1/states?tier=member&on=2016-05-11")).items).toHaveLength(7);
    const norway = await get("/api/v1/states/NO");
    expect(norway.history.map((h: { tier: string; date: string }) => [h.tier, h.date])).toEqual([
      ["observer", "2010"],
      ["member", "2016-05-12"],
    ]);
  });

  it("projects the rotation from where the record ends, in English order, passing over Norway for 2027, with the summit at the start of the term", async () => {
    const chairmanship = await get("/api/v1/chairmanship");
    const current = chairmanship.items.find((t: { id: string }) => t.id === chairmanship.current);
    expect(current.state.code).toBe("LT");
    const projected = chairmanship.items.filter((t: { basis: string }) => t.basis === "projected");
    // The current term, known to the day, began on 1 January 2026: each projected term runs a calendar year, ending the
    // day before the next begins, as the recorded term of 2025 reads.
    expect(chairmanship.items.find((t: { id: string }) => t.id === "chair-2025")).toMatchObject({ start: "2025-01-01", end: "2025-12-31" });
    expect(projected.map((t: { state: { code: string }; start: string; end: string }) => [t.state.code, t.start, t.end])).toEqual([
      ["SE", "2027-01-01", "2027-12-31"],
      ["DK", "2028-01-01", "2028-12-31"],
      ["EE", "2029-01-01", "2029-12-31"],
      ["FI", "2030-01-01", "2030-12-31"],
      ["IS", "2031-01-01", "2031-12-31"],
    ]);
    const summits = await get("/api/v1/summits");
    expect(summits.next).toMatchObject({ host: { code: "SE" }, year: 2027 });
  });

  it("lists its accession", async () => {
    const accessions = await get("/api/v1/accessions");
    expect(accessions.items).toEqual([expect.objectContaining({ applicant: { code: "NO", names: { en: "Norway" } }, status: "granted" })]);
  });
});

describe("import --replace of another organization", () => {
  it("deactivates the old organization's delegations and accounts (audited), and the demo accounts follow the new one", async () => {
    const database = await openDatabase({});
    try {
      await database.migrate();
      expect(await seedIfEmpty(database, DEFAULT_DATASET)).toBe(true);
      expect(await prepareDemoAccounts(database, TODAY)).toBe(true);
      const app = await buildApp({ database, now: () => TODAY, cookieSecret: "x".repeat(40) });
      try {
        const before = new SessionClient(app, "192.0.2.60");
        expect((await before.signIn(demoHeadEmail("KZ"), DEMO_PASSWORD)).statusCode).toBe(200);

        const anonymous = new SessionClient(app, "192.0.2.64");
        const meetingsBefore = (await anonymous.request("GET", "/api/v1/meetings")).json().items as { id: string; body: string }[];
        expect(meetingsBefore.map((m) => m.id)).toEqual(expect.arrayContaining(["CHS-2025", "CMFA-2025-07"]));

        const registry = await readRegistry(DATASET);
        const records = await readDatasetRecords(DATASET, registry);
        expect(await importRegistry(database, registry, { replace: true, origin: "second-organization", records }, TODAY)).toBe(true);
        expect(await prepareDemoAccounts(database, TODAY)).toBe(true);

        // The dataset's meetings follow it: the SCO's are gone, the NSCF's summits are meetings of its Council of Ministers.
        const meetingsAfter = (await anonymous.request("GET", "/api/v1/meetings")).json().items as { id: string; body: string }[];
        expect(meetingsAfter.length).toBe(registry.summits.length);
        expect(new Set(meetingsAfter.map((m) => m.body))).toEqual(new Set(["COM"]));
        expect(meetingsAfter.map((m) => m.id)).toContain("COM-2023");

        // Kazakhstan holds no status in the new organization: its delegation and its head's account are off, its session ended.
        expect((await before.request("GET", "/api/v1/session")).json().user).toBeNull();
        expect((await new SessionClient(app, "192.0.2.61").signIn(demoHeadEmail("KZ"), DEMO_PASSWORD)).statusCode).not.toBe(200);
        const admin = new SessionClient(app, "192.0.2.62");
        expect((await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD)).statusCode).toBe(200);
        const delegations = (await admin.request("GET", "/api/v1/delegations")).json().items as { code: string; isActive: boolean }[];
        expect(delegations.find((d) => d.code === "KZ")?.isActive).toBe(false);
        expect(delegations.filter((d) => d.isActive).map((d) => d.code).sort()).toEqual(["DK", "EE", "FI", "IS", "LT", "LV", "NO", "PL", "SE"]);
        const audit = (await admin.request("GET", "/api/v1/audit?action=delegation.updated")).json().items as { target: string; payload: { reason?: string } }[];
        expect(audit.find((e) => e.target === "delegation:KZ")?.payload.reason).toContain("NSCF");

        // The new organization's demo heads sign in.
        expect((await new SessionClient(app, "192.0.2.63").signIn(demoHeadEmail("NO"), DEMO_PASSWORD)).statusCode).toBe(200);
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }
  });
});
