// The portal's layout where it used to break: Chinese table columns one character wide, badges cut to a dot or out of their card,
// wide tables cut off without a word, a slider showing a day the data does not hold, a map that could not be clicked (nor its
// smallest states hovered), and an audit date range running backwards without a hint.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Chairmanship, StateList } from "../../src/contracts/registry.js";
import {
  BROWSER_LOCALE,
  DATA_FIELD,
  DESKTOP,
  LANGUAGES,
  REPO_ROOT,
  intlDate,
  missingKeys,
  openPortal,
  screenshot,
  signInPage,
  typedDay,
  usePortalEnvironment,
  type UiLanguage,
} from "./harness.js";

const PHONE_390 = { width: 390, height: 844 } as const;
const VIEWPORTS = [
  { name: "desktop", size: DESKTOP },
  { name: "phone", size: PHONE_390 },
] as const;

type Catalogue = { [key: string]: string | Catalogue };
const catalogues = new Map<UiLanguage, Catalogue>();

/** A message from the portal's own locale file, its {{placeholders}} filled in. */
function message(language: UiLanguage, key: string, values: Readonly<Record<string, string>> = {}): string {
  let catalogue = catalogues.get(language);
  if (!catalogue) {
    catalogue = JSON.parse(readFileSync(join(REPO_ROOT, "src/web/i18n/locales", `${language}.json`), "utf8")) as Catalogue;
    catalogues.set(language, catalogue);
  }
  const text = key.split(".").reduce<string | Catalogue | undefined>((node, part) => (typeof node === "object" ? node[part] : undefined), catalogue);
  if (typeof text !== "string") throw new Error(`no message ${key} in ${language}`);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? "");
}

