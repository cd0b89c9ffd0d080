// Consensus in the room, in Chromium with three browser contexts: the chair (Kyrgyzstan, chairing today) invites Mongolia
// (an SCO partner) to the draft from its console; Mongolia comments on a proposal, marked as a non-member's; the chair
// calls for objections on the issued revision; Iran objects, named with its reason, and the chair cannot adopt; Iran
// withdraws its objection and the chair adopts — every page following without a reload. Then the room with a call, an
// objection and an invited comment in zh-CN, ru and en at 1280 and 390 px, looked at in the screenshots.
import type { Browser, Page } from "playwright-core";
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

type Api = Awaited<ReturnType<typeof signInOverHttp>>;
interface DocumentJson {
  id: string;
  version: number;
  provisions: { id: string; version: number }[];
  proposals: { id: string }[];
}

async function json<T>(response: Promise<Response>, status = 200): Promise<T> {
  const answer = await response;
  const body = await answer.text();
  expect(answer.status, body).toBe(status);
  return JSON.parse(body) as T;
}

async function sideways(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

describe("consensus in the room", () => {
  let server: RunningServer;
  let browser: Browser;
  let chairApi: Api;

  /** A draft opened by the chair with Russia's proposal on OP1 (three languages, Russian base). */
  async function draftWithProposal(title: string): Promise<DocumentJson> {
    const created = await json<DocumentJson>(
      chairApi("POST", "/api/v1/documents", {
        title: { ru: `${title} (тест)`, zh: `${title}（测试）`, en: `${title} (test)` },
        kind: "statement",
        body: "CHS",
        baseLanguage: "ru",
        languages: ["ru", "zh", "en"],
        provisions: [
          { kind: "preambular", texts: { ru: "Признавая роль молодёжи,", zh: "认识到青年的作用，", en: "Recognizing the role of youth," } },
          { kind: "operative", texts: { ru: "Государства-члены расширяют молодёжные обмены.", zh: "成员国扩大青年交流。", en: "Member States expand youth exchanges." } },
        ],
      }),
      201,
    );
    const russia = await signInOverHttp(server.baseUrl, { email: "head.ru@concord.test", password: "concord-demo" });
    await json(russia("POST", `/api/v1/documents/${created.id}/proposals`, { change: { type: "insert", provision: created.provisions[1]!.id, at: 0, text: "Впредь " } }), 201);
    return json<DocumentJson>(chairApi("GET", `/api/v1/documents/${created.id}`));
  }

  /** The chair settles the text: Russia's proposal deferred, every provision agreed, issued as the next revision. */
  async function issueAgreed(id: string): Promise<DocumentJson> {
    let document = await json<DocumentJson>(chairApi("GET", `/api/v1/documents/${id}`));
    for (const provision of document.provisions) {
      document = await json<DocumentJson>(chairApi("POST", `/api/v1/documents/${id}/provisions/${provision.id}/status`, { mark: "agreed", version: provision.version }));
    }
    const handlings = document.proposals.map((p) => ({ proposal: p.id, action: "defer" }));
    return (await json<{ current: DocumentJson }>(chairApi("POST", `/api/v1/documents/${id}/revisions`, { version: document.version, handlings }), 201)).current;
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    chairApi = await signInOverHttp(server.baseUrl, { email: "head.kg@concord.test", password: "concord-demo" });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("runs the call for objections with the chair, an objecting member and an invited partner, each on its own page", async () => {
    const document = await draftWithProposal("Заявление о молодёжи");
    const id = document.id;
    const chair = await openPortal(browser, { locale: "en-US", viewport: DESKTOP });
    const iran = await openPortal(browser, { locale: "ru-RU", viewport: PHONE_390 });
    const mongolia = await openPortal(browser, { locale: "zh-CN", viewport: DESKTOP });
    try {
      await signInPage(chair.page, server.baseUrl, "head.kg@concord.test");
      await signInPage(iran.page, server.baseUrl, "head.ir@concord.test");
      await signInPage(mongolia.page, server.baseUrl, "head.mn@concord.test");
      for (const { page } of [chair, iran]) {
        await page.goto(`${server.baseUrl}/negotiation/${id}`);
        await page.getByTestId("provision").first().waitFor();
        await waitLive(page);
        await markPage(page);
      }
      // The rule is shown to everyone in the room.
      expect(await iran.page.getByTestId("decision-rule").innerText()).toContain("Консенсус");

      // 1. The chair invites Mongolia from the console; Mongolia can now read the draft and comment.
      await chair.page.getByTestId("tab-console").click();
      await chair.page.getByTestId("invite-party").selectOption("MN");
      await chair.page.getByTestId("invite").click();
      await chair.page.getByTestId("end-invitation").waitFor({ timeout: 10_000 });
      await mongolia.page.goto(`${server.baseUrl}/negotiation/${id}`);
      await mongolia.page.getByTestId("invited-banner").waitFor({ timeout: 10_000 });
      await waitLive(mongolia.page);
      const card = mongolia.page.locator('[data-testid="proposal"][data-label="P1"]');
      await card.getByTestId("invited-comment").click();
      await mongolia.page.getByTestId("invited-comment-text").fill("蒙古支持扩大青年交流。");
      await mongolia.page.getByTestId("confirm-invited-comment").click();
      // Every page shows it as a non-member's comment, live.
      await iran.page.getByTestId("non-member-comment").first().waitFor({ timeout: 10_000 });
      await screenshot(mongolia.page, "consensus-invited-partner-zh-CN-1280");

      // 2. The text is agreed and issued (through the API); the chair calls for objections from the console.
      await issueAgreed(id);
      await chair.page.getByTestId("open-call").waitFor({ timeout: 10_000 });
      await chair.page.getByTestId("open-call").click();
      await iran.page.getByTestId("call-open").waitFor({ timeout: 10_000 });

      // 3. Iran objects, with its reason: everyone sees it named, and the chair cannot adopt.
      await iran.page.getByTestId("object").click();
      await iran.page.getByTestId("objection-reason").fill("ОП1 требует консультаций со столицей.");
      await iran.page.getByTestId("confirm-objection").click();
      const objection = chair.page.getByTestId("call-objection").filter({ hasText: "Iran" });
      await objection.waitFor({ timeout: 10_000 });
      expect(await objection.innerText()).toContain("ОП1 требует консультаций со столицей.");
      await mongolia.page.getByTestId("call-objection").first().waitFor({ timeout: 10_000 });
      await chair.page.getByTestId("objections-stand").waitFor({ timeout: 10_000 });
      expect(await chair.page.getByTestId("adopt").isDisabled()).toBe(true);
      // Mongolia may not object.
      expect(await mongolia.page.getByTestId("object").count()).toBe(0);
      await screenshot(chair.page, "consensus-call-objection-en-1280");
      await screenshot(iran.page, "consensus-call-objection-ru-390");

      // Iran records a reservation in English (statements never block); it is listed numbered, of its kind, in English.
      await iran.page.getByTestId("tab-statements").click();
      await iran.page.getByTestId("statement-kind").selectOption("reservation");
      await iran.page.getByTestId("statement-language").selectOption("en");
      await iran.page.getByTestId("statement-text").fill("Iran reserves its position on OP1.");
      await iran.page.getByTestId("submit-statement").click();
      const statement = iran.page.getByTestId("statements").locator("li").filter({ hasText: "Iran reserves its position on OP1." });
      await statement.waitFor({ timeout: 10_000 });
      expect(await statement.getByTestId("statement-kind-label").innerText()).toBe("Заявление 1 · Оговорка · английский");
      expect(await statement.locator('[lang="en"]').count()).toBe(1);

      // 4. Iran withdraws its objection; the chair adopts: "It is so decided".
      await iran.page.getByTestId("withdraw-objection").click();
      await chair.page.waitForFunction(() => {
        const button = (globalThis as unknown as { document: { querySelector(s: string): { disabled: boolean } | null } }).document.querySelector('[data-testid="adopt"]');
        return button !== null && !button.disabled;
      }, undefined, { timeout: 10_000 });
      await chair.page.getByTestId("adopt").click();
      // Each page turns into the adopted document, with the hash of every language version.
      for (const { page } of [chair, iran, mongolia]) await page.getByTestId("adoption-hashes").waitFor({ timeout: 10_000 });
      // After adoption Iran explains its position (the kind offered first now), annexed as statement 2.
      await iran.page.getByTestId("statement-text").fill("Иран присоединился к консенсусу.");
      await iran.page.getByTestId("submit-statement").click();
      const after = iran.page.getByTestId("statements").locator("li").filter({ hasText: "Иран присоединился к консенсусу." });
      await after.waitFor({ timeout: 10_000 });
      expect(await after.getByTestId("statement-kind-label").innerText()).toBe("Заявление 2 · Разъяснение позиции после принятия · русский");
      await screenshot(iran.page, "consensus-adopted-ru-390");
      const adopted = await json<{ status: string; adoption: { revision: number; met: { procedure: string } }; call: { objections: { delegation: string; withdrawnAt?: string }[] } }>(chairApi("GET", `/api/v1/documents/${id}`));
      expect(adopted).toMatchObject({ status: "adopted", adoption: { revision: 1, met: { procedure: "call" } } });
      expect(adopted.call.objections).toEqual([expect.objectContaining({ delegation: "IR", withdrawnAt: expect.any(String) })]);
      expect(await wasNotReloaded(chair.page)).toBe(true);
      expect(await wasNotReloaded(iran.page)).toBe(true);
      expect([...chair.errors, ...iran.errors, ...mongolia.errors]).toEqual([]);
    } finally {
      for (const session of [chair, iran, mongolia]) await session.context.close();
    }
  });

  it("shows a call with an objection and an invited comment in Chinese, Russian and English, on a desktop and at 390 px", async () => {
    const document = await draftWithProposal("Заявление об обменах");
    const id = document.id;
    await json(chairApi("POST", `/api/v1/documents/${id}/invitations`, { party: "MN", version: document.version }));
    const mongolia = await signInOverHttp(server.baseUrl, { email: "head.mn@concord.test", password: "concord-demo" });
    await json(mongolia("POST", `/api/v1/proposals/${document.proposals[0]!.id}/invited-comments`, { text: "Mongolia welcomes the proposal." }));
    const issued = await issueAgreed(id);
    await json(chairApi("POST", `/api/v1/documents/${id}/call`, { version: issued.version }));
    const india = await signInOverHttp(server.baseUrl, { email: "head.in@concord.test", password: "concord-demo" });
    await json(india("POST", `/api/v1/documents/${id}/call/objections`, { reason: "India needs time to consult its capital." }));

    for (const language of LANGUAGES) {
      for (const viewport of [DESKTOP, PHONE_390]) {
        for (const reader of ["head.kz@concord.test", "head.mn@concord.test"]) {
          const { context, page, errors } = await openPortal(browser, { locale: BROWSER_LOCALE[language], viewport });
          try {
            await signInPage(page, server.baseUrl, reader);
            await page.goto(`${server.baseUrl}/negotiation/${id}`);
            await page.getByTestId("call-objection").first().waitFor({ timeout: 10_000 });
            await page.getByTestId("non-member-comment").first().waitFor({ timeout: 10_000 });
            await page.getByTestId("decision-rule").waitFor();
            if (reader.startsWith("head.mn")) await page.getByTestId("invited-banner").waitFor();
            // Kazakhstan, a member, may object too; Mongolia may not.
            expect(await page.getByTestId("object").count()).toBe(reader.startsWith("head.kz") ? 1 : 0);
            expect(await missingKeys(page)).toEqual([]);
            expect(await page.locator("main").innerText()).not.toMatch(RAW_KEY_PATTERN);
            expect(await sideways(page), `${language} at ${viewport.width}px scrolls sideways`).toBeLessThanOrEqual(0);
            await screenshot(page, `consensus-room-${reader.slice(5, 7)}-${language}-${viewport.width}`);
            expect(errors).toEqual([]);
          } finally {
            await context.close();
          }
        }
      }
    }
  });
});
