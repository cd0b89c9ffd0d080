// Opening the database for the CLI: migrate, and load the default dataset into an empty database.
import { openDatabase, type Database } from "./db/client.js";
import type { Config } from "./config.js";
import { readRegistry } from "./registry/dataset-files.js";
import { importRegistry } from "./registry/commands.js";
import { hasRegistry } from "./registry/queries.js";

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
}

/** Loads the dataset when the database holds no registry yet; returns whether it did. */
export async function seedIfEmpty(database: Database, datasetPath: string): Promise<boolean> {
  if (await hasRegistry(database.db)) return false;
  const registry = await readRegistry(datasetPath);
  await importRegistry(database.db, registry);
  return true;
}
