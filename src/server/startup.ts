// Opening the database for the CLI: migrate, and load the default dataset into an empty database.
import { basename } from "node:path";
import { openDatabase, type Database } from "./db/client.js";
import type { Config } from "./config.js";
import { readRegistry } from "./registry/dataset-files.js";
import { importRegistry } from "./registry/commands.js";
import { hasRegistry, loadRegistry } from "./registry/queries.js";
import { createDemoAccounts, hasDemoAccounts } from "./identity/demo-accounts.js";
import { utcDay } from "./app.js";

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
}

/** Loads the dataset when the database holds no registry yet; returns whether it did. */
export async function seedIfEmpty(database: Database, datasetPath: string): Promise<boolean> {
  if (await hasRegistry(database.db)) return false;
  const registry = await readRegistry(datasetPath);
  await importRegistry(database.db, registry, { origin: basename(datasetPath) });
  return true;
}

/** Creates the demo accounts on a first start; returns whether demo accounts exist. */
export async function prepareDemoAccounts(database: Database, now: Date = new Date()): Promise<boolean> {
  const registry = await loadRegistry(database.db);
  if (registry) await createDemoAccounts(database.db, registry, utcDay(now), now);
  return hasDemoAccounts(database.db);
}
