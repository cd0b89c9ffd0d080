// The `concord` command: start the server, migrate, export and import the registry, verify the audit trail.
import { basename } from "node:path";
import { Command } from "commander";
import { buildApp } from "./app.js";
import { publicUrlOf, readConfig, WEB_ROOT, workLimitsOf, type Config } from "./config.js";
import type { Database } from "./platform/db/client.js";
import { DataDirInUseError } from "./platform/db/data-dir-lock.js";
import { changeFileError, DatasetError, readChangeFile, readRegistry, writeBundle } from "./registry/dataset-files.js";
import { changeRegistryCommand, RegistryChangeError } from "./registry/changes.js";
import { CommandRunner, systemContext } from "./platform/commands/runner.js";
import { RegistryExistsError } from "./registry/commands.js";
import { loadRegistry } from "./registry/queries.js";
import { missingNodeOptions, SERVER_NODE_OPTIONS } from "./node-options.js";
import { importRegistry, openConfiguredDatabase, prepareDatabase, prepareDemoAccounts, readDatasetRecords } from "./startup.js";
import { verifyAuditTrail } from "./audit/trail.js";
import { demoSignInHelp } from "./identity/demo-accounts.js";
import { singleSignOnFromEnv } from "./identity/single-sign-on.js";

const BREAK_REASONS = {
  "payload-mismatch": "its payload does not match its recorded hash (edited)",
  "hash-mismatch": "its content does not match its hash (edited)",
  "link-mismatch": "it does not link to the event before it (an earlier event was replaced)",
  "sequence-gap": "the sequence skips here (an event before it was deleted)",
} as const;

const program = new Command()
  .name("concord")
  .description("Concord: the platform on which an intergovernmental organization runs its work.")
  .addHelpText(
    "after",
    "\nEnvironment: PORT (3000), HOST (0.0.0.0), DATA_DIR (./data, embedded PostgreSQL), DATABASE_URL (postgres://… to use a PostgreSQL server), CONCORD_DATASET (the dataset loaded into an empty database; the SCO by default), LOG_LEVEL (info), PUBLIC_URL (the address people use; http://localhost:PORT by default, required when NODE_ENV=production).",
  );

/** Opens the configured database for one command (refused at once when a PGlite directory is in use), migrates it, runs `work`, closes. */
async function withDatabase(command: string, work: (database: Database, config: Config) => Promise<void>): Promise<void> {
  const config = readConfig();
  const database = await openConfiguredDatabase(config, command);
  try {
    await database.withExclusiveLock(() => database.migrate());
    await work(database, config);
  } finally {
    await database.close();
  }
}

