// Lint rules for the whole repository (server, domain, web, tests).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import { existsSync, readdirSync } from "node:fs";

// ---- Import zones (bulletproof-react style: features do not import each other; shared and app stay apart)

const WEB_FEATURES = readdirSync(new URL("./src/web/features", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/**
 * src/server holds the platform (src/server/platform: commands, db, events, http, realtime, access, work), which every
 * capability builds on, and the capabilities (every other folder: registry, identity, meetings, negotiation…).
 */
const SERVER_FOLDERS = readdirSync(new URL("./src/server", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== "platform")
  .map((entry) => entry.name);
/**
 * Server capabilities that own tables (those with a tables.ts): each reaches another's data through its queries or
 * commands, never its tables nor its store (the store is the capability's own reading and writing).
 */
const SERVER_CAPABILITIES = SERVER_FOLDERS.filter((name) => existsSync(new URL(`./src/server/${name}/tables.ts`, import.meta.url)));

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A relative import ("../../x/…") that lands in the folder `name` (optionally reached through `via/`): import strings, not resolved paths. */
const relativeInto = (name, via) => `^(\\.\\./)+(${escape(via)}/)?${escape(name)}(/|$)`;

/** The web reads the domain's rules through one module (src/web/shared/core-rules.ts), not file by file. */
const WEB_DOMAIN_RULES = {
  regex: "^(\\.\\./)+domain(/|$)",
  message: "The web imports the domain's rules from src/web/shared/core-rules.ts (add what it needs there).",
};

const webFeatureZones = WEB_FEATURES.map((feature) => ({
  files: [`src/web/features/${feature}/**/*.{ts,tsx}`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          ...WEB_FEATURES.filter((other) => other !== feature).map((other) => ({
            regex: relativeInto(other, "features"),
            message: `The ${feature} feature may not import the ${other} feature: move what both need to src/web/shared, or compose them in src/web/app.`,
          })),
          { regex: relativeInto("app", "web"), message: "A feature may not import the app shell; the app composes features." },
          WEB_DOMAIN_RULES,
        ],
      },
    ],
  },
}));

const webSharedZone = {
  files: ["src/web/shared/**/*.{ts,tsx}"],
  ignores: ["src/web/shared/core-rules.ts"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          { regex: relativeInto("features", "web"), message: "src/web/shared may not import a feature: features build on shared, not the other way round." },
          { regex: relativeInto("app", "web"), message: "src/web/shared may not import the app shell." },
          WEB_DOMAIN_RULES,
        ],
      },
    ],
  },
};

/** Imports of another capability's tables or store, refused in the folder `folder`. */
const crossCapabilityPatterns = (folder) =>
  SERVER_CAPABILITIES.filter((other) => other !== folder).map((other) => ({
    regex: `^(\\.\\./)+(server/)?${other}/(tables|store)(\\.js|\\.ts)?$`,
    message: `src/server/${folder} may not use the ${other} capability's tables or store: call its queries or commands (src/server/platform/db/schema.ts is exempt).`,
  }));

/** The platform's own tables (the event log and its notifications) are written by the command runner and read by the feed only. */
const PLATFORM_TABLES = {
  regex: "^(\\.\\./)+(server/)?platform/events/tables(\\.js|\\.ts)?$",
  message: "A capability may not use the event log's tables: record events through its command (CommandScope.emit), read them through the live feed.",
};

/** A capability's routes are thin: their SQL is in the capability's queries.ts (or its store and commands). */
const NO_SQL_IN_ROUTES = [{ name: "drizzle-orm", message: "No SQL in routes: put the read in the capability's queries.ts." }];

// ESLint takes a rule's options from the last block that matches a file, so a routes file's block repeats the folder's
// patterns beside its own.
const serverTableZones = [
  ...SERVER_FOLDERS.flatMap((folder) => [
    {
      files: [`src/server/${folder}/**/*.ts`],
      rules: { "no-restricted-imports": ["error", { patterns: [...crossCapabilityPatterns(folder), PLATFORM_TABLES] }] },
    },
    {
      files: [`src/server/${folder}/**/routes.ts`],
      rules: { "no-restricted-imports": ["error", { patterns: [...crossCapabilityPatterns(folder), PLATFORM_TABLES], paths: NO_SQL_IN_ROUTES }] },
    },
  ]),
  {
    // The platform builds no capability's rows: only the schema assembles every capability's tables.
    files: ["src/server/platform/**/*.ts"],
    ignores: ["src/server/platform/db/schema.ts", "src/server/platform/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: SERVER_CAPABILITIES.map((capability) => ({
            regex: `^(\\.\\./)+${capability}/(tables|store)(\\.js|\\.ts)?$`,
            message: `The platform may not use the ${capability} capability's tables or store.`,
          })),
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "data/**", "migrations/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Tests reshape raw JSON on purpose (to break datasets); typing every shape would hide the intent.
    files: ["**/*.test.ts", "tests/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["src/web/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ["src/domain/**/*.ts"],
    ignores: ["src/domain/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["node:*", "../server/*", "../web/*", "drizzle-orm*", "fastify*"] }],
    },
  },
  {
    files: ["src/web/**/*.{ts,tsx}"],
    ignores: ["src/web/**/*.test.{ts,tsx}", "src/web/shared/core-rules.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [WEB_DOMAIN_RULES] }] },
  },
  ...webFeatureZones,
  webSharedZone,
  ...serverTableZones,
);
