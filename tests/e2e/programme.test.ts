// The chair's programme in the browser: the secretariat imports an XLSX programme for China's term and the progress chart
// shows it; a spreadsheet with a bad row is refused naming the row and the column, and the events stay as they were.
// The term's page in three languages, on a desktop and a 390-pixel phone, with a file refused at a bound of reading.
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { farRightColumn } from "../fixtures/programme/hostile-spreadsheets.js";
import { BROWSER_LOCALE, DESKTOP, LANGUAGES, RAW_KEY_PATTERN, missingKeys, openPortal, screenshot, signInPage, waitForTestIdText, usePortalEnvironment } from "./harness.js";

const PHONE_390 = { width: 390, height: 844 } as const;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const HEADER = ["title_zh", "title_ru", "title_en", "start", "end", "city_zh", "city_ru", "city_en", "track", "kind", "organizer_zh", "organizer_ru", "organizer_en", "status", "meeting"];
/** The colour the chart paints events held in (STATUS_COLOURS.held). */
const HELD_COLOUR = [0x2f, 0x9e, 0x44] as const;

type Cell = string | number | Date | null;
const row = (values: Partial<Record<string, Cell>>): Cell[] => HEADER.map((column) => values[column] ?? null);

async function workbook(rows: readonly Cell[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("programme");
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const GOOD = [
  row({ title_zh: "青年论坛", title_ru: "Молодёжный форум", title_en: "Youth forum", start: new Date(Date.UTC(2024, 9, 12)), city_en: "Qingdao", track: "people", kind: "forum", status: "held" }),
  row({ title_en: "Expert meeting on trade", start: "2025-03", track: "economic", kind: "expert", status: "held" }),
  row({ title_en: "Joint exercise", start: "2025-05-20", end: "2025-05-24", track: "security", kind: "exercise", status: "planned" }),
  row({ title_en: "Film festival", start: "2025-06-01", track: "people", kind: "festival", status: "cancelled" }),
];
const BAD = [
  GOOD[0]!,
  row({ title_en: "A day that does not exist", start: "2025-02-30", track: "people", kind: "forum", status: "held" }),
  row({ title_en: "No such track", start: "2025-04", track: "defence", kind: "forum", status: "held" }),
];

/** Pixels of the chart's canvas painted in a colour. */
async function pixelsOfColour(page: Page, testId: string, rgb: readonly [number, number, number]): Promise<number> {
  return page.locator(`[data-testid="${testId}"] canvas`).first().evaluate((canvas, [r, g, b]) => {
    const c = canvas as unknown as { width: number; height: number; getContext(kind: "2d"): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null };
    const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data;
    if (!data) return 0;
    let hits = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs((data[i] ?? 0) - r) < 6 && Math.abs((data[i + 1] ?? 0) - g) < 6 && Math.abs((data[i + 2] ?? 0) - b) < 6) hits++;
    return hits;
  }, rgb);
}

/** What the chart drew: the sum of each series (held, planned…), from its ECharts instance. */
async function chartTotals(page: Page, testId: string): Promise<Record<string, number>> {
  return page.getByTestId(testId).evaluate((element) => {
    const chart = (element as unknown as { echartsInstance?: { getOption(): { series: { name: string; data: number[] }[] } } }).echartsInstance;
    return Object.fromEntries((chart?.getOption().series ?? []).map((s) => [s.name, s.data.reduce((a, b) => a + b, 0)]));
  });
}

async function chooseFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.locator('[data-testid="programme-import"] input[type="file"]').setInputFiles({ name, mimeType: XLSX, buffer });
}

