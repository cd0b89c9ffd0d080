// Configuration from the environment (README lists every variable); OIDC_* are read by identity/single-sign-on.ts.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const DEFAULT_DATASET = resolve(PACKAGE_ROOT, "datasets/sco");
export const WEB_ROOT = resolve(PACKAGE_ROOT, "dist/web");
export const DEFAULT_PORT = 3000;
/** The address links are built with when PUBLIC_URL is not set (development, tests): never a request's Host header. */
export const DEFAULT_PUBLIC_URL = `http://localhost:${DEFAULT_PORT}`;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORT),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  CONCORD_DATASET: z.string().min(1).default(DEFAULT_DATASET),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** "off" in production: no demo accounts are created, and none is announced. */
  CONCORD_DEMO_ACCOUNTS: z.enum(["on", "off"]).default("on"),
  /** Signs cookies; needed when several processes serve one database. */
  COOKIE_SECRET: z.string().min(32, "at least 32 characters").optional(),
  /** The address people reach Concord at (links in calendars, badges' QR codes, the single sign-on callback); required in production. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: "must be an http:// or https:// address" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** "production" makes PUBLIC_URL required. */
  NODE_ENV: z.string().optional(),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
});

export type Config = z.infer<typeof EnvSchema>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return { ...parsed.data, DATA_DIR: resolve(parsed.data.DATA_DIR) };
}

/**
 * The address people use, from configuration only: PUBLIC_URL, or http://localhost:PORT outside production. Absolute
 * links (calendar entries, a badge's QR code) are built from it, never from a request's Host header, which whoever sends
 * the request chooses. In production (NODE_ENV=production) a missing PUBLIC_URL is refused rather than guessed.
 */
export function publicUrlOf(config: Pick<Config, "PUBLIC_URL" | "PORT" | "NODE_ENV">): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, "");
  if (config.NODE_ENV === "production") {
    throw new Error(
      "PUBLIC_URL is not set. In production (NODE_ENV=production) Concord needs the address people use, e.g. PUBLIC_URL=https://concord.example.org: " +
        "the links in calendar feeds and the QR codes on badges are built from it, never from the Host header of a request.",
    );
  }
  return `http://localhost:${config.PORT}`;
}