program
  .command("start")
  .description("Migrate the database, load the default dataset if it is empty, and serve the API and the portal.")
  .action(async () => {
    const config = readConfig();
    const missing = missingNodeOptions();
    if (missing.length > 0) {
      console.warn(`Concord was started without ${missing.join(" ")}: the work pool's garbage is then collected by threads that compete with requests. Start it as \`node ${SERVER_NODE_OPTIONS.join(" ")} bin/concord.js start\` (what npm start runs).`);
    }
    // Refused before anything is opened: in production, links must not be guessed.
    const publicUrl = publicUrlOf(config);
    const database = await openConfiguredDatabase(config, "start");
    const prepared = await prepareDatabase(database, { dataset: config.CONCORD_DATASET, demoAccounts: config.CONCORD_DEMO_ACCOUNTS === "on" });
    if (prepared.isSeeded) console.log(`Loaded the dataset ${config.CONCORD_DATASET}.`);
    const app = await buildApp({
      database,
      webRoot: WEB_ROOT,
      logLevel: config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL,
      cookieSecret: config.COOKIE_SECRET ?? prepared.cookieSecret,
      trustProxy: config.TRUST_PROXY === "true",
      publicUrl,
      work: { limits: workLimitsOf(config) },
      singleSignOn: singleSignOnFromEnv(process.env, publicUrl),
      demoAccounts: config.CONCORD_DEMO_ACCOUNTS === "on",
    });
    const shutdown = async (): Promise<void> => {
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.once("SIGINT", () => void shutdown());
    process.once("SIGTERM", () => void shutdown());
    await app.listen({ port: config.PORT, host: config.HOST });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    const url = config.PUBLIC_URL ? publicUrl : `http://localhost:${port}`;
    console.log(`Concord is running at ${url} (database: ${database.kind}, ${database.location})`);
    const demoHelp = demoSignInHelp(url, prepared.demoSignIns);
    if (demoHelp) console.log(demoHelp);
  });

const audit = program.command("audit").description("The audit trail.");
audit
  .command("verify")
  .description("Recompute the hash chain of the audit trail; exit 1 and name the first broken event if it does not hold.")
  .action(() =>
    withDatabase("audit verify", async (database) => {
      const { events, broken, head } = await verifyAuditTrail(database.db);
      if (broken) {
        console.error(`The audit trail is broken at event #${broken.seq} (${broken.id}): ${BREAK_REASONS[broken.reason]}. ${events} events read.`);
        process.exitCode = 1;
      } else {
        console.log(`The audit trail holds: ${events} events, every hash verified.${head ? ` Latest event #${head.seq}, hash ${head.hash}.` : ""}`);
      }
    }),
  );

program
  .command("migrate")
  .description("Apply the SQL migrations to the configured database (idempotent).")
  .action(() =>
    withDatabase("migrate", async (database) => {
      console.log(`Migrations applied (${database.kind}, ${database.location}).`);
    }),
  );

program
  .command("export")
  .description("Write the whole registry to a JSON file that `concord import` reads back.")
  .requiredOption("--out <file>", "the file to write")
  .action((options: { out: string }) =>
    withDatabase("export", async (database) => {
      const registry = await loadRegistry(database.db);
      if (!registry) throw new Error("The database holds no registry to export.");
      await writeBundle(options.out, registry);
      console.log(`Exported the registry of ${registry.organization.code} to ${options.out}.`);
    }),
  );

program
  .command("import")
  .description(
    "Validate a registry (an exported file or a dataset directory) and load it, or, with --changes, apply a change file to the registry there; writes nothing if anything is wrong.",
  )
  .argument("<path>", "an exported registry file, a dataset directory, or (with --changes) a change file")
  .option("--replace", "replace the registry already in the database")
  .option("--changes", "the file holds changes (format concord-registry-changes) to apply to the registry there, in one transaction")
  .action(async (path: string, options: { replace?: boolean; changes?: boolean }) => {
    if (options.changes) {
      if (options.replace) throw new Error("--changes and --replace do not go together");
      const file = await readChangeFile(path);
      await withDatabase("import", async (database) => {
        try {
          const result = await new CommandRunner(database.db).run(changeRegistryCommand, systemContext(), { ...file, origin: basename(path) });
          const count = (outcome: string) => result.applied.filter((a) => a.outcome === outcome).length;
          console.log(`Applied ${path}: ${count("added")} added, ${count("corrected")} corrected, ${count("unchanged")} unchanged.`);
        } catch (error) {
          if (error instanceof RegistryChangeError) throw changeFileError(basename(path), file.changes, error.issues);
          throw error;
        }
      });
      return;
    }
    const registry = await readRegistry(path);
    await withDatabase("import", async (database, config) => {
      // With PostgreSQL, running servers hear of it (NOTIFY) and reload their registry at once.
      const records = await readDatasetRecords(path, registry);
      await importRegistry(database, registry, { replace: options.replace === true, origin: basename(path), records });
      console.log(`Imported the registry of ${registry.organization.code} from ${path}.`);
      // The demo accounts follow the organization: a head of delegation for each of its states that has none.
      if (config.CONCORD_DEMO_ACCOUNTS === "on") await prepareDemoAccounts(database);
    });
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof DatasetError || error instanceof RegistryExistsError || error instanceof DataDirInUseError) {
    console.error(error.message);
  } else {
    console.error(`concord: ${(error as Error).message}`);
  }
  process.exit(1);
}
