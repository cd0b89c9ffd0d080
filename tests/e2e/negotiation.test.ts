// The negotiation room in Chromium: the chair (Kyrgyzstan, chairing today) and India's delegation in two browser contexts.
// India proposes through the page; the chair's page shows it without a reload; the chair issues the next revision from
// the console (choosing the handling of a proposal nobody supported, then confirming); India's page shows the bracket with
// who backs which alternative. Then the room in zh, ru and en with the secretariat present, the console's choice and
// confirmation in each language, and the history's note on a provision rewritten outright, compared by sentence.
import { join } from "node:path";
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
  SCREENSHOT_DIR,
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

      // The chair issues Rev.1 from the console. Nobody supported India's proposal (Kazakhstan opposes it): the form
      // suggests no handling, shows who stands where, and goes no further until the chair chooses, naming P1.
      await chair.page.getByTestId("tab-console").click();
      const handling = chair.page.locator('[data-testid="handling"][data-label="P1"]');
      await handling.getByTestId("opposers").getByText("Kazakhstan").waitFor({ timeout: 10_000 });
      expect(await handling.getByTestId("supporters").innerText()).toBe("No delegation has supported it");
      expect(await handling.getByTestId("opposers").innerText()).toBe("Opposed (1): Kazakhstan");
      expect(await handling.getByTestId("handling-action").inputValue()).toBe("");
      await chair.page.getByTestId("submit-revision").click();
      expect(await chair.page.getByTestId("unchosen").innerText()).toBe("Choose how to handle P1 before issuing Rev.1.");
      expect(await chair.page.getByTestId("confirm-revision").count()).toBe(0);
      // The chair puts it in brackets, and confirms what the revision does.
      await handling.getByTestId("handling-action").selectOption("bracket");
      await chair.page.getByTestId("submit-revision").click();
      const confirmation = chair.page.getByTestId("confirm-revision");
      await confirmation.waitFor();
      expect(await confirmation.getByTestId("confirm-summary").innerText()).toBe("0 accepted, 1 bracketed, 0 deferred, and 0 not retained");
      // The revision's answer carries the document as it now stands: neither it nor its live echo has the chair's page
      // read the whole document again.
      const documentReads: string[] = [];
      chair.page.on("request", (request) => {
        if (request.method() === "GET" && new URL(request.url()).pathname === `/api/v1/documents/${documentId}`) documentReads.push(request.url());
      });
      await confirmation.getByTestId("confirm-issue").click();
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
      expect(documentReads).toEqual([]);
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

  it("shows the room in Chinese, Russian and English, on a desktop and at 390 px, with no missing text, the secretariat in it by name", async () => {
    // The secretariat's administrator is in the room: India's page names it in India's language, never by its code.
    const secretariat = await openPortal(browser, { locale: "en-US", viewport: DESKTOP });
    await signInPage(secretariat.page, server.baseUrl, "admin@concord.test");
    await secretariat.page.goto(`${server.baseUrl}/negotiation/${documentId}`);
    await waitLive(secretariat.page);
    const SECRETARIAT: Record<(typeof LANGUAGES)[number], string> = { "zh-CN": "秘书处", ru: "Секретариат", en: "the Secretariat" };
    for (const language of LANGUAGES) {
      for (const viewport of [DESKTOP, PHONE_390]) {
        const { context, page, errors } = await openPortal(browser, { locale: BROWSER_LOCALE[language], viewport });
        try {
          await signInPage(page, server.baseUrl, "head.in@concord.test");
          await page.goto(`${server.baseUrl}/negotiation/${documentId}`);
          await page.locator(`[data-provision="${op1}"] [data-testid="bracket-backers"]`).waitFor();
          await page.getByTestId("presence").getByText(SECRETARIAT[language]).waitFor({ timeout: 10_000 });
          expect(await page.getByTestId("presence").innerText()).not.toMatch(/\bsecretariat\b/);
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
    expect(secretariat.errors).toEqual([]);
    await secretariat.context.close();
  });

  it("makes the chair choose a handling for a proposal nobody supported, and confirm the revision's summary, in each language", async () => {
    // After Rev.1: India proposes on PP1 and nobody supports it; Russia proposes a new provision and Kazakhstan supports it.
    const india = await signInOverHttp(server.baseUrl, { email: "head.in@concord.test", password: "concord-demo" });
    const russia = await signInOverHttp(server.baseUrl, { email: "head.ru@concord.test", password: "concord-demo" });
    const kazakhstan = await signInOverHttp(server.baseUrl, { email: "head.kz@concord.test", password: "concord-demo" });
    const document = (await (await india("GET", `/api/v1/documents/${documentId}`)).json()) as { provisions: { id: string; texts: Record<string, string> }[] };
    const pp1 = document.provisions[0]!;
    const start = pp1.texts.ru!.indexOf("молодёжи");
    const unsupported = await india("POST", `/api/v1/documents/${documentId}/proposals`, { change: { type: "replace", provision: pp1.id, start, end: start + "молодёжи".length, text: "молодёжи и спорта" } });
    expect(unsupported.status).toBe(201);
    const supported = await russia("POST", `/api/v1/documents/${documentId}/proposals`, { change: { type: "add-provision", after: op1, kind: "operative", text: "Государства-члены ежегодно проводят молодёжный форум." } });
    expect(supported.status).toBe(201);
    const supportedId = ((await supported.json()) as { id: string }).id;
    expect((await kazakhstan("POST", `/api/v1/proposals/${supportedId}/positions`, { stance: "support", text: "" })).status).toBe(200);
    const labels = Object.fromEntries((((await (await india("GET", `/api/v1/documents/${documentId}`)).json()) as { proposals: { id: string; label: string; status: string }[] }).proposals).filter((p) => p.status === "open").map((p) => [p.id, p.label]));
    const [unsupportedLabel, supportedLabel] = [labels[((await unsupported.json()) as { id: string }).id]!, labels[supportedId]!];

    for (const language of LANGUAGES) {
      for (const viewport of [DESKTOP, PHONE_390]) {
        const { context, page, errors } = await openPortal(browser, { locale: BROWSER_LOCALE[language], viewport });
        try {
          await signInPage(page, server.baseUrl, "head.kg@concord.test");
          await page.goto(`${server.baseUrl}/negotiation/${documentId}`);
          await page.getByTestId("tab-console").click();
          const nobody = page.locator(`[data-testid="handling"][data-label="${unsupportedLabel}"]`);
          const backed = page.locator(`[data-testid="handling"][data-label="${supportedLabel}"]`);
          await nobody.waitFor();
          // The supported proposal comes with a suggestion; the other with none, so the form refuses and names it.
          expect(await backed.getByTestId("handling-action").inputValue()).toBe("accept");
          expect(await backed.getByTestId("supporters").innerText()).toContain({ "zh-CN": "哈萨克斯坦", ru: "Казахстан", en: "Kazakhstan" }[language]);
          expect(await nobody.getByTestId("handling-action").inputValue()).toBe("");
          await page.getByTestId("submit-revision").click();
          const refusal = page.getByTestId("unchosen");
          await refusal.waitFor();
          expect(await refusal.innerText()).toContain(unsupportedLabel);
          expect(await page.getByTestId("confirm-revision").count()).toBe(0);
          expect(await missingKeys(page)).toEqual([]);
          // From the top: a full-page picture taken scrolled down shows the sticky header over the form.
          await page.evaluate(() => (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 0));
          await screenshot(page, `issue-revision-refused-${language}-${viewport.width}`);

          // Deferred by choice, the revision can go ahead: the confirmation says what it does, and is cancelled here.
          await nobody.getByTestId("handling-action").selectOption("defer");
          await page.getByTestId("submit-revision").click();
          const confirmation = page.getByTestId("confirm-revision");
          await confirmation.waitFor();
          const summary = { "zh-CN": "接受 1 项、加括号 0 项、推迟 1 项和不予保留 0 项", ru: "1 принято, 0 в скобках, 1 отложено и 0 не сохранено", en: "1 accepted, 0 bracketed, 1 deferred, and 0 not retained" }[language];
          expect(await confirmation.getByTestId("confirm-summary").innerText()).toBe(summary);
          expect(await missingKeys(page)).toEqual([]);
          // The dialog as the chair sees it (it covers the screen on a phone): the window, not the whole page, once it has faded in.
          await page.waitForFunction(() => {
            const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
            const style = (globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }).getComputedStyle;
            const content = doc.querySelector(".mantine-Modal-content");
            return content !== null && style(content).opacity === "1";
          });
          await page.screenshot({ path: join(SCREENSHOT_DIR, `issue-revision-confirm-${language}-${viewport.width}.png`) });
          await confirmation.getByRole("button").filter({ hasNotText: /Rev\./ }).last().click();
          await confirmation.waitFor({ state: "detached" });
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      }
    }
    // Nothing was issued: the document is still at Rev.1.
    expect(((await (await india("GET", `/api/v1/documents/${documentId}`)).json()) as { revision: number }).revision).toBe(1);
  });
});
