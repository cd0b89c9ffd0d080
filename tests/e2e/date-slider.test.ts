// Replaying membership with the keyboard: the date slider moves the counts and the map to the chosen day.
import { describe, expect, it } from "vitest";
import { missingKeys, openPortal, screenshot, waitForTestIdText, usePortalEnvironment } from "./harness.js";

describe("membership date slider", () => {
  const env = usePortalEnvironment();

  it("shows 6 members in 2016 after moving the slider with the keyboard, and 10 again at today", async () => {
    const { context, page, errors } = await openPortal(env.browser, { locale: "en-US" });
    try {
      await page.goto(`${env.server.baseUrl}/`);
      await waitForTestIdText(page, "count-member", "10");

      const slider = page.getByRole("slider", { name: "Date shown on the map and in the counts" });
      await slider.focus();

      await page.keyboard.press("Home");
      expect(await slider.getAttribute("aria-valuetext")).toBe("June 15, 2001");
      await waitForTestIdText(page, "count-member", "6");
      await waitForTestIdText(page, "count-observer", "0");

      // Between the founding day and today the slider moves by months, and names only the month (read at its end).
      for (let year = 0; year < 15; year++) await page.keyboard.press("PageUp");
      expect(await slider.getAttribute("aria-valuetext")).toBe("June 2016");
      await waitForTestIdText(page, "count-member", "6");
      await waitForTestIdText(page, "count-observer", "6");
      expect(await page.getByTestId("counts-date").innerText()).toContain("at the end of June 2016");
      const mapLabel = (await page.getByTestId("membership-map").getAttribute("aria-label")) ?? "";
      expect(mapLabel).toContain("at the end of June 2016");
      expect(mapLabel).toContain("6 member states");
      await screenshot(page, "overview-en-2016-desktop");

      // A month at a time with the arrow keys: one year on, India and Pakistan have joined.
      for (let month = 0; month < 12; month++) await page.keyboard.press("ArrowRight");
      expect(await slider.getAttribute("aria-valuetext")).toBe("June 2017");
      await waitForTestIdText(page, "count-member", "8");

      await page.keyboard.press("End");
      await waitForTestIdText(page, "count-member", "10");
      expect(await missingKeys(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("replays membership year by year with the play button", async () => {
    const { context, page } = await openPortal(env.browser, { locale: "en-US" });
    try {
      await page.goto(`${env.server.baseUrl}/`);
      await waitForTestIdText(page, "count-member", "10");
      const slider = page.getByRole("slider", { name: "Date shown on the map and in the counts" });
      const play = page.getByRole("button", { name: "Replay membership year by year" });
      await play.click();
      // Starting from today, the replay restarts at the founding and moves on a year at a time.
      await page.waitForFunction(() => {
        const doc = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } })
          .document;
        return /200[2-9]/.test(doc.querySelector('[role="slider"]')?.getAttribute("aria-valuetext") ?? "");
      });
      await page.getByRole("button", { name: "Pause the replay" }).click();
      const paused = await slider.getAttribute("aria-valuetext");
      expect(paused).toMatch(/^June 20\d\d$/);
      expect(await slider.getAttribute("aria-valuetext")).toBe(paused);
    } finally {
      await context.close();
    }
  });
});
