// The negotiation room in Chromium: the chair (Kyrgyzstan, chairing today) and India's delegation in two browser contexts.
// India proposes through the page; the chair's page shows it without a reload; the chair issues the next revision from
// the console; India's page shows the bracket with who backs which alternative. Then the room in zh, ru and en, and the
// history's note on a provision rewritten outright, compared by sentence.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

const PHONE_390 = { width: 390, height: 844 } as const;

describe("the negotiation room", () => {
  let server: RunningServer;
  let browser: Browser;
  let documentId: string;
  let op1: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    const chair = await signInOverHttp(server.baseUrl, { email: "head.kg@concord.test", password: "concord-demo" });
    const created = await chair("POST", "/api/v1/documents", {
      title: { ru: "Заявление о молодёжном сотрудничестве (тест)", zh: "关于青年合作的声明（测试）", en: "Statement on youth cooperation (test)" },
      kind: "statement",
      body: "CHS",
      baseLanguage: "ru",
      languages: ["ru", "zh", "en"],
      provisions: [
        { kind: "preambular", texts: { ru: "Признавая роль молодёжи,", zh: "认识到青年的作用，", en: "Recognizing the role of youth," } },
        { kind: "operative", texts: { ru: "Государства-члены должны расширять молодёжные обмены.", zh: "成员国应当扩大青年交流。", en: "Member States shall expand youth exchanges." } },
      ],
    });
    expect(created.status).toBe(201);
    const document = (await created.json()) as { id: string; provisions: { id: string }[] };
    documentId = document.id;
    op1 = document.provisions[1]!.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows India's proposal on the chair's page without a reload, and the chair's revision with the bracket's backers on India's", async () => {
    const chair = await openPortal(browser, { locale: "en-US", viewport: DESKTOP });
    const india = await openPortal(browser, { locale: "en-US", viewport: DESKTOP });
    try {
      await signInPage(chair.page, server.baseUrl, "head.kg@concord.test");
      await signInPage(india.page, server.baseUrl, "head.in@concord.test");
      for (const { page } of [chair, india]) {
        await page.goto(`${server.baseUrl}/negotiation/${documentId}`);
        await page.getByTestId("provision").first().waitFor();
        await waitLive(page);
        await markPage(page);
      }

      // Each sees the other in the room.
      await chair.page.getByTestId("presence").getByText("India").waitFor({ timeout: 10_000 });
      await india.page.getByTestId("presence").getByText("Kyrgyzstan").waitFor({ timeout: 10_000 });

      // India proposes "следует" for "должны" in OP1, through the page.
      await india.page.locator(`[data-provision="${op1}"] [data-testid="propose-menu"]`).click();
      await india.page.getByTestId("propose-replace").click();
      await india.page.getByTestId("proposal-quote").fill("должны");
      await india.page.getByTestId("proposal-text").fill("следует");
      await india.page.getByTestId("submit-proposal").click();

      const onChairPage = chair.page.locator(`[data-provision="${op1}"] [data-testid="proposal"][data-label="P1"]`);
      await onChairPage.waitFor({ timeout: 10_000 });
      expect(await onChairPage.innerText()).toContain("India");
      expect(await wasNotReloaded(chair.page)).toBe(true);

      // Kazakhstan opposes (through the API): the revision will bracket the proposal.
      const kazakhstan = await signInOverHttp(server.baseUrl, { email: "head.kz@concord.test", password: "concord-demo" });
      const proposals = ((await (await kazakhstan("GET", `/api/v1/documents/${documentId}`)).json()) as { proposals: { id: string }[] }).proposals;
      expect((await kazakhstan("POST", `/api/v1/proposals/${proposals[0]!.id}/positions`, { stance: "oppose", text: "Keep shall." })).status).toBe(200);
      await chair.page.locator(`[data-provision="${op1}"] [data-testid="proposal"][data-label="P1"]`).getByText("Kazakhstan").first().waitFor({ timeout: 10_000 });

      // The chair issues Rev.1 from the console.
      await chair.page.getByTestId("tab-console").click();
      await chair.page.getByTestId("submit-revision").click();
      await chair.page.getByTestId("revision-issued").waitFor({ timeout: 10_000 });

      // India's page shows the bracket and its backers, without a reload.
      const backers = india.page.locator(`[data-provision="${op1}"] [data-testid="bracket-backers"]`);
      await backers.waitFor({ timeout: 10_000 });
      const text = await backers.innerText();
      expect(text).toContain("должны");
      expect(text).toContain("следует");
      expect(text).toContain("Kazakhstan");
      expect(text).toContain("India");
      expect(await wasNotReloaded(india.page)).toBe(true);
      await screenshot(india.page, "negotiation-room-bracket-en");

      // The revision history draws its chart (ECharts) and compares Rev.0 with Rev.1.
      await india.page.getByTestId("history-link").click();
      await india.page.locator('[data-testid="history-chart"] canvas').waitFor({ timeout: 10_000 });
      await india.page.getByTestId("outcomes").waitFor();
      await india.page.goBack();
      await india.page.locator(`[data-provision="${op1}"] [data-testid="bracket-backers"]`).waitFor();

      // India keeps a private note; it is listed for India only.
      await india.page.getByTestId("tab-notes").click();
      await india.page.getByTestId("note-text").fill("Ask the capital about OP1.");
      await india.page.getByTestId("submit-note").click();
      await india.page.getByTestId("notes").getByText("Ask the capital about OP1.").waitFor({ timeout: 10_000 });
      await chair.page.getByTestId("tab-notes").click();
      await chair.page.getByTestId("note-text").waitFor();
      expect(await chair.page.locator("main").innerText()).not.toContain("Ask the capital about OP1.");
      expect(chair.errors).toEqual([]);
      expect(india.errors).toEqual([]);
    } finally {
      await chair.context.close();
      await india.context.close();
    }
  });

  it("says in the reader's language when a provision rewritten outright was compared by sentence, not word by word", async () => {
    // A Chinese provision of 4,000 characters rewritten with other words: too large a change to compare word by word.
    const chinese = (words: readonly string[], length: number): string => {
      let text = "";
      for (let i = 0; text.length < length; i++) text += Array.from({ length: 6 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join("") + (i % 3 === 2 ? "。" : "，");
      return `${text.slice(0, length - 1)}。`;
    };
    const before = chinese(["成员国", "加强", "安全", "合作", "打击", "恐怖主义", "维护", "地区", "稳定", "边境"], 4_000);
    const after = chinese(["各方", "推动", "经贸", "往来", "扩大", "人文", "交流", "促进", "共同", "繁荣"], 4_000);
    const chair = await signInOverHttp(server.baseUrl, { email: "head.kg@concord.test", password: "concord-demo" });
    const created = await chair("POST", "/api/v1/documents", {
      title: { zh: "关于经贸合作的声明（测试）", ru: "Заявление о торгово-экономическом сотрудничестве (тест)", en: "Statement on trade cooperation (test)" },
      kind: "statement",
      body: "CHS",
      baseLanguage: "zh",
      languages: ["zh", "ru", "en"],
      provisions: [{ kind: "operative", texts: { zh: before, ru: "Государства-члены сотрудничают.", en: "Member States cooperate." } }],
    });
    expect(created.status).toBe(201);
    const document = (await created.json()) as { id: string; version: number; provisions: { id: string; version: number }[] };
    const provision = document.provisions[0]!;
    expect((await chair("POST", `/api/v1/documents/${document.id}/provisions/${provision.id}/compromise`, { bracket: null, text: after, version: provision.version })).status).toBe(200);
    const current = (await (await chair("GET", `/api/v1/documents/${document.id}`)).json()) as { version: number };
    expect((await chair("POST", `/api/v1/documents/${document.id}/revisions`, { version: current.version })).status).toBe(201);
    const diff = (await (await chair("GET", `/api/v1/documents/${document.id}/diff?from=0&to=1`)).json()) as { provisions: { granularity: Record<string, string> }[] };
    expect(diff.provisions[0]!.granularity.zh).toBe("sentence");

    const expected = { "zh-CN": "按句比较", ru: "Сравнение по предложениям", en: "Compared sentence by sentence" } as const;
    for (const language of LANGUAGES) {
      for (const viewport of [DESKTOP, PHONE_390]) {
        const { context, page, errors } = await openPortal(browser, { locale: BROWSER_LOCALE[language], viewport });
        try {
          await signInPage(page, server.baseUrl, "head.in@concord.test");
          await page.goto(`${server.baseUrl}/negotiation/${document.id}/history`);
          const note = page.getByTestId("diff-granularity");
          await note.waitFor({ timeout: 10_000 });
          expect(await note.getAttribute("data-granularity")).toBe("sentence");
          expect(await note.innerText()).toContain(expected[language]);
          expect(await missingKeys(page)).toEqual([]);
          expect(await page.locator("main").innerText()).not.toMatch(RAW_KEY_PATTERN);
          const overflow = await page.evaluate(() => {
            const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
            return root.scrollWidth - root.clientWidth;
          });
          expect(overflow, `${language} at ${viewport.width}px scrolls sideways`).toBeLessThanOrEqual(0);
          await screenshot(page, `negotiation-diff-by-sentence-${language}-${viewport.width}`);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      }
    }
  });

  it("shows the room in Chinese, Russian and English, on a desktop and at 390 px, with no missing text", async () => {
    for (const language of LANGUAGES) {
      for (const viewport of [DESKTOP, PHONE_390]) {
        const { context, page, errors } = await openPortal(browser, { locale: BROWSER_LOCALE[language], viewport });
        try {
          await signInPage(page, server.baseUrl, "head.in@concord.test");
          await page.goto(`${server.baseUrl}/negotiation/${documentId}`);
          await page.locator(`[data-provision="${op1}"] [data-testid="bracket-backers"]`).waitFor();
          expect(await missingKeys(page)).toEqual([]);
          const body = await page.locator("main").innerText();
          expect(body).not.toMatch(RAW_KEY_PATTERN);
          const overflow = await page.evaluate(() => {
            const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
            return root.scrollWidth - root.clientWidth;
          });
          expect(overflow, `${language} at ${viewport.width}px scrolls sideways`).toBeLessThanOrEqual(0);
          await screenshot(page, `negotiation-room-${language}-${viewport.width}`);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      }
    }
  });
});
