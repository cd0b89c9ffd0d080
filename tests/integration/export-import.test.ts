// Export then import reproduces the registry exactly; a failed import writes nothing; a restart keeps everything.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile, cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/server/platform/db/client.js";
import * as t from "../../src/server/platform/db/schema.js";
import { DEFAULT_DATASET, PACKAGE_ROOT } from "../../src/server/config.js";
import { readRegistry, toBundle } from "../../src/server/registry/dataset-files.js";
import { RegistryExistsError } from "../../src/server/registry/commands.js";
import { loadRegistry } from "../../src/server/registry/queries.js";
import { importRegistry, seedIfEmpty } from "../../src/server/startup.js";
import { countByTier, timelineOf } from "../../src/domain/membership.js";
import { verifyAuditTrail } from "../../src/server/audit/trail.js";
import { testDatabases } from "./databases.js";

const run = promisify(execFile);
const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((d) => rm(d, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "concord-it-"));
  temporary.push(dir);
  return dir;
}

/** Runs the `concord` command from source with the given environment. */
async function concord(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "src/server/cli.ts", ...args], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, DATABASE_URL: "", ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const dataset = await readRegistry(DEFAULT_DATASET);

describe.each(testDatabases)("export and import on $name", (testDb) => {
  it("stores the dataset exactly, and an exported bundle imports into an empty database as the same registry", async () => {
    const a = await testDb.create();
    const b = await testDb.create();
    try {
      await a.database.migrate();
      await seedIfEmpty(a.database, DEFAULT_DATASET);
      const stored = await loadRegistry(a.database.db);
      expect(stored).toEqual(dataset);
      const trail = await verifyAuditTrail(a.database.db);
      expect(trail).toMatchObject({ events: 1, broken: null });

      const dir = await tempDir();
      const file = join(dir, "export.json");
      await writeFile(file, JSON.stringify(toBundle(stored!), null, 2));
      await b.database.migrate();
      await importRegistry(b.database, await readRegistry(file));
      expect(await loadRegistry(b.database.db)).toEqual(stored);
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });

  it("refuses to import over an existing registry without --replace, and changes nothing", async () => {
    const db = await testDb.create();
    try {
      await db.database.migrate();
      await seedIfEmpty(db.database, DEFAULT_DATASET);
      await expect(importRegistry(db.database, dataset)).rejects.toBeInstanceOf(RegistryExistsError);
      expect(await loadRegistry(db.database.db)).toEqual(dataset);
    } finally {
      await db.dispose();
    }
  });

  it("rolls back a replacing import that fails half-way: the old registry stays whole", async () => {
    const db = await testDb.create();
    try {
      await db.database.migrate();
      await seedIfEmpty(db.database, DEFAULT_DATASET);
      // Bypasses validation on purpose: the database itself refuses the last rows, after the old ones were deleted.
      const broken = { ...dataset, secretariesGeneral: [{ ...dataset.secretariesGeneral[0]!, state: "ZZ" }] };
      const before = await verifyAuditTrail(db.database.db);
      await expect(importRegistry(db.database, broken, { replace: true })).rejects.toThrow();
      expect(await loadRegistry(db.database.db)).toEqual(dataset);
      // Nor is the failed import recorded: its audit event went with its transaction.
      expect(await verifyAuditTrail(db.database.db)).toEqual(before);
    } finally {
      await db.dispose();
    }
  });

  it("runs migrations idempotently", async () => {
    const db = await testDb.create();
    try {
      await db.database.migrate();
      await db.database.migrate();
      expect(await db.database.db.select().from(t.organization)).toEqual([]);
    } finally {
      await db.dispose();
    }
  });
});

describe("a restart", () => {
  it("keeps everything in DATA_DIR, and does not load the dataset twice", async () => {
    const dataDir = await tempDir();
    const first = await openDatabase({ dataDir });
    await first.migrate();
    expect(await seedIfEmpty(first, DEFAULT_DATASET)).toBe(true);
    await first.close();

    const second = await openDatabase({ dataDir });
    await second.migrate();
    expect(await seedIfEmpty(second, DEFAULT_DATASET)).toBe(false);
    const registry = await loadRegistry(second.db);
    expect(registry).toEqual(dataset);
    expect(countByTier(timelineOf(registry!), "2026-11-25")).toEqual({ member: 10, partner: 17 });
    expect(countByTier(timelineOf(registry!), "2025-08-30")).toEqual({ member: 10, observer: 2, dialogue_partner: 14 });
    await second.close();
  });
});

describe("the concord command", () => {
  const environments = async (): Promise<{ name: string; env: Record<string, string>; dispose: () => Promise<void> }[]> => {
    const list = [];
    for (const testDb of testDatabases) {
      for (let i = 0; i < 2; i += 1) {
        if (testDb.name === "pglite") {
          list.push({ name: `pglite-${i}`, env: { DATA_DIR: await tempDir() }, dispose: async () => undefined });
        } else {
          const created = await testDb.create();
          list.push({ name: `postgresql-${i}`, env: { DATABASE_URL: created.url! }, dispose: created.dispose });
        }
      }
    }
    return list;
  };

  it("exports into a file and imports it into an empty database, reproducing the registry byte for byte", async () => {
    const envs = await environments();
    try {
      for (let i = 0; i < envs.length; i += 2) {
        const [source, target] = [envs[i]!, envs[i + 1]!];
        const dir = await tempDir();
        expect((await concord(["import", DEFAULT_DATASET], source.env)).code).toBe(0);
        const exported = await concord(["export", "--out", join(dir, "a.json")], source.env);
        expect(exported.code, exported.stderr).toBe(0);
        const imported = await concord(["import", join(dir, "a.json")], target.env);
        expect(imported.code, imported.stderr).toBe(0);
        expect(imported.stdout).toContain("Imported the registry of SCO");
        expect((await concord(["export", "--out", join(dir, "b.json")], target.env)).code).toBe(0);
        const [a, b] = await Promise.all([readFile(join(dir, "a.json"), "utf8"), readFile(join(dir, "b.json"), "utf8")]);
        expect(b).toBe(a);
        expect(JSON.parse(a)).toEqual(toBundle(dataset));
      }
    } finally {
      for (const env of envs) await env.dispose();
    }
  }, 180_000);

  it("refuses a bad dataset, says which file, record and field, and writes nothing", async () => {
    const env = { DATA_DIR: await tempDir() };
    const bad = await tempDir();
    await cp(DEFAULT_DATASET, bad, { recursive: true });
    const states = JSON.parse(await readFile(join(bad, "states.json"), "utf8"));
    delete states[2].names.ru;
    await writeFile(join(bad, "states.json"), JSON.stringify(states));

    const result = await concord(["import", bad], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("nothing was written");
    expect(result.stderr).toMatch(/states\.json: record "KZ" \(#3\): field names\.ru: /);

    const database = await openDatabase({ dataDir: env.DATA_DIR });
    await database.migrate();
    expect(await loadRegistry(database.db)).toBeNull();
    await database.close();
  }, 60_000);

  it("prints its help", async () => {
    const result = await concord(["--help"], {});
    expect(result.code).toBe(0);
    for (const command of ["start", "migrate", "export", "import"]) expect(result.stdout).toContain(command);
  });
});
