// The participants list and badges of a meeting through the API: JSON (cached per meeting version, badge tokens only for
// those who may print them), PDF with its fonts embedded and Chinese, Russian and Kazakh names as real text, CSV, XLSX,
// a badge whose QR code is the verification address, and the verification answer. Needs poppler-utils (pdffonts,
// pdftotext, pdftoppm); the PNG renderings are left in test-results/screenshots/ to be looked at.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Delegate } from "../../src/domain/meetings/accreditation.js";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import type { Database } from "../../src/server/platform/db/client.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { qrMatrix } from "../../src/server/meetings/exports/badge-document.js";
import { BADGE_PAGE, BADGE_QR } from "../../src/server/meetings/exports/badge-pdf.js";
import { meetingAccreditations, meetingBadges, meetingInvitations, meetings } from "../../src/server/meetings/tables.js";
import { prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { testDatabases } from "./databases.js";
import { answersWhileHeld, workGate } from "./responsiveness.js";
import { SessionClient } from "./session-client.js";

const SCREENSHOTS = resolve("test-results/screenshots");
const PUBLIC_URL = "https://concord.example.org";

/** The poppler tools these tests read PDFs with; a clear failure when they are missing. */
function poppler(tool: "pdffonts" | "pdftotext" | "pdftoppm", args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: "utf8" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(`${tool} is missing: install poppler-utils (apt-get install poppler-utils; .ci/run does) to check the PDFs.`);
    }
    throw error;
  }
}

const MEETING_ID = "cmfa-exports-test";
const TITLE = {
  zh: "上海合作组织成员国外交部长理事会会议（测试）",
  ru: "Заседание Совета министров иностранных дел (тест)",
  en: "Meeting of the Council of Ministers of Foreign Affairs (test)",
};

const WANG_YI: Delegate = { name: { zh: "王毅", ru: "Ван И", en: "Wang Yi" }, function: { zh: "外交部长", ru: "Министр иностранных дел", en: "Minister of Foreign Affairs" }, rank: "minister" };
const LAVROV: Delegate = { name: { ru: "Сергей Лавров", en: "Sergey Lavrov", zh: "谢尔盖·拉夫罗夫" }, function: { ru: "Министр иностранных дел" }, rank: "minister" };
const RU_INTERPRETER: Delegate = { name: { ru: "Анна Петрова", en: "Anna Petrova" }, function: { ru: "Переводчик" }, rank: "interpreter" };
const NURTLEU: Delegate = { name: { kk: "Мұрат Нұртілеу", ru: "Мурат Нуртлеу", en: "Murat Nurtleu" }, function: { en: "Minister of Foreign Affairs" }, rank: "minister" };
const KZ_PRESS: Delegate = { name: { en: "Aigerim Seitqali" }, function: { en: "Press officer" }, rank: "press" };
const KZ_PENDING: Delegate = { name: { en: "Daniyar Pending" }, function: { en: "Adviser" }, rank: "adviser" };
// Names in right-to-left scripts and with emoji, for a meeting of their own.
const RTL_MEETING = "cmfa-rtl-test";
const ARABIC: Delegate = { name: { ar: "محمد بن سلمان آل سعود", en: "Mohammed bin Salman Al Saud" }, function: { ar: "ولي العهد", en: "Crown Prince" }, rank: "head_of_state_or_government" };
const HEBREW: Delegate = { name: { he: "יצחק הרצוג", en: "Isaac Herzog" }, function: { en: "Observer" }, rank: "ambassador" };
const EMOJI: Delegate = { name: { en: "Aigul 🌷 Nurlanova 👩🏽‍💻", ru: "Айгуль 🇰🇿 Нурланова" }, function: { en: "Press officer" }, rank: "press" };