async function getJson<T>(baseUrl: string, path: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`);
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

// ---- Measuring in the page (the tests compile without the DOM's types, so the few members used are named here).

interface Rect {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly width: number;
  readonly height: number;
}
interface TextRange {
  selectNodeContents(node: unknown): void;
  getClientRects(): ArrayLike<Rect>;
  getBoundingClientRect(): Rect;
}
interface PageElement {
  readonly textContent: string | null;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  scrollLeft: number;
  readonly ownerDocument: { createRange(): TextRange; defaultView: { getComputedStyle(element: unknown): { fontSize: string } } };
  getBoundingClientRect(): Rect;
  querySelector(selector: string): PageElement | null;
  closest(selector: string): PageElement | null;
}

/** How many lines each element's text takes: its text's boxes, grouped by their top edge. */
async function linesOf(elements: Locator): Promise<Array<{ text: string; lines: number }>> {
  return elements.evaluateAll((nodes) =>
    nodes.map((node) => {
      const element = node as unknown as PageElement;
      const range = element.ownerDocument.createRange();
      range.selectNodeContents(element);
      const tops = Array.from(range.getClientRects())
        .filter((rect) => rect.width > 0 && rect.height > 0)
        .map((rect) => rect.top)
        .sort((a, b) => a - b);
      const lines = tops.filter((top, index) => index === 0 || top - (tops[index - 1] ?? top) > 6).length;
      return { text: (element.textContent ?? "").trim(), lines };
    }),
  );
}

/** Every element found, and each of them on one line. */
async function expectOneLineEach(elements: Locator, what: string): Promise<void> {
  const measured = await linesOf(elements);
  expect(measured.length, `${what}: none found`).toBeGreaterThan(0);
  expect(measured.filter((item) => item.lines !== 1), `${what} broken over several lines`).toEqual([]);
}

/** For each badge: its width against its text's, whether its label is cut, and whether it lies inside the enclosing `card`. */
async function badgeFit(badges: Locator, card: string): Promise<Array<{ text: string; isWhole: boolean; isInside: boolean }>> {
  return badges.evaluateAll(
    (nodes, cardSelector) =>
      nodes.map((node) => {
        const badge = node as unknown as PageElement;
        const label = badge.querySelector(".mantine-Badge-label") ?? badge;
        const range = badge.ownerDocument.createRange();
        range.selectNodeContents(label);
        const box = badge.getBoundingClientRect();
        const text = range.getBoundingClientRect();
        const outer = badge.closest(cardSelector)?.getBoundingClientRect();
        return {
          text: (badge.textContent ?? "").trim(),
          isWhole: box.width + 0.5 >= text.width && label.scrollWidth <= label.clientWidth + 1,
          isInside: outer !== undefined && box.left >= outer.left - 0.5 && box.right <= outer.right + 0.5,
        };
      }),
    card,
  );
}

async function expectBadgesFit(badges: Locator, card: string, what: string): Promise<void> {
  const fits = await badgeFit(badges, card);
  expect(fits.length, `${what}: no badge found`).toBeGreaterThan(0);
  expect(fits.filter((fit) => !fit.isWhole || !fit.isInside), `${what}: cut or outside`).toEqual([]);
}

async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: PageElement } }).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

/** Where the membership map drew a position (a longitude and latitude, or a small state's point), in page pixels. */
async function mapPixel(page: Page, target: { stateCode: string } | { lonLat: readonly [number, number] }): Promise<{ x: number; y: number }> {
  const map = page.getByTestId("membership-map");
  const point = await map.evaluate((node, wanted) => {
    interface ChartOption {
      series: Array<{ data?: Array<{ code?: string; value?: [number, number] }> }>;
    }
    const chart = (node as unknown as { echartsInstance?: { getOption(): ChartOption; convertToPixel(finder: { seriesIndex: number }, value: readonly number[]): number[] } })
      .echartsInstance;
    if (!chart) throw new Error("the map has no chart");
    const seriesIndex = "stateCode" in wanted ? 1 : 0;
    const value = "stateCode" in wanted ? chart.getOption().series[1]?.data?.find((d) => d.code === wanted.stateCode)?.value : wanted.lonLat;
    if (!value) throw new Error("no such point on the map");
    const [x = 0, y = 0] = chart.convertToPixel({ seriesIndex }, value);
    const box = (node as unknown as PageElement).getBoundingClientRect();
    return { x: box.left + x, y: box.top + y };
  }, target);
  return point;
}

/** Waits until the map has drawn this state's point, and brings the whole map into view (clear of the sticky header). */
async function waitForMapPoint(page: Page, stateCode: string): Promise<void> {
  const map = page.getByTestId("membership-map");
  await map.locator("canvas").first().waitFor();
  await map.evaluate((node) => (node as unknown as { scrollIntoView(options: { block: string }): void }).scrollIntoView({ block: "center" }));
  await page.waitForFunction((code) => {
    const map = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('[data-testid="membership-map"]') as {
      echartsInstance?: { getOption(): { series?: Array<{ data?: Array<{ code?: string }> }> } };
    } | null;
    return map?.echartsInstance?.getOption().series?.[1]?.data?.some((d) => d.code === code) === true;
  }, stateCode);
}

describe("portal layout", () => {
  const env = usePortalEnvironment();

  it("keeps names, badges and dates whole in the registry's Chinese tables, on a desktop and at 390 px", async () => {
    const chairmanship = await getJson<Chairmanship>(env.server.baseUrl, "/api/v1/chairmanship");
    const chair = chairmanship.items.find((term) => term.id === chairmanship.current);
    expect(chair, "a chairmanship term runs today").toBeDefined();
    const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE["zh-CN"] });
    try {
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport.size);

        await page.goto(`${env.server.baseUrl}/states`);
        const states = page.getByTestId("states-table");
        await states.locator("tbody tr").first().waitFor();
        await expectOneLineEach(states.locator("tbody td:nth-child(1) a"), `${viewport.name}: state names`);
        await expectOneLineEach(states.locator("tbody td:nth-child(2) .mantine-Badge-label"), `${viewport.name}: tiers`);
        // The day each status holds from: its own column on a desktop, under the status on a phone.
        await expectOneLineEach(states.locator("tbody td:nth-child(3), tbody td:nth-child(2) p").filter({ visible: true }), `${viewport.name}: dates`);
        await expectOneLineEach(page.getByTestId("rights-table").locator("thead th"), `${viewport.name}: rights headings`);
        // A name column is never narrower than four Chinese characters.
        const narrow = await states.locator("tbody td:nth-child(1)").evaluateAll((cells) =>
          cells
            .map((cell) => {
              const element = cell as unknown as PageElement;
              const link = element.querySelector("a") ?? element;
              const fontSize = Number.parseFloat(element.ownerDocument.defaultView.getComputedStyle(link).fontSize);
              return { text: (element.textContent ?? "").trim(), width: element.getBoundingClientRect().width, fontSize };
            })
            .filter((cell) => cell.width < 4 * cell.fontSize),
        );
        expect(narrow, `${viewport.name}: name cells narrower than four characters`).toEqual([]);
        await screenshot(page, `portal-layout-states-zh-CN-${viewport.name}`);

        await page.goto(`${env.server.baseUrl}/chairmanship`);
        for (const testId of ["recorded-terms", "projected-terms"]) {
          const terms = page.getByTestId(testId);
          await terms.locator("tbody tr").first().waitFor();
          await expectOneLineEach(terms.locator("tbody td:nth-child(1) a"), `${viewport.name}: ${testId} states`);
          await expectOneLineEach(terms.locator("tbody td:nth-child(2)"), `${viewport.name}: ${testId} terms`);
        }
        await expectOneLineEach(page.getByTestId("current-term").locator(".mantine-Badge-label"), `${viewport.name}: the current term's badge`);
        await screenshot(page, `portal-layout-chairmanship-zh-CN-${viewport.name}`);

        await page.goto(`${env.server.baseUrl}/states/${chair?.state.code ?? ""}`);
        const stateTerms = page.getByTestId("state-terms");
        await stateTerms.locator("tbody tr").first().waitFor();
        await expectOneLineEach(stateTerms.locator("tbody td:nth-child(1) p"), `${viewport.name}: a state's terms`);
        await expectOneLineEach(stateTerms.locator("tbody td:nth-child(1) .mantine-Badge-label"), `${viewport.name}: a state's term badges`);
        await screenshot(page, `portal-layout-state-zh-CN-${viewport.name}`);

        await page.goto(`${env.server.baseUrl}/summits`);
        await page.getByTestId("summit").first().waitFor();
        // A summit's line breaks between its date, its host and its format, never inside them.
        await expectOneLineEach(page.getByTestId("summit-details").locator(":scope > span"), `${viewport.name}: summit details`);
        await screenshot(page, `portal-layout-summits-zh-CN-${viewport.name}`);
      }
      expect(await missingKeys(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  for (const language of LANGUAGES) {
    it(`keeps badges whole and in their cards, and scrolls wide tables (not the page) with a hint, at 390 px in ${language}`, async () => {
      const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language], viewport: PHONE_390 });
      const hint = message(language, "app.scrollSideways");
      try {
        await page.goto(`${env.server.baseUrl}/bodies`);
        await page.getByTestId("body").first().waitFor();
        await expectBadgesFit(page.getByTestId("body").locator(".mantine-Badge-root"), '[data-testid="body"]', "bodies");
        expect(await sidewaysScroll(page), "the bodies page scrolls sideways").toBeLessThanOrEqual(0);
        await screenshot(page, `portal-layout-bodies-${language}-phone`);

        await page.goto(`${env.server.baseUrl}/chairmanship`);
        const recorded = page.locator('section[aria-labelledby="recorded-heading"]');
        await recorded.getByTestId("recorded-terms").waitFor();
        await expectBadgesFit(page.getByTestId("current-term"), 'section[aria-labelledby="recorded-heading"]', "the current term");
        // The terms are wider than a phone: the table scrolls, says so, and shades the edge where it is cut.
        const scroller = recorded.getByTestId("table-scroller");
        expect(await scroller.evaluate((node) => (node as unknown as PageElement).scrollWidth > (node as unknown as PageElement).clientWidth)).toBe(true);
        const recordedHint = recorded.getByTestId("scroll-hint");
        expect(await recordedHint.isVisible()).toBe(true);
        expect((await recordedHint.innerText()).trim()).toContain(hint);
        const viewport = scroller.locator("xpath=..");
        expect(await viewport.getAttribute("data-cut-end")).toBe("true");
        expect(await viewport.getAttribute("data-cut-start")).toBeNull();
        await screenshot(page, `portal-layout-chairmanship-${language}-phone`);
        await scroller.evaluate((node) => {
          const element = node as unknown as PageElement;
          element.scrollLeft = element.scrollWidth;
        });
        await page.waitForFunction(
          (node) => (node as unknown as { getAttribute(name: string): string | null }).getAttribute("data-cut-start") === "true",
          await viewport.elementHandle(),
        );
        expect(await viewport.getAttribute("data-cut-end")).toBeNull();
        expect(await sidewaysScroll(page), "the chairmanship page scrolls sideways").toBeLessThanOrEqual(0);

        await page.goto(`${env.server.baseUrl}/states`);
        await page.getByTestId("states-table").locator("tbody tr").first().waitFor();
        await expectBadgesFit(page.getByTestId("states-table").locator(".mantine-Badge-root"), "td", "tiers");
        const rights = page.locator('section[aria-labelledby="rights-heading"]');
        expect(await rights.getByTestId("scroll-hint").isVisible()).toBe(true);
        expect(await sidewaysScroll(page), "the states page scrolls sideways").toBeLessThanOrEqual(0);
        await screenshot(page, `portal-layout-states-${language}-phone`);

        // On a desktop the same tables fit: no hint, no shading.
        await page.setViewportSize(DESKTOP);
        await page.goto(`${env.server.baseUrl}/chairmanship`);
        await page.getByTestId("recorded-terms").waitFor();
        await expectBadgesFit(page.getByTestId("current-term"), 'section[aria-labelledby="recorded-heading"]', "the current term on a desktop");
        expect(await page.getByTestId("scroll-hint").count()).toBe(0);
        await screenshot(page, `portal-layout-chairmanship-${language}-desktop`);
        await page.goto(`${env.server.baseUrl}/bodies`);
        await page.getByTestId("body").first().waitFor();
        await expectBadgesFit(page.getByTestId("body").locator(".mantine-Badge-root"), '[data-testid="body"]', "bodies on a desktop");
        await screenshot(page, `portal-layout-bodies-${language}-desktop`);

        expect(await missingKeys(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it("moves the membership slider by months and names them without a day, the founding and today being real days", async () => {
    const founded = env.organization.founded;
    expect(founded, "the SCO's founding day").toBe("2001-06-15");
    const today = (await getJson<StateList>(env.server.baseUrl, "/api/v1/states")).on;
    // One month after the founding, read at that month's end.
    const endOfJuly2001: Readonly<Record<UiLanguage, string>> = {
      "zh-CN": "2001年7月底各类地位的国家",
      ru: "Государства по статусу на конец июля 2001 г.",
      en: "States by status at the end of July 2001",
    };
    for (const language of LANGUAGES) {
      const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language] });
      try {
        await page.goto(`${env.server.baseUrl}/`);
        const slider = page.getByRole("slider", { name: message(language, "overview.sliderLabel") });
        await slider.focus();

        await page.keyboard.press("Home");
        expect(await slider.getAttribute("aria-valuetext")).toBe(intlDate(language, founded, "day"));

        await page.keyboard.press("ArrowRight");
        const july2001 = intlDate(language, "2001-07-01", "month");
        expect(await slider.getAttribute("aria-valuetext")).toBe(july2001);
        expect((await page.getByTestId("counts-date").innerText()).trim()).toBe(endOfJuly2001[language]);
        await page.waitForFunction(
          (expected) =>
            ((globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document
              .querySelector('[data-testid="membership-map"]')
              ?.getAttribute("aria-label") ?? "").includes(expected),
          language === "ru" ? "июля 2001 г." : july2001,
        );

        // A year on by the keyboard: still a month, never a day of it.
        await page.keyboard.press("PageUp");
        expect(await slider.getAttribute("aria-valuetext")).toBe(intlDate(language, "2002-07-01", "month"));
        await page.keyboard.press("End");
        expect(await slider.getAttribute("aria-valuetext")).toBe(intlDate(language, today, "day"));
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  for (const language of LANGUAGES) {
    it(`opens a state's page from the map, and points at the Maldives, too small to hover, in ${language}`, async () => {
      const states = await getJson<StateList>(env.server.baseUrl, "/api/v1/states");
      const maldives = states.items.find((state) => state.code === "MV");
      const kazakhstan = states.items.find((state) => state.code === "KZ");
      expect(maldives && kazakhstan, "the Maldives and Kazakhstan hold a status today").toBeTruthy();
      const tier = env.organization.tiers.find((candidate) => candidate.code === maldives?.tier);
      const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language] });
      try {
        await page.goto(`${env.server.baseUrl}/`);
        await waitForMapPoint(page, "MV");

        const point = await mapPixel(page, { stateCode: "MV" });
        await page.mouse.move(point.x, point.y);
        const tooltip = page.getByTestId("membership-map").locator("div").filter({ hasText: maldives?.names[DATA_FIELD[language]] ?? "?" }).last();
        await tooltip.waitFor({ state: "visible" });
        expect(await tooltip.innerText()).toContain(tier?.names[DATA_FIELD[language]] ?? "?");
        await screenshot(page, `portal-layout-map-maldives-${language}-desktop`);

        await page.mouse.click(point.x, point.y);
        await page.waitForURL(/\/states\/MV$/);
        expect((await page.getByTestId("state-name").innerText()).trim()).toBe(maldives?.names[DATA_FIELD[language]]);

        await page.goBack();
        await waitForMapPoint(page, "MV");
        // The middle of Kazakhstan, a state large enough to click on its outline.
        const steppe = await mapPixel(page, { lonLat: [67, 48] });
        await page.mouse.click(steppe.x, steppe.y);
        await page.waitForURL(/\/states\/KZ$/);
        expect((await page.getByTestId("state-name").innerText()).trim()).toBe(kazakhstan?.names[DATA_FIELD[language]]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  for (const language of LANGUAGES) {
    it(`says in ${language} when the audit trail's "from" day is after its "to" day, asks nothing for it and keeps the last results`, async () => {
      const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language] });
      try {
        await signInPage(page, env.server.baseUrl);
        await page.goto(`${env.server.baseUrl}/audit`);
        const rows = page.getByTestId("audit-row");
        await rows.first().waitFor();
        const from = page.getByTestId("filter-from");
        const to = page.getByTestId("filter-to");
        await to.fill(typedDay(language, "2099-12-31"));
        await page.waitForURL(/to=2099-12-31/);
        await rows.first().waitFor();

        const asked: string[] = [];
        page.on("request", (request) => {
          if (request.url().includes("/api/v1/audit?")) asked.push(request.url());
        });
        await from.fill(typedDay(language, "2100-01-05"));
        const problem = page.getByTestId("range-inverted");
        await problem.waitFor();
        expect(await problem.innerText()).toContain(message(language, "audit.rangeInverted", { from: intlDate(language, "2100-01-05", "day"), to: intlDate(language, "2099-12-31", "day") }));
        await expect.poll(() => problem.innerText()).toContain(message(language, "audit.rangeKept"));
        expect(await from.getAttribute("aria-invalid")).toBe("true");
        expect(await to.getAttribute("aria-invalid")).toBe("true");
        expect(await rows.count()).toBeGreaterThan(0);
        // The calendar of the field last typed in is closed first, so that the picture shows the message under it.
        await page.keyboard.press("Escape");
        await expect.poll(() => page.locator(".mantine-Popover-dropdown").count()).toBe(0);
        await screenshot(page, `portal-layout-audit-range-${language}-desktop`);
        expect(asked.filter((url) => /[?&]from=(2099|2100)/.test(url))).toEqual([]);

        // Put right, the message goes and the trail is asked for the new range.
        await from.fill(typedDay(language, "2000-01-01"));
        await problem.waitFor({ state: "detached" });
        await rows.first().waitFor();
        await expect.poll(() => asked.some((url) => /[?&]from=(1999|2000)/.test(url))).toBe(true);

        // Opened with a range running backwards there is nothing to keep: only the message, and no request.
        await page.goto(`${env.server.baseUrl}/audit?from=2030-01-02&to=2030-01-01`);
        await problem.waitFor();
        expect(await problem.innerText()).not.toContain(message(language, "audit.rangeKept"));
        expect(await page.getByTestId("audit-table").count()).toBe(0);
        expect(asked.filter((url) => /[?&]from=(2030|2029)/.test(url))).toEqual([]);
        expect(await missingKeys(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
