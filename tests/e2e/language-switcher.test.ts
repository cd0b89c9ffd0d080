// The header's language switcher changes the whole interface and the choice survives a reload.
import { describe, expect, it } from "vitest";
import { missingKeys, openPortal, waitForTestIdText, usePortalEnvironment } from "./harness.js";

describe("language switcher", () => {
  const env = usePortalEnvironment();

  it("switches an English browser to Chinese, then Russian, and remembers the choice after a reload", async () => {
    const { context, page } = await openPortal(env.browser, { locale: "en-GB" });
    try {
      await page.goto(`${env.server.baseUrl}/states`);
      await page.getByRole("heading", { level: 1, name: "States" }).waitFor();
      expect(await page.getAttribute("html", "lang")).toBe("en");

      const switcher = page.getByRole("combobox", { name: "Language" });
      await switcher.selectOption("zh-CN");
      await page.getByRole("heading", { level: 1, name: "国家" }).waitFor();
      expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
      expect((await page.getByTestId("organization-name").innerText()).trim()).toBe(env.organization.names.zh);
      expect(await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "峰会" }).count()).toBe(1);

      await page.reload();
      await page.getByRole("heading", { level: 1, name: "国家" }).waitFor();
      expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
      expect(await page.getByRole("combobox", { name: "语言" }).inputValue()).toBe("zh-CN");

      // Keyboard only: focus the switcher and pick Russian.
      await page.getByRole("combobox", { name: "语言" }).focus();
      await page.getByRole("combobox", { name: "语言" }).selectOption("ru");
      await page.getByRole("heading", { level: 1, name: "Государства" }).waitFor();
      await page.goto(`${env.server.baseUrl}/`);
      await waitForTestIdText(page, "count-member", "10");
      expect((await page.getByRole("heading", { level: 1 }).innerText()).trim()).toBe(env.organization.names.ru);
      expect(await page.getAttribute("html", "lang")).toBe("ru");
      expect(await missingKeys(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
