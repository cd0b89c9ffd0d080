// Changing the live registry: the Tianjin restructuring recorded through the API and through `concord import --changes`
// on a registry without it; refusals change nothing; parallel changes all land; corrections keep the earlier value.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { PACKAGE_ROOT } from "../../src/server/config.js";
import { openDatabase } from "../../src/server/platform/db/client.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { readRegistry } from "../../src/server/registry/dataset-files.js";
import { importRegistry, prepareDemoAccounts } from "../../src/server/startup.js";
import { testDatabases } from "./databases.js";
import { SessionClient } from "./session-client.js";

const TODAY = new Date("2026-11-25T12:00:00Z");
const BEFORE_TIANJIN = join(PACKAGE_ROOT, "tests/fixtures/sco-before-tianjin");
const TIANJIN_CHANGES = join(PACKAGE_ROOT, "tests/fixtures/tianjin-changes.json");
const tianjinFile = JSON.parse(await readFile(TIANJIN_CHANGES, "utf8")) as { reason: string; changes: { put: string; record: Record<string, unknown> }[] };
/** The change file's changes as the API takes them (the file adds its format and version). */
const tianjin = { reason: tianjinFile.reason, changes: tianjinFile.changes };
const before = await readRegistry(BEFORE_TIANJIN);

const rights = { attend: true, attendByRight: false, speak: false, circulateStatements: false, propose: false, object: false, chair: false, seeDrafts: false };
const text = (en: string) => ({ zh: en, ru: en, en });
const state = (code: string, isoNumeric: string) => ({ code, isoNumeric, names: text(`State ${code}`), source: "seed" });

/** Counts per tier, as the API answers them, on a day. */
async function counts(app: FastifyInstance, on: string): Promise<Record<string, number>> {
  const body = (await app.inject({ method: "GET", url: `/api/v1/states?on=${on}` })).json() as { items: { tier: string }[] };
  const result: Record<string, number> = {};
  for (const item of body.items) result[item.tier] = (result[item.tier] ?? 0) + 1;
  return result;
}