describe.each(testDatabases)("participants and badges on $name", (testDb) => {
  let clock = new Date("2025-07-15T06:00:00Z");
  let database: Database;
  let app: FastifyInstance;
  let dispose: () => Promise<void>;
  let admin: SessionClient;
  const heads = new Map<string, SessionClient>();
  const tokens = new Map<string, string>();
  let work: string;
  const gate = workGate();

  async function head(code: string): Promise<SessionClient> {
    let client = heads.get(code);
    if (!client) {
      client = new SessionClient(app, `192.0.2.${heads.size + 60}`);
      expect((await client.signIn(demoHeadEmail(code), DEMO_PASSWORD)).statusCode).toBe(200);
      heads.set(code, client);
    }
    return client;
  }

  async function bumpVersion(): Promise<void> {
    const [row] = await database.db.select({ version: meetings.version }).from(meetings).where(eq(meetings.id, MEETING_ID));
    await database.db.update(meetings).set({ version: row!.version + 1, updatedAt: clock }).where(eq(meetings.id, MEETING_ID));
  }

  async function addList(id: string, delegation: string, state: string, delegates: Delegate[], createdAt: Date): Promise<void> {
    await database.db.insert(meetingAccreditations).values({ id, meetingId: MEETING_ID, delegation, state, delegates, createdAt, updatedAt: createdAt });
    if (state !== "approved") return;
    await database.db.insert(meetingBadges).values(
      delegates.map((d, index) => {
        const token = randomBytes(16).toString("hex");
        tokens.set(d.name.en ?? d.name.ru ?? "", token);
        return { token, meetingId: MEETING_ID, listId: id, delegateIndex: index, issuedAt: createdAt };
      }),
    );
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "concord-exports-"));
    mkdirSync(SCREENSHOTS, { recursive: true });
    const created = await testDb.create();
    ({ database, dispose } = created);
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    await prepareDemoAccounts(database, clock);
    const at = new Date("2025-06-01T00:00:00Z");
    await database.db.insert(meetings).values({
      id: MEETING_ID,
      body: "CMFA",
      title: TITLE,
      start: new Date("2025-07-15T01:00:00Z"),
      end: new Date("2025-07-16T09:00:00Z"),
      timeZone: "Asia/Shanghai",
      startDate: "2025-07-15",
      endDate: "2025-07-16",
      timePrecision: "instant",
      format: "in_person",
      city: { zh: "天津", ru: "Тяньцзинь", en: "Tianjin" },
      venueState: "CN",
      host: "CN",
      chair: "CN",
      status: "confirmed",
      origin: "secretariat",
      createdAt: at,
      updatedAt: at,
    });
    await database.db.insert(meetingInvitations).values(["CN", "RU", "KZ"].map((party) => ({ meetingId: MEETING_ID, party, basis: "by_right", quota: 10, invitedAt: at })));
    await addList("list-kz-1", "KZ", "approved", [NURTLEU, KZ_PRESS], new Date("2025-06-02T00:00:00Z"));
    await addList("list-kz-2", "KZ", "submitted", [KZ_PENDING], new Date("2025-06-03T00:00:00Z"));
    await addList("list-ru-1", "RU", "approved", [LAVROV, RU_INTERPRETER], new Date("2025-06-02T00:00:00Z"));
    await addList("list-cn-1", "CN", "approved", [WANG_YI], new Date("2025-06-04T00:00:00Z"));
    app = await buildApp({ database, now: () => clock, publicUrl: PUBLIC_URL, work: { gate: gate.gate } });
    admin = new SessionClient(app, "192.0.2.50");
    expect((await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD)).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  describe("the participants list as JSON", () => {
    it("lists the approved delegates in the registry's order of delegations, with every badge token for the secretariat", async () => {
      const response = await admin.request("GET", `/api/v1/meetings/${MEETING_ID}/participants`);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.meeting).toBe(MEETING_ID);
      expect(body.items.map((p: { name: { en: string } }) => p.name.en)).toEqual(["Wang Yi", "Sergey Lavrov", "Anna Petrova", "Murat Nurtleu", "Aigerim Seitqali"]);
      expect(body.items.every((p: { badge: string | null }) => typeof p.badge === "string")).toBe(true);
      expect(body.items[0]).toEqual({ delegation: "CN", name: WANG_YI.name, function: WANG_YI.function, rank: "minister", badge: tokens.get("Wang Yi") });
    });

    it("shows an invited delegation the list with only its own delegates' badge tokens", async () => {
      const kz = await head("KZ");
      const items = (await kz.request("GET", `/api/v1/meetings/${MEETING_ID}/participants`)).json().items as { delegation: string; badge: string | null }[];
      expect(items).toHaveLength(5);
      expect(items.filter((p) => p.badge !== null).map((p) => p.delegation)).toEqual(["KZ", "KZ"]);
    });

    it("refuses a delegation that is not invited (403), the public (401) and an unknown meeting (404)", async () => {
      const mongolia = await head("MN");
      const refused = await mongolia.request("GET", `/api/v1/meetings/${MEETING_ID}/participants`);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: "forbidden", right: "meeting.participants" });
      expect((await app.inject({ method: "GET", url: `/api/v1/meetings/${MEETING_ID}/participants` })).statusCode).toBe(401);
      expect((await app.inject({ method: "GET", url: `/api/v1/meetings/${MEETING_ID}/participants.pdf` })).statusCode).toBe(401);
      const missing = await admin.request("GET", "/api/v1/meetings/no-such-meeting/participants.csv");
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe("not-found");
      const bad = await admin.request("GET", `/api/v1/meetings/${MEETING_ID}/participants.pdf?lang=fr`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe("invalid-request");
    });

    it("answers 304 to a caller that has the current list, and reads the list again once the meeting's version grows", async () => {
      const first = await admin.request("GET", `/api/v1/meetings/${MEETING_ID}/participants`);
      const etag = first.headers.etag as string;
      expect((await admin.request("GET", `/api/v1/meetings/${MEETING_ID}/participants`, undefined, { headers: { "if-none-match": etag } })).statusCode).toBe(304);
      // A list approved behind the cache's back is not seen until the meeting's version says something changed.
      await database.db.update(meetingAccreditations).set({ state: "approved" }).where(eq(meetingAccreditations.id, "list-kz-2"));
      expect((await admin.request("GET", `/api/v1/meetings/${MEETING_ID}/participants`)).json().items).toHaveLength(5);
      await bumpVersion();
      const after = await admin.request("GET", `/api/v1/meetings/${MEETING_ID}/participants`, undefined, { headers: { "if-none-match": etag } });
      expect(after.statusCode).toBe(200);
      expect(after.json().items.map((p: { name: { en: string } }) => p.name.en)).toContain("Daniyar Pending");
      await database.db.update(meetingAccreditations).set({ state: "submitted" }).where(eq(meetingAccreditations.id, "list-kz-2"));
      await bumpVersion();
      expect((await admin.request("GET", `/api/v1/meetings/${MEETING_ID}/participants`)).json().items).toHaveLength(5);
    });
  });

  describe("the participants list as files", () => {
    it("is a PDF with its fonts embedded, the Chinese, Russian and Kazakh names as text, in the language asked for", async () => {
      const response = await admin.request("GET", `/api/v1/meetings/${MEETING_ID}/participants.pdf?lang=zh`);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toBe("application/pdf");
      expect(response.headers["content-disposition"]).toContain(`filename="participants-${MEETING_ID}-zh.pdf"`);
      const file = join(work, "participants-zh.pdf");
      writeFileSync(file, response.rawPayload);
      const fonts = poppler("pdffonts", [file]);
      // Every font in the file is embedded (the "emb" column) and subset: none is left to the reader's machine.
      const rows = fonts.split("\n").slice(2).filter((line) => line.trim() !== "");
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const row of rows) expect(row).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$/);
      expect(fonts).toMatch(/\+NotoSansSC-Regular/);
      expect(fonts).toMatch(/\+NotoSans-(Regular|Bold)/);
      const text = pdfText(file);
      for (const expected of ["王毅", "Сергей Лавров", "谢尔盖·拉夫罗夫", "Мұрат Нұртілеу", "Murat Nurtleu", "Aigerim Seitqali", TITLE.zh, "与会者名单", "中国", "俄罗斯", "哈萨克斯坦", "部长", "翻译", "第1页，共1页"]) {
        expect(text).toContain(expected);
      }
      expect(text).not.toContain("Daniyar Pending");
      poppler("pdftoppm", ["-png", "-r", "80", file, join(SCREENSHOTS, `participants-zh-${testDb.name}`)]);
    });

    it("takes the reader's language from Accept-Language when no lang is given", async () => {
      const response = await admin.request("GET", `/api/v1/meetings/${MEETING_ID}/participants.pdf`, undefined, { headers: { "accept-language": "ru-RU,ru;q=0.9,en;q=0.5" } });
      expect(response.headers["content-disposition"]).toContain(`participants-${MEETING_ID}-ru.pdf`);
      const file = join(work, "participants-ru.pdf");
      writeFileSync(file, response.rawPayload);
      const text = pdfText(file);
      for (const expected of ["Список участников", TITLE.ru, "Россия", "Казахстан", "Переводчик", "Стр. 1 из 1", "王毅"]) expect(text).toContain(expected);
      poppler("pdftoppm", ["-png", "-r", "80", file, join(SCREENSHOTS, `participants-ru-${testDb.name}`)]);
    });

    it("is a CSV Excel opens as UTF-8: a byte-order mark, one column per language of the names", async () => {
      const response = await admin.request("GET", `/api/v1/meetings/${MEETING_ID}/participants.csv?lang=en`);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
      expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const records = parse(response.rawPayload.toString("utf8").slice(1), { columns: true }) as Record<string, string>[];
      expect(Object.keys(records[0]!)).toEqual(["No.", "Delegation code", "Delegation", "Name (English)", "Name (Chinese)", "Name (Russian)", "Name (Kazakh)", "Function", "Rank", "Badge"]);
      expect(records).toHaveLength(5);
      expect(records[0]).toMatchObject({ "Delegation code": "CN", "Name (Chinese)": "王毅", Rank: "Minister" });
      expect(records.find((r) => r["Name (English)"] === "Murat Nurtleu")).toMatchObject({ "Name (Kazakh)": "Мұрат Нұртілеу", "Name (Russian)": "Мурат Нуртлеу" });
      expect(records.find((r) => r["Name (Russian)"] === "Сергей Лавров")?.Badge).toBe(tokens.get("Sergey Lavrov"));
    });

    it("is an XLSX workbook that reads back with the same names", async () => {
      const kz = await head("KZ");
      const response = await kz.request("GET", `/api/v1/meetings/${MEETING_ID}/participants.xlsx?lang=ru`);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.name).toBe("Список участников");
      const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? "" : String(v)));
      const header = values(1);
      expect(header).toContain("Ф. И. О. (китайский)");
      const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => values(i + 2));
      const cells = rows.flat();
      for (const name of ["王毅", "Сергей Лавров", "Мұрат Нұртілеу", "Aigerim Seitqali"]) expect(cells).toContain(name);
      // A delegation sees its own delegates' badge tokens, and nobody else's.
      const badge = header.indexOf("Бейдж");
      expect(rows.filter((r) => r[badge] !== "").map((r) => r[header.indexOf("Код делегации")])).toEqual(["KZ", "KZ"]);
    });
  });

  describe("rendering in the work pool, once per content", () => {
    it("renders the PDF in a worker while /api/health answers, and a version bump that changes nothing printed re-uses it", async () => {
      const pool = app.services.work;
      const url = `/api/v1/meetings/${MEETING_ID}/participants.pdf?lang=en`;
      const first = await answersWhileHeld(app, gate, () => admin.request("GET", url));
      expect(first.statusCode).toBe(200);
      const renders = pool.stats().completed;
      // Any change to the meeting raises its version; one that leaves the list and its header as they were renders nothing.
      await bumpVersion();
      await bumpVersion();
      const again = await admin.request("GET", url);
      expect(again.statusCode).toBe(200);
      expect(pool.stats().completed).toBe(renders);
      expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
      // A change to what is printed (a list approved) is rendered anew, once.
      await database.db.update(meetingAccreditations).set({ state: "approved" }).where(eq(meetingAccreditations.id, "list-kz-2"));
      await bumpVersion();
      const changed = await admin.request("GET", url);
      expect(pool.stats().completed).toBe(renders + 1);
      expect(pdfTextOf(changed.rawPayload, "changed")).toContain("Daniyar Pending");
      await admin.request("GET", url);
      expect(pool.stats().completed).toBe(renders + 1);
      await database.db.update(meetingAccreditations).set({ state: "submitted" }).where(eq(meetingAccreditations.id, "list-kz-2"));
      await bumpVersion();
    });

    it("renders the workbook and a badge in a worker too", async () => {
      const xlsx = await answersWhileHeld(app, gate, () => admin.request("GET", `/api/v1/meetings/${MEETING_ID}/participants.xlsx?lang=zh`));
      expect(xlsx.statusCode).toBe(200);
      const badge = await answersWhileHeld(app, gate, () => admin.request("GET", `/api/v1/badges/${tokens.get("Wang Yi")}.pdf?lang=en`));
      expect(badge.statusCode).toBe(200);
      expect(badge.headers["content-type"]).toBe("application/pdf");
    });
  });

  describe("names in Arabic, Hebrew and with emoji", () => {
    beforeAll(async () => {
      const at = new Date("2025-06-01T00:00:00Z");
      await database.db.insert(meetings).values({
        id: RTL_MEETING,
        body: "CMFA",
        title: { en: "Meeting with guests (test)", ru: "Заседание с гостями (тест)", zh: "有嘉宾出席的会议（测试）" },
        start: new Date("2025-07-15T01:00:00Z"),
        end: new Date("2025-07-16T09:00:00Z"),
        timeZone: "Asia/Shanghai",
        startDate: "2025-07-15",
        endDate: "2025-07-16",
        timePrecision: "instant",
        format: "in_person",
        city: { en: "Tianjin", ru: "Тяньцзинь", zh: "天津" },
        status: "confirmed",
        origin: "secretariat",
        createdAt: at,
        updatedAt: at,
      });
      await database.db.insert(meetingInvitations).values(["SA", "KZ"].map((party) => ({ meetingId: RTL_MEETING, party, basis: "guest", quota: 10, invitedAt: at })));
      await database.db.insert(meetingAccreditations).values([
        { id: "list-rtl-sa", meetingId: RTL_MEETING, delegation: "SA", state: "approved", delegates: [ARABIC, HEBREW], createdAt: at, updatedAt: at },
        { id: "list-rtl-kz", meetingId: RTL_MEETING, delegation: "KZ", state: "approved", delegates: [EMOJI], createdAt: at, updatedAt: at },
      ]);
      await database.db.insert(meetingBadges).values([
        { token: "a".repeat(32), meetingId: RTL_MEETING, listId: "list-rtl-sa", delegateIndex: 0, issuedAt: at },
        { token: "b".repeat(32), meetingId: RTL_MEETING, listId: "list-rtl-sa", delegateIndex: 1, issuedAt: at },
        { token: "c".repeat(32), meetingId: RTL_MEETING, listId: "list-rtl-kz", delegateIndex: 0, issuedAt: at },
      ]);
    });

    it("prints them with the Arabic, Hebrew and emoji fonts embedded, and gives them back as text", async () => {
      for (const language of ["en", "ru", "zh"] as const) {
        const response = await admin.request("GET", `/api/v1/meetings/${RTL_MEETING}/participants.pdf?lang=${language}`);
        expect(response.statusCode).toBe(200);
        const file = join(work, `participants-rtl-${language}.pdf`);
        writeFileSync(file, response.rawPayload);
        const fonts = poppler("pdffonts", [file]);
        for (const face of ["NotoSansArabic-Regular", "NotoSansHebrew-Regular", "NotoEmoji-Regular"]) expect(fonts).toContain(`+${face}`);
        const text = pdfText(file);
        // pdftotext puts right-to-left text back in reading order only when it was drawn right to left.
        for (const expected of ["محمد بن سلمان آل سعود", "יצחק הרצוג", "Isaac Herzog", "Nurlanova", "Айгуль"]) expect(text).toContain(expected);
        poppler("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", file, join(SCREENSHOTS, `participants-rtl-${language}-${testDb.name}`)]);
      }
      const badge = await admin.request("GET", `/api/v1/badges/${"a".repeat(32)}.pdf?lang=ru`);
      expect(badge.statusCode).toBe(200);
      const file = join(work, "badge-ar.pdf");
      writeFileSync(file, badge.rawPayload);
      expect(pdfText(file)).toContain("محمد بن سلمان آل سعود");
      poppler("pdftoppm", ["-png", "-r", "80", file, join(SCREENSHOTS, `badge-ar-ru-${testDb.name}`)]);
    });
  });

  describe("badges", () => {
    it("prints a delegate's badge for its delegation, its QR code the verification address at the public URL", async () => {
      const token = tokens.get("Murat Nurtleu")!;
      const kz = await head("KZ");
      const response = await kz.request("GET", `/api/v1/badges/${token}.pdf?lang=ru`);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toBe("application/pdf");
      const file = join(work, "badge.pdf");
      writeFileSync(file, response.rawPayload);
      expect(poppler("pdffonts", [file])).toMatch(/\+NotoSans-Bold\s.*yes\s+yes\s+yes/);
      const text = pdfText(file);
      for (const expected of ["Мурат Нуртлеу", "Мұрат Нұртілеу", "Murat Nurtleu", "Казахстан", TITLE.ru, "Министр", "Отсканируйте для проверки"]) expect(text).toContain(expected);
      poppler("pdftoppm", ["-png", "-r", "80", file, join(SCREENSHOTS, `badge-ru-${testDb.name}`)]);

      // The QR code drawn is the one for the verification address: each module's centre, read from a rendering.
      expect(qrMismatches(file, `${PUBLIC_URL}/verify/${token}`)).toBe(0);
    });

    it("is printed for the secretariat, refused to another delegation (403) and to the public (401)", async () => {
      const token = tokens.get("Wang Yi")!;
      const response = await admin.request("GET", `/api/v1/badges/${token}.pdf?lang=zh`);
      expect(response.statusCode).toBe(200);
      const file = join(work, "badge-zh.pdf");
      writeFileSync(file, response.rawPayload);
      const text = pdfText(file);
      for (const expected of ["王毅", "Ван И", "中国", "外交部长", "扫码核验证件"]) expect(text).toContain(expected);
      poppler("pdftoppm", ["-png", "-r", "80", file, join(SCREENSHOTS, `badge-zh-${testDb.name}`)]);
      const kz = await head("KZ");
      const refused = await kz.request("GET", `/api/v1/badges/${token}.pdf`);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().right).toBe("badge.print");
      expect((await app.inject({ method: "GET", url: `/api/v1/badges/${token}.pdf` })).statusCode).toBe(401);
    });

    it("builds the QR code's address from configuration, never from the request's Host header", async () => {
      const token = tokens.get("Wang Yi")!;
      const forged = { host: "attacker.example:8080", "x-forwarded-host": "attacker.example" };
      // With PUBLIC_URL: its address, whatever Host the request names.
      const configured = await admin.request("GET", `/api/v1/badges/${token}.pdf`, undefined, { headers: forged });
      expect(configured.statusCode).toBe(200);
      const configuredFile = join(work, "badge-forged-host.pdf");
      writeFileSync(configuredFile, configured.rawPayload);
      expect(qrMismatches(configuredFile, `${PUBLIC_URL}/verify/${token}`)).toBe(0);
      // Without it: http://localhost:PORT, as the README says, not the Host header.
      const local = await buildApp({ database, now: () => clock });
      try {
        const client = new SessionClient(local, "192.0.2.90");
        await client.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
        const response = await client.request("GET", `/api/v1/badges/${token}.pdf`, undefined, { headers: forged });
        expect(response.statusCode).toBe(200);
        const file = join(work, "badge-local.pdf");
        writeFileSync(file, response.rawPayload);
        expect(qrMismatches(file, `http://localhost:3000/verify/${token}`)).toBe(0);
        expect(qrMismatches(file, `http://attacker.example:8080/verify/${token}`)).toBeGreaterThan(0);
      } finally {
        await local.close();
      }
    });

    it("is never kept by a browser or a proxy, nor is the participants list in any form (no-store)", async () => {
      const kz = await head("KZ");
      const token = tokens.get("Murat Nurtleu")!;
      for (const url of [
        `/api/v1/meetings/${MEETING_ID}/participants`,
        `/api/v1/meetings/${MEETING_ID}/participants.pdf?lang=en`,
        `/api/v1/meetings/${MEETING_ID}/participants.csv?lang=en`,
        `/api/v1/meetings/${MEETING_ID}/participants.xlsx?lang=en`,
        `/api/v1/badges/${token}.pdf?lang=en`,
        `/api/v1/badges/${token}`,
      ]) {
        for (const client of [admin, kz]) {
          const response = await client.request("GET", url);
          expect(response.statusCode, url).toBe(200);
          expect(response.headers["cache-control"], url).toBe("no-store");
        }
      }
      // Even the answer that tells a browser its copy is current.
      const first = await kz.request("GET", `/api/v1/meetings/${MEETING_ID}/participants`);
      const again = await kz.request("GET", `/api/v1/meetings/${MEETING_ID}/participants`, undefined, { headers: { "if-none-match": String(first.headers.etag) } });
      expect(again.statusCode).toBe(304);
      expect(again.headers["cache-control"]).toBe("no-store");
    });

    it("is verified by anyone: valid during the meeting, expired after it and its grace, not approved once its list is returned, void when cancelled", async () => {
      const token = tokens.get("Sergey Lavrov")!;
      const verify = () => app.inject({ method: "GET", url: `/api/v1/badges/${token}` });
      clock = new Date("2025-07-15T06:00:00Z");
      const valid = await verify();
      expect(valid.statusCode).toBe(200);
      expect(valid.json()).toMatchObject({
        isValid: true,
        reason: null,
        validUntil: "2025-07-16T15:00:00.000Z",
        checkedAt: "2025-07-15T06:00:00.000Z",
        meeting: { id: MEETING_ID, title: TITLE, timeZone: "Asia/Shanghai", startDate: "2025-07-15", endDate: "2025-07-16", isDemo: false },
        delegation: { code: "RU", names: { ru: "Россия", zh: "俄罗斯", en: "Russia" } },
        delegate: { name: LAVROV.name, rank: "minister" },
      });

      clock = new Date("2025-07-16T14:59:00Z");
      expect((await verify()).json().isValid).toBe(true);
      clock = new Date("2025-07-16T15:00:00Z");
      expect((await verify()).json()).toMatchObject({ isValid: false, reason: "expired" });

      clock = new Date("2025-07-15T06:00:00Z");
      await database.db.update(meetingAccreditations).set({ state: "returned" }).where(eq(meetingAccreditations.id, "list-ru-1"));
      expect((await verify()).json()).toMatchObject({ isValid: false, reason: "not-approved", delegate: { name: LAVROV.name } });
      const kzToken = tokens.get("Murat Nurtleu")!;
      await database.db.update(meetings).set({ status: "cancelled" }).where(eq(meetings.id, MEETING_ID));
      expect((await app.inject({ method: "GET", url: `/api/v1/badges/${kzToken}` })).json()).toMatchObject({ isValid: false, reason: "meeting-cancelled" });
      // A badge of a list no longer approved is not printed either.
      const refused = await admin.request("GET", `/api/v1/badges/${token}.pdf`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe("invalid-state");
      await database.db.update(meetings).set({ status: "confirmed" }).where(eq(meetings.id, MEETING_ID));
      await database.db.update(meetingAccreditations).set({ state: "approved" }).where(eq(meetingAccreditations.id, "list-ru-1"));
    });

    it("answers 404 problems for an unknown or malformed token", async () => {
      for (const token of ["AAAAAAAAAAAAAAAAAAAAAAAA", "not a token!", "x"]) {
        const response = await app.inject({ method: "GET", url: `/api/v1/badges/${encodeURIComponent(token)}` });
        expect(response.statusCode, token).toBe(404);
        expect(response.headers["content-type"]).toContain("application/problem+json");
        expect(response.json().code).toBe("not-found");
      }
      expect((await admin.request("GET", "/api/v1/badges/AAAAAAAAAAAAAAAAAAAAAAAA.pdf")).statusCode).toBe(404);
    });
  });
});

