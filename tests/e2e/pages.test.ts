// Every portal page in every language and on desktop and phone: content arrives, nothing untranslated leaks, the phone menu works.
import { describe, expect, it } from "vitest";
import { BROWSER_LOCALE, DESKTOP, LANGUAGES, PHONE, RAW_KEY_PATTERN, missingKeys, openPortal, screenshot, usePortalEnvironment } from "./harness.js";

const PAGES = [
  { path: "/states", name: "states", ready: "states-table" },
  { path: "/states?tier=partner", name: "states-partner", ready: "states-table" },
  { path: "/states?tier=observer", name: "states-observer-retired", ready: "retired-tier" },
  { path: "/accessions", name: "accessions", ready: "accession" },
  { path: "/bodies", name: "bodies", ready: "body" },
  { path: "/summits", name: "summits", ready: "summit-timeline" },
  { path: "/chairmanship", name: "chairmanship", ready: "recorded-terms" },
] as const;

describe("portal pages", () => {
  const env = usePortalEnvironment();

  for (const language of LANGUAGES) {
    it(`render in ${language} without missing or raw translation keys`, async () => {
      const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language], viewport: DESKTOP });
      try {
        for (const target of PAGES) {
          await page.setViewportSize(DESKTOP);
          await page.goto(`${env.server.baseUrl}${target.path}`);
          await page.getByTestId(target.ready).first().waitFor();
          expect(await page.locator("body").innerText()).not.toMatch(RAW_KEY_PATTERN);
          await screenshot(page, `${target.name}-${language}-desktop`);
          await page.setViewportSize(PHONE);
          await screenshot(page, `${target.name}-${language}-phone`);
        }
        expect(await missingKeys(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it("filters states by tier and keeps the filter in the address", async () => {
    const { context, page } = await openPortal(env.browser, { locale: "en-US" });
    try {
      await page.goto(`${env.server.baseUrl}/states`);
      const rows = page.getByTestId("states-table").locator("tbody tr");
      await rows.first().waitFor();
      expect(await rows.count()).toBe(27);
      // Only the statuses in force today are offered: the observer and dialogue-partner statuses ended on 1 September 2025.
      expect(await page.getByTestId("tier-filter").getByText("Observer state", { exact: true }).count()).toBe(0);
      await page.getByTestId("tier-filter").getByText("SCO partner", { exact: true }).click();
      await page.waitForURL(/\?tier=partner$/);
      await page.getByTestId("states-shown").filter({ hasText: /^Shown: 17$/ }).waitFor();
      expect(await rows.count()).toBe(17);
      await page.reload();
      await page.getByTestId("states-shown").filter({ hasText: /^Shown: 17$/ }).waitFor();
      expect(await page.getByRole("radio", { name: "SCO partner" }).isChecked()).toBe(true);
      // An old address for a retired status says what became of it.
      await page.goto(`${env.server.baseUrl}/states?tier=observer`);
      expect(await page.getByTestId("retired-tier").innerText()).toMatch(/Observer state.*SCO partner/);
    } finally {
      await context.close();
    }
  });

  it("says in the reader's language when data cannot be loaded, and recovers on retry", async () => {
    const { context, page } = await openPortal(env.browser, { locale: "ru-RU" });
    try {
      await page.route("**/api/v1/summits", (route) =>
        route.fulfill({
          status: 503,
          contentType: "application/problem+json",
          body: JSON.stringify({ type: "about:blank", title: "Service Unavailable", status: 503 }),
        }),
      );
      await page.goto(`${env.server.baseUrl}/summits`);
      const alert = page.getByRole("alert");
      await alert.waitFor({ timeout: 20_000 });
      expect(await alert.innerText()).toContain("Что-то пошло не так");
      await page.unroute("**/api/v1/summits");
      await alert.getByRole("button", { name: "Повторить" }).click();
      await page.getByTestId("summit-timeline").waitFor();
      expect(await page.getByTestId("summit").count()).toBeGreaterThanOrEqual(25);
      expect(await missingKeys(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("opens the navigation from the menu button on a phone and moves to the chosen page", async () => {
    const { context, page } = await openPortal(env.browser, { locale: "en-US", viewport: PHONE });
    try {
      await page.goto(`${env.server.baseUrl}/`);
      const menu = page.getByRole("button", { name: "Open navigation menu" });
      await menu.click();
      expect(await page.getByRole("button", { name: "Close navigation menu" }).getAttribute("aria-expanded")).toBe("true");
      await screenshot(page, "menu-en-phone");
      await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Summits" }).click();
      await page.getByRole("heading", { level: 1, name: "Summits" }).waitFor();
      expect(await page.getByRole("button", { name: "Open navigation menu" }).getAttribute("aria-expanded")).toBe("false");
    } finally {
      await context.close();
    }
  });

  it("closes the phone menu however the page changes (the browser's back button too)", async () => {
    const { context, page } = await openPortal(env.browser, { locale: "en-US", viewport: PHONE });
    try {
      await page.goto(`${env.server.baseUrl}/summits`);
      await page.getByRole("heading", { level: 1, name: "Summits" }).waitFor();
      await page.goto(`${env.server.baseUrl}/bodies`);
      await page.getByRole("button", { name: "Open navigation menu" }).click();
      await page.locator("#mobile-navigation").waitFor();
      await page.goBack();
      await page.getByRole("heading", { level: 1, name: "Summits" }).waitFor();
      expect(await page.locator("#mobile-navigation").count()).toBe(0);
      expect(await page.getByRole("button", { name: "Open navigation menu" }).getAttribute("aria-expanded")).toBe("false");
    } finally {
      await context.close();
    }
  });

  it("names the registry's sources on the registry's pages only, not on sign-in", async () => {
    const { context, page } = await openPortal(env.browser, { locale: "en-US", viewport: DESKTOP });
    try {
      await page.goto(`${env.server.baseUrl}/states`);
      await page.getByTestId("states-table").waitFor();
      expect(await page.locator("footer details").count()).toBe(1);
      await page.goto(`${env.server.baseUrl}/sign-in`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      expect(await page.locator("footer").count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("links a fact's source to its entry in the list of sources, which gives each year once", async () => {
    const { context, page, errors } = await openPortal(env.browser, { locale: "zh-CN" });
    try {
      await page.goto(`${env.server.baseUrl}/states/IN`);
      const citation = page.getByTestId("source-citation").first();
      await citation.waitFor();
      // Full-width punctuation in Chinese: "来源：…", never an ASCII colon.
      expect(await citation.innerText()).toMatch(/^来源：/);
      await citation.getByRole("link").click();
      await page.waitForURL(/#source-/);
      const target = page.locator(decodeURIComponent(new URL(page.url()).hash));
      await expect.poll(() => target.isVisible()).toBe(true);
      expect(await page.locator("footer details").getAttribute("open")).not.toBeNull();
      for (const entry of await page.getByTestId("source-entry").allInnerTexts()) expect(entry).not.toMatch(/(\d{4})\D+\1\D*$/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("offers a skip link as the first stop for keyboard users", async () => {
    const { context, page } = await openPortal(env.browser, { locale: "en-US" });
    try {
      await page.goto(`${env.server.baseUrl}/bodies`);
      await page.getByTestId("body").first().waitFor();
      await page.keyboard.press("Tab");
      const skip = page.getByRole("link", { name: "Skip to main content" });
      expect(await skip.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash)).toBe("#main");
    } finally {
      await context.close();
    }
  });
});
