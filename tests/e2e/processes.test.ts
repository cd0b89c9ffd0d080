// Concord as processes: one owner per PGlite directory (a second start or a writing command is refused at once, nothing is lost),
// and several processes starting together on one empty PostgreSQL database.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../integration/databases.js";
import { REPO_ROOT, runConcord, signInOverHttp as signIn, startServer, type RunningServer } from "./harness.js";

describe("one owner per PGlite data directory", () => {
  let dataDir: string;
  let server: RunningServer | null = null;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "concord-owner-"));
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("refuses a second start and every command on a directory in use, naming the process, and loses nothing", async () => {
    server = await startServer({ dataDir });
    const send = await signIn(server.baseUrl);
    expect((await send("POST", "/api/v1/users", { email: "kept@concord.test", displayName: "Kept", role: "secretariat_officer" })).status).toBe(201);

    const second = await runConcord(["start"], { DATA_DIR: dataDir, PORT: "0" });
    expect(second.code).toBe(1);
    expect(second.output).toMatch(/The data directory .+ is in use by process \d+ \("concord start"/);
    expect(second.output).toContain("Stop that process first");

    for (const args of [["import", join(REPO_ROOT, "datasets/sco"), "--replace"], ["migrate"], ["export", "--out", join(dataDir, "x.json")], ["audit", "verify"]]) {
      const refused = await runConcord(args, { DATA_DIR: dataDir });
      expect(refused.code, args.join(" ")).toBe(1);
      expect(refused.output, args.join(" ")).toMatch(/is in use by process \d+/);
      expect(refused.output, args.join(" ")).toContain("GET /api/v1/registry/export");
    }

    // The running server still answers, and the export and the verification are there for the secretariat.
    expect((await send("GET", "/api/v1/registry/export")).status).toBe(200);
    expect(await (await send("GET", "/api/v1/audit/verification")).json()).toMatchObject({ holds: true });

    // After a stop and a start, everything is still there; the commands work again.
    await server.stop();
    server = null;
    const verified = await runConcord(["audit", "verify"], { DATA_DIR: dataDir });
    expect(verified.output).toContain("The audit trail holds");
    expect(verified.code).toBe(0);
    server = await startServer({ dataDir });
    const again = await signIn(server.baseUrl);
    const users = (await (await again("GET", "/api/v1/users")).json()) as { items: { email: string }[] };
    expect(users.items.map((u) => u.email)).toContain("kept@concord.test");
  });
});

describe("production mode", () => {
  it("refuses to start without PUBLIC_URL, saying why, before opening anything", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "concord-production-"));
    try {
      const refused = await runConcord(["start"], { NODE_ENV: "production", PUBLIC_URL: "", DATA_DIR: dataDir, PORT: "0" });
      expect(refused.code).toBe(1);
      expect(refused.output).toContain("PUBLIC_URL is not set");
      expect(refused.output).toContain("NODE_ENV=production");
      expect(refused.output).not.toContain("Concord is running");
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

const postgres = testDatabases.find((d) => d.name === "postgresql");

describe.skipIf(!postgres)("several processes on one PostgreSQL database", () => {
  const servers: RunningServer[] = [];
  let dispose: () => Promise<void>;

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await dispose?.();
  });

  it("starts two processes at the same moment on an empty database: both serve, with one dataset load and one set of demo accounts", async () => {
    const created = await postgres!.create();
    dispose = created.dispose;
    const env = { DATABASE_URL: created.url! };
    servers.push(...(await Promise.all([startServer({ env }), startServer({ env })])));
    const loads = servers.filter((s) => s.output().includes("Loaded the dataset")).length;
    expect(loads).toBe(1);
    for (const server of servers) expect(((await (await fetch(`${server.baseUrl}/api/health`)).json()) as { database: string }).database).toBe("postgresql");
    const send = await signIn(servers[0]!.baseUrl);
    const imported = (await (await send("GET", "/api/v1/audit?action=registry.imported")).json()) as { items: unknown[] };
    expect(imported.items).toHaveLength(1);
    const demo = (await (await send("GET", "/api/v1/audit?action=identity.demo-accounts-created")).json()) as { items: unknown[] };
    expect(demo.items).toHaveLength(1);
    const users = (await (await send("GET", "/api/v1/users")).json()) as { items: unknown[] };
    // The administrator and a head of delegation for each of the 27 states holding a status today.
    expect(users.items).toHaveLength(28);
    // A session and CSRF token from one process work on the other (the cookie secret is kept in the database).
    const onSecond = await signIn(servers[1]!.baseUrl);
    expect((await onSecond("GET", "/api/v1/session")).status).toBe(200);
  });
});
