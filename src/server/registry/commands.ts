// State changes of the registry: loading a whole validated registry into the database, in one transaction with its audit event.
import { earliestDay, precisionOf } from "../../domain/partial-date.js";
import { REGISTRY_SECTIONS, type Registry } from "../../domain/registry.js";
import { appendAuditEvent } from "../audit/trail.js";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.js";
import * as t from "../db/schema.js";
import { hasRegistry } from "./queries.js";

export class RegistryExistsError extends Error {
  constructor() {
    super("The database already holds a registry; import with --replace to overwrite it.");
    this.name = "RegistryExistsError";
  }
}

/** Deletes every registry row, children first. */
async function clearRegistry(tx: Db): Promise<void> {
  for (const table of [
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
    await tx.delete(table);
  }
}

const nullable = <T>(value: T | undefined): T | null => value ?? null;

async function insertAll<T extends PgTable>(tx: Db, table: T, rows: T["$inferInsert"][]): Promise<void> {
  if (rows.length > 0) await tx.insert(table).values(rows);
}

/**
 * Writes a registry that has already passed `parseRegistry`. Into an empty database unless `replace`;
 * either everything is written or nothing is.
 */
export interface ImportOptions {
  readonly replace?: boolean;
  /** Where the registry came from (a file or dataset name), for the audit trail. */
  readonly origin?: string;
  readonly now?: Date;
}

export async function importRegistry(db: Db, registry: Registry, options: ImportOptions = {}): Promise<void> {
  const positioned = <T, R>(rows: readonly T[], map: (row: T) => R) => rows.map((row, position) => ({ ...map(row), position }));
  const dated = (date: string) => ({ datePrecision: precisionOf(date), dateStart: earliestDay(date) });
  const started = (start: string) => ({ startPrecision: precisionOf(start), startDay: earliestDay(start) });
  await db.transaction(async (tx) => {
    if (await hasRegistry(tx)) {
      if (!options.replace) throw new RegistryExistsError();
      await clearRegistry(tx);
    }
    await insertAll(tx, t.sources, positioned(registry.sources, (r) => ({ ...r, year: nullable(r.year) })));
    await tx.insert(t.organization).values({ code: registry.organization.code, profile: registry.organization });
    await insertAll(tx, t.states, positioned(registry.states, (r) => r));
    await insertAll(tx, t.internationalOrganizations, positioned(registry.organizations, (r) => r));
    await insertAll(tx, t.bodies, positioned(registry.bodies, (r) => ({ ...r, seat: nullable(r.seat) })));
    await insertAll(tx, t.decisions, positioned(registry.decisions, (r) => ({ ...r, ...dated(r.date) })));
    await insertAll(tx, t.membershipEvents, positioned(registry.membership, (r) => ({ ...r, ...dated(r.date) })));
    await insertAll(tx, t.summits, positioned(registry.summits, (r) => ({ ...r, ...started(r.start), end: nullable(r.end) })));
    await insertAll(
      tx,
      t.chairmanshipTerms,
      positioned(registry.chairmanship, (r) => ({ ...r, ...started(r.start), end: nullable(r.end), slogan: nullable(r.slogan) })),
    );
    await insertAll(tx, t.rotationEntries, positioned(registry.rotation, (r) => r));
    await insertAll(tx, t.secretariesGeneral, positioned(registry.secretariesGeneral, (r) => ({ ...r, to: nullable(r.to) })));
    await appendAuditEvent(tx, {
      actorUserId: null,
      actorDelegation: null,
      address: null,
      action: "registry.imported",
      target: `organization:${registry.organization.code}`,
      payload: {
        replace: options.replace === true,
        ...(options.origin !== undefined ? { origin: options.origin } : {}),
        records: Object.fromEntries(REGISTRY_SECTIONS.filter((k) => k !== "organization").map((k) => [k, (registry[k] as readonly unknown[]).length])),
      },
      at: options.now ?? new Date(),
    });
  });
}
