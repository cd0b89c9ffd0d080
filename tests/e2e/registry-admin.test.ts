// The secretariat records the Tianjin restructuring through the administration's registry page, on a registry without it:
// a set that would leave the registry inconsistent is refused with the change named; the whole set is then recorded, and
// the portal and the API show 10 members and 17 SCO partners from 1 September 2025, and the old counts before.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { FORM_SPECS, type FieldSpec, type FormTarget } from "../../src/web/features/registry-admin/change-forms.js";
import { RIGHTS } from "../../src/domain/registry.js";
import { BROWSER_LOCALE, DESKTOP, LANGUAGES, PHONE, REPO_ROOT, missingKeys, openPortal, screenshot, signInPage, usePortalEnvironment } from "./harness.js";

interface Change {
  readonly put: FormTarget;
  readonly record: Record<string, unknown>;
}
const changeFile = JSON.parse(await readFile(join(REPO_ROOT, "tests/fixtures/tianjin-changes.json"), "utf8")) as { reason: string; changes: Change[] };

const english = JSON.parse(await readFile(join(REPO_ROOT, "src/web/i18n/locales/en.json"), "utf8")) as { registryAdmin: { options: Record<string, string> } };
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * What to type into a select to find exactly one option, and the label it shows: "Name (code)" for states, tiers and
 * bodies; "id — title" for decisions and sources; the translated label for fixed choices.
 */
function option(field: FieldSpec & { kind: "choice" | "choices" }, value: string): { search: string; label: RegExp } {
  if (typeof field.options !== "string") {
    const label = english.registryAdmin.options[value] ?? value;
    return { search: label, label: new RegExp(`^${escape(label)}$`) };
  }
  if (field.options === "decisions" || field.options === "sources") return { search: `${value} — `, label: new RegExp(`^${escape(value)} — `) };
  return { search: `(${value})`, label: new RegExp(`\\(${escape(value)}\\)$`) };
}

/** Picks an option of a Mantine select with the keyboard, as a person does: type until one option is left, then take it. */
async function choose(page: Page, field: string, search: string, label: RegExp): Promise<void> {
  const input = page.locator(`input[data-field="${field}"]`);
  await input.click();
  await input.fill(search);
  // The combobox's own options (not the language switcher's native ones).
  const options = page.locator('[role="listbox"]:visible [role="option"]:visible');
  await options.filter({ hasText: label }).first().waitFor();
  expect(await options.allInnerTexts()).toEqual([expect.stringMatching(label)]);
  await input.press("ArrowDown");
  await input.press("Enter");
  // A multiple choice stays open for more: close it.
  if (await page.getByRole("listbox").isVisible()) await input.press("Escape");
}

/** Chooses what the change is about and which record (new, or the one to correct). */
async function startChange(page: Page, target: FormTarget, label: string, correct: string | null): Promise<void> {
  await page.getByTestId("change-target").click();
  await page.getByRole("option", { name: label, exact: true }).click();
  if (correct !== null) {
    await page.getByTestId("change-record").click();
    await page.getByTestId("change-record").fill(correct);
    await page.getByRole("option").filter({ hasText: correct }).first().click();
  }
  await page.locator(`[data-field="${(FORM_SPECS[target] as readonly FieldSpec[])[0]!.name}"]`).first().waitFor();
}

/** Types a record into the open form, field by field, as a person would. */
async function fillRecord(page: Page, target: FormTarget, record: Record<string, unknown>): Promise<void> {
  for (const field of FORM_SPECS[target] as readonly FieldSpec[]) {
    const value = record[field.name];
    switch (field.kind) {
      case "localized":
        // The SCO's languages (Chinese, Russian, English translations), which the form offers first.
        for (const language of ["zh", "ru", "en"]) {
          await page.locator(`input[data-field="${field.name}.${language}"]`).fill(value ? String((value as Record<string, string>)[language]) : "");
        }
        break;
      case "rights":
        for (const right of RIGHTS) {
          await page.locator(`input[data-field="${field.name}.${right}"]`).setChecked((value as Record<string, boolean>)[right] === true);
        }
        break;
      case "boolean":
        await page.locator(`input[data-field="${field.name}"]`).setChecked(value === true);
        break;
      case "choice":
        if (value !== undefined && value !== null) {
          const { search, label } = option(field, String(value));
          await choose(page, field.name, search, label);
          expect(await page.locator(`input[data-field="${field.name}"]`).inputValue()).toMatch(label);
        }
        break;
      case "choices":
        for (const item of value as string[]) {
          const { search, label } = option(field, item);
          await choose(page, field.name, search, label);
        }
        break;
      default:
        await page.locator(`input[data-field="${field.name}"]`).fill(value === undefined ? "" : String(value));
    }
  }
}

