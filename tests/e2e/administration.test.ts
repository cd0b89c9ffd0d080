// Identity and administration in the browser: the administrator creates a delegate through the UI; the delegate sees their delegation,
// is told they may not use the administration, and the API refuses them the same; sign-in failures say one generic thing; every screen in three languages.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { BROWSER_LOCALE, DESKTOP, LANGUAGES, PHONE, RAW_KEY_PATTERN, missingKeys, openPortal, pageSend, screenshot, signInPage, waitForTestIdText, type UiLanguage, usePortalEnvironment } from "./harness.js";

const DEMO_PASSWORD = "concord-demo";
const ADMIN_EMAIL = "admin@concord.test";
const HEAD_KZ_EMAIL = "head.kz@concord.test";
const DELEGATE = { email: "aigerim.delegate@concord.test", name: "Aigerim Nurlanovna", password: "steppe-wind-2026" } as const;
const GENERIC_SIGN_IN_FAILURE = "The email or password is not right, or the account cannot sign in.";

/** Fills the sign-in form the way a person does (the page must be /sign-in). */
async function signInThroughUi(page: Page, email: string, password: string): Promise<void> {
  const form = page.locator("form").filter({ has: page.locator('input[name="email"]') });
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
}

/** Signs the page's browser context in through the API (for screenshots, where the form itself is not under test). */
async function signInThroughApi(page: Page, baseUrl: string, email: string): Promise<void> {
  await signInPage(page, baseUrl, email, DEMO_PASSWORD);
}

async function signOutThroughApi(page: Page, baseUrl: string): Promise<void> {
  expect((await pageSend(page, baseUrl, "DELETE", "/api/v1/session")).status()).toBe(204);
}

/** Desktop and phone screenshots of the current page. */
async function screenshots(page: Page, name: string, language: UiLanguage, ready: () => Promise<void>): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await ready();
  await screenshot(page, `${name}-${language}-desktop`);
  await page.setViewportSize(PHONE);
  await ready();
  await screenshot(page, `${name}-${language}-phone`);
  await page.setViewportSize(DESKTOP);
}

