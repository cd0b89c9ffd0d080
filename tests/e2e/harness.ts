// End-to-end harness: starts the built Concord server on a free port with a fresh data directory, and Chromium through playwright-core.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type APIResponse, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import type { Organization } from "../../src/contracts/registry.js";
import { SERVER_NODE_OPTIONS } from "../../src/server/node-options.js";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const SCREENSHOT_DIR = join(REPO_ROOT, "test-results", "screenshots");
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const LANGUAGES = ["zh-CN", "ru", "en"] as const;
export type UiLanguage = (typeof LANGUAGES)[number];
/** The LocalizedText field each interface language reads. */
export const DATA_FIELD: Readonly<Record<UiLanguage, "zh" | "ru" | "en">> = { "zh-CN": "zh", ru: "ru", en: "en" };
/** A browser locale whose default makes the portal choose each language. */
export const BROWSER_LOCALE: Readonly<Record<UiLanguage, string>> = { "zh-CN": "zh-CN", ru: "ru-RU", en: "en-US" };

export const DESKTOP = { width: 1280, height: 900 } as const;
export const PHONE = { width: 375, height: 812 } as const;

const HEALTH_TIMEOUT_MS = 60_000;

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

function assertBuilt(): void {
  const missing = ["dist/web/index.html", "dist/server", "bin/concord.js"].filter((path) => !existsSync(join(REPO_ROOT, path)));
  if (missing.length > 0) {
    throw new Error(`e2e: the app is not built (missing ${missing.join(", ")}); run \`npm run build\` first.`);
  }
}

