// A meeting run end to end in Chromium, every step through the pages: the secretariat convenes a CMFA meeting (and is
// told, under the field, when its end comes before its start); Kazakhstan's and India's heads accredit delegates whose
// names are written in Chinese, Cyrillic and Latin script; the secretariat returns India's list with a reason, India
// corrects it, and the secretariat approves both lists; the chair changes the adopted agenda with a reason; Mongolia (an SCO
// partner, invited by the secretariat) asks for the floor and is refused with the reason; the chair (Kyrgyzstan, chairing
// today) invites it to speak; Mongolia asks again and is on the list; the chair gives it the floor, and two other open
// screens (India's page and the projector) show the speaker and the clock ticking without a reload. Then the meeting
// page and the projector in Chinese, Russian and English, on a desktop and at 390 px.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
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
  REPO_ROOT,
  type PortalSession,
  type RunningServer,
  screenshot,
  signInOverHttp,
  signInPage,
  startServer,
  typedDateTime,
  waitLive,
  wasNotReloaded,
} from "./harness.js";

const PHONE_390 = { width: 390, height: 844 } as const;

interface Locale {
  problems: { codes: Record<string, string> };
  meetings: { basis: Record<string, string> };
}
const locale = async (language: string) => JSON.parse(await readFile(join(REPO_ROOT, `src/web/i18n/locales/${language}.json`), "utf8")) as Locale;

/** The delegates each head submits: names in Chinese, Russian and Latin script (invented people, for the test). */
const DELEGATES = {
  KZ: [
    { zh: "艾格林·萨帕罗娃", ru: "Айгерим Сапарова", en: "Aigerim Saparova", function: "Deputy minister (test)", rank: "minister" },
    { zh: "叶尔兰·卡西莫夫", ru: "Ерлан Касымов", en: "Yerlan Kassymov", function: "Adviser (test)", rank: "adviser" },
  ],
  IN: [{ zh: "阿南娅·夏尔马", ru: "Ананья Шарма", en: "Ananya Sharma", function: "Joint secretary (test)", rank: "ambassador" }],
} as const;