describe("identity and administration", () => {
  const env = usePortalEnvironment();

  it("lets the administrator create a delegate for Kazakhstan, who then sees their delegation but not the administration, in the UI and the API", async () => {
    const { context, page, errors } = await openPortal(env.browser, { locale: "en-US", viewport: DESKTOP });
    try {
      // Signed out, the administration sends the reader to sign in, and back afterwards.
      await page.goto(`${env.server.baseUrl}/admin/users`);
      await page.waitForURL(/\/sign-in\?next=%2Fadmin%2Fusers$/);
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      await signInThroughUi(page, ADMIN_EMAIL, DEMO_PASSWORD);
      await page.waitForURL(/\/admin\/users$/);
      await page.getByTestId("users-table").waitFor();
      expect(await page.getByTestId("account-menu").getAttribute("aria-label")).toBe("Account menu: Secretariat administrator (demo)");

      // The administrator creates the delegate through the form.
      await page.getByTestId("new-user").click();
      const form = page.getByTestId("new-user-form");
      await form.getByRole("textbox", { name: "Email" }).fill(DELEGATE.email);
      await form.getByRole("textbox", { name: "Full name" }).fill(DELEGATE.name);
      await form.getByRole("combobox", { name: "Role" }).selectOption("delegate");
      await form.getByRole("combobox", { name: "Delegation" }).selectOption({ label: "Kazakhstan" });
      await form.locator('input[name="password"]').fill(DELEGATE.password);
      await form.getByRole("button", { name: "Create account" }).click();
      await page.getByTestId("users-notice").filter({ hasText: `Account created for ${DELEGATE.email}.` }).waitFor();
      const row = page.locator(`[data-testid="user-row"][data-email="${DELEGATE.email}"]`);
      await row.waitFor();
      const rowText = await row.innerText();
      for (const cell of [DELEGATE.name, "Delegate", "Kazakhstan", "Active"]) expect(rowText).toContain(cell);

      // Filtering by delegation goes through the address and the API.
      await page.getByTestId("filter-delegation").selectOption("KZ");
      await page.waitForURL(/\?delegation=KZ$/);
      await page.getByTestId("users-shown").filter({ hasText: /^Shown: 2$/ }).waitFor();

      // Sign out from the account menu.
      await page.getByTestId("account-menu").click();
      await page.getByRole("menuitem", { name: "Sign out" }).click();
      await page.getByTestId("sign-in-link").waitFor();
      expect(new URL(page.url()).pathname).toBe("/");

      // The delegate signs in with the password the administrator gave.
      await page.getByTestId("sign-in-link").click();
      await page.waitForURL(/\/sign-in$/);
      await signInThroughUi(page, DELEGATE.email, DELEGATE.password);
      await page.getByTestId("account-menu").waitFor();
      await page.getByTestId("account-menu").click();
      const menu = page.getByRole("menu");
      await menu.waitFor();
      expect(await page.getByTestId("account-identity").innerText()).toContain("Delegate, Kazakhstan");
      expect(await menu.getByRole("menuitem", { name: "Administration" }).count()).toBe(0);
      await menu.getByRole("menuitem", { name: "My delegation" }).click();

      // Their delegation: Kazakhstan, a member state, with its head and the new delegate.
      await page.waitForURL(/\/delegation$/);
      await waitForTestIdText(page, "delegation-name", "Kazakhstan");
      expect((await page.getByTestId("delegation-tier").innerText()).trim()).toBe("Member state");
      const members = await page.getByTestId("members-table").innerText();
      expect(members).toContain(DELEGATE.email);
      expect(members).toContain(HEAD_KZ_EMAIL);
      expect(await page.getByTestId("add-delegate").count()).toBe(0);

      // The administration is not theirs: a clear message naming the right, no table.
      await page.goto(`${env.server.baseUrl}/admin/users`);
      await page.getByTestId("forbidden").waitFor();
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("You do not have permission");
      expect(await page.getByTestId("forbidden-right").innerText()).toBe("Missing right: See user accounts (user.list)");
      expect(await page.getByTestId("users-table").count()).toBe(0);
      await screenshot(page, "forbidden-en-desktop");

      // The API refuses the same, with the delegate's own session and a valid CSRF token.
      const session = (await (await page.request.get(`${env.server.baseUrl}/api/v1/session`)).json()) as {
        user: { email: string } | null;
        csrfToken: string;
      };
      expect(session.user?.email).toBe(DELEGATE.email);
      const create = await page.request.post(`${env.server.baseUrl}/api/v1/users`, {
        headers: { "x-csrf-token": session.csrfToken },
        data: { email: "someone.else@concord.test", displayName: "Someone Else", role: "delegate", delegation: "KZ", password: "another-long-one" },
      });
      expect(create.status()).toBe(403);
      expect(create.headers()["content-type"]).toContain("application/problem+json");
      expect(await create.json()).toMatchObject({ status: 403, code: "forbidden", right: "user.create" });
      const list = await page.request.get(`${env.server.baseUrl}/api/v1/users`);
      expect(list.status()).toBe(403);
      expect(await list.json()).toMatchObject({ code: "forbidden", right: "user.list" });

      expect(await missingKeys(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  for (const language of LANGUAGES) {
    it(`shows sign-in, users, delegation and audit in ${language} with no missing keys`, async () => {
      const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language], viewport: DESKTOP });
      try {
        await page.goto(`${env.server.baseUrl}/sign-in`);
        const email = page.locator('input[name="email"]');
        await email.waitFor();
        expect(await email.getAttribute("autocomplete")).toBe("username");
        expect(await page.locator('input[name="password"]').getAttribute("autocomplete")).toBe("current-password");
        expect(await page.locator("body").innerText()).not.toMatch(RAW_KEY_PATTERN);
        expect(await missingKeys(page)).toEqual([]);
        await screenshots(page, "sign-in", language, () => email.waitFor());

        await signInThroughApi(page, env.server.baseUrl, ADMIN_EMAIL);
        await page.goto(`${env.server.baseUrl}/admin/users`);
        const users = page.getByTestId("users-table");
        await users.waitFor();
        expect(await missingKeys(page)).toEqual([]);
        await screenshots(page, "admin-users", language, () => users.waitFor());

        await page.getByTestId("new-user").click();
        await page.getByTestId("new-user-form").waitFor();
        await screenshot(page, `admin-new-user-${language}-desktop`);
        await page.keyboard.press("Escape");
        await page.getByTestId("new-user-form").waitFor({ state: "detached" });

        await page.goto(`${env.server.baseUrl}/admin/delegations`);
        const delegations = page.getByTestId("delegations-table");
        await delegations.waitFor();
        await screenshots(page, "admin-delegations", language, () => delegations.waitFor());

        await page.goto(`${env.server.baseUrl}/audit`);
        const audit = page.getByTestId("audit-table");
        await audit.waitFor();
        await page.getByTestId("hash-toggle").first().click();
        await page.getByTestId("full-hash").first().waitFor();
        await screenshots(page, "audit", language, () => audit.waitFor());

        await signOutThroughApi(page, env.server.baseUrl);
        await signInThroughApi(page, env.server.baseUrl, HEAD_KZ_EMAIL);
        await page.goto(`${env.server.baseUrl}/delegation`);
        const members = page.getByTestId("members-table");
        await members.waitFor();
        await screenshots(page, "delegation", language, () => members.waitFor());

        // On a phone the account's links are in the navigation menu.
        await page.setViewportSize(PHONE);
        await page.locator('button[aria-controls="mobile-navigation"]').click();
        await page.getByTestId("mobile-account").waitFor();
        await screenshot(page, `account-menu-${language}-phone`);
        await page.setViewportSize(DESKTOP);
        await page.getByTestId("account-menu").click();
        await page.getByRole("menu").waitFor();
        await screenshot(page, `account-menu-${language}-desktop`);

        expect(await missingKeys(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it("offers the organization's single sign-on when the server has it, and says when it failed", async () => {
    const { context, page } = await openPortal(env.browser, { locale: "en-US", viewport: DESKTOP });
    try {
      // The test server has no identity provider: the session answer is changed to say it has one.
      await page.route("**/api/v1/session", async (route) => {
        if (route.request().method() !== "GET") return route.continue();
        const response = await route.fetch();
        const body = (await response.json()) as Record<string, unknown>;
        await route.fulfill({ response, json: { ...body, singleSignOn: { enabled: true, name: "Ministry ID" } } });
      });
      await page.goto(`${env.server.baseUrl}/sign-in?sso=failed`);
      const button = page.getByTestId("single-sign-on");
      await button.waitFor();
      expect((await button.innerText()).trim()).toBe("Sign in with Ministry ID");
      expect(await button.getAttribute("href")).toBe("/api/v1/sso/login");
      expect((await page.getByTestId("sso-failed").innerText()).trim()).toBe(
        "Single sign-on did not succeed. Try again, or sign in with your email and password.",
      );
      await screenshot(page, "sign-in-single-sign-on-en-desktop");
    } finally {
      await context.close();
    }
  });

  it("tells how long sign-in is paused after repeated failures and keeps the button off until then", async () => {
    const { context, page } = await openPortal(env.browser, { locale: "ru-RU", viewport: PHONE });
    try {
      // Reaching the real pause needs failures close together in time; the server's 429 answer is played back instead.
      await page.route("**/api/v1/session", (route) =>
        route.request().method() === "POST"
          ? route.fulfill({
              status: 429,
              headers: { "retry-after": "30" },
              contentType: "application/problem+json",
              body: JSON.stringify({ type: "urn:concord:problem:sign-in-paused", code: "sign-in-paused", title: "Too many attempts", status: 429 }),
            })
          : route.continue(),
      );
      await page.goto(`${env.server.baseUrl}/sign-in`);
      await page.locator('input[name="email"]').waitFor();
      await signInThroughUi(page, ADMIN_EMAIL, "not-the-password");
      const paused = page.getByTestId("sign-in-paused");
      await paused.waitFor();
      expect(await paused.innerText()).toMatch(/^Слишком много неудачных попыток\. Повторить можно через (30|29) с\.$/);
      expect(await page.locator('form button[type="submit"]').isDisabled()).toBe(true);
      await screenshot(page, "sign-in-paused-ru-phone");
      expect(await missingKeys(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("answers a wrong password and an unknown email with the same generic message", async () => {
    const { context, page } = await openPortal(env.browser, { locale: "en-US", viewport: DESKTOP });
    try {
      await page.goto(`${env.server.baseUrl}/sign-in`);
      await page.locator('input[name="email"]').waitFor();
      await signInThroughUi(page, ADMIN_EMAIL, "not-the-password");
      const message = page.getByTestId("sign-in-error");
      await message.waitFor();
      expect((await message.innerText()).trim()).toBe(GENERIC_SIGN_IN_FAILURE);
      expect(await page.locator('input[name="password"]').inputValue()).toBe("");
      expect(new URL(page.url()).pathname).toBe("/sign-in");
      await screenshot(page, "sign-in-failed-en-desktop");

      const [answer] = await Promise.all([
        page.waitForResponse((response) => new URL(response.url()).pathname === "/api/v1/session" && response.request().method() === "POST"),
        signInThroughUi(page, "nobody@concord.test", "not-the-password"),
      ]);
      expect(answer.status()).toBe(401);
      await page.getByTestId("sign-in-error").filter({ hasText: GENERIC_SIGN_IN_FAILURE }).waitFor();
      expect(await page.getByTestId("account-menu").count()).toBe(0);
      expect(await missingKeys(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