describe("the chair's programme", () => {
  const env = usePortalEnvironment();

  it("imports an XLSX programme that the progress chart then shows, and refuses a spreadsheet with bad rows naming each row and column, changing nothing", async () => {
    const { context, page, errors } = await openPortal(env.browser, { locale: "en-US", viewport: DESKTOP });
    try {
      await signInPage(page, env.server.baseUrl);
      await page.goto(`${env.server.baseUrl}/chairmanship`);
      // From the chairmanship page to China's term.
      await page.locator('a[href="/chairmanship/chair-2025"]').click();
      await page.waitForURL(/\/chairmanship\/chair-2025$/);
      await page.getByRole("heading", { level: 1, name: "Chairmanship of China" }).waitFor();
      expect(await page.getByTestId("term-slogan").innerText()).toBe("Upholding the Shanghai Spirit: the SCO in action");
      expect(await page.getByTestId("term-themed-year").innerText()).toBe("SCO Year of Sustainable Development");
      // The count the article reports, as it reports it, with its source.
      expect(await page.getByTestId("programme-reported-count").innerText()).toBe("More than 100 events");
      expect(await page.getByTestId("programme-reported").getByTestId("source-citation").innerText()).toContain("People's Daily");
      // The dataset's three sourced events, all held.
      await waitForTestIdText(page, "programme-total", "3");
      await waitForTestIdText(page, "programme-held", "3");
      expect(await page.getByTestId("programme-event").count()).toBe(3);

      // The secretariat checks the file first, then imports it.
      await chooseFile(page, "china-programme.xlsx", await workbook(GOOD));
      await page.getByTestId("import-check").click();
      await page.getByTestId("import-valid").waitFor();
      expect(await page.getByTestId("import-valid").innerText()).toContain("The file is valid: 4 events.");
      await page.getByTestId("import-submit").click();
      await page.getByTestId("import-done").waitFor();
      expect(await page.getByTestId("import-done").innerText()).toBe("Imported: 4 events.");

      // The figures and the chart show it: 7 events, 5 held, 1 planned, 1 cancelled.
      await waitForTestIdText(page, "programme-total", "7");
      await waitForTestIdText(page, "programme-held", "5");
      await waitForTestIdText(page, "programme-planned", "1");
      await waitForTestIdText(page, "programme-cancelled", "1");
      expect(await page.getByTestId("programme-event").count()).toBe(7);
      const chart = page.getByTestId("progress-by-month");
      await chart.locator("canvas").first().waitFor({ state: "visible" });
      const box = await chart.locator("canvas").first().boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(200);
      expect(box?.height ?? 0).toBeGreaterThan(150);
      await expect.poll(() => chartTotals(page, "progress-by-month"), { timeout: 10_000 }).toEqual({ Planned: 1, Held: 5, Postponed: 0, Cancelled: 1 });
      await expect.poll(() => pixelsOfColour(page, "progress-by-month", HELD_COLOUR), { timeout: 10_000 }).toBeGreaterThan(200);
      expect(await chart.getAttribute("aria-label")).toBe("Events by month: held 5 of 7");
      expect(await chartTotals(page, "progress-by-track")).toEqual({ Planned: 1, Held: 5, Postponed: 0, Cancelled: 1 });
      const titles = await page.getByTestId("programme-event-title").allInnerTexts();
      await screenshot(page, "programme-imported-en-desktop");

      // A spreadsheet with bad rows: refused, each error with its row and column, and nothing changes.
      await chooseFile(page, "bad-programme.xlsx", await workbook(BAD));
      await page.getByTestId("import-check").click();
      await page.getByTestId("import-errors").waitFor();
      const places = await page.getByTestId("import-error-place").allInnerTexts();
      expect(places).toEqual(["Row 3, column “start” (D)", "Row 4, column “track” (I)"]);
      const problems = await page.getByTestId("import-error-problem").allInnerTexts();
      expect(problems[0]).toMatch(/^Not a date/);
      expect(problems[1]).toMatch(/^Not a track/);
      expect(await page.getByTestId("import-errors").innerText()).toContain("2 errors; nothing was imported.");
      expect(await page.getByTestId("import-submit").isDisabled()).toBe(true);
      await screenshot(page, "programme-refused-en-desktop");
      // The events are the same, on the page and in the API.
      expect(await page.getByTestId("programme-total").innerText()).toBe("7");
      expect(await page.getByTestId("programme-event-title").allInnerTexts()).toEqual(titles);
      const api = (await (await page.request.get(`${env.server.baseUrl}/api/v1/chairmanship/chair-2025/programme`)).json()) as { events: unknown[] };
      expect(api.events).toHaveLength(7);

      expect(await missingKeys(page)).toEqual([]);
      expect(errors.filter((e) => !e.includes("400"))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  for (const language of LANGUAGES) {
    it(`shows a term's page in ${language}, on a desktop and on a 390-pixel phone, with nothing untranslated and nothing wider than the screen`, async () => {
      const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language], viewport: DESKTOP });
      try {
        await signInPage(page, env.server.baseUrl);
        await page.goto(`${env.server.baseUrl}/chairmanship/chair-2025`);
        await page.getByTestId("programme-reported-count").waitFor();
        await page.getByTestId("progress-by-month").locator("canvas").first().waitFor({ state: "visible" });
        expect(await page.getAttribute("html", "lang")).toBe(language);
        const reported = await page.getByTestId("programme-reported-count").innerText();
        expect(reported).toBe({ "zh-CN": "100多项活动", ru: "Более 100 мероприятий", en: "More than 100 events" }[language]);
        expect(await missingKeys(page)).toEqual([]);
        expect(await page.locator("body").innerText()).not.toMatch(RAW_KEY_PATTERN);
        await screenshot(page, `programme-${language}-desktop`);

        // A refused file shows its errors in the reader's language.
        await chooseFile(page, "bad.xlsx", await workbook(BAD));
        await page.getByTestId("import-check").click();
        await page.getByTestId("import-errors").waitFor();
        const first = (await page.getByTestId("import-error-place").allInnerTexts())[0];
        expect(first).toBe({ "zh-CN": "第 3 行，“start”列（D）", ru: "Строка 3, столбец «start» (D)", en: "Row 3, column “start” (D)" }[language]);

        // A workbook with values far to the right: refused at the bound of columns, named in the reader's language.
        await chooseFile(page, "far-right.xlsx", farRightColumn(9_999));
        await page.getByTestId("import-check").click();
        await page.getByTestId("import-errors").waitFor();
        expect(await page.getByTestId("import-error-place").allInnerTexts()).toEqual([{ "zh-CN": "整个文件", ru: "Весь файл", en: "The whole file" }[language]]);
        expect(await page.getByTestId("import-error-problem").innerText()).toContain({ "zh-CN": "Z 列以后仍有单元格（最多 26 列）", ru: "правее столбца Z (не более 26 столбцов)", en: "beyond column Z (at most 26 columns)" }[language]);
        expect(await page.locator("body").innerText()).not.toMatch(RAW_KEY_PATTERN);
        await screenshot(page, `programme-bound-${language}-desktop`);

        await page.setViewportSize(PHONE_390);
        await page.getByTestId("progress-by-month").locator("canvas").first().waitFor({ state: "visible" });
        // Once the page has laid itself out for the phone (the events become cards, the charts resize), nothing is wider.
        const overflow = () =>
          page.evaluate(() => {
            const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
            return root.scrollWidth - root.clientWidth;
          });
        await expect.poll(overflow, { timeout: 10_000 }).toBeLessThanOrEqual(0);
        expect(await page.getByTestId("programme-events").evaluate((node) => (node as unknown as { tagName: string }).tagName)).toBe("DIV");
        await screenshot(page, `programme-${language}-phone`);
        expect(errors.filter((e) => !e.includes("400"))).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  for (const language of LANGUAGES) {
    it(`shows a running term with nothing recorded, and the meetings its chair chairs counted, in ${language}, on a desktop and at 390 px`, async () => {
      const monthLabel = (year: number, month: number) => new Intl.DateTimeFormat(language, { year: "numeric", month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(year, month - 1, 1)));
      const now = new Date();
      for (const viewport of [DESKTOP, PHONE_390]) {
        // The public: no event and no meeting it may see for Kyrgyzstan's term, so no chart and nothing to download.
        const visitor = await openPortal(env.browser, { locale: BROWSER_LOCALE[language], viewport });
        try {
          await visitor.page.goto(`${env.server.baseUrl}/chairmanship/chair-2026`);
          await visitor.page.getByTestId("programme-empty").waitFor();
          expect(await visitor.page.getByTestId("programme-total").innerText()).toBe("0");
          expect(await visitor.page.locator('[data-testid="progress-by-month"], [data-testid="progress-by-track"]').count()).toBe(0);
          expect(await visitor.page.getByTestId("programme-exports").count()).toBe(0);
          // No source reports a count for this term, and the note says so.
          expect(await visitor.page.getByTestId("programme-empty-reported").innerText()).toBe(
            { "zh-CN": "没有资料报道本任期的活动数量。", ru: "Ни один источник не приводит число мероприятий этого срока.", en: "No source reports a number of events for this term." }[language],
          );
          expect(await missingKeys(visitor.page)).toEqual([]);
          expect(await visitor.page.locator("body").innerText()).not.toMatch(RAW_KEY_PATTERN);
          await screenshot(visitor.page, `programme-empty-${language}-${viewport.width}`);
          expect(visitor.errors).toEqual([]);
        } finally {
          await visitor.context.close();
        }

        // The secretariat: the demonstration meeting Kyrgyzstan chairs today is counted (planned, institutional), the
        // month axis runs from September 2025 to this month, and the import offers a blank template, not the empty programme.
        const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language], viewport });
        try {
          await signInPage(page, env.server.baseUrl);
          await page.goto(`${env.server.baseUrl}/chairmanship/chair-2026`);
          await page.getByTestId("programme-meeting").first().waitFor();
          expect(await page.getByTestId("programme-meeting").count()).toBe(1);
          await waitForTestIdText(page, "programme-total", "1");
          expect(await page.getByTestId("programme-planned").innerText()).toBe("1");
          const chart = page.getByTestId("progress-by-month");
          await chart.locator("canvas").first().waitFor({ state: "visible" });
          const months = await chart.evaluate((element) => {
            const instance = (element as unknown as { echartsInstance?: { getOption(): { xAxis: { data: string[] }[] } } }).echartsInstance;
            return instance?.getOption().xAxis[0]?.data ?? [];
          });
          expect(months[0]).toBe(monthLabel(2025, 9));
          expect(months.at(-1)).toBe(monthLabel(now.getUTCFullYear(), now.getUTCMonth() + 1));
          expect(months.length).toBe((now.getUTCFullYear() - 2025) * 12 + now.getUTCMonth() + 1 - 8);
          await expect.poll(() => chartTotals(page, "progress-by-track"), { timeout: 10_000 }).toMatchObject({ [{ "zh-CN": "计划中", ru: "Запланировано", en: "Planned" }[language]]: 1 });
          expect(await page.getByTestId("programme-exports").count()).toBe(0);
          expect(await page.getByTestId("template-csv").getAttribute("href")).toBe("/api/v1/chairmanship/chair-2026/programme.csv?template=true");
          expect(await missingKeys(page)).toEqual([]);
          await expect
            .poll(() =>
              page.evaluate(() => {
                const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
                return root.scrollWidth - root.clientWidth;
              }),
            )
            .toBeLessThanOrEqual(0);
          await screenshot(page, `programme-running-${language}-${viewport.width}`);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      }
    });
  }
});
