// The `concord` command: start the server, migrate, export and import the registry.
import { basename } from "node:path";
import { Command } from "commander";
import { buildApp } from "./app.js";
import { readConfig, WEB_ROOT } from "./config.js";
import { DatasetError, readRegistry, writeBundle } from "./registry/dataset-files.js";
import { importRegistry, RegistryExistsError } from "./registry/commands.js";
import { loadRegistry } from "./registry/queries.js";
import { openConfiguredDatabase, prepareDemoAccounts, seedIfEmpty } from "./startup.js";
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
    "\nEnvironment: PORT (3000), HOST (0.0.0.0), DATA_DIR (./data, embedded PostgreSQL), DATABASE_URL (postgres://… to use a PostgreSQL server), CONCORD_DATASET (the dataset loaded into an empty database; the SCO by default), LOG_LEVEL (info).",
  );

program
  .command("start")
  .description("Migrate the database, load the default dataset if it is empty, and serve the API and the portal.")
  .action(async () => {
    const config = readConfig();
    const database = await openConfiguredDatabase(config);
    await database.migrate();
    if (await seedIfEmpty(database, config.CONCORD_DATASET)) console.log(`Loaded the dataset ${config.CONCORD_DATASET}.`);
    const publicUrl = config.PUBLIC_URL?.replace(/\/$/, "") ?? `http://localhost:${config.PORT}`;
    const isDemo = config.CONCORD_DEMO_ACCOUNTS === "on" && (await prepareDemoAccounts(database));
    const app = await buildApp({
      database,
      webRoot: WEB_ROOT,
      logLevel: config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL,
      cookieSecret: config.COOKIE_SECRET,
      trustProxy: config.TRUST_PROXY === "true",
      singleSignOn: singleSignOnFromEnv(process.env, publicUrl),
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
    if (isDemo) console.log(demoSignInHelp(url));
  });

const audit = program.command("audit").description("The audit trail.");
audit
  .command("verify")
  .description("Recompute the hash chain of the audit trail; exit 1 and name the first broken event if it does not hold.")
  .action(async () => {
    const database = await openConfiguredDatabase(readConfig());
    try {
      await database.migrate();
      const { events, broken, head } = await verifyAuditTrail(database.db);
      if (broken) {
        console.error(`The audit trail is broken at event #${broken.seq} (${broken.id}): ${BREAK_REASONS[broken.reason]}. ${events} events read.`);
        process.exitCode = 1;
      } else {
        console.log(`The audit trail holds: ${events} events, every hash verified.${head ? ` Latest event #${head.seq}, hash ${head.hash}.` : ""}`);
      }
    } finally {
      await database.close();
    }
  });

program
  .command("migrate")
  .description("Apply the SQL migrations to the configured database (idempotent).")
  .action(async () => {
    const database = await openConfiguredDatabase(readConfig());
    try {
      await database.migrate();
      console.log(`Migrations applied (${database.kind}, ${database.location}).`);
    } finally {
      await database.close();
    }
  });

program
  .command("export")
  .description("Write the whole registry to a JSON file that `concord import` reads back.")
  .requiredOption("--out <file>", "the file to write")
  .action(async (options: { out: string }) => {
    const database = await openConfiguredDatabase(readConfig());
    try {
      await database.migrate();
      const registry = await loadRegistry(database.db);
      if (!registry) throw new Error("The database holds no registry to export.");
      await writeBundle(options.out, registry);
      console.log(`Exported the registry of ${registry.organization.code} to ${options.out}.`);
    } finally {
      await database.close();
    }
  });

program
  .command("import")
  .description("Validate a registry (an exported file or a dataset directory) and load it; writes nothing if anything is wrong.")
  .argument("<path>", "an exported registry file or a dataset directory")
  .option("--replace", "replace the registry already in the database")
  .action(async (path: string, options: { replace?: boolean }) => {
    const registry = await readRegistry(path);
    const database = await openConfiguredDatabase(readConfig());
    try {
      await database.migrate();
      await importRegistry(database.db, registry, { replace: options.replace === true, origin: basename(path) });
      console.log(`Imported the registry of ${registry.organization.code} from ${path}.`);
    } finally {
      await database.close();
    }
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof DatasetError || error instanceof RegistryExistsError) {
    console.error(error.message);
  } else {
    console.error(`concord: ${(error as Error).message}`);
  }
  process.exit(1);
}
