// What the portal says, in Chinese, Russian and English: a form marks the fields it refuses and its message names them; a
// too long value is told its limit; demo accounts, the audit trail's actors and targets are named in the reader's language;
// the permission matrix is a page of its own, whose table scrolls sideways on a phone; Chinese text uses Chinese punctuation.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { BROWSER_LOCALE, DATA_FIELD, DESKTOP, LANGUAGES, RAW_KEY_PATTERN, missingKeys, openPortal, pageSend, screenshot, signInPage, usePortalEnvironment, type UiLanguage } from "./harness.js";
import { isTierInForce } from "../../src/domain/membership.js";

/** The page's document as code run in the browser sees it (these tests are typed without the DOM's types). */
interface BrowserElement {
  readonly textContent: string | null;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  getAttribute(name: string): string | null;
}
interface BrowserDocument {
  readonly documentElement: BrowserElement;
  querySelector(selector: string): BrowserElement | null;
}

/** The phone width the portal is checked at. */
const PHONE_390 = { width: 390, height: 844 } as const;
const HEAD_KZ_EMAIL = "head.kz@concord.test";

/** ASCII , : ; ? ! ( ) next to a Chinese character (spaces allowed between). */
const ASCII_NEXT_TO_CHINESE = /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF]\s*[,:;?!()]|[,:;?!()]\s*[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF]/u;

const SIGN_IN_TEXT = {
  "zh-CN": { email: "请输入电子邮箱地址，例如 name@example.org。", required: "请填写此项。", tooLong: "内容过长：最多 200 个字符。" },
  ru: { email: "Введите адрес электронной почты, например name@example.org.", required: "Заполните это поле.", tooLong: "Слишком длинно: не более 200 символов." },
  en: { email: "Enter an email address, e.g. name@example.org.", required: "Please fill this in.", tooLong: "Too long: at most 200 characters." },
} as const satisfies Record<UiLanguage, Record<string, string>>;

const DEMO_NAMES = {
  "zh-CN": { admin: "秘书处管理员（演示）", headKz: (kazakhstan: string) => `${kazakhstan}代表团团长（演示）` },
  ru: { admin: "Администратор Секретариата (демо)", headKz: (kazakhstan: string) => `Глава делегации, ${kazakhstan} (демо)` },
  en: { admin: "Secretariat administrator (demo)", headKz: (kazakhstan: string) => `Head of delegation, ${kazakhstan} (demo)` },
} as const;

