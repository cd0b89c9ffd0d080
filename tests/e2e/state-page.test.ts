// A state's page in each language: India's history (observer from 2005, member from 9 June 2017) with dates as that language writes them.
import { describe, expect, it } from "vitest";
import { BROWSER_LOCALE, DATA_FIELD, LANGUAGES, PHONE, RAW_KEY_PATTERN, intlDate, missingKeys, openPortal, screenshot, usePortalEnvironment } from "./harness.js";

describe("state page", () => {
  const env = usePortalEnvironment();

  const tierName = (code: string, field: "zh" | "ru" | "en") => env.organization.tiers.find((t) => t.code === code)?.names[field] ?? code;

  for (const language of LANGUAGES) {
    it(`shows India's status history in ${language}`, async () => {
      const field = DATA_FIELD[language];
      const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language] });
      try {
        await page.goto(`${env.server.baseUrl}/states/IN`);
        const history = page.getByTestId("status-history");
        await history.waitFor();

        expect((await page.getByTestId("state-name").innerText()).trim()).toBe({ zh: "印度", ru: "Индия", en: "India" }[field]);
        const changes = await history.locator(".mantine-Timeline-item").allInnerTexts();
        expect(changes).toHaveLength(2);
        const [observer = "", member = ""] = changes;
        expect(observer).toContain(tierName("observer", field));
        expect(observer).toContain(intlDate(language, "2005", "year"));
        expect(member).toContain(tierName("member", field));
        expect(member).toContain(intlDate(language, "2017-06-09", "day"));
        // A year-only date stays a year: no invented month or day.
        expect(observer).not.toContain(intlDate(language, "2005-01-01", "day"));

        const status = await page.getByTestId("current-status").innerText();
        expect(status).toContain(tierName("member", field));
        expect(status).toContain(intlDate(language, "2017-06-09", "day"));

        expect(await missingKeys(page)).toEqual([]);
        expect(await page.locator("body").innerText()).not.toMatch(RAW_KEY_PATTERN);
        expect(errors).toEqual([]);
        await screenshot(page, `state-IN-${language}-desktop`);
        await page.setViewportSize(PHONE);
        await screenshot(page, `state-IN-${language}-phone`);
      } finally {
        await context.close();
      }
    });
  }

  it("answers an unknown state code with a friendly not-found message", async () => {
    const { context, page } = await openPortal(env.browser, { locale: "en-US" });
    try {
      await page.goto(`${env.server.baseUrl}/states/XX`);
      const notFound = page.getByTestId("state-not-found");
      await notFound.waitFor();
      expect(await notFound.innerText()).toContain("The registry has no state with the code “XX”.");
      await notFound.getByRole("link", { name: "All states" }).click();
      await page.waitForURL(`${env.server.baseUrl}/states`);
      await page.getByRole("heading", { level: 1, name: "States", exact: true }).waitFor();
      expect(await page.getByTestId("state-not-found").count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
