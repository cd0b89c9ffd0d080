// State changes of the registry: loading a whole validated registry, as one command with its audit event and its public live event.
import { STREAMS } from "../../contracts/live.js";
import { PUBLIC_AUDIENCE } from "../../domain/audience.js";
import { earliestDay, precisionOf } from "../../domain/partial-date.js";
import { REGISTRY_SECTIONS, type Registry } from "../../domain/registry.js";
import type { PgTable } from "drizzle-orm/pg-core";
import { defineCommand, SYSTEM } from "../platform/commands/runner.js";
import type { Db } from "../platform/db/client.js";
import * as t from "./tables.js";
import { hasRegistry } from "./queries.js";

export class RegistryExistsError extends Error {
  constructor() {
    super("The database already holds a registry; import with --replace to overwrite it.");
    this.name = "RegistryExistsError";
  }
}

/** Deletes every registry row, children first (but the organization's row, when it is kept as the registry's lock). */
async function clearRegistry(tx: Db, options: { keepOrganization?: boolean } = {}): Promise<void> {
  for (const table of [
    t.accessions,
    t.reclassifications,
    t.secretariesGeneral,
    t.rotationEntries,
    t.chairmanshipTerms,
    t.summits,
    t.membershipEvents,
    t.decisions,
    t.bodies,
    t.internationalOrganizations,
    t.states,
    t.organization,
    t.sources,
  ]) {
    if (table === t.organization && options.keepOrganization) continue;
    await tx.delete(table);
  }
}

const nullable = <T>(value: T | undefined): T | null => value ?? null;

async function insertAll<T extends PgTable>(tx: Db, table: T, rows: T["$inferInsert"][]): Promise<void> {
  if (rows.length > 0) await tx.insert(table).values(rows);
}

/**
 * Writes every row of a registry, keeping each section's order as its rows' positions. With `replace`, the registry there
 * is cleared first, except the organization's row, which is updated: it is the lock changes take, and stays one row.
 */
export async function writeRegistry(tx: Db, registry: Registry, options: { replace: boolean }): Promise<void> {
  const positioned = <T, R>(rows: readonly T[], map: (row: T) => R) => rows.map((row, position) => ({ ...map(row), position }));
  const dated = (date: string) => ({ datePrecision: precisionOf(date), dateStart: earliestDay(date) });
  const started = (start: string) => ({ startPrecision: precisionOf(start), startDay: earliestDay(start) });
  if (options.replace) await clearRegistry(tx, { keepOrganization: true });
  await insertAll(tx, t.sources, positioned(registry.sources, (r) => ({ ...r, year: nullable(r.year), url: nullable(r.url) })));
  if (options.replace) await tx.update(t.organization).set({ code: registry.organization.code, profile: registry.organization });
  else await tx.insert(t.organization).values({ code: registry.organization.code, profile: registry.organization });
  await insertAll(tx, t.states, positioned(registry.states, (r) => r));
  await insertAll(tx, t.internationalOrganizations, positioned(registry.organizations, (r) => r));
  await insertAll(tx, t.bodies, positioned(registry.bodies, (r) => ({ ...r, seat: nullable(r.seat), isSupreme: nullable(r.isSupreme) })));
  await insertAll(tx, t.decisions, positioned(registry.decisions, (r) => ({ ...r, ...dated(r.date) })));
  await insertAll(tx, t.membershipEvents, positioned(registry.membership, (r) => ({ ...r, ...dated(r.date), reason: nullable(r.reason) })));
  await insertAll(
    tx,
    t.reclassifications,
    positioned(registry.reclassifications, (r) => ({ id: r.id, fromTiers: [...r.from], toTier: r.to, date: r.date, ...dated(r.date), decision: r.decision, source: r.source, reason: nullable(r.reason) })),
  );
  await insertAll(
    tx,
    t.accessions,
    positioned(registry.accessions, (r) => ({ ...r, steps: [...r.steps], applied: nullable(r.applied), outcome: nullable(r.outcome) })),
  );
  await insertAll(tx, t.summits, positioned(registry.summits, (r) => ({ ...r, ...started(r.start), end: nullable(r.end) })));
  await insertAll(
    tx,
    t.chairmanshipTerms,
    positioned(registry.chairmanship, (r) => ({ ...r, ...started(r.start), end: nullable(r.end), slogan: nullable(r.slogan),
      themedYear: nullable(r.themedYear),
      priorities: r.priorities ? r.priorities.map((p) => ({ ...p })) : null,
      reportedEvents: r.reportedEvents ? { ...r.reportedEvents } : null,
    })),
  );
  await insertAll(tx, t.rotationEntries, positioned(registry.rotation, (r) => ({ ...r, orderKey: nullable(r.orderKey), passedOver: r.passedOver ? [...r.passedOver] : null })));
  await insertAll(tx, t.secretariesGeneral, positioned(registry.secretariesGeneral, (r) => ({ ...r, to: nullable(r.to) })));
}

export interface RegistryImport {
  readonly registry: Registry;
  /** Overwrite the registry already there; without it, a database holding a registry is refused. */
  readonly replace?: boolean;
  /** Where the registry came from (a file or dataset name), for the audit trail. */
  readonly origin?: string;
  /** Only when the database holds no registry yet (first start): otherwise nothing is done. */
  readonly onlyIfEmpty?: boolean;
}

/**
 * Writes a registry that has already passed `parseRegistry`: everything or nothing. Returns whether it wrote.
 * Run by the system (first start, `concord import`); every process's snapshot reloads on its event.
 */
export const importRegistryCommand = defineCommand({
  name: "registry.import",
  access: () => SYSTEM,
  run: async (c, input: RegistryImport): Promise<boolean> => {
    const { registry } = input;
    const { tx } = c;
    if (await hasRegistry(tx)) {
      if (input.onlyIfEmpty) return false;
      if (!input.replace) throw new RegistryExistsError();
      await clearRegistry(tx);
    }
    await writeRegistry(tx, registry, { replace: false });
    const records = Object.fromEntries(REGISTRY_SECTIONS.filter((k) => k !== "organization").map((k) => [k, (registry[k] as readonly unknown[]).length]));
    c.audit("registry.imported", `organization:${registry.organization.code}`, {
      replace: input.replace === true,
      ...(input.origin !== undefined ? { origin: input.origin } : {}),
      records,
    });
    c.emit(STREAMS.registry, "registry.imported", { organization: registry.organization.code }, PUBLIC_AUDIENCE);
    return true;
  },
});