/** A day two weeks from now at the venue, as a datetime-local value. */
function dayAhead(days: number, time: string): string {
  const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${time}`;
}

async function clockSeconds(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).first().innerText()).trim();
  const [minutes = "0", seconds = "0"] = text.replace("+", "").split(":");
  return Number(minutes) * 60 + Number(seconds);
}

/** The clock shown on the page moves on by itself: two readings a little over a second apart differ. */
async function expectClockTicking(page: Page): Promise<void> {
  const first = await clockSeconds(page, "clock-main");
  await page.waitForFunction(
    (before) => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document;
      const text = doc.querySelector('[data-testid="clock-main"]')?.textContent?.replace("+", "") ?? "";
      const [m = "0", s = "0"] = text.split(":");
      return Number(m) * 60 + Number(s) !== before;
    },
    first,
    { timeout: 5_000 },
  );
}

async function accredit(page: Page, delegates: readonly (typeof DELEGATES)[keyof typeof DELEGATES][number][]): Promise<void> {
  for (const [index, delegate] of delegates.entries()) {
    if (index > 0) await page.getByTestId("add-delegate").click();
    const row = page.getByTestId("delegate-row").nth(index);
    await row.getByTestId("delegate-name-zh").fill(delegate.zh);
    await row.getByTestId("delegate-name-ru").fill(delegate.ru);
    await row.getByTestId("delegate-name-en").fill(delegate.en);
    await row.getByTestId("delegate-function-en").fill(delegate.function);
    await row.getByTestId("delegate-rank").selectOption(delegate.rank);
  }
  await page.getByTestId("submit-delegates").click();
}

describe("a meeting end to end", () => {
  let server: RunningServer;
  let browser: Browser;
  let meetingId: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("is convened, accredited, and run from the list of speakers, live on every screen", { timeout: 240_000 }, async () => {
    const en = await locale("en");
    // The delegation chairing today chairs the meeting: Kyrgyzstan in the default data.
    const chairmanship = (await (await fetch(`${server.baseUrl}/api/v1/chairmanship`)).json()) as { current: string | null; items: { id: string; state: { code: string } }[] };
    const chairCode = chairmanship.items.find((term) => term.id === chairmanship.current)?.state.code;
    expect(chairCode).toBe("KG");

    const sessions: PortalSession[] = [];
    const open = async (email: string) => {
      const session = await openPortal(browser, { locale: "en-US", viewport: DESKTOP });
      sessions.push(session);
      await signInPage(session.page, server.baseUrl, email);
      return session;
    };
    try {
      // ---- The secretariat convenes the meeting through the form.
      const secretariat = await open("admin@concord.test");
      const { page } = secretariat;
      await page.goto(`${server.baseUrl}/meetings`);
      await page.getByTestId("new-meeting").click();
      const form = page.getByTestId("new-meeting-form");
      await form.getByTestId("meeting-body").selectOption("CMFA");
      await form.getByTestId("meeting-title-zh").fill("上海合作组织成员国外交部长理事会会议（测试）");
      await form.getByTestId("meeting-title-ru").fill("Заседание Совета министров иностранных дел (тест)");
      await form.getByTestId("meeting-title-en").fill("Meeting of the Council of Ministers of Foreign Affairs (test)");
      await form.getByTestId("meeting-zone").fill("Asia/Bishkek");
      await page.getByRole("option", { name: /^Asia\/Bishkek/ }).click();
      // Dates are typed in the interface language's order (here English), whatever the browser's locale.
      await form.getByTestId("meeting-start").fill(typedDateTime("en", dayAhead(14, "10:00")));
      // An end before the start: the server refuses it, and says so under the field, in the reader's language.
      await form.getByTestId("meeting-end").fill(typedDateTime("en", dayAhead(13, "18:00")));
      await form.getByTestId("meeting-host").selectOption("KG");
      await form.getByTestId("meeting-city-en").fill("Cholpon-Ata");
      await form.getByTestId("submit-meeting").click();
      const endField = form.locator(".mantine-InputWrapper-root", { has: page.getByTestId("meeting-end") });
      await endField.getByText(en.problems.codes["end-not-after-start"]!).waitFor({ timeout: 10_000 });
      await form.getByTestId("meeting-end").fill(typedDateTime("en", dayAhead(14, "18:00")));
      await form.getByTestId("submit-meeting").click();
      await page.waitForURL(/\/meetings\/CMFA-/, { timeout: 15_000 });
      meetingId = decodeURIComponent(new URL(page.url()).pathname.split("/").at(-1)!);
      await page.getByTestId("meeting-title").waitFor();
      expect(await page.getByTestId("meeting-facts").innerText()).toContain("Kyrgyzstan");
      // Its time at the venue, with the zone named.
      expect(await page.getByTestId("meeting-when").innerText()).toMatch(/10:00/);

      // An agenda item, through the agenda's form.
      await page.getByTestId("tab-agenda").click();
      await page.getByTestId("add-agenda-item").click();
      await page.getByTestId("agenda-title-zh").fill("国际和地区问题（测试）");
      await page.getByTestId("agenda-title-ru").fill("Международные и региональные вопросы (тест)");
      await page.getByTestId("agenda-title-en").fill("International and regional issues (test)");
      await page.getByTestId("submit-agenda-item").click();
      await page.getByTestId("agenda-item").first().waitFor();
      await page.getByTestId("adopt-agenda").click();
      await page.getByTestId("agenda-adopted").waitFor({ timeout: 10_000 });

      // Mongolia is an SCO partner: not invited by right. The secretariat invites it (to attend, not yet to speak).
      await page.getByTestId("tab-invitations").click();
      expect(await page.locator('[data-testid="invitation"][data-party="MN"]').count()).toBe(0);
      await page.getByTestId("invite-party").selectOption("MN");
      await page.getByTestId("submit-invite").click();
      const mongoliaRow = page.locator('[data-testid="invitation"][data-party="MN"]');
      await mongoliaRow.waitFor({ timeout: 10_000 });
      expect(await mongoliaRow.innerText()).toContain(en.meetings.basis.invited);

      // ---- Kazakhstan's and India's heads submit their delegates through the page.
      const kazakhstan = await open("head.kz@concord.test");
      const india = await open("head.in@concord.test");
      for (const [session, code] of [
        [kazakhstan, "KZ"],
        [india, "IN"],
      ] as const) {
        await session.page.goto(`${server.baseUrl}/meetings/${meetingId}?tab=accreditation`);
        await session.page.getByTestId("delegates-form").waitFor();
        await accredit(session.page, DELEGATES[code]);
        await session.page.locator('[data-testid="accreditation-list"][data-state="submitted"]').waitFor({ timeout: 10_000 });
      }

      // ---- The secretariat returns India's list with a reason; India sees it, corrects the list and submits it again.
      await page.getByTestId("tab-accreditation").click();
      const indianList = page.locator('[data-testid="accreditation-list"][data-delegation="IN"]');
      await indianList.getByTestId("return-list").click();
      await indianList.getByTestId("return-reason").fill("The function is missing in Chinese (test).");
      await indianList.getByTestId("confirm-return").click();
      await page.locator('[data-testid="accreditation-list"][data-delegation="IN"][data-state="returned"]').waitFor({ timeout: 10_000 });
      const returned = india.page.getByTestId("returned-reason");
      await returned.waitFor({ timeout: 10_000 });
      expect(await returned.innerText()).toContain("The function is missing in Chinese (test).");
      await india.page.getByTestId("edit-list").click();
      const editing = india.page.locator('[data-testid="accreditation-list"] [data-testid="delegates-form"]');
      expect(await editing.getByTestId("delegate-name-ru").inputValue()).toBe("Ананья Шарма");
      await editing.getByTestId("delegate-function-zh").fill("联合秘书（测试）");
      await editing.getByTestId("submit-delegates").click();
      await india.page.locator('[data-testid="accreditation-list"][data-state="submitted"]').waitFor({ timeout: 10_000 });

      // ---- The secretariat approves both lists; each approved delegate has a badge.
      for (const code of ["KZ", "IN"]) {
        const list = page.locator(`[data-testid="accreditation-list"][data-delegation="${code}"]`);
        await list.getByTestId("approve-list").click({ timeout: 10_000 });
        await page.locator(`[data-testid="accreditation-list"][data-delegation="${code}"][data-state="approved"]`).waitFor({ timeout: 10_000 });
      }
      const kazakhList = page.locator('[data-testid="accreditation-list"][data-delegation="KZ"]');
      const kazakhText = await kazakhList.innerText();
      for (const name of ["艾格林·萨帕罗娃", "Айгерим Сапарова", "Aigerim Saparova", "Ерлан Касымов"]) expect(kazakhText).toContain(name);
      expect(await kazakhList.getByTestId("badge-link").count()).toBe(2);
      expect(await page.locator('[data-testid="accreditation-list"][data-delegation="IN"]').innerText()).toContain("阿南娅·夏尔马");
      // Kazakhstan's own page follows: its list is approved, without a reload.
      await kazakhstan.page.locator('[data-testid="accreditation-list"][data-state="approved"]').waitFor({ timeout: 10_000 });

      // ---- Two other screens follow the list of speakers: India's page and the projector (signed in as Kazakhstan's head).
      await india.page.goto(`${server.baseUrl}/meetings/${meetingId}?tab=speakers`);
      await india.page.getByTestId("nobody-speaking").waitFor();
      const projector = await open("head.kz@concord.test");
      await projector.page.goto(`${server.baseUrl}/meetings/${meetingId}/projector`);
      await projector.page.getByTestId("projector-nobody").waitFor();
      // The projector stands alone: no portal header or navigation.
      expect(await projector.page.locator("header nav, [data-testid='brand']").count()).toBe(0);
      for (const screen of [india.page, projector.page]) {
        await waitLive(screen);
        await markPage(screen);
      }

      // ---- Mongolia asks for the floor and is refused, with the reason.
      const mongolia = await open("head.mn@concord.test");
      await mongolia.page.goto(`${server.baseUrl}/meetings/${meetingId}?tab=speakers`);
      await mongolia.page.getByTestId("ask-floor-note").waitFor();
      await waitLive(mongolia.page);
      await mongolia.page.getByTestId("ask-speech").click();
      const refusal = mongolia.page.getByTestId("floor-refused");
      await refusal.waitFor({ timeout: 10_000 });
      expect(await refusal.innerText()).toBe(en.problems.codes["no-right-to-speak"]);
      expect(await mongolia.page.getByTestId("queued").count()).toBe(0);

      // ---- The chair invites Mongolia to speak.
      const chair = await open(`head.${chairCode!.toLowerCase()}@concord.test`);
      await chair.page.goto(`${server.baseUrl}/meetings/${meetingId}?tab=invitations`);
      // The switch follows the server: it turns on once the invitation is changed.
      await chair.page.getByTestId("may-speak-MN").click();
      await chair.page.locator('[data-testid="invitation"][data-party="MN"] [data-testid="may-speak"]').getByText("Yes").waitFor({ timeout: 10_000 });

      // Mongolia's page learns it without a reload, and its request now goes on the list.
      await mongolia.page.getByTestId("ask-floor-note").waitFor({ state: "detached", timeout: 10_000 });
      await mongolia.page.getByTestId("ask-speech").click();
      await mongolia.page.locator('[data-testid="queued"][data-delegation="MN"]').waitFor({ timeout: 10_000 });
      expect(await mongolia.page.getByTestId("floor-refused").count()).toBe(0);
      await india.page.locator('[data-testid="queued"][data-delegation="MN"]').waitFor({ timeout: 10_000 });
      await projector.page.getByTestId("projector-next").getByText("Mongolia").waitFor({ timeout: 10_000 });

      // ---- The chair gives Mongolia the floor (two minutes).
      await chair.page.getByTestId("tab-speakers").click();
      await chair.page.getByTestId("allotted-time").selectOption("120");
      await chair.page.locator('[data-testid="queued"][data-delegation="MN"]').getByTestId("give-to").click();
      await chair.page.locator('[data-testid="current-delegation"][data-delegation="MN"]').waitFor({ timeout: 10_000 });

      // India's page and the projector show the speaker and the clock, ticking, without a reload.
      await india.page.locator('[data-testid="current-delegation"][data-delegation="MN"]').waitFor({ timeout: 10_000 });
      expect(await india.page.getByTestId("current-delegation").innerText()).toBe("Mongolia");
      await projector.page.locator('[data-testid="projector-speaker"][data-delegation="MN"]').waitFor({ timeout: 10_000 });
      expect(await projector.page.getByTestId("projector-speaker").innerText()).toBe("Mongolia");
      for (const screen of [india.page, projector.page]) {
        const shown = await clockSeconds(screen, "clock-main");
        expect(shown).toBeGreaterThan(100);
        expect(shown).toBeLessThanOrEqual(120);
        await expectClockTicking(screen);
        expect(await wasNotReloaded(screen)).toBe(true);
      }
      expect(await projector.page.getByTestId("projector-next").getByText("Mongolia").count()).toBe(0);

      // After adoption the chair changes an item, saying why; the change is listed with its reason.
      await chair.page.getByTestId("tab-agenda").click();
      await chair.page.getByTestId("edit-item").click();
      await chair.page.getByTestId("agenda-title-en").fill("International and regional issues, including the situation in the region (test)");
      await chair.page.getByTestId("agenda-reason").fill("Requested by several delegations (test).");
      await chair.page.getByTestId("submit-agenda-item").click();
      const change = chair.page.getByTestId("agenda-change");
      await change.waitFor({ timeout: 10_000 });
      expect(await change.innerText()).toContain("Requested by several delegations (test).");
      // The speaker keeps the floor on the projector meanwhile.
      expect(await projector.page.getByTestId("projector-speaker").innerText()).toBe("Mongolia");

      // The two refusals the test provoked are the only failed requests any screen saw.
      const provoked = [/status of 400 .*\/api\/v1\/meetings\)$/, /status of 403 .*\/floor\)$/];
      const refusals = sessions.flatMap((session) => session.errors.filter((error) => provoked.some((pattern) => pattern.test(error))));
      expect(refusals).toHaveLength(2);
      for (const session of sessions) expect(session.errors.filter((error) => !provoked.some((pattern) => pattern.test(error)))).toEqual([]);
    } finally {
      for (const session of sessions) await session.context.close();
    }
  });

  it("shows the meeting and its projector in Chinese, Russian and English, on a desktop and at 390 px, with no missing text", { timeout: 180_000 }, async () => {
    expect(meetingId).toBeDefined();
    // A speaker is still on the floor (from the first test): the clock is on both views.
    const secretariat = await signInOverHttp(server.baseUrl);
    const meeting = (await (await secretariat("GET", `/api/v1/meetings/${meetingId}`)).json()) as { agenda: { items: { speakers: { current: unknown } }[] } };
    expect(meeting.agenda.items[0]?.speakers.current).not.toBeNull();
    for (const language of LANGUAGES) {
      for (const viewport of [DESKTOP, PHONE_390]) {
        const { context, page, errors } = await openPortal(browser, { locale: BROWSER_LOCALE[language], viewport });
        try {
          await signInPage(page, server.baseUrl, "head.in@concord.test");
          for (const view of [
            { path: "/meetings?body=CMFA", ready: "meeting-card", name: "meetings-list" },
            { path: `/meetings/${meetingId}?tab=speakers`, ready: "current-delegation", name: "meeting-speakers" },
            { path: `/meetings/${meetingId}?tab=invitations`, ready: "invitations-table", name: "meeting-invitations" },
            { path: `/meetings/${meetingId}?tab=accreditation`, ready: "badge-link", name: "meeting-accreditation" },
            { path: `/meetings/${meetingId}/projector`, ready: "projector-speaker", name: "meeting-projector" },
          ]) {
            await page.goto(`${server.baseUrl}${view.path}`);
            await page.getByTestId(view.ready).first().waitFor();
            expect(await missingKeys(page)).toEqual([]);
            const text = await page.locator("main").innerText();
            expect(text).not.toMatch(RAW_KEY_PATTERN);
            const overflow = await page.evaluate(() => {
              const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
              return root.scrollWidth - root.clientWidth;
            });
            expect(overflow, `${view.name} in ${language} at ${viewport.width}px scrolls sideways`).toBeLessThanOrEqual(0);
            await screenshot(page, `${view.name}-${language}-${viewport.width}`);
          }
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      }
    }
  });

  it("keeps the projector's titles broken between words and its clock on one line, hours over time, on a desktop and at 390 px", { timeout: 180_000 }, async () => {
    expect(meetingId).toBeDefined();
    for (const language of LANGUAGES) {
      for (const viewport of [DESKTOP, PHONE_390]) {
        const { context, page, errors } = await openPortal(browser, { locale: BROWSER_LOCALE[language], viewport });
        try {
          // The browser's clock is moved ten hours on once the screen shows the speaker: the clock then reads "+9:58:…".
          await page.clock.install();
          await signInPage(page, server.baseUrl, "head.in@concord.test");
          await page.goto(`${server.baseUrl}/meetings/${meetingId}/projector`);
          await page.getByTestId("projector-speaker").waitFor();
          await page.clock.setSystemTime(Date.now() + 10 * 3_600_000);
          await expect.poll(() => page.getByTestId("clock-main").innerText(), { timeout: 10_000 }).toMatch(/^\+\d{1,2}:\d{2}:\d{2}$/);
          const clock = await page.getByTestId("clock-main").evaluate((node) => {
            const element = node as unknown as { getClientRects(): { length: number }; getBoundingClientRect(): { left: number; right: number } };
            const box = element.getBoundingClientRect();
            return { lines: element.getClientRects().length, left: box.left, right: box.right, width: (globalThis as unknown as { innerWidth: number }).innerWidth };
          });
          expect(clock.lines, `${language} ${viewport.width}`).toBe(1);
          expect(clock.left).toBeGreaterThanOrEqual(0);
          expect(clock.right, `${language} ${viewport.width}: the clock ends inside the screen`).toBeLessThanOrEqual(clock.width);
          // Where the meeting's and the item's titles go to a new line, it is between words (or Chinese characters).
          for (const testId of ["projector-meeting", "projector-item"]) {
            const midWord = await page.getByTestId(testId).evaluate((node) => {
              const doc = (globalThis as unknown as { document: { createRange(): { setStart(n: unknown, o: number): void; setEnd(n: unknown, o: number): void; getClientRects(): ArrayLike<{ top: number }> } } }).document;
              const walker = (globalThis as unknown as { document: { createTreeWalker(root: unknown, what: number): { nextNode(): { textContent: string | null } | null } } }).document.createTreeWalker(node, 4);
              const letters: { ch: string; top: number }[] = [];
              for (let text = walker.nextNode(); text; text = walker.nextNode()) {
                const value = text.textContent ?? "";
                for (let i = 0; i < value.length; i++) {
                  const range = doc.createRange();
                  range.setStart(text, i);
                  range.setEnd(text, i + 1);
                  const rects = range.getClientRects();
                  if (rects.length > 0) letters.push({ ch: value[i]!, top: rects[0]!.top });
                }
              }
              const isWordLetter = (ch: string) => /[\p{L}\p{N}]/u.test(ch) && !/\p{Script=Han}/u.test(ch);
              return letters.flatMap((letter, i) => (i > 0 && letter.top > letters[i - 1]!.top + 2 && isWordLetter(letter.ch) && isWordLetter(letters[i - 1]!.ch) ? [`${letters[i - 1]!.ch}|${letter.ch}`] : []));
            });
            expect(midWord, `${testId} in ${language} at ${viewport.width}px`).toEqual([]);
          }
          const overflow = await page.evaluate(() => {
            const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
            return root.scrollWidth - root.clientWidth;
          });
          expect(overflow).toBeLessThanOrEqual(0);
          await screenshot(page, `projector-overtime-${language}-${viewport.width}`);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      }
    }
  });

  it("lists meetings in progress and coming up first, soonest first, and the past below, latest first, a few until asked for all", { timeout: 180_000 }, async () => {
    const india = await signInOverHttp(server.baseUrl, { email: "head.in@concord.test", password: "concord-demo" });
    const items = ((await (await india("GET", "/api/v1/meetings")).json()) as { items: { id: string; start: string | null; end: string | null; startDate: string; endDate: string; isDemo: boolean }[] }).items;
    // What the list should show, worked out here from the dates alone.
    const now = Date.now();
    const today = new Date(now).toISOString().slice(0, 10);
    const lastDay = (date: string) => (date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-31` : date);
    const firstMoment = (m: (typeof items)[number]) => (m.start !== null ? Date.parse(m.start) : Date.parse(`${m.startDate.length === 4 ? `${m.startDate}-01-01` : m.startDate.length === 7 ? `${m.startDate}-01` : m.startDate}T00:00:00Z`));
    const isPast = (m: (typeof items)[number]) => (m.end !== null ? Date.parse(m.end) <= now : lastDay(m.endDate) < today);
    const isOn = (m: (typeof items)[number]) => !isPast(m) && firstMoment(m) <= now;
    const current = items.filter((m) => !isPast(m)).sort((a, b) => Number(isOn(b)) - Number(isOn(a)) || firstMoment(a) - firstMoment(b));
    const past = items.filter(isPast).sort((a, b) => firstMoment(b) - firstMoment(a));
    const demo = items.find((m) => m.isDemo);
    expect(demo && isOn(demo), "the demonstration meeting is in progress").toBe(true);
    expect(past.length).toBeGreaterThan(20);
    for (const language of LANGUAGES) {
      for (const viewport of [DESKTOP, PHONE_390]) {
        const { context, page, errors } = await openPortal(browser, { locale: BROWSER_LOCALE[language], viewport });
        try {
          await signInPage(page, server.baseUrl, "head.in@concord.test");
          await page.goto(`${server.baseUrl}/meetings`);
          const currentCards = page.getByTestId("meetings-current").getByTestId("meeting-card");
          await currentCards.first().waitFor();
          expect(await currentCards.evaluateAll((cards) => cards.map((card) => (card as unknown as { dataset: { meeting: string } }).dataset.meeting))).toEqual(current.map((m) => m.id));
          expect(await currentCards.first().getAttribute("data-timing")).toBe("in_progress");
          expect(await currentCards.first().getByTestId("in-progress").count()).toBe(1);
          // The one in progress is in sight at once, even on a phone, and the past comes after the upcoming.
          const firstTop = (await currentCards.first().boundingBox())!.y;
          expect(firstTop).toBeLessThan(viewport.height);
          const pastCards = page.getByTestId("meetings-past").getByTestId("meeting-card");
          expect((await pastCards.first().boundingBox())!.y).toBeGreaterThan((await currentCards.last().boundingBox())!.y);
          expect(await pastCards.evaluateAll((cards) => cards.map((card) => (card as unknown as { dataset: { meeting: string } }).dataset.meeting))).toEqual(past.slice(0, 6).map((m) => m.id));
          expect(await missingKeys(page)).toEqual([]);
          expect(await page.locator("main").innerText()).not.toMatch(RAW_KEY_PATTERN);
          await screenshot(page, `meetings-by-time-${language}-${viewport.width}`);
          // All the past ones on request, the latest first; and back.
          const toggle = page.getByTestId("toggle-past");
          expect(await toggle.getAttribute("aria-expanded")).toBe("false");
          await toggle.click();
          await expect.poll(() => pastCards.count()).toBe(past.length);
          expect(await pastCards.first().getAttribute("data-meeting")).toBe(past[0]!.id);
          await toggle.click();
          await expect.poll(() => pastCards.count()).toBe(6);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      }
    }
  });

  it("shows the demonstration meeting as a session in progress, its speaker's clock stopped by the chair, in each language", { timeout: 180_000 }, async () => {
    const india = await signInOverHttp(server.baseUrl, { email: "head.in@concord.test", password: "concord-demo" });
    const demo = ((await (await india("GET", "/api/v1/meetings")).json()) as { items: { id: string; isDemo: boolean }[] }).items.find((m) => m.isDemo)!;
    const meeting = (await (await india("GET", `/api/v1/meetings/${demo.id}`)).json()) as { status: string; start: string; end: string; agenda: { adoptedAt: string; items: { speakers: { current: { startedAt: string; pausedAt: string | null } | null } }[] } };
    expect(meeting.status).toBe("confirmed");
    expect(Date.parse(meeting.start)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(meeting.end)).toBeGreaterThan(Date.now());
    const speaking = meeting.agenda.items.map((item) => item.speakers.current).filter((current) => current !== null);
    expect(speaking).toHaveLength(1);
    expect(Date.parse(speaking[0]!.startedAt)).toBeGreaterThanOrEqual(Date.parse(meeting.agenda.adoptedAt));
    expect(speaking[0]!.pausedAt).not.toBeNull();
    for (const language of LANGUAGES) {
      for (const viewport of [DESKTOP, PHONE_390]) {
        const { context, page, errors } = await openPortal(browser, { locale: BROWSER_LOCALE[language], viewport });
        try {
          await signInPage(page, server.baseUrl, "head.in@concord.test");
          await page.goto(`${server.baseUrl}/meetings/${demo.id}?tab=speakers`);
          await page.getByTestId("current-delegation").waitFor();
          expect(await page.getByTestId("meeting-status").first().getAttribute("data-status")).toBe("confirmed");
          const clock = page.getByTestId("speaking-clock").first();
          expect(await clock.getAttribute("data-paused")).toBe("true");
          expect(await clock.getAttribute("data-over")).toBeNull();
          expect(await missingKeys(page)).toEqual([]);
          await screenshot(page, `demo-meeting-${language}-${viewport.width}`);
          await page.goto(`${server.baseUrl}/meetings/${demo.id}/projector`);
          await page.getByTestId("projector-speaker").waitFor();
          expect(await page.getByTestId("speaking-clock").getAttribute("data-paused")).toBe("true");
          await screenshot(page, `demo-projector-${language}-${viewport.width}`);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      }
    }
  });

  it("takes dates typed in the interface language's order, with its calendar, and sends the same instants", { timeout: 180_000 }, async () => {
    const PATTERNS = { "zh-CN": "年/月/日 时:分", ru: "ДД.ММ.ГГГГ чч:мм", en: "MM/DD/YYYY hh:mm" } as const;
    const FIRST_WEEKDAY = { "zh-CN": "一", ru: "Пн", en: "Su" } as const;
    const day = dayAhead(20, "").slice(0, 10);
    for (const language of LANGUAGES) {
      for (const viewport of [DESKTOP, PHONE_390]) {
        const { context, page, errors } = await openPortal(browser, { locale: "en-US", viewport });
        try {
          // The browser speaks American English; the interface is switched to the language under test.
          await page.addInitScript((chosen) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem("concord.language", chosen), language);
          await signInPage(page, server.baseUrl);
          let sent: { start?: string; end?: string } | null = null;
          await page.route("**/api/v1/meetings", async (route) => {
            if (route.request().method() !== "POST") return route.continue();
            sent = route.request().postDataJSON() as { start?: string; end?: string };
            return route.fulfill({ status: 400, contentType: "application/problem+json", body: JSON.stringify({ type: "about:blank", title: "test", status: 400, code: "invalid-request", detail: "stopped by the test" }) });
          });
          await page.goto(`${server.baseUrl}/meetings`);
          await page.getByTestId("new-meeting").click();
          const form = page.getByTestId("new-meeting-form");
          await form.getByTestId("meeting-body").selectOption("CMFA");
          await form.getByTestId("meeting-title-en").fill("A date typed in the reader's order (test)");
          await form.getByTestId("meeting-zone").fill("Asia/Bishkek");
          await page.getByRole("option", { name: /^Asia\/Bishkek/ }).click();
          const start = form.getByTestId("meeting-start");
          expect(await start.getAttribute("placeholder")).toBe(PATTERNS[language]);
          await start.fill(typedDateTime(language, `${day}T09:30`));
          await form.getByTestId("meeting-end").click();
          expect(await start.inputValue()).toBe(typedDateTime(language, `${day}T09:30`));
          // The calendar speaks the interface language; a day picked in it keeps the field's order.
          const weekdays = page.locator(".mantine-DateInput-weekday");
          await weekdays.first().waitFor();
          // Once the start's calendar has closed and the end's has opened (their transitions over).
          await expect
            .poll(() =>
              page.locator(".mantine-Popover-dropdown").evaluateAll((nodes) =>
                nodes
                  .map((node) => (globalThis as unknown as { getComputedStyle(n: unknown): { opacity: string; display: string } }).getComputedStyle(node))
                  .filter((style) => style.display !== "none")
                  .map((style) => style.opacity),
              ),
            )
            .toEqual(["1"]);
          expect((await weekdays.first().innerText()).trim()).toBe(FIRST_WEEKDAY[language]);
          await screenshot(page, `date-field-${language}-${viewport.width}`);
          await form.getByTestId("meeting-end").fill(typedDateTime(language, `${day}T17:00`));
          await form.getByTestId("meeting-title-en").click();
          await form.getByTestId("submit-meeting").click();
          await expect.poll(() => sent).not.toBeNull();
          // What goes to the API is the instant at the venue (UTC+6), whatever the language it was typed in.
          expect(sent).toMatchObject({ start: `${day}T09:30:00+06:00`, end: `${day}T17:00:00+06:00` });
          expect(await missingKeys(page)).toEqual([]);
          expect(errors.filter((error) => !error.includes("400"))).toEqual([]);
        } finally {
          await context.close();
        }
      }
    }
  });

  it("verifies a badge by its QR code's address, signed out, on a phone, in each language; an unknown code is not valid", { timeout: 120_000 }, async () => {
    expect(meetingId).toBeDefined();
    const secretariat = await signInOverHttp(server.baseUrl);
    const meeting = (await (await secretariat("GET", `/api/v1/meetings/${meetingId}`)).json()) as {
      accreditation: { delegation: string; state: string; delegates: { name: Record<string, string>; badge: string | null }[] }[];
    };
    const kazakh = meeting.accreditation.find((list) => list.delegation === "KZ" && list.state === "approved")!.delegates[0]!;
    expect(kazakh.badge).toMatch(/^[0-9a-f]{32}$/);
    for (const language of LANGUAGES) {
      const { context, page, errors } = await openPortal(browser, { locale: BROWSER_LOCALE[language], viewport: PHONE_390 });
      try {
        await page.goto(`${server.baseUrl}/verify/${kazakh.badge}`);
        await expect.poll(() => page.getByTestId("verdict").getAttribute("data-verdict")).toBe("valid");
        const field = language === "zh-CN" ? "zh" : language;
        expect(await page.getByTestId("verify-name").innerText()).toContain(kazakh.name[field]);
        expect(await missingKeys(page)).toEqual([]);
        await screenshot(page, `verify-e2e-${language}-390`);
        await page.goto(`${server.baseUrl}/verify/${"0".repeat(32)}`);
        await expect.poll(() => page.getByTestId("verdict").getAttribute("data-verdict")).toBe("unknown");
        expect(errors.filter((error) => !error.includes("404"))).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it("lets the secretariat revoke a badge with a reason and reissue it; the verification page says why, in each language", { timeout: 180_000 }, async () => {
    expect(meetingId).toBeDefined();
    const secretariat = await signInOverHttp(server.baseUrl);
    type Listed = { accreditation: { delegation: string; state: string; delegates: { name: Record<string, string>; badge: string | null }[] }[] };
    const kazakhOf = async () =>
      ((await (await secretariat("GET", `/api/v1/meetings/${meetingId}`)).json()) as Listed).accreditation.find((list) => list.delegation === "KZ" && list.state === "approved")!.delegates[1]!;
    const before = await kazakhOf();
    const token = before.badge!;
    const reasons: Record<string, string> = {};
    for (const language of LANGUAGES) reasons[language] = ((await locale(language)) as unknown as { meetings: { badges: { reasons: Record<string, string> } } }).meetings.badges.reasons.stolen!;

    const { context, page, errors } = await openPortal(browser, { locale: BROWSER_LOCALE.en, viewport: DESKTOP });
    try {
      await signInPage(page, server.baseUrl, "admin@concord.test");
      await page.goto(`${server.baseUrl}/meetings/${meetingId}?tab=accreditation`);
      const row = page.locator('[data-testid="accreditation-list"][data-delegation="KZ"] [data-testid="delegate"]').nth(1);
      await row.getByTestId("revoke-badge").click();
      await page.getByTestId("revocation-reason").selectOption("stolen");
      // The dialog fully shown (its opening transition over) before it is pictured.
      await expect.poll(() => page.locator(".mantine-Modal-content").evaluate((element) => (globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }).getComputedStyle(element).opacity)).toBe("1");
      await screenshot(page, "badge-revoke-dialog-en-1280");
      await page.getByTestId("confirm-revoke").click();
      await row.getByTestId("badge-revoked").waitFor({ timeout: 10_000 });
      expect(await row.getByTestId("badge-revoked").innerText()).toContain(reasons.en);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }

    // The panel in each language, on a desktop and a phone: the revoked badge and why, the actions beside it.
    for (const language of LANGUAGES) {
      for (const viewport of [DESKTOP, PHONE_390]) {
        const { context, page, errors } = await openPortal(browser, { locale: BROWSER_LOCALE[language], viewport });
        try {
          await signInPage(page, server.baseUrl, "admin@concord.test");
          await page.goto(`${server.baseUrl}/meetings/${meetingId}?tab=accreditation`);
          await page.getByTestId("badge-revoked").first().waitFor();
          expect(await page.getByTestId("badge-revoked").first().innerText()).toContain(reasons[language]);
          expect(await missingKeys(page)).toEqual([]);
          expect(await page.locator("main").innerText()).not.toMatch(RAW_KEY_PATTERN);
          await screenshot(page, `badge-revoked-panel-${language}-${viewport.width}`);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      }
    }

    // Scanned, signed out, on a phone: not valid, revoked by the secretariat, and why.
    for (const language of LANGUAGES) {
      const { context, page, errors } = await openPortal(browser, { locale: BROWSER_LOCALE[language], viewport: PHONE_390 });
      try {
        await page.goto(`${server.baseUrl}/verify/${token}`);
        await expect.poll(() => page.getByTestId("verdict").getAttribute("data-verdict")).toBe("invalid");
        expect(await page.getByTestId("verdict-reason").innerText()).toContain(reasons[language]);
        expect(await missingKeys(page)).toEqual([]);
        await screenshot(page, `verify-revoked-${language}-390`);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }

    // Reissued from the panel: a new badge to print, valid; the old code still answers revoked.
    const reissuing = await openPortal(browser, { locale: BROWSER_LOCALE.ru, viewport: DESKTOP });
    try {
      await signInPage(reissuing.page, server.baseUrl, "admin@concord.test");
      await reissuing.page.goto(`${server.baseUrl}/meetings/${meetingId}?tab=accreditation`);
      const row = reissuing.page.locator('[data-testid="accreditation-list"][data-delegation="KZ"] [data-testid="delegate"]').nth(1);
      await row.getByTestId("reissue-badge").click();
      await expect.poll(() => reissuing.page.locator(".mantine-Modal-content").evaluate((element) => (globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }).getComputedStyle(element).opacity)).toBe("1");
      await screenshot(reissuing.page, "badge-reissue-dialog-ru-1280");
      await reissuing.page.getByTestId("confirm-reissue").click();
      await row.getByTestId("badge-link").waitFor({ timeout: 10_000 });
      expect(reissuing.errors).toEqual([]);
    } finally {
      await reissuing.context.close();
    }
    const fresh = (await kazakhOf()).badge!;
    expect(fresh).not.toBe(token);
    expect(((await (await fetch(`${server.baseUrl}/api/v1/badges/${fresh}`)).json()) as { isValid: boolean }).isValid).toBe(true);
    expect(await (await fetch(`${server.baseUrl}/api/v1/badges/${token}`)).json()).toMatchObject({ isValid: false, reason: "revoked", revocation: { reason: "stolen" } });
    // The built server draws the files in its work pool's threads (dist/server/work/worker.js), fonts found from there.
    for (const path of [`/api/v1/meetings/${meetingId}/participants.pdf?lang=ru`, `/api/v1/meetings/${meetingId}/participants.xlsx?lang=zh`, `/api/v1/badges/${fresh}.pdf?lang=en`]) {
      const file = await secretariat("GET", path);
      expect(file.status, path).toBe(200);
      expect((await file.arrayBuffer()).byteLength, path).toBeGreaterThan(1_000);
    }
  });

  it("postpones the meeting, then brings it back confirmed with new dates at the venue", { timeout: 120_000 }, async () => {
    expect(meetingId).toBeDefined();
    const { context, page, errors } = await openPortal(browser, { locale: BROWSER_LOCALE.en, viewport: DESKTOP });
    try {
      await signInPage(page, server.baseUrl, "admin@concord.test");
      await page.goto(`${server.baseUrl}/meetings/${meetingId}`);
      await page.getByTestId("status-choice").selectOption("postponed");
      await page.getByTestId("submit-status").click();
      await expect.poll(() => page.getByTestId("change-dates").innerText()).toBe("New dates");
      await page.getByTestId("change-dates").click();
      const day = dayAhead(40, "").slice(0, 10);
      await page.getByTestId("dates-start").fill(typedDateTime("en", `${day}T09:30`));
      await page.getByTestId("dates-end").fill(typedDateTime("en", `${day}T16:00`));
      await page.getByTestId("dates-resume-as").selectOption("confirmed");
      await screenshot(page, "meeting-new-dates-en-1280");
      await page.getByTestId("submit-dates").click();
      await page.getByTestId("dates-form").waitFor({ state: "detached" });
      const secretariat = await signInOverHttp(server.baseUrl);
      const meeting = (await (await secretariat("GET", `/api/v1/meetings/${meetingId}`)).json()) as { status: string; startDate: string; timeZone: string; start: string };
      expect(meeting).toMatchObject({ status: "confirmed", startDate: day, timeZone: "Asia/Bishkek" });
      // 09:30 in Bishkek (UTC+6) is 03:30 UTC.
      expect(meeting.start).toBe(`${day}T03:30:00.000Z`);
      expect(await page.getByTestId("meeting-when").innerText()).toContain("9:30");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
