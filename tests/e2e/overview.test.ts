// The overview in each interface language: organization name, today's counts, the map, no missing or leaked translation keys.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { BROWSER_LOCALE, DATA_FIELD, DESKTOP, LANGUAGES, PHONE, RAW_KEY_PATTERN, missingKeys, openPortal, screenshot, waitForTestIdText, usePortalEnvironment } from "./harness.js";

/** Pixels on the map canvas painted in this colour (the first standing tier's colour is the members' colour). */
async function mapPixelsOfColour(page: Page, rgb: readonly [number, number, number]): Promise<number> {
  return page.locator('[data-testid="membership-map"] canvas').first().evaluate((canvas, [r, g, b]) => {
    const c = canvas as unknown as {
      width: number;
      height: number;
      getContext(kind: "2d"): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
    };
    const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data;
    if (!data) return 0;
    let hits = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs((data[i] ?? 0) - r) < 6 && Math.abs((data[i + 1] ?? 0) - g) < 6 && Math.abs((data[i + 2] ?? 0) - b) < 6) hits++;
    }
    return hits;
  }, rgb);
}

const MEMBER_COLOUR = [0x17, 0x42, 0x7c] as const;

describe("overview", () => {
  const env = usePortalEnvironment();

  for (const language of LANGUAGES) {
    it(`shows the organization, today's 10 members and 17 SCO partners, the date its data is current to, and a coloured map in ${language}`, async () => {
      const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language], viewport: DESKTOP });
      try {
        await page.goto(`${env.server.baseUrl}/`);
        await waitForTestIdText(page, "count-member", "10");
        await waitForTestIdText(page, "count-partner", "17");
        // The retired statuses have no card today.
        expect(await page.getByTestId("tier-count").count()).toBe(2);
        expect(await page.getByTestId("count-observer").count()).toBe(0);
        expect(await page.getByTestId("overview-data-as-of").innerText()).toMatch(/2025/);

        expect(await page.getAttribute("html", "lang")).toBe(language);
        const name = env.organization.names[DATA_FIELD[language]];
        expect((await page.getByRole("heading", { level: 1 }).innerText()).trim()).toBe(name);
        expect((await page.getByTestId("organization-name").innerText()).trim()).toBe(name);

        // The six values of the Shanghai Spirit, in this language.
        const values = await page.getByTestId("values").locator("li").allInnerTexts();
        expect(values.map((v) => v.trim())).toEqual(env.organization.values.map((v) => v.names[DATA_FIELD[language]]));

        // The map: drawn, with size, members painted in their colour, and a text alternative giving the counts.
        const map = page.getByTestId("membership-map");
        await map.locator("canvas").first().waitFor({ state: "visible" });
        const box = await map.locator("canvas").first().boundingBox();
        expect(box?.width ?? 0).toBeGreaterThan(300);
        expect(box?.height ?? 0).toBeGreaterThan(150);
        await expect.poll(() => mapPixelsOfColour(page, MEMBER_COLOUR), { timeout: 10_000 }).toBeGreaterThan(2_000);
        expect(await map.getAttribute("role")).toBe("img");
        const label = (await map.getAttribute("aria-label")) ?? "";
        for (const n of ["10", "17"]) expect(label).toContain(n);

        // The projected next summit is marked as such.
        await page.getByTestId("next-summit").waitFor();

        // The footer names the data's sources, in this language.
        await page.locator("footer summary").click();
        const sources = await page.locator("footer li").allInnerTexts();
        expect(sources).toHaveLength(env.organization.sources.length);
        expect(sources[0]).toContain(env.organization.sources[0]?.title[DATA_FIELD[language]] ?? "");
        await page.locator("footer summary").click();

        expect(await missingKeys(page)).toEqual([]);
        const visibleText = await page.locator("body").innerText();
        expect(visibleText).not.toMatch(RAW_KEY_PATTERN);
        expect(errors).toEqual([]);

        await screenshot(page, `overview-${language}-desktop`);
        await page.setViewportSize(PHONE);
        // On a phone the navigation folds into a menu button.
        await page.locator('button[aria-controls="mobile-navigation"]').waitFor({ state: "visible" });
        // Nothing wider than a phone screen: no sideways scrolling.
        const overflow = await page.evaluate(() => {
          const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document
            .documentElement;
          return root.scrollWidth - root.clientWidth;
        });
        expect(overflow).toBeLessThanOrEqual(0);
        await screenshot(page, `overview-${language}-phone`);
      } finally {
        await context.close();
      }
    });
  }

  it("shows the statuses in force on a past day from the address: 10 members, 2 observers and 14 dialogue partners at the end of August 2025, in plural forms", async () => {
    const { context, page, errors } = await openPortal(env.browser, { locale: "ru-RU", viewport: DESKTOP });
    try {
      await page.goto(`${env.server.baseUrl}/?on=2025-08-30`);
      await waitForTestIdText(page, "count-observer", "2");
      await waitForTestIdText(page, "count-dialogue_partner", "14");
      await waitForTestIdText(page, "count-member", "10");
      expect(await page.getByTestId("count-partner").count()).toBe(0);
      const cards = (await page.getByTestId("tier-count").allInnerTexts()).map((text) => text.replace(/\s+/g, " ").trim());
      // Russian plural forms from the dataset: 10 государств-членов, 2 государства-наблюдателя, 14 партнёров по диалогу.
      expect(cards).toEqual(["10 государств-членов", "2 государства-наблюдателя", "14 партнёров по диалогу"]);
      expect(page.url()).toContain("on=2025-08");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