describe.each(testDatabases)("registry changes on $name", (testDb) => {
  let app: FastifyInstance;
  let dispose: () => Promise<void>;
  let admin: SessionClient;

  beforeAll(async () => {
    const created = await testDb.create();
    dispose = created.dispose;
    await created.database.migrate();
    expect(await importRegistry(created.database, before, { origin: "sco-before-tianjin" })).toBe(true);
    expect(await prepareDemoAccounts(created.database, TODAY)).toBe(true);
    app = await buildApp({ database: created.database, now: () => TODAY, cookieSecret: "x".repeat(40) });
    admin = new SessionClient(app);
    expect((await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD)).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  it("starts without the restructuring: 10 members, 2 observers and 14 dialogue partners today", async () => {
    expect(await counts(app, "2026-11-25")).toEqual({ member: 10, observer: 2, dialogue_partner: 14 });
  });

  it("refuses the public (401) and a delegation (403, the right named), changing nothing", async () => {
    const body = { reason: "test", changes: [{ put: "states", record: state("ZZ", "999") }] };
    const anonymous = new SessionClient(app, "203.0.113.50");
    expect((await anonymous.request("POST", "/api/v1/registry/changes", body)).statusCode).toBe(401);
    const head = new SessionClient(app, "203.0.113.51");
    expect((await head.signIn(demoHeadEmail("KZ"), DEMO_PASSWORD)).statusCode).toBe(200);
    const refused = await head.request("POST", "/api/v1/registry/changes", body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: "forbidden", right: "registry.change" });
    expect((await app.inject({ method: "GET", url: "/api/v1/states/ZZ" })).statusCode).toBe(404);
  });

  it("refuses a tier code the API would not accept, naming the change and the field", async () => {
    const response = await admin.request("POST", "/api/v1/registry/changes", {
      reason: "test",
      changes: [{ put: "tiers", record: { code: "sco-partner", names: text("x"), isStanding: true, rights, source: "seed" } }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual(expect.objectContaining({ field: "body.changes.0.record.code", code: "format" }));
  });

  it("refuses a source link that is not http(s), and text with control characters, naming the field", async () => {
    const response = await admin.request("POST", "/api/v1/registry/changes", {
      reason: "test",
      changes: [
        { put: "sources", record: { key: "bad-link", title: text("Bad"), url: "javascript:alert(1)" } },
        { put: "states", record: { ...state("ZW", "996"), names: { en: "Bad\u202Ename" } } },
      ],
    });
    expect(response.statusCode).toBe(400);
    const fields = (response.json().errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["body.changes.0.record.url", "body.changes.1.record.names.en"]));
  });

  it("refuses changes that leave the registry inconsistent, naming the change, and writes none of them", async () => {
    const member = before.organization.tiers.find((t) => t.code === "member")!;
    const response = await admin.request("POST", "/api/v1/registry/changes", {
      reason: "test",
      changes: [
        { put: "states", record: state("ZY", "998") },
        { put: "tiers", record: { ...member, retired: "2020-01-01" } },
      ],
    });
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.code).toBe("invalid-request");
    expect(problem.errors).toContainEqual(expect.objectContaining({ field: "body.changes.1.record.retired", code: "registry-inconsistent" }));
    expect((await app.inject({ method: "GET", url: "/api/v1/states/ZY" })).statusCode).toBe(404);
    expect(await counts(app, "2026-11-25")).toEqual({ member: 10, observer: 2, dialogue_partner: 14 });
  });

  it("records the Tianjin restructuring as one set of changes: 10 members and 17 SCO partners from 1 September 2025, history intact", async () => {
    const response = await admin.request("POST", "/api/v1/registry/changes", tianjin);
    expect(response.statusCode).toBe(200);
    const result = response.json() as { position: number; applied: { put: string; key: string; outcome: string }[] };
    expect(result.applied.filter((a) => a.put === "tiers").map((a) => [a.key, a.outcome])).toEqual(
      expect.arrayContaining([
        ["partner", "added"],
        ["observer", "corrected"],
        ["dialogue_partner", "corrected"],
      ]),
    );
    const items = async (query: string) => ((await app.inject({ method: "GET", url: `/api/v1/states?${query}` })).json() as { items: { code: string }[] }).items;
    expect(await items("tier=partner&on=2025-09-02")).toHaveLength(17);
    expect(await items("tier=member&on=2025-09-02")).toHaveLength(10);
    expect(await items("tier=observer&on=2025-09-02")).toHaveLength(0);
    expect(await items("tier=dialogue_partner&on=2025-09-02")).toHaveLength(0);
    expect((await items("tier=partner&on=2025-09-02")).map((s) => s.code)).toContain("LA");
    expect(await counts(app, "2024-01-01")).toEqual({ member: 9, observer: 3, dialogue_partner: 14 });
    expect(await counts(app, "2025-08-30")).toEqual({ member: 10, observer: 2, dialogue_partner: 14 });
    expect(await counts(app, "2026-11-25")).toEqual({ member: 10, partner: 17 });

    // Mongolia's page tells how it became a partner: by the reclassification, with its decision.
    const mongolia = (await app.inject({ method: "GET", url: "/api/v1/states/MN?on=2026-11-25" })).json();
    expect(mongolia.status.tier).toBe("partner");
    expect(mongolia.history.at(-1)).toMatchObject({ tier: "partner", date: "2025-09-01", kind: "changed", reclassification: expect.any(String) });

    // The corrected tiers keep what they said before, with the reason; the audit trail has the change.
    const history = await admin.request("GET", "/api/v1/registry/history?put=tiers&key=observer");
    expect(history.statusCode).toBe(200);
    expect(history.json().items[0]).toMatchObject({ put: "tiers", key: "observer", reason: tianjin.reason, previous: before.organization.tiers.find((t) => t.code === "observer") });
    expect(history.json().position).toBe(result.position);
    const audit = await admin.request("GET", "/api/v1/audit?action=registry.changed");
    expect(audit.statusCode).toBe(200);
    expect(JSON.stringify(audit.json())).toContain("registry.changed");

    // The same changes again change nothing.
    const again = await admin.request("POST", "/api/v1/registry/changes", tianjin);
    expect(again.json().applied.every((a: { outcome: string }) => a.outcome === "unchanged")).toBe(true);
    expect(again.json().position).toBe(result.position);
  });

  it("answers 409 with the current version to a change prepared on an older registry", async () => {
    const { position } = (await admin.request("GET", "/api/v1/registry/history")).json() as { position: number };
    const stale = await admin.request("POST", "/api/v1/registry/changes", { reason: "test", basedOn: position - 1, changes: [{ put: "states", record: state("ZX", "997") }] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: "stale-version", current: { position } });
    const fresh = await admin.request("POST", "/api/v1/registry/changes", { reason: "test", basedOn: position, changes: [{ put: "states", record: state("ZX", "997") }] });
    expect(fresh.statusCode).toBe(200);
  });

  it("lands every one of parallel changes (no lost write)", async () => {
    const codes = ["QA", "QB", "QC", "QD", "QE", "QF"].map((c, i) => ({ code: c, iso: String(900 + i) }));
    const responses = await Promise.all(
      codes.map(({ code, iso }) => admin.request("POST", "/api/v1/registry/changes", { reason: `add ${code}`, changes: [{ put: "states", record: state(code, iso) }] })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(codes.map(() => 200));
    for (const { code } of codes) expect((await app.inject({ method: "GET", url: `/api/v1/states/${code}` })).statusCode).toBe(200);
  });
});

describe("concord import --changes", () => {
  const run = promisify(execFile);
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "concord-changes-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  async function concord(args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "src/server/cli.ts", ...args], { cwd: PACKAGE_ROOT, env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it("applies the Tianjin change file to a registry without it, after refusing a bad one with file, change and field", async () => {
    const dataDir = join(dir, "data");
    expect((await concord(["import", BEFORE_TIANJIN], dataDir)).code).toBe(0);

    const bad = join(dir, "bad-changes.json");
    const broken = structuredClone(tianjinFile);
    const laos = broken.changes.find((c) => c.put === "membership")!;
    laos.record.tier = "sco_partner";
    await writeFile(bad, JSON.stringify(broken));
    const refused = await concord(["import", "--changes", bad], dataDir);
    expect(refused.code).not.toBe(0);
    const index = broken.changes.indexOf(laos) + 1;
    expect(refused.stderr).toContain(`bad-changes.json: record change #${index} (membership "${String(laos.record.id)}"): field record.tier: unknown tier "sco_partner"`);

    const applied = await concord(["import", "--changes", TIANJIN_CHANGES], dataDir);
    expect(applied.stderr).toBe("");
    expect(applied.code).toBe(0);

    const database = await openDatabase({ dataDir });
    try {
      const app = await buildApp({ database, now: () => TODAY });
      try {
        expect(await counts(app, "2025-09-02")).toEqual({ member: 10, partner: 17 });
        expect(await counts(app, "2024-01-01")).toEqual({ member: 9, observer: 3, dialogue_partner: 14 });
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }
  });
});
