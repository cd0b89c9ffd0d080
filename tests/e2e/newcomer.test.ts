// What a newcomer tripped on (issue 15), on one server, in zh-CN, ru and en at 1280 and 390 px: the sign-in page says how to
// use the demo accounts; an empty documents list says why it is empty; the header shows the longest demo name whole; the
// registry page tells its two reasons apart; the audit trail reads meeting events by name, without identifiers.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { AuditEvent } from "../../src/contracts/identity.js";
import type { StateList } from "../../src/contracts/registry.js";
import {
  BROWSER_LOCALE,
  DATA_FIELD,
  DESKTOP,
  LANGUAGES,
  RAW_KEY_PATTERN,
  REPO_ROOT,
  missingKeys,
  openPortal,
  screenshot,
  signInOverHttp,
  signInPage,
  usePortalEnvironment,
  type UiLanguage,
} from "./harness.js";

const PHONE_390 = { width: 390, height: 844 } as const;
const VIEWPORTS = [DESKTOP, PHONE_390] as const;

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

/** How far the page scrolls sideways (0 when it fits its width). */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

/** Opens a page in each language and width (signed in as `email` when given), runs `check`, and keeps a screenshot. */
async function inEveryLanguage(
  env: ReturnType<typeof usePortalEnvironment>,
  options: { path: string; email?: string; name: string },
  check: (page: Page, language: UiLanguage, width: number) => Promise<void>,
): Promise<void> {
  for (const language of LANGUAGES) {
    for (const viewport of VIEWPORTS) {
      const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language], viewport });
      try {
        if (options.email) await signInPage(page, env.server.baseUrl, options.email);
        await page.goto(`${env.server.baseUrl}${options.path}`);
        await check(page, language, viewport.width);
        expect(await missingKeys(page)).toEqual([]);
        expect(await page.locator("main").innerText()).not.toMatch(RAW_KEY_PATTERN);
        expect(await sidewaysOverflow(page), `${options.name} in ${language} at ${viewport.width}px scrolls sideways`).toBeLessThanOrEqual(0);
        await screenshot(page, `${options.name}-${language}-${viewport.width}`);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }
  }
}

