// Configuration from the environment (README lists every variable); OIDC_* are read by identity/single-sign-on.ts.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { WorkLimits } from "./platform/work/pool.js";

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
  /** The work pool (costly work off the event loop): threads, jobs waiting per process, jobs per caller, a job's time and a thread's memory. */
  WORK_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  WORK_QUEUE: z.coerce.number().int().min(0).max(10_000).optional(),
  WORK_PER_CALLER: z.coerce.number().int().min(1).max(1_000).optional(),
  WORK_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).optional(),
  WORK_MEMORY_MB: z.coerce.number().int().min(32).max(16_384).optional(),
});

export type Config = z.infer<typeof EnvSchema>;

/** The work pool's limits the environment sets (the rest keep their defaults). */
export function workLimitsOf(config: Config): Partial<WorkLimits> {
  const limits: { -readonly [K in keyof WorkLimits]?: WorkLimits[K] } = {};
  if (config.WORK_THREADS !== undefined) limits.threads = config.WORK_THREADS;
  if (config.WORK_QUEUE !== undefined) limits.queue = config.WORK_QUEUE;
  if (config.WORK_PER_CALLER !== undefined) limits.perCaller = config.WORK_PER_CALLER;
  if (config.WORK_TIMEOUT_MS !== undefined) limits.timeoutMs = config.WORK_TIMEOUT_MS;
  if (config.WORK_MEMORY_MB !== undefined) limits.memoryMb = config.WORK_MEMORY_MB;
  return limits;
}

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
