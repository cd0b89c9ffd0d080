// Live updates in the browser across processes: two Concord processes on one PostgreSQL database; an administrator's pages
// on one follow, without a reload, what another administrator does through the other. Also: the System page, and the
// portal opened by the machine's address over plain HTTP.
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../integration/databases.js";
import {
  BROWSER_LOCALE,
  DESKTOP,
  LANGUAGES,
  launchChromium,
  markPage,
  missingKeys,
  openPortal,
  RAW_KEY_PATTERN,
  type RunningServer,
  screenshot,
  signInOverHttp,
  signInPage,
  startServer,
  waitLive,
  wasNotReloaded,
} from "./harness.js";
import type { Browser } from "playwright-core";

const PHONE_390 = { width: 390, height: 844 } as const;
const postgres = testDatabases.find((d) => d.name === "postgresql");

describe.skipIf(!postgres)("live updates across two processes", () => {
  let a: RunningServer;
  let b: RunningServer;
  let browser: Browser;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const created = await postgres!.create();
    dispose = created.dispose;
    const env = { DATABASE_URL: created.url! };
    a = await startServer({ env });
    b = await startServer({ env });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await dispose?.();
  });

  it("shows on process A, without a reload, the account and the delegation change another administrator makes through process B", async () => {
    const { context, page, errors } = await openPortal(browser, { locale: "en-US", viewport: DESKTOP });
    try {
      await signInPage(page, a.baseUrl);
      await page.goto(`${a.baseUrl}/admin/users`);
      await page.getByTestId("users-table").waitFor();
      await waitLive(page);
      await markPage(page);

      const other = await signInOverHttp(b.baseUrl);
      const created = await other("POST", "/api/v1/users", { email: "made.on.b@concord.test", displayName: "Made on B", role: "delegate", delegation: "UZ", password: "made-on-b-2026" });
      expect(created.status).toBe(201);
      const row = page.locator('[data-testid="user-row"][data-email="made.on.b@concord.test"]');
      await row.waitFor({ timeout: 10_000 });
      expect(await row.innerText()).toContain("Made on B");

      await page.goto(`${a.baseUrl}/admin/delegations`);
      await page.getByTestId("delegation-row").first().waitFor();
      await waitLive(page);
      await markPage(page);
      const mongolia = page.locator('[data-testid="delegation-row"][data-code="MN"]');
      expect(await mongolia.innerText()).toContain("Active");
      expect((await other("PATCH", "/api/v1/delegations/MN", { isActive: false })).status).toBe(200);
      await mongolia.filter({ hasText: "Inactive" }).waitFor({ timeout: 10_000 });

      await page.goto(`${a.baseUrl}/audit`);
      await page.getByTestId("audit-table").waitFor();
      await waitLive(page);
      await markPage(page);
      expect((await other("PATCH", "/api/v1/delegations/MN", { isActive: true })).status).toBe(200);
      await page.locator('[data-testid="audit-row"][data-action="delegation.updated"]').nth(1).waitFor({ timeout: 10_000 });
      expect(await wasNotReloaded(page)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("administration › system, and the portal by address over plain HTTP", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const language of LANGUAGES) {
    it(`verifies the audit trail and offers the registry export in ${language}, on a desktop and at 390 px`, async () => {
      const { context, page, errors } = await openPortal(browser, { locale: BROWSER_LOCALE[language], viewport: DESKTOP });
      try {
        await signInPage(page, server.baseUrl);
        await page.goto(`${server.baseUrl}/admin/system`);
        await page.getByTestId("system-page").waitFor();
        const href = await page.getByTestId("registry-export").getAttribute("href");
        const exported = await page.request.get(`${server.baseUrl}${href}`);
        expect(exported.status()).toBe(200);
        expect(exported.headers()["content-disposition"]).toContain("attachment");
        expect(((await exported.json()) as { format: string }).format).toBe("concord-registry");
        await page.getByTestId("verify-audit").click();
        await page.getByTestId("audit-holds").waitFor();
        expect(Number((await page.getByTestId("audit-head-seq").innerText()).replace(/\D/g, ""))).toBeGreaterThan(0);
        expect(await missingKeys(page)).toEqual([]);
        expect(await page.locator("main").innerText()).not.toMatch(RAW_KEY_PATTERN);
        await screenshot(page, `system-${language}-desktop`);
        await page.setViewportSize(PHONE_390);
        await page.getByTestId("audit-holds").waitFor();
        expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_390.width);
        await screenshot(page, `system-${language}-phone`);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it("loads the portal opened by the machine's address over plain HTTP (no upgrade to https)", async () => {
    const address = Object.values(networkInterfaces())
      .flat()
      .find((entry) => entry && entry.family === "IPv4" && !entry.internal)?.address;
    if (!address) {
      console.log("e2e: this machine has no non-loopback IPv4 address; opened by 127.0.0.1 only");
    }
    const port = new URL(server.baseUrl).port;
    const { context, page, errors } = await openPortal(browser, { locale: "en-US", viewport: PHONE_390 });
    try {
      await page.goto(`http://${address ?? "127.0.0.1"}:${port}/`);
      await page.getByRole("heading", { level: 1 }).first().waitFor({ timeout: 15_000 });
      expect(new URL(page.url()).protocol).toBe("http:");
      expect(await page.locator("main").innerText()).toContain("Shanghai Cooperation Organisation");
      await screenshot(page, "overview-by-address-phone");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
