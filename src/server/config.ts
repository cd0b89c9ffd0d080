// Configuration from the environment (README lists every variable); OIDC_* are read by identity/single-sign-on.ts.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const DEFAULT_DATASET = resolve(PACKAGE_ROOT, "datasets/sco");
export const WEB_ROOT = resolve(PACKAGE_ROOT, "dist/web");

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
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
  /** The address people reach Concord at (for links and the single sign-on callback). */
  PUBLIC_URL: z.url().optional(),
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
