// Preparing a database for use: migrate, load the default dataset into an empty database, create the demo accounts —
// under one database-wide lock, so that of several processes starting together exactly one does each.
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { openDatabase, type Database } from "./platform/db/client.js";
import type { Config } from "./config.js";
import { createDemoNegotiation } from "./negotiation/demo.js";
import { datasetMeetings, replaceDatasetMeetings, syncSummitMeetings, syncSummits, type DatasetMeeting } from "./meetings/dataset.js";
import { keepDemoMeetingCurrent, type DemoMeetingNow } from "./meetings/demo.js";
import { readDatasetProgramme, replaceDatasetProgramme } from "./programme/dataset.js";
import type { ProgrammeEvent } from "../domain/programme/event.js";
import { CommandRunner, defineCommand, SYSTEM, systemContext } from "./platform/commands/runner.js";
import { retireDelegationsOutside } from "./identity/commands.js";
import { cookieSecretOf } from "./platform/db/settings.js";
import { readRegistry } from "./registry/dataset-files.js";
import { importRegistryCommand, type RegistryImport } from "./registry/commands.js";
import { hasRegistry, loadRegistry } from "./registry/queries.js";
import { createDemoAccountsCommand, demoAccountsOnDemoPassword, hasDemoAccounts } from "./identity/demo-accounts.js";
import type { Registry } from "../domain/registry.js";

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export async function openConfiguredDatabase(config: Config, command: string): Promise<Database> {
  return openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, command });
}

/**
 * Loading a registry, and with --replace, in the same transaction, deactivating the delegations (and their accounts) of
 * parties that hold no status in it: another organization's registry leaves no one of the old one able to act.
 */
const loadRegistryCommand = defineCommand({
  name: "registry.import",
  access: () => SYSTEM,
  run: async (c, input: RegistryImport & { today: string; records?: DatasetRecords | null }): Promise<boolean> => {
    const wrote = await importRegistryCommand.run(c, input, undefined);
    if (wrote && input.replace) await retireDelegationsOutside(c, input.registry, input.today);
    if (wrote) await syncSummitMeetings(c, input.registry);
    // A dataset's meetings and programme are its record, and follow it: replaced with the registry, in its transaction.
    if (wrote && input.records) {
      await replaceDatasetMeetings(c, input.records.meetings);
      await replaceDatasetProgramme(c, input.records.programme);
    }
    return wrote;
  },
});

/** What a dataset directory holds besides its registry: its meetings (summits included) and its programme events. */
export interface DatasetRecords {
  readonly meetings: readonly DatasetMeeting[];
  readonly programme: readonly Omit<ProgrammeEvent, "origin">[];
}

/** The records of a dataset directory, checked against its registry; null for a path that is not a directory (a bundle file). */
export async function readDatasetRecords(path: string, registry: Registry): Promise<DatasetRecords | null> {
  if (!(await stat(path)).isDirectory()) return null;
  return { meetings: await datasetMeetings(path, registry), programme: await readDatasetProgramme(path, registry) };
}

/** Loads a validated registry (with a dataset's records) as the system (first start, `concord import`). Returns whether it wrote. */
export function importRegistry(
  database: Database,
  registry: Registry,
  options: Omit<RegistryImport, "registry"> & { records?: DatasetRecords | null } = {},
  now = new Date(),
): Promise<boolean> {
  return new CommandRunner(database.db).run(loadRegistryCommand, systemContext(now), { ...options, registry, today: utcDay(now) });
}

/** Loads the dataset when the database holds no registry yet; returns whether it did. */
export async function seedIfEmpty(database: Database, datasetPath: string): Promise<boolean> {
  if (await hasRegistry(database.db)) return false;
  const registry = await readRegistry(datasetPath);
  const now = new Date();
  const records = await readDatasetRecords(datasetPath, registry);
  return importRegistry(database, registry, { origin: basename(datasetPath), onlyIfEmpty: true, records }, now);
}

/** Creates the demo accounts on a first start; returns whether demo accounts exist. */
export async function prepareDemoAccounts(database: Database, now: Date = new Date()): Promise<boolean> {
  const registry = await loadRegistry(database.db);
  if (registry) await new CommandRunner(database.db).run(createDemoAccountsCommand, systemContext(now), { registry, today: utcDay(now) });
  return hasDemoAccounts(database.db);
}

/** The demonstration negotiation the demo accounts find (created once). */
export async function prepareDemoNegotiation(database: Database, now: Date = new Date()): Promise<string | null> {
  const registry = await loadRegistry(database.db);
  return registry ? createDemoNegotiation(database.db, registry, now, utcDay(now)) : null;
}

/** The demonstration meeting the demo accounts find: a session in progress, staged anew when the last one is over. */
export async function prepareDemoMeeting(database: Database, now: Date = new Date()): Promise<DemoMeetingNow | null> {
  const registry = await loadRegistry(database.db);
  return registry ? keepDemoMeetingCurrent(database.db, registry, now, { stageFirst: true }) : null;
}

export interface Prepared {
  readonly isSeeded: boolean;
  readonly hasDemoAccounts: boolean;
  /** The demo accounts that still sign in with the demo password, by email: the start names them, and only them. */
  readonly demoSignIns: readonly string[];
  /** The cookie secret every process on this database shares. */
  readonly cookieSecret: string;
}

/** Everything a start does before serving, once per database whatever the number of processes starting. */
export async function prepareDatabase(database: Database, options: { dataset: string; demoAccounts: boolean; now?: Date }): Promise<Prepared> {
  const prepared = await database.withExclusiveLock(async () => {
    await database.migrate();
    const isSeeded = await seedIfEmpty(database, options.dataset);
    // Summits recorded before meetings existed (or changed since) are meetings of their body: kept in step on every start.
    const registry = await loadRegistry(database.db);
    if (registry) await new CommandRunner(database.db).run(syncSummits, systemContext(options.now), { registry });
    const demo = options.demoAccounts && (await prepareDemoAccounts(database, options.now));
    if (demo) await prepareDemoNegotiation(database, options.now);
    if (demo) await prepareDemoMeeting(database, options.now);
    return { isSeeded, hasDemoAccounts: demo, cookieSecret: await cookieSecretOf(database.db) };
  });
  // Read after the lock: checking passwords writes nothing, and other processes need not wait for it.
  return { ...prepared, demoSignIns: prepared.hasDemoAccounts ? await demoAccountsOnDemoPassword(database.db) : [] };
}
