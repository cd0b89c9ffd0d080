// Importing a registry through the runner, on PGlite and PostgreSQL: everything or nothing, with its audit event and its public event.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, count, gt } from "drizzle-orm";
import { STREAMS } from "../../src/contracts/live.js";
import type { Actor } from "../../src/domain/access.js";
import { isInAudience, PUBLIC_AUDIENCE } from "../../src/domain/audience.js";
import type { Registry } from "../../src/domain/registry.js";
import { auditEvents, events } from "../../src/server/platform/db/schema.js";
import { CommandRunner, systemContext } from "../../src/server/platform/commands/runner.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import type { Database } from "../../src/server/platform/db/client.js";
import { databaseErrorCode } from "../../src/server/platform/db/errors.js";
import { streamHead } from "../../src/server/platform/events/log.js";
import { importRegistryCommand, RegistryExistsError, type RegistryImport } from "../../src/server/registry/commands.js";
import { readRegistry } from "../../src/server/registry/dataset-files.js";
import { hasRegistry, loadRegistry } from "../../src/server/registry/queries.js";
import { testDatabases } from "./databases.js";

describe.each(testDatabases)("importing a registry on $name", (testDb) => {
  const NOW = new Date("2026-11-25T10:00:00Z");
  const PUBLIC: Actor = { userId: null, role: "public", delegation: null, tier: null, rights: null, isChair: false };

  let database: Database;
  let dispose: (() => Promise<void>) | undefined;
  let runner: CommandRunner;
  let registry: Registry;

  /** The same registry with Kazakhstan renamed and the last Secretary-General gone: a visibly different registry. */
  function revised(base: Registry): Registry {
    return {
      ...base,
      states: base.states.map((state) => (state.code === "KZ" ? { ...state, names: { ...state.names, en: "Kazakhstan (revised)" } } : state)),
      secretariesGeneral: base.secretariesGeneral.slice(0, -1),
    };
  }

  /** A registry whose membership names a state it does not hold: it passes no validation, and fails half-way through the import. */
  function broken(base: Registry): Registry {
    return { ...base, membership: [...base.membership, { ...base.membership[0]!, id: "XX-2030-member", state: "XX" }] };
  }

  const importing = (input: RegistryImport) => runner.runWithEvents(importRegistryCommand, systemContext(NOW), input);

  /** Everything an import writes besides the registry itself. */
  async function footprint() {
    const [audit] = await database.db.select({ n: count() }).from(auditEvents);
    const [stored] = await database.db.select({ n: count() }).from(events);
    return {
      audit: Number(audit!.n),
      events: Number(stored!.n),
      auditHead: await streamHead(database.db, STREAMS.audit),
      registryHead: await streamHead(database.db, STREAMS.registry),
    };
  }

  const auditsAfter = (seq: number) => database.db.select().from(auditEvents).where(gt(auditEvents.seq, seq)).orderBy(asc(auditEvents.seq));

  const recordsOf = (r: Registry) => ({
    sources: r.sources.length,
    states: r.states.length,
    organizations: r.organizations.length,
    bodies: r.bodies.length,
    decisions: r.decisions.length,
    membership: r.membership.length,
    reclassifications: r.reclassifications.length,
    accessions: r.accessions.length,
    summits: r.summits.length,
    chairmanship: r.chairmanship.length,
    rotation: r.rotation.length,
    secretariesGeneral: r.secretariesGeneral.length,
  });

  beforeAll(async () => {
    const [created, read] = await Promise.all([testDb.create(), readRegistry(DEFAULT_DATASET)]);
    ({ database, dispose } = created);
    registry = read;
    await database.migrate();
    runner = new CommandRunner(database.db);
  });
  afterAll(async () => {
    await dispose?.();
  });

  describe("importing a registry", () => {
    // First: the database is empty only until it has run.
    it("loads it into an empty database, with an audit event and a public event on the registry stream", async () => {
      expect(await hasRegistry(database.db)).toBe(false);
      const { result, events: committed } = await importing({ registry, origin: "sco" });

      expect(result).toBe(true);
      expect(await loadRegistry(database.db)).toEqual(registry);
      const [audit, ...more] = await auditsAfter(0);
      expect(more).toEqual([]);
      expect(audit).toMatchObject({
        action: "registry.imported",
        target: "organization:SCO",
        actorUserId: null,
        actorDelegation: null,
        address: null,
        payload: { replace: false, origin: "sco", records: recordsOf(registry) },
      });
      expect(committed).toEqual([
        expect.objectContaining({ stream: STREAMS.audit, seq: 1, type: "audit.appended", payload: { seq: audit!.seq, action: "registry.imported", actorDelegation: null } }),
        { stream: STREAMS.registry, seq: 1, type: "registry.imported", at: NOW.toISOString(), payload: { organization: "SCO" }, audience: PUBLIC_AUDIENCE },
      ]);
      expect(isInAudience(committed[1]!.audience, PUBLIC)).toBe(true);
    });

    it("refuses to overwrite a registry without replace, writing nothing", async () => {
      await importing({ registry, replace: true });
      const before = await footprint();
      await expect(importing({ registry: revised(registry) })).rejects.toBeInstanceOf(RegistryExistsError);
      expect(await loadRegistry(database.db)).toEqual(registry);
      expect(await footprint()).toEqual(before);
    });

    it("does nothing on a first-start import (onlyIfEmpty) once a registry is there", async () => {
      await importing({ registry, replace: true });
      const before = await footprint();
      expect(await importing({ registry: revised(registry), onlyIfEmpty: true })).toEqual({ result: false, events: [] });
      expect(await importing({ registry: revised(registry), onlyIfEmpty: true, replace: true })).toEqual({ result: false, events: [] });
      expect(await loadRegistry(database.db)).toEqual(registry);
      expect(await footprint()).toEqual(before);
    });

    it("replaces the registry with replace, audited as a replacement", async () => {
      await importing({ registry, replace: true });
      const before = await footprint();
      const since = before.audit;
      const next = revised(registry);
      const { result, events: committed } = await importing({ registry: next, replace: true, origin: "sco-revised.json" });

      expect(result).toBe(true);
      expect(await loadRegistry(database.db)).toEqual(next);
      expect((await auditsAfter(since)).map((a) => [a.action, a.payload])).toEqual([
        ["registry.imported", { replace: true, origin: "sco-revised.json", records: recordsOf(next) }],
      ]);
      expect(committed.filter((event) => event.stream === STREAMS.registry)).toEqual([
        expect.objectContaining({ seq: before.registryHead + 1, type: "registry.imported", audience: PUBLIC_AUDIENCE }),
      ]);
    });

    it("leaves the old registry whole when the import fails half-way", async () => {
      const old = revised(registry);
      await importing({ registry: old, replace: true });
      const before = await footprint();

      // The states, bodies and decisions are written before the membership refers to a state that is not there.
      const failure = await importing({ registry: broken(registry), replace: true }).catch((error: unknown) => error);
      expect(databaseErrorCode(failure)).toBe("23503");
      expect(await loadRegistry(database.db)).toEqual(old);
      expect(await footprint()).toEqual(before);
    });

    it("writes nothing when the first import into an empty database fails", async () => {
      const { database: empty, dispose: disposeEmpty } = await testDb.create();
      try {
        await empty.migrate();
        const failure = await new CommandRunner(empty.db).run(importRegistryCommand, systemContext(NOW), { registry: broken(registry) }).catch((error: unknown) => error);
        expect(databaseErrorCode(failure)).toBe("23503");
        expect(await hasRegistry(empty.db)).toBe(false);
        expect(await loadRegistry(empty.db)).toBeNull();
        expect(await empty.db.select({ n: count() }).from(auditEvents)).toEqual([{ n: 0 }]);
        expect(await streamHead(empty.db, STREAMS.registry)).toBe(0);
      } finally {
        await disposeEmpty();
      }
    });
  });
});