describe("what a newcomer tripped on", () => {
  const env = usePortalEnvironment();

  it("tells on the sign-in page how to sign in with the demo accounts, while they have the demo password", async () => {
    await inEveryLanguage(env, { path: "/sign-in", name: "sign-in-demo-accounts" }, async (page, language) => {
      const note = page.getByTestId("demo-accounts");
      await note.waitFor();
      const text = await note.innerText();
      expect(text).toContain(message(language, "signIn.demo.title"));
      expect(text).toContain("admin@concord.test");
      expect(text).toContain(`head.${message(language, "signIn.demo.code")}@concord.test`);
      expect(text).toMatch(/head\.[a-z]{2}@concord\.test/);
      expect(text).toContain("concord-demo");
    });
  });

  it("says that no document is public yet, and what signing in shows, rather than that the filters match nothing", async () => {
    await inEveryLanguage(env, { path: "/negotiation", name: "documents-none-public" }, async (page, language) => {
      const empty = page.getByTestId("no-documents");
      await empty.waitFor();
      expect(await empty.getAttribute("data-reason")).toBe("none-public");
      const text = await empty.innerText();
      expect(text).toContain(message(language, "negotiation.list.nonePublic"));
      expect(text).toContain(message(language, "negotiation.list.nonePublicSignIn"));
      expect(text).not.toContain(message(language, "negotiation.list.none"));
      // The note above the filters would say the same again.
      expect(await page.getByTestId("sign-in-for-drafts").count()).toBe(0);

      // With a filter set, the filters are what match nothing.
      await page.getByTestId("filter-status").selectOption("adopted");
      await page.locator('[data-testid="no-documents"][data-reason="filters"]').waitFor();
      expect(await page.getByTestId("no-documents").innerText()).toBe(message(language, "negotiation.list.none"));
      await page.getByTestId("filter-status").selectOption("");
      await page.locator('[data-testid="no-documents"][data-reason="none-public"]').waitFor();
    });
  });

  it("shows the longest demo name whole in the header at 1280 px, and in the menu at 390 px", async () => {
    const admin = await signInOverHttp(env.server.baseUrl);
    const heads = new Set(((await (await admin("GET", "/api/v1/users")).json()) as { items: { delegation: string | null; role: string }[] }).items.filter((user) => user.role === "head_of_delegation").map((user) => user.delegation));
    const states = ((await (await fetch(`${env.server.baseUrl}/api/v1/states`)).json()) as StateList).items.filter((state) => heads.has(state.code));
    for (const language of LANGUAGES) {
      const field = DATA_FIELD[language];
      const longest = [...states].sort((a, b) => (b.names[field] ?? "").length - (a.names[field] ?? "").length)[0]!;
      const name = message(language, "users.demoName.headOfDelegation", { delegation: longest.names[field] ?? "" });
      for (const viewport of VIEWPORTS) {
        const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language], viewport });
        try {
          await signInPage(page, env.server.baseUrl, `head.${longest.code.toLowerCase()}@concord.test`);
          await page.goto(`${env.server.baseUrl}/`);
          if (viewport === DESKTOP) {
            // The delegation's name comes with the directory, after the session.
            const trigger = page.getByTestId("account-menu").filter({ hasText: name });
            await trigger.waitFor();
            // Nothing of the name is cut: its box holds all its text.
            const isWhole = await trigger.locator("span").last().evaluate((element) => {
              const box = element as unknown as { scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number };
              return box.scrollWidth <= box.clientWidth && box.scrollHeight <= box.clientHeight;
            });
            expect(isWhole, `${name} is cut in the header`).toBe(true);
          } else {
            await page.locator("header button[aria-controls='mobile-navigation']").click();
            await page.getByTestId("mobile-account").filter({ hasText: name }).waitFor();
          }
          expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
          await screenshot(page, `header-longest-name-${language}-${viewport.width}`);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      }
    }
  });

  it("tells the registry page's two reasons apart: the record's own, and why the set is recorded", async () => {
    await inEveryLanguage(env, { path: "/admin/registry", email: "admin@concord.test", name: "registry-reasons" }, async (page, language) => {
      // A status change (the page's first form) has a reason of its own.
      const recordReason = page.locator('fieldset[data-field="reason"]');
      await recordReason.waitFor();
      expect(await recordReason.locator("legend").innerText()).toContain(message(language, "registryAdmin.fields.reason"));
      expect(await recordReason.getByTestId("field-hint").innerText()).toBe(message(language, "registryAdmin.hints.membershipReason"));
      const setReason = page.getByTestId("change-reason");
      expect(await page.getByLabel(message(language, "registryAdmin.reason")).count()).toBe(1);
      expect(await setReason.getAttribute("aria-describedby")).not.toBeNull();
      expect(await page.locator("main").innerText()).toContain(message(language, "registryAdmin.reasonHint"));
      expect(message(language, "registryAdmin.reason")).not.toBe(message(language, "registryAdmin.fields.reason"));
    });
  });

  it("reads the demonstration meeting's audit events with names, never their identifiers, keys or raw instants", async () => {
    const admin = await signInOverHttp(env.server.baseUrl);
    const events = ((await (await admin("GET", "/api/v1/audit?limit=200")).json()) as { items: AuditEvent[] }).items;
    const meetingEvents = events.filter((event) => event.target?.startsWith("meeting:"));
    expect(meetingEvents.length).toBeGreaterThan(5);
    const identifiers = new Set(meetingEvents.flatMap((event) => [event.target!.slice("meeting:".length), ...["item", "list"].map((key) => event.payload[key]).filter((value): value is string => typeof value === "string")]));
    const title = meetingEvents[0]!.targetName as { kind: "meeting"; title: Record<string, string> };

    await inEveryLanguage(env, { path: "/audit", email: "admin@concord.test", name: "audit-meeting-events" }, async (page, language) => {
      // The demonstration gives the floor, then the chair stops the clock: two such rows.
      await page.locator('[data-testid="audit-row"][data-action="floor.manage"]').first().waitFor();
      const text = await page.getByTestId("audit-table").innerText();
      for (const id of identifiers) expect(text).not.toContain(id);
      expect(text).not.toMatch(/meeting:|item: |maySpeak|\d{4}-\d{2}-\d{2}T\d{2}:/);
      expect(text).toContain(title.title[DATA_FIELD[language]]!);
      const floor = await page.locator('[data-testid="audit-row"][data-action="floor.manage"]').allInnerTexts();
      expect(floor.length).toBeGreaterThan(0);
      for (const row of floor) expect(row).toContain(message(language, "audit.actions.floorManaged"));
    });
  });
});