const TARGET_LABELS: Record<string, string> = {
  decisions: "Decision",
  tiers: "Tier (status)",
  reclassifications: "Reclassification",
  states: "State",
  membership: "Status change",
};

async function stateCount(baseUrl: string, query: string): Promise<number> {
  const body = (await (await fetch(`${baseUrl}/api/v1/states?${query}`)).json()) as { items: unknown[] };
  return body.items.length;
}

describe("the registry administration", () => {
  const env = usePortalEnvironment({ env: { CONCORD_DATASET: join(REPO_ROOT, "tests/fixtures/sco-before-tianjin") } });

  it("records the Tianjin restructuring through its forms, after refusing an inconsistent set with the change named", async () => {
    const { context, page, errors } = await openPortal(env.browser, { locale: "en-US", viewport: DESKTOP });
    try {
      expect(await stateCount(env.server.baseUrl, "on=2026-11-25&tier=observer")).toBe(2);
      await signInPage(page, env.server.baseUrl);
      await page.goto(`${env.server.baseUrl}/admin/registry`);
      await page.getByTestId("registry-changes-page").waitFor();

      // Retiring the observer tier alone would leave Mongolia and Afghanistan holding a retired tier: refused, nothing recorded.
      const observer = changeFile.changes.find((c) => c.put === "tiers" && c.record.code === "observer")!;
      await startChange(page, "tiers", TARGET_LABELS.tiers!, "observer");
      await page.locator('input[data-field="retired"]').fill("2025-09-01");
      await page.getByTestId("add-change").click();
      await page.getByTestId("pending-change").first().waitFor();
      await page.getByTestId("change-reason").fill("A test that must be refused");
      await page.getByTestId("record-changes").click();
      await page.getByTestId("change-error").first().waitFor();
      expect(await page.getByTestId("change-error").first().innerText()).toMatch(/retired: would leave the registry inconsistent/);
      expect(await page.getByTestId("changes-problem").innerText()).not.toBe("");
      expect(await stateCount(env.server.baseUrl, "on=2026-11-25&tier=observer")).toBe(2);
      await page.getByTestId("pending-change").getByRole("button").click();
      await page.getByTestId("pending-change").waitFor({ state: "detached" });
      expect(observer.record.retired).toBe("2025-09-01");

      // The whole restructuring, one form per change, in the change file's order.
      for (const change of changeFile.changes) {
        const isCorrection = change.put === "tiers" && (change.record.code === "observer" || change.record.code === "dialogue_partner");
        await startChange(page, change.put, TARGET_LABELS[change.put]!, isCorrection ? String(change.record.code) : null);
        await fillRecord(page, change.put, change.record);
        const before = await page.getByTestId("pending-change").count();
        await page.getByTestId("add-change").click();
        await expect.poll(() => page.getByTestId("pending-change").count(), { message: `${change.put} ${String(change.record.code ?? change.record.id)}` }).toBe(before + 1).catch(async (error: unknown) => {
          await screenshot(page, "registry-admin-failed-add");
          throw error;
        });
      }
      await page.getByTestId("change-reason").fill(changeFile.reason);
      await screenshot(page, "registry-admin-set-en-desktop");
      await page.getByTestId("record-changes").click();
      await page.getByTestId("changes-recorded").waitFor();
      expect(await page.getByTestId("changes-recorded").innerText()).toMatch(/New records: 6; corrections: 2/);
      // The corrected tiers' earlier values are kept, with the reason.
      await page.getByTestId("earlier-values").filter({ hasText: "observer" }).waitFor();
      expect(await page.getByTestId("earlier-values").innerText()).toContain("dialogue_partner");

      expect(await stateCount(env.server.baseUrl, "tier=partner&on=2025-09-02")).toBe(17);
      expect(await stateCount(env.server.baseUrl, "tier=member&on=2025-09-02")).toBe(10);
      expect(await stateCount(env.server.baseUrl, "tier=observer&on=2025-09-02")).toBe(0);
      expect(await stateCount(env.server.baseUrl, "tier=member&on=2024-01-01")).toBe(9);
      expect(await stateCount(env.server.baseUrl, "tier=observer&on=2024-01-01")).toBe(3);
      expect(await stateCount(env.server.baseUrl, "tier=dialogue_partner&on=2024-01-01")).toBe(14);

      // The overview on 2 September 2025 shows the tiers in force that day: no observer or dialogue-partner card.
      await page.goto(`${env.server.baseUrl}/?on=2025-09-02`);
      const cards = page.getByTestId("tier-count");
      // The cards show "–" until that day's counts arrive: wait for the count, not for the first card.
      await cards.filter({ hasText: "17" }).waitFor();
      const texts = await cards.allInnerTexts();
      expect(texts.join(" | ")).toMatch(/17/);
      expect(texts.join(" | ")).not.toMatch(/Observer|Dialogue/i);
      // The refused set's 400 is the browser's only complaint (it logs every failed request).
      expect(errors).toEqual([expect.stringContaining("400 (Bad Request) (http://127.0.0.1")]);
    } catch (error) {
      await screenshot(page, "registry-admin-failure");
      throw error;
    } finally {
      await context.close();
    }
  });

  for (const language of LANGUAGES) {
    it(`shows the registry page in ${language}, on a desktop and at 390 px, with no missing text`, async () => {
      const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language], viewport: DESKTOP });
      try {
        await signInPage(page, env.server.baseUrl);
        await page.goto(`${env.server.baseUrl}/admin/registry`);
        await page.getByTestId("registry-changes-page").waitFor();
        await page.locator('input[data-field="id"]').waitFor();
        await page.getByTestId("add-change").click();
        await screenshot(page, `registry-admin-${language}-desktop`);
        await page.setViewportSize(PHONE);
        await screenshot(page, `registry-admin-${language}-phone`);
        const width = await page.evaluate(() => {
          const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
          return [root.scrollWidth, root.clientWidth];
        });
        expect(width[0]).toBeLessThanOrEqual(width[1]!);
        expect(await missingKeys(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }


  it("takes an accession as JSON, refuses what is not JSON, and names the server's objection to a stage the organization does not have", async () => {
    const { context, page } = await openPortal(env.browser, { locale: "en-US", viewport: DESKTOP });
    try {
      await signInPage(page, env.server.baseUrl);
      await page.goto(`${env.server.baseUrl}/admin/registry`);
      await page.getByTestId("change-target").click();
      await page.getByRole("option", { name: "Accession", exact: true }).click();
      const json = page.getByTestId("record-json");
      await json.fill("{ not json");
      await page.getByTestId("add-change").click();
      await page.getByText("This is not a JSON object.").waitFor();
      await json.fill(JSON.stringify({ id: "IN-accession", applicant: "IN", requestedTier: "member", steps: [{ stage: "procedure_started", date: "2015-07", source: "summit-2015" }], source: "summit-2015" }));
      await page.getByTestId("add-change").click();
      await page.getByTestId("pending-change").waitFor();
      await page.getByTestId("change-reason").fill("Accession of India (test)");
      await page.getByTestId("record-changes").click();
      // This registry (before Tianjin) defines no accession stages: the server names the change and the field.
      await page.getByTestId("change-error").first().waitFor();
      expect(await page.getByTestId("change-error").first().innerText()).toMatch(/steps\.0\.stage: would leave the registry inconsistent.*unknown accession stage "procedure_started"/);
    } finally {
      await context.close();
    }
  });
});