export interface RunningServer {
  readonly baseUrl: string;
  readonly output: () => string;
  readonly stop: () => Promise<void>;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`e2e: the server exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  }
  throw new Error(`e2e: the server did not answer /api/health within ${HEALTH_TIMEOUT_MS / 1000}s:\n${output()}`);
}

export interface ServerOptions {
  /** Extra environment (DATABASE_URL to use PostgreSQL). */
  readonly env?: Readonly<Record<string, string>>;
  /** A data directory to use (and keep); a fresh temporary one otherwise, removed on stop. */
  readonly dataDir?: string;
}

/** `node --single-threaded-gc bin/concord.js start` (as `npm start` runs it) with PORT and DATA_DIR set; resolves once GET /api/health answers 200. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  assertBuilt();
  const port = await freePort();
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "concord-e2e-")));
  const child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, "bin/concord.js", "start"], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const output = () => log;
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolveExit) => child.once("exit", () => resolveExit()));
      child.kill("SIGTERM");
      const forced = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(forced);
    }
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, output, stop };
}

/** Runs `node bin/concord.js …args` to its end; resolves with its exit code and output. */
export function runConcord(args: readonly string[], env: Readonly<Record<string, string>>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, ["bin/concord.js", ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolveRun({ code, output }));
  });
}

export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  console.log(`e2e: Chromium ${browser.version()} at ${CHROMIUM_PATH}`);
  return browser;
}

export interface PortalSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught page errors and console errors seen so far. */
  readonly errors: string[];
}

/** A fresh browser profile whose browser language is `locale` (so the portal picks its language from it). */
export async function openPortal(
  browser: Browser,
  options: { locale: string; viewport?: { width: number; height: number } },
): Promise<PortalSession> {
  const context = await browser.newContext({ locale: options.locale, viewport: options.viewport ?? DESKTOP });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    // Chromium reports a failed load without its address; say which one it was.
    const where = message.location().url;
    errors.push(where && message.text().startsWith("Failed to load resource") ? `${message.text()} (${where})` : message.text());
  });
  return { context, page, errors };
}

export async function fetchOrganization(baseUrl: string): Promise<Organization> {
  const response = await fetch(`${baseUrl}/api/v1/organization`);
  if (!response.ok) throw new Error(`GET /api/v1/organization answered ${response.status}`);
  return (await response.json()) as Organization;
}

/** Waits until the element with this test id shows exactly `text` (polling in the page; no fixed sleeps). */
export async function waitForTestIdText(page: Page, testId: string, text: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    ([id, expected]) => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document;
      return doc.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() === expected;
    },
    [testId, text] as const,
    { timeout },
  );
}

export async function missingKeys(page: Page): Promise<unknown> {
  return page.evaluate(() => (globalThis as unknown as { __concordMissingKeys?: unknown }).__concordMissingKeys);
}

/** Text that looks like an untranslated i18n key ("overview.counts.title") leaking into what the reader sees. */
export const RAW_KEY_PATTERN = /\b[a-z]+\.[a-z]+\.[a-z_.]+\b/;

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export function intlDate(language: UiLanguage, isoDay: string, precision: "day" | "month" | "year"): string {
  const [y = 0, m = 1, d = 1] = isoDay.split("-").map(Number);
  const options: Intl.DateTimeFormatOptions =
    precision === "year"
      ? { year: "numeric", timeZone: "UTC" }
      : precision === "month"
        ? { year: "numeric", month: "long", timeZone: "UTC" }
        : { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" };
  return new Intl.DateTimeFormat(language, options).format(new Date(Date.UTC(y, m - 1, d)));
}

/**
 * A day "YYYY-MM-DD" as a reader types it in a date field of the interface in `language`: in that language's order
 * (12/31/2099 in English, 31.12.2099 in Russian, 2099/12/31 in Chinese), whatever the browser's own locale.
 */
export function typedDay(language: UiLanguage, isoDay: string): string {
  const [year, month, day] = isoDay.split("-");
  return language === "ru" ? `${day}.${month}.${year}` : language === "zh-CN" ? `${year}/${month}/${day}` : `${month}/${day}/${year}`;
}

/** A wall-clock time "YYYY-MM-DDTHH:mm" as a reader types it in a date-and-time field (24-hour clock). */
export function typedDateTime(language: UiLanguage, local: string): string {
  const [day = "", time = ""] = local.split("T");
  return `${typedDay(language, day)} ${time}`;
}

export interface PortalEnvironment {
  server: RunningServer;
  browser: Browser;
  organization: Organization;
}

/** A fresh server (with these options: another dataset…) and Chromium for the calling describe block: started before its tests, stopped after them. */
export function usePortalEnvironment(options: ServerOptions = {}): PortalEnvironment {
  const env = {} as PortalEnvironment;
  beforeAll(async () => {
    env.server = await startServer(options);
    env.browser = await launchChromium();
    env.organization = await fetchOrganization(env.server.baseUrl);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

/** Signs in over HTTP like a browser (cookies and CSRF token), returning a function for further requests. */
export async function signInOverHttp(baseUrl: string, account: { email: string; password: string } = { email: "admin@concord.test", password: "concord-demo" }): Promise<(method: string, path: string, body?: unknown) => Promise<Response>> {
  const cookies = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      if (value.join("=") === "") cookies.delete(name!.trim());
      else cookies.set(name!.trim(), value.join("="));
    }
  };
  const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = async () => {
    const response = await fetch(`${baseUrl}/api/v1/session`, { headers: { cookie: cookie() } });
    remember(response);
    return ((await response.json()) as { csrfToken: string }).csrfToken;
  };
  const send = async (method: string, path: string, body?: unknown) => {
    const token = method !== "GET" ? await csrf() : null;
    const headers: Record<string, string> = { cookie: cookie() };
    if (token) headers["x-csrf-token"] = token;
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    remember(response);
    return response;
  };
  const signedIn = await send("POST", "/api/v1/session", account);
  if (signedIn.status !== 200) throw new Error(`sign-in as ${account.email} answered ${signedIn.status}`);
  return send;
}

/**
 * A state-changing request from a browser context (its cookies), with the CSRF token from GET /api/v1/session. Like the web
 * app, it asks again once when the token was refused as stale: a page of the same context reading its session at the same
 * moment may have been given a new CSRF secret cookie (after sign-out there is none, and two reads each make one).
 */
export async function pageSend(page: Page, baseUrl: string, method: "POST" | "DELETE", path: string, data?: unknown): Promise<APIResponse> {
  for (let attempt = 0; ; attempt++) {
    const session = (await (await page.request.get(`${baseUrl}/api/v1/session`)).json()) as { csrfToken: string };
    const response = await page.request.fetch(`${baseUrl}${path}`, { method, headers: { "x-csrf-token": session.csrfToken }, ...(data !== undefined ? { data } : {}) });
    if (response.status() !== 403 || attempt > 0) return response;
    const problem = (await response.json().catch(() => ({}))) as { code?: string };
    if (problem.code !== "csrf") return response;
  }
}

/** Signs a browser context in (its cookies), through the API as the sign-in page does. */
export async function signInPage(page: Page, baseUrl: string, email = "admin@concord.test", password = "concord-demo"): Promise<void> {
  const response = await pageSend(page, baseUrl, "POST", "/api/v1/session", { email, password });
  expect(response.status()).toBe(200);
}

/** Waits until the page's live connection is open. */
export async function waitLive(page: Page): Promise<void> {
  await page.waitForFunction(() => (globalThis as unknown as { document: { body: { dataset: Record<string, string> } } }).document.body.dataset.liveState === "open", undefined, { timeout: 15_000 });
}

/** Marks the page, so that a test can tell later that it was not reloaded. */
export async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => ((globalThis as unknown as { __notReloaded: boolean }).__notReloaded = true));
}

export async function wasNotReloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => (globalThis as unknown as { __notReloaded?: boolean }).__notReloaded === true);
}
