// An organization working in French and Arabic, in the browser: a document negotiated in Arabic with a French version
// reads right to left where its text is Arabic and left to right where it is French, in every interface language; the
// form that opens a negotiation offers the organization's languages, not Concord's interface languages.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { ARABIC_NAME, writeFrenchArabicDataset } from "../fixtures/french-arabic-organization.js";
import { BROWSER_LOCALE, DESKTOP, LANGUAGES, missingKeys, openPortal, PHONE, RAW_KEY_PATTERN, screenshot, signInOverHttp, signInPage, usePortalEnvironment } from "./harness.js";

const DATASET = await writeFrenchArabicDataset(await mkdtemp(join(tmpdir(), "concord-e2e-fr-ar-")));
const CHAIR = { email: "head.lt@concord.test", password: "concord-demo" };
const TITLE_AR = "إعلان بشأن التعاون البحري";
const OP_AR = "[تعزز / ستعزز] الدول الأعضاء تعاونها البحري.";
const OP_FR = "Les membres [renforcent / renforceront] leur coopération maritime.";

/** The attribute and the direction the browser lays the element out in. */
const direction = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((node) => ({
      dir: node.getAttribute("dir"),
      lang: node.getAttribute("lang"),
      computed: (globalThis as unknown as { getComputedStyle(element: unknown): { direction: string } }).getComputedStyle(node).direction,
    }));

describe("an organization negotiating in French and Arabic", () => {
  const env = usePortalEnvironment({ env: { CONCORD_DATASET: DATASET } });
  let documentId = "";
  afterAll(() => rm(DATASET, { recursive: true, force: true }));

  it("opens a document in Arabic with a French version through the API", async () => {
    const chair = await signInOverHttp(env.server.baseUrl, CHAIR);
    const created = await chair("POST", "/api/v1/documents", {
      title: { ar: TITLE_AR, fr: "Déclaration sur la coopération maritime" },
      kind: "declaration",
      body: "COM",
      baseLanguage: "ar",
      languages: ["ar", "fr"],
      provisions: [
        { kind: "preambular", texts: { ar: "إذ نشير إلى ميثاق المنتدى،", fr: "Rappelant la charte du Forum," } },
        { kind: "operative", texts: { ar: OP_AR, fr: OP_FR } },
      ],
    });
    expect(created.status).toBe(201);
    documentId = ((await created.json()) as { id: string }).id;
    expect(env.organization.names.ar).toBe(ARABIC_NAME);
  });

  for (const language of LANGUAGES) {
    it(`shows the Arabic text right to left and the French left to right, in ${language}, on a desktop and a phone`, async () => {
      const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language], viewport: DESKTOP });
      try {
        await signInPage(page, env.server.baseUrl, CHAIR.email, CHAIR.password);
        await page.goto(`${env.server.baseUrl}/negotiation/${encodeURIComponent(documentId)}`);
        await page.getByTestId("provision-text").first().waitFor();
        // No interface language is one of the document's: the title and the text are shown in its base language, Arabic.
        expect((await page.getByTestId("document-title").innerText()).trim()).toBe(TITLE_AR);
        expect(await direction(page, '[data-testid="document-title"]')).toEqual({ dir: "rtl", lang: "ar", computed: "rtl" });
        expect(await direction(page, '[data-testid="provision-text"]')).toEqual({ dir: "rtl", lang: "ar", computed: "rtl" });
        await screenshot(page, `organization-languages-room-${language}-desktop`);

        await page.getByTestId("tab-versions").click();
        await page.getByTestId("language-versions").first().waitFor();
        expect(await direction(page, '[data-testid="language-versions"] section[data-language="ar"] p[lang]')).toEqual({ dir: "rtl", lang: "ar", computed: "rtl" });
        expect(await direction(page, '[data-testid="language-versions"] section[data-language="fr"] p[lang]')).toEqual({ dir: "ltr", lang: "fr", computed: "ltr" });
        const versions = await page.getByTestId("language-versions").nth(1).innerText();
        expect(versions).toContain("renforceront");
        await page.setViewportSize(PHONE);
        await screenshot(page, `organization-languages-versions-${language}-phone`);
        await page.setViewportSize(DESKTOP);

        // Opening a negotiation offers French and Arabic, named in the reader's language.
        await page.goto(`${env.server.baseUrl}/negotiation`);
        await page.getByTestId("new-document").click();
        const form = page.getByTestId("new-document-form");
        await form.waitFor();
        const offered = await form.locator('input[type="checkbox"]').evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));
        expect(offered).toEqual(["fr", "ar"]);
        const names = { "zh-CN": ["法语", "阿拉伯语"], ru: ["Французский", "Арабский"], en: ["French", "Arabic"] }[language];
        for (const name of names) await expect(form.getByText(name, { exact: true }).count()).resolves.toBeGreaterThan(0);
        await screenshot(page, `organization-languages-new-document-${language}-desktop`);

        const body = await page.locator("body").innerText();
        expect(body).not.toMatch(RAW_KEY_PATTERN);
        expect(await missingKeys(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