/** The text under a form field (Mantine's error element, which the input names with aria-describedby). */
async function fieldError(page: Page, name: string): Promise<string | null> {
  const input = page.locator(`input[name="${name}"]`);
  if ((await input.getAttribute("aria-invalid")) !== "true") return null;
  const ids = ((await input.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter((id) => id.endsWith("-error"));
  return ids.length > 0 ? (await page.locator(`[id="${ids[0]}"]`).innerText()).trim() : "";
}

async function labelOf(page: Page, name: string): Promise<string> {
  const id = await page.locator(`input[name="${name}"]`).getAttribute("id");
  return (await page.locator(`label[for="${id}"]`).innerText()).replace(/\s*\*\s*$/, "").trim();
}

/** Chinese text on the page written with ASCII punctuation, if any (the page's own words; addresses and codes have no Chinese next to them). */
async function mixedPunctuation(page: Page): Promise<string[]> {
  const lines = (await page.locator("body").innerText()).split("\n");
  return lines.filter((line) => ASCII_NEXT_TO_CHINESE.test(line));
}

async function stateName(baseUrl: string, code: string, language: UiLanguage): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/states/${code}`);
  const state = (await response.json()) as { names: Record<string, string> };
  return state.names[DATA_FIELD[language]] ?? code;
}

describe("the portal's words", () => {
  const env = usePortalEnvironment();

  for (const language of LANGUAGES) {
    it(`marks the sign-in fields it refuses and names them above the form, in ${language}`, async () => {
      const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language], viewport: DESKTOP });
      const text = SIGN_IN_TEXT[language];
      try {
        await page.goto(`${env.server.baseUrl}/sign-in`);
        await page.locator('input[name="email"]').waitFor();
        const [emailLabel, passwordLabel] = [await labelOf(page, "email"), await labelOf(page, "password")];

        // Checked in the browser: an email that is none, an empty password. Both fields marked; the message names both.
        await page.locator('input[name="email"]').fill("not-an-email");
        await page.locator('form button[type="submit"]').click();
        const summary = page.getByTestId("sign-in-error");
        await summary.waitFor();
        expect(await fieldError(page, "email")).toBe(text.email);
        expect(await fieldError(page, "password")).toBe(text.required);
        const both = (await summary.innerText()).trim();
        expect(both).toContain(emailLabel);
        expect(both).toContain(passwordLabel);
        await screenshot(page, `sign-in-invalid-${language}-desktop`);
        await page.setViewportSize(PHONE_390);
        await screenshot(page, `sign-in-invalid-${language}-phone`);
        await page.setViewportSize(DESKTOP);

        // Corrected, the email is no longer marked, and the message names only what still is.
        await page.locator('input[name="email"]').fill("admin@concord.test");
        expect(await fieldError(page, "email")).toBeNull();
        await page.locator('form button[type="submit"]').click();
        await page.waitForFunction((label) => {
          const alert = (globalThis as unknown as { document: BrowserDocument }).document.querySelector('[data-testid="sign-in-error"]');
          return alert !== null && !(alert.textContent ?? "").includes(label);
        }, emailLabel);
        expect(await summary.innerText()).toContain(passwordLabel);
        expect(await fieldError(page, "password")).toBe(text.required);

        // The server's own field errors (an answer the browser's check cannot provoke, played back): the field is marked with the limit.
        await page.route("**/api/v1/session", (route) =>
          route.request().method() === "POST"
            ? route.fulfill({
                status: 400,
                contentType: "application/problem+json",
                body: JSON.stringify({
                  type: "urn:concord:problem:invalid-request",
                  code: "invalid-request",
                  title: "The request is not valid",
                  status: 400,
                  errors: [{ field: "body.password", code: "too-long", message: "at most 200 characters", limit: 200 }],
                }),
              })
            : route.continue(),
        );
        await page.locator('input[name="password"]').fill("not-the-password");
        await page.locator('form button[type="submit"]').click();
        await page.waitForFunction(() => (globalThis as unknown as { document: BrowserDocument }).document.querySelector('input[name="password"]')?.getAttribute("aria-invalid") === "true");
        expect(await fieldError(page, "password")).toBe(text.tooLong);
        expect(await fieldError(page, "email")).toBeNull();
        const serverSummary = (await summary.innerText()).trim();
        expect(serverSummary).toContain(passwordLabel);
        expect(serverSummary).not.toContain(emailLabel);

        if (language === "zh-CN") expect(await mixedPunctuation(page)).toEqual([]);
        expect(await missingKeys(page)).toEqual([]);
        expect(errors.filter((error) => !error.includes("400"))).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  for (const language of LANGUAGES) {
    it(`tells the new-user form's name its maximum length, checked in the browser and by the server, in ${language}`, async () => {
      const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language], viewport: DESKTOP });
      try {
        await signInPage(page, env.server.baseUrl);
        await page.goto(`${env.server.baseUrl}/admin/users`);
        await page.getByTestId("new-user").click();
        const form = page.getByTestId("new-user-form");
        await form.waitFor();
        await form.locator('input[name="email"]').fill("long.name@concord.test");
        await form.locator('input[name="displayName"]').fill("Ж".repeat(201));
        await form.locator('select[name="role"]').selectOption("secretariat_officer");
        await form.locator('input[name="password"]').fill("a-long-enough-password");
        await form.locator('button[type="submit"]').click();
        await page.waitForFunction(() => (globalThis as unknown as { document: BrowserDocument }).document.querySelector('input[name="displayName"]')?.getAttribute("aria-invalid") === "true");
        expect(await fieldError(page, "displayName")).toBe(SIGN_IN_TEXT[language].tooLong);
        expect(await form.getByTestId("form-problem").innerText()).toContain(await labelOf(page, "displayName"));
        await screenshot(page, `new-user-too-long-${language}-desktop`);

        // A name within the limit goes to the server; its answer, refusing it with the limit, is shown the same way.
        await page.route("**/api/v1/users", (route) =>
          route.request().method() === "POST"
            ? route.fulfill({
                status: 400,
                contentType: "application/problem+json",
                body: JSON.stringify({
                  type: "urn:concord:problem:invalid-request",
                  code: "invalid-request",
                  title: "The request is not valid",
                  status: 400,
                  errors: [{ field: "body.displayName", code: "too-long", message: "at most 200 characters", limit: 200 }],
                }),
              })
            : route.continue(),
        );
        await form.locator('input[name="displayName"]').fill("Aigerim Nurlanovna");
        expect(await fieldError(page, "displayName")).toBeNull();
        await form.locator('button[type="submit"]').click();
        await page.waitForFunction(() => (globalThis as unknown as { document: BrowserDocument }).document.querySelector('input[name="displayName"]')?.getAttribute("aria-invalid") === "true");
        expect(await fieldError(page, "displayName")).toBe(SIGN_IN_TEXT[language].tooLong);
        if (language === "zh-CN") expect(await mixedPunctuation(page)).toEqual([]);
        expect(await missingKeys(page)).toEqual([]);
        expect(errors.filter((error) => !error.includes("400"))).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  for (const language of ["zh-CN", "ru"] as const) {
    it(`names the demo accounts in ${language}: in the users table and the account menu`, async () => {
      const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language], viewport: DESKTOP });
      const names = DEMO_NAMES[language];
      const headKz = names.headKz(await stateName(env.server.baseUrl, "KZ", language));
      try {
        await signInPage(page, env.server.baseUrl);
        await page.goto(`${env.server.baseUrl}/admin/users`);
        const adminRow = page.locator('[data-testid="user-row"][data-email="admin@concord.test"]');
        await adminRow.waitFor();
        const headRow = page.locator(`[data-testid="user-row"][data-email="${HEAD_KZ_EMAIL}"]`);
        await page.waitForFunction(
          ([email, name]) => (globalThis as unknown as { document: BrowserDocument }).document.querySelector(`[data-testid="user-row"][data-email="${email}"]`)?.textContent?.includes(name) === true,
          [HEAD_KZ_EMAIL, headKz] as const,
        );
        expect(await adminRow.innerText()).toContain(names.admin);
        expect(await headRow.innerText()).toContain(headKz);
        expect(await page.locator("body").innerText()).not.toContain("(demo)");
        expect(await page.getByTestId("account-menu").getAttribute("aria-label")).toContain(names.admin);
        await page.getByTestId("account-menu").click();
        expect(await page.getByTestId("account-identity").innerText()).toContain(names.admin);
        await screenshot(page, `demo-names-admin-${language}-desktop`);
        await page.keyboard.press("Escape");

        // The head of delegation sees their own name in their language, in the menu and on the phone.
        await pageSend(page, env.server.baseUrl, "DELETE", "/api/v1/session");
        await signInPage(page, env.server.baseUrl, HEAD_KZ_EMAIL);
        await page.goto(`${env.server.baseUrl}/delegation`);
        await page.getByTestId("members-table").waitFor();
        await page.waitForFunction(
          (name) => (globalThis as unknown as { document: BrowserDocument }).document.querySelector('[data-testid="account-menu"]')?.getAttribute("aria-label")?.includes(name) === true,
          headKz,
        );
        expect(await page.getByTestId("members-table").innerText()).toContain(headKz);
        await page.setViewportSize(PHONE_390);
        await page.locator('button[aria-controls="mobile-navigation"]').click();
        await page.getByTestId("mobile-account").waitFor();
        expect(await page.getByTestId("mobile-account").innerText()).toContain(headKz);
        await screenshot(page, `demo-names-head-${language}-phone`);
        if (language === "zh-CN") expect(await mixedPunctuation(page)).toEqual([]);
        expect(await missingKeys(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  for (const language of LANGUAGES) {
    it(`names the audit trail's actors and targets in ${language}, keeping the recorded id at hand`, async () => {
      const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language], viewport: DESKTOP });
      try {
        await signInPage(page, env.server.baseUrl);
        await page.goto(`${env.server.baseUrl}/audit`);
        await page.getByTestId("audit-table").waitFor();
        const targets = page.getByTestId("audit-target");
        await targets.first().waitFor();
        const recorded = await targets.evaluateAll((cells) => cells.map((cell) => ({ text: (cell.textContent ?? "").trim(), id: cell.getAttribute("title") })));
        // No raw identifier as the text; every one kept as the cell's title.
        expect(recorded.filter((cell) => /\b(user|document|organization|delegation):/.test(cell.text))).toEqual([]);
        expect(recorded.some((cell) => cell.id?.startsWith("user:"))).toBe(true);

        // The organization by its name, a signed-in user by theirs, a document by its title.
        const organization = env.organization.names[DATA_FIELD[language]];
        expect(recorded.find((cell) => cell.id === `organization:${env.organization.code}`)?.text).toBe(organization);
        expect(recorded.some((cell) => cell.id?.startsWith("user:") && cell.text.includes(DEMO_NAMES[language].admin))).toBe(true);
        const documents = recorded.filter((cell) => cell.id?.startsWith("document:"));
        expect(documents.length).toBeGreaterThan(0);
        expect(documents.every((cell) => cell.text.length > 0 && !cell.text.includes(cell.id!.slice("document:".length, "document:".length + 8)))).toBe(true);
        await screenshot(page, `audit-names-${language}-desktop`);
        await page.setViewportSize(PHONE_390);
        await page.getByTestId("audit-target").first().waitFor();
        await screenshot(page, `audit-names-${language}-phone`);
        if (language === "zh-CN") expect(await mixedPunctuation(page)).toEqual([]);
        expect(await page.locator("body").innerText()).not.toMatch(RAW_KEY_PATTERN);
        expect(await missingKeys(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  for (const language of LANGUAGES) {
    it(`shows who may do what in ${language}, on desktop and on a phone, the table scrolling sideways inside the page`, async () => {
      const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language], viewport: DESKTOP });
      try {
        await signInPage(page, env.server.baseUrl, HEAD_KZ_EMAIL);
        await page.goto(`${env.server.baseUrl}/`);
        // Linked from the account menu.
        await page.getByTestId("account-menu").click();
        await page.locator('[role="menu"] a[href="/permissions"]').click();
        await page.waitForURL(/\/permissions$/);
        const roles = page.getByTestId("roles-table");
        await roles.waitFor();
        await page.getByTestId("tiers-table").waitFor();

        // Every tier of the organization in force today (not the statuses retired in 2025), by its name in this language,
        // and a row per right the server decides.
        const tierHeadings = await page.getByTestId("tier-heading").allInnerTexts();
        const today = new Date().toISOString().slice(0, 10);
        const inForce = env.organization.tiers.filter((tier) => isTierInForce(tier, today));
        expect(inForce.map((tier) => tier.code)).toEqual(["member", "partner", "guest"]);
        expect(tierHeadings.map((heading) => heading.trim())).toEqual(inForce.map((tier) => tier.names[DATA_FIELD[language]]));
        expect(await page.getByTestId("right-row").count()).toBeGreaterThan(20);
        expect(await page.locator('[data-testid="right-row"][data-right="user.create"]').count()).toBe(1);
        expect(await page.locator("body").innerText()).not.toMatch(RAW_KEY_PATTERN);
        await screenshot(page, `permissions-${language}-desktop`);

        await page.setViewportSize(PHONE_390);
        await roles.waitFor();
        const widths = await page.evaluate(() => {
          const doc = (globalThis as unknown as { document: BrowserDocument }).document;
          const scroller = doc.querySelector('[data-testid="permissions-page"] [data-testid="table-scroller"]');
          return { page: doc.documentElement.scrollWidth, viewport: doc.documentElement.clientWidth, table: scroller?.scrollWidth ?? 0, box: scroller?.clientWidth ?? 0 };
        });
        // The page itself does not scroll sideways; the table does, inside it.
        expect(widths.page).toBeLessThanOrEqual(widths.viewport);
        expect(widths.table).toBeGreaterThan(widths.box);
        await screenshot(page, `permissions-${language}-phone`);

        if (language === "zh-CN") expect(await mixedPunctuation(page)).toEqual([]);
        expect(await missingKeys(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
