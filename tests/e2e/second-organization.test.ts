// Another organization, loaded as a dataset with no code change, read in the browser: its one language fills every
// interface language, its supreme body heads the summits, its own kinds and rotation show, the map frames its members.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BROWSER_LOCALE, DESKTOP, LANGUAGES, PHONE, RAW_KEY_PATTERN, REPO_ROOT, missingKeys, openPortal, screenshot, usePortalEnvironment, waitForTestIdText } from "./harness.js";

const NAME = "Northern Seas Cooperation Forum (a fictional organization for tests)";
const PHONE_390 = { width: 390, height: 844 } as const;

describe("a second organization's portal", () => {
  const env = usePortalEnvironment({ env: { CONCORD_DATASET: join(REPO_ROOT, "tests/fixtures/second-organization") } });

  it("reads right in English: its name, one language, counts in plural forms, its supreme body, kinds and rotation, a map on its members", async () => {
    const { context, page, errors } = await openPortal(env.browser, { locale: "en-US", viewport: DESKTOP });
    try {
      await page.goto(`${env.server.baseUrl}/`);
      await waitForTestIdText(page, "count-member", "8");
      expect((await page.getByRole("heading", { level: 1 }).innerText()).trim()).toBe(NAME);
      expect(await page.getByTestId("organization-languages").innerText()).toBe("Official and working language: English");
      expect(await page.getByTestId("overview-data-as-of").innerText()).toBe("Data as of June 10, 2026");
      const cards = (await page.getByTestId("tier-count").allInnerTexts()).map((text) => text.replace(/\s+/g, " ").trim());
      expect(cards).toEqual(["8 members", "1 observer"]);
      // The language switcher offers the organization's language first.
      expect(await page.getByTestId("language-switcher").locator("option").first().innerText()).toBe("English");
      // The map is framed on the Baltic and the North Sea, not on Eurasia.
      const map = page.getByTestId("membership-map");
      await map.locator("canvas").first().waitFor();
      const frame = await map.evaluate((node) => {
        const chart = (node as unknown as { echartsInstance?: { getOption(): { series: { boundingCoords?: number[][] }[] } } }).echartsInstance;
        return chart?.getOption().series[0]?.boundingCoords ?? null;
      });
      expect(frame).not.toBeNull();
      const [[west = 0, north = 0] = [], [east = 0, south = 0] = []] = frame!;
      expect(west).toBeGreaterThan(-45);
      expect(east).toBeLessThan(60);
      expect(south).toBeGreaterThan(30);
      expect(north).toBeGreaterThan(65);
      expect(await page.getByTestId("supreme-body").innerText()).toBe("Council of Ministers");
      expect(await page.locator("main").innerText()).not.toMatch(/Heads of State|SCO|Shanghai/);
      await screenshot(page, "second-organization-overview-en-desktop");

      // The summits are its supreme body's meetings, by that body's name; the next one is at the start of Sweden's term.
      await page.goto(`${env.server.baseUrl}/summits`);
      await page.getByTestId("summit-timeline").waitFor();
      expect(await page.locator("main").innerText()).toContain("The meetings of the organization's highest body: Council of Ministers.");
      expect(await page.locator("main").innerText()).not.toMatch(/Heads of State|SCO/);
      expect(await page.locator("main").innerText()).toContain("2027, Sweden");

      await page.goto(`${env.server.baseUrl}/bodies`);
      await page.getByTestId("body").first().waitFor();
      expect(await page.getByTestId("body-kind").allInnerTexts()).toEqual(["Ministerial council", "Secretariat"]);

      // The rotation: Lithuania chairs; Norway, passed over for 2027, comes after Sweden, Denmark… in English order.
      await page.goto(`${env.server.baseUrl}/chairmanship`);
      await page.getByTestId("recorded-terms").waitFor();
      const text = await page.locator("main").innerText();
      expect(text.indexOf("Sweden")).toBeGreaterThan(-1);
      expect(text).not.toMatch(/SCO|Shanghai/);

      // Norway's history: an observer, then a member.
      await page.goto(`${env.server.baseUrl}/states/NO`);
      await page.getByTestId("status-history").waitFor();
      expect(await page.getByTestId("status-history").innerText()).toMatch(/Admitted as Observer[\s\S]*Became Member/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  for (const language of LANGUAGES) {
    it(`fills the ${language} interface with the organization's English texts, with no missing or raw keys, on a desktop and at 390 px`, async () => {
      const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language], viewport: DESKTOP });
      try {
        const expected: Record<string, string> = { "/": NAME, "/states": "Norway", "/summits": "Vilnius", "/accessions": "Norway" };
        for (const path of Object.keys(expected)) {
          await page.setViewportSize(DESKTOP);
          await page.goto(`${env.server.baseUrl}${path}`);
          await page.locator("main h1").first().waitFor();
          await page.waitForLoadState("networkidle");
          const body = await page.locator("body").innerText();
          expect(body).not.toMatch(RAW_KEY_PATTERN);
          expect(body).toContain(expected[path]);
          const name = path === "/" ? "overview" : path.slice(1);
          await screenshot(page, `second-organization-${name}-${language}-desktop`);
          await page.setViewportSize(PHONE);
          await screenshot(page, `second-organization-${name}-${language}-phone`);
        }
        expect(await missingKeys(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  for (const language of LANGUAGES) {
    it(`reads a projected yearly term as a recorded one reads, ending the day before the next begins, in ${language}, on a desktop and at 390 px`, async () => {
      const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language], viewport: DESKTOP });
      try {
        for (const viewport of [DESKTOP, PHONE_390]) {
          await page.setViewportSize(viewport);
          await page.goto(`${env.server.baseUrl}/chairmanship`);
          await page.getByTestId("projected-terms").waitFor();
          const termOf = (table: string, state: string) =>
            page.locator(`[data-testid="${table}"] tbody tr`, { hasText: state }).first().locator("td").nth(1).innerText();
          const recorded = (await termOf("recorded-terms", "Latvia")).trim();
          const projected = (await termOf("projected-terms", "Sweden")).trim();
          if (language === "en") {
            expect(recorded).toBe("January 1 – December 31, 2025");
            expect(projected).toBe("January 1 – December 31, 2027");
          }
          // The same words and form, only the year differs: the projection ends on 31 December, not on the next 1 January.
          expect(projected).toBe(recorded.replaceAll("2025", "2027"));
          expect(projected).not.toContain("2028");
          expect(await missingKeys(page)).toEqual([]);
          await screenshot(page, `second-organization-terms-${language}-${viewport.width}`);
        }
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