/** The text of PDF bytes, written to a temporary file first. */
function pdfTextOf(bytes: Buffer, name: string): string {
  const file = join(tmpdir(), `concord-${name}-${process.pid}.pdf`);
  writeFileSync(file, bytes);
  try {
    return pdfText(file);
  } finally {
    rmSync(file, { force: true });
  }
}

/** The text of a PDF as pdftotext extracts it, each run of white space (a wrapped line) one space. */
function pdfText(file: string): string {
  return poppler("pdftotext", ["-enc", "UTF-8", file, "-"]).replace(/\s+/g, " ");
}

/**
 * How many modules of the QR code drawn on the badge in `file` differ from the QR code of `text`: the badge rendered in
 * grey at 288 dpi, each module read at its centre (where the layout puts the code).
 */
function qrMismatches(file: string, text: string): number {
  const expected = qrMatrix(text);
  const dpi = 288;
  const scale = dpi / 72;
  const base = file.replace(/\.pdf$/, "");
  poppler("pdftoppm", ["-gray", "-r", String(dpi), "-singlefile", file, base]);
  const image = readPgm(readFileSync(`${base}.pgm`));
  expect(image.width).toBe(Math.round(BADGE_PAGE.width * scale));
  const module = BADGE_QR.size / (expected.size + 8);
  let mismatches = 0;
  for (let row = 0; row < expected.size; row += 1) {
    for (let column = 0; column < expected.size; column += 1) {
      const x = Math.round((BADGE_QR.x + (4 + column + 0.5) * module) * scale);
      const y = Math.round((BADGE_QR.y + (4 + row + 0.5) * module) * scale);
      if (image.pixels[y * image.width + x]! < 128 !== expected.isDark(row, column)) mismatches += 1;
    }
  }
  return mismatches;
}

/** A binary greyscale PGM (P5), as `pdftoppm -gray` writes it. */
function readPgm(bytes: Buffer): { width: number; height: number; pixels: Uint8Array } {
  const header: string[] = [];
  let offset = 0;
  while (header.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[offset]!))) offset += 1;
    if (bytes[offset] === 0x23) {
      while (bytes[offset] !== 0x0a) offset += 1;
      continue;
    }
    let token = "";
    while (!/\s/.test(String.fromCharCode(bytes[offset]!))) token += String.fromCharCode(bytes[offset++]!);
    header.push(token);
  }
  if (header[0] !== "P5") throw new Error(`not a binary PGM: ${header[0]}`);
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: bytes.subarray(offset + 1, offset + 1 + width * height) };
}
