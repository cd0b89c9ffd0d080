// The chair's programme through the API, on PGlite and PostgreSQL: the dataset's sourced events and reported count; an XLSX
// and a CSV imported; a file with a bad row, a missing or an unknown column refused naming the row and the column, with
// nothing changed; exports that import again; who may import; hostile spreadsheets (ZIP bombs, a million columns or rows,
// a huge cell, thousands of entries) refused at a bound while the server keeps answering; and the iCalendar feeds, read
// back with a standard parser.
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import type { Database } from "../../src/server/platform/db/client.js";
import { readEvents } from "../../src/server/platform/events/log.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { farRightColumn, longCellCsv, longCsv, manyEntries, wideCsv, zipBomb } from "../fixtures/programme/hostile-spreadsheets.js";
import { testDatabases } from "./databases.js";
import { answersWhileHeld, workGate } from "./responsiveness.js";
import { SessionClient } from "./session-client.js";

const TODAY = new Date("2026-11-25T12:00:00Z");
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const HEADER = ["title_zh", "title_ru", "title_en", "start", "end", "city_zh", "city_ru", "city_en", "track", "kind", "organizer_zh", "organizer_ru", "organizer_en", "status", "meeting"];
const PROGRAMME = "/api/v1/chairmanship/chair-2025/programme";

type Row = (string | number | Date | null)[];

/** A row under HEADER from the values given by column name. */
function row(values: Partial<Record<string, string | number | Date>>): Row {
  return HEADER.map((column) => values[column] ?? null);
}

const GOOD_ROWS: Row[] = [
  row({ title_zh: "青年论坛", title_ru: "Молодёжный форум", title_en: "Youth forum", start: new Date(Date.UTC(2024, 9, 12)), city_en: "Qingdao", track: "people", kind: "forum", status: "held" }),
  row({ title_en: "Expert meeting on trade", start: "2025-03", track: "economic", kind: "expert", status: "held" }),
  row({ title_ru: "Совместные учения", title_en: "Joint exercise", start: 2025, track: "security", kind: "exercise", status: "planned" }),
  row({ title_en: "Film festival", start: "2025-06-01", end: "2025-06-05", track: "people", kind: "festival", organizer_en: "Ministry of Culture", status: "cancelled" }),
];

async function workbook(rows: readonly Row[], header: readonly string[] = HEADER): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("programme");
  sheet.addRow([...header]);
  for (const r of rows) sheet.addRow([...r]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function csv(rows: readonly (readonly (string | number | null)[])[], delimiter = ","): string {
  return rows.map((r) => r.map((v) => (v === null ? "" : /[",;\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v))).join(delimiter)).join("\n");
}

interface ProgrammeAnswer {
  term: { id: string; slogan: Record<string, string> | null; themedYear: Record<string, string> | null; reportedEvents: { count: number; qualifier: string; source: string } | null };
  events: { id: string; title: Record<string, string>; start: string; end: string | null; track: string; kind: string; status: string; origin: string; source: string | null; meeting: string | null }[];
  progress: { total: number; held: number; byStatus: Record<string, number>; months: { month: string; total: number; held: number }[]; yearOnly: { year: number; total: number }[]; tracks: { track: string; total: number }[] };
}

/** The calendar as a standard parser reads it, its zones registered first. */
function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  return { calendar, events: calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v)) };
}

describe.each(testDatabases)("the chair's programme on $name", (testDb) => {
  let app: FastifyInstance;
  let dispose: () => Promise<void>;
  let database: Database;
  let admin: SessionClient;
  const anonymous = () => new SessionClient(app, "203.0.113.80");

  const send = (client: SessionClient, body: Buffer | string, type: string, query = "", term = "chair-2025") =>
    client.request("POST", `/api/v1/chairmanship/${term}/programme/import${query}`, body, { headers: { "content-type": type } });
  const programme = async (): Promise<ProgrammeAnswer> => {
    const response = await app.inject({ method: "GET", url: PROGRAMME });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    const created = await testDb.create();
    dispose = created.dispose;
    database = created.database;
    await created.database.migrate();
    expect(await seedIfEmpty(created.database, DEFAULT_DATASET)).toBe(true);
    expect(await prepareDemoAccounts(created.database, TODAY)).toBe(true);
    app = await buildApp({ database: created.database, now: () => TODAY, cookieSecret: "x".repeat(40) });
    admin = new SessionClient(app, "203.0.113.81");
    expect((await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD)).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  it("serves China's term with its slogan, themed year, the count the article reports, and only the sourced events", async () => {
    const answer = await programme();
    expect(answer.term.slogan?.en).toBe("Upholding the Shanghai Spirit: the SCO in action");
    expect(answer.term.themedYear?.zh).toBe("上合组织可持续发展年");
    expect(answer.term.reportedEvents).toEqual({ count: 100, qualifier: "more_than", source: "seed" });
    expect(answer.events.map((e) => [e.id, e.start, e.end, e.track, e.kind, e.status, e.meeting, e.source, e.origin])).toEqual([
      ["chair-2025-friendship-trees", "2025-04", null, "people", "exchange", "held", null, "seed", "dataset"],
      ["chair-2025-cmfa-2025-07", "2025-07", null, "institutional", "ministerial", "held", "CMFA-2025-07", "seed", "dataset"],
      ["chair-2025-tianjin-summit", "2025-08-31", "2025-09-01", "institutional", "summit", "held", "CHS-2025", "summit-2025", "dataset"],
    ]);
    expect(answer.progress).toMatchObject({ total: 3, held: 3, yearOnly: [] });
    expect(answer.progress.months.map((m) => m.month)).toHaveLength(15);
    expect(answer.progress.months.filter((m) => m.total > 0).map((m) => m.month)).toEqual(["2025-04", "2025-07", "2025-08"]);
    // The registry's own view of the terms carries the reported count too.
    const chairmanship = (await app.inject({ method: "GET", url: "/api/v1/chairmanship" })).json() as { items: { id: string; reportedEvents: unknown }[] };
    expect(chairmanship.items.find((t) => t.id === "chair-2025")?.reportedEvents).toEqual({ count: 100, qualifier: "more_than", source: "seed" });
    expect((await app.inject({ method: "GET", url: "/api/v1/chairmanship/chair-1999/programme" })).statusCode).toBe(404);
  });

  it("keeps a term's priorities and reported count through a change to the registry", async () => {
    const bundle = (await admin.request("GET", "/api/v1/registry/export")).json() as { chairmanship: { id: string }[] };
    const term = bundle.chairmanship.find((t) => t.id === "chair-2025")!;
    expect(term).toMatchObject({ reportedEvents: { count: 100, qualifier: "more_than", source: "seed" } });
    const priorities = [{ zh: "测试优先方向", ru: "Тестовый приоритет", en: "A test priority" }];
    const changed = await admin.request("POST", "/api/v1/registry/changes", { reason: "test: priorities", changes: [{ put: "chairmanship", record: { ...term, priorities } }] });
    expect(changed.statusCode, changed.body).toBe(200);
    const answer = (await app.inject({ method: "GET", url: PROGRAMME })).json() as ProgrammeAnswer & { term: { priorities: unknown } };
    expect(answer.term.priorities).toEqual(priorities);
    expect(answer.term.reportedEvents).toEqual({ count: 100, qualifier: "more_than", source: "seed" });
    // A reported count citing a source the registry does not have is refused like any other record.
    const refused = await admin.request("POST", "/api/v1/registry/changes", { reason: "test", changes: [{ put: "chairmanship", record: { ...term, reportedEvents: { count: 1, qualifier: "about", source: "nowhere" } } }] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: "body.changes.0.record.reportedEvents.source", code: "registry-inconsistent" })]);
  });

  it("imports an XLSX file beside the dataset's events, audited and announced on the term's live stream", async () => {
    const response = await send(admin, await workbook(GOOD_ROWS), XLSX, "?file=chair-2025.xlsx");
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ dryRun: false, events: 4, replaced: 0 });
    const answer = await programme();
    expect(answer.events).toHaveLength(7);
    const imported = answer.events.filter((e) => e.origin === "chair-2025.xlsx");
    expect(imported.map((e) => [e.title.en, e.start, e.end, e.status])).toEqual([
      ["Youth forum", "2024-10-12", null, "held"],
      ["Joint exercise", "2025", null, "planned"],
      ["Expert meeting on trade", "2025-03", null, "held"],
      ["Film festival", "2025-06-01", "2025-06-05", "cancelled"],
    ]);
    expect(answer.progress).toMatchObject({ total: 7, held: 5, byStatus: { planned: 1, held: 5, postponed: 0, cancelled: 1 } });
    // The event known only to its year is counted apart, in no month.
    expect(answer.progress.yearOnly).toEqual([expect.objectContaining({ year: 2025, total: 1 })]);
    expect(answer.progress.months.reduce((sum, m) => sum + m.total, 0)).toBe(6);
    const audit = (await admin.request("GET", "/api/v1/audit")).json() as { items: { action: string; payload: Record<string, unknown>; targetName: unknown }[] };
    const importEvent = audit.items.find((e) => e.action === "programme.imported");
    expect(importEvent?.payload).toMatchObject({ term: "chair-2025", file: "chair-2025.xlsx", events: 4, replaced: 0 });
    // The trail names the term by its chairing state and dates, never by its identifier.
    expect(importEvent?.targetName).toMatchObject({ kind: "term", names: { en: expect.any(String), ru: expect.any(String), zh: expect.any(String) }, start: "2024-07" });
    const announced = await readEvents(database.db, "programme:chair-2025", 0, 10);
    expect(announced.map((e) => [e.type, e.payload])).toEqual([["programme.imported", { term: "chair-2025", file: "chair-2025.xlsx", events: 4, replaced: 0 }]]);
  });

  it("checks a CSV without importing it on a dry run, then imports it in place of the earlier import", async () => {
    const rows = [HEADER, ...GOOD_ROWS.slice(0, 2).map((r) => r.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)))];
    // Semicolons, as spreadsheet programs write CSV in Russian and other locales.
    const file = csv(rows, ";");
    const dry = await send(admin, file, "text/csv", "?dryRun=true");
    expect(dry.json()).toEqual({ dryRun: true, events: 2, replaced: 4 });
    expect((await programme()).events).toHaveLength(7);
    const done = await send(admin, file, "text/csv; charset=utf-8", "?file=programme.csv");
    expect(done.json()).toEqual({ dryRun: false, events: 2, replaced: 4 });
    const answer = await programme();
    expect(answer.events.map((e) => e.origin).sort()).toEqual(["dataset", "dataset", "dataset", "programme.csv", "programme.csv"]);
  });

  it("refuses a file with bad rows naming each row and column, and changes nothing", async () => {
    const before = await programme();
    const rows = [
      GOOD_ROWS[0]!,
      row({ title_en: "Bad date", start: "2025-02-30", track: "people", kind: "forum", status: "held" }),
      GOOD_ROWS[1]!,
      row({ title_en: "Ends first", start: "2025-05-10", end: "2025-05-01", track: "defence", kind: "forum", status: "held" }),
    ];
    const response = await send(admin, await workbook(rows), XLSX);
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.code).toBe("spreadsheet-invalid");
    expect(problem.detail).toBe("3 errors; nothing was changed.");
    expect(problem.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ["row 3, column start (D)", "bad-date"],
      ["row 5, column end (E)", "end-before-start"],
      ["row 5, column track (I)", "unknown-track"],
    ]);
    expect(await programme()).toEqual(before);
  });

  it("refuses a file missing a required column or holding an unknown one, whole, and changes nothing", async () => {
    const before = await programme();
    const withoutStatus = HEADER.filter((c) => c !== "status");
    const missing = await send(admin, csv([withoutStatus, ["", "", "Forum", "2025", "", "", "", "", "people", "forum", "", "", "", ""]]), "text/csv");
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([expect.objectContaining({ field: "column status", code: "missing-column" })]);
    const unknown = await send(admin, await workbook([[...GOOD_ROWS[0]!, "a note"]], [...HEADER, "notes"]), XLSX);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: "row 1, column notes (P)", code: "unknown-column" })]);
    expect(await programme()).toEqual(before);
  });

  it("refuses what is not a spreadsheet, in a clear way, and changes nothing", async () => {
    const before = await programme();
    const notXlsx = await send(admin, Buffer.from("this is not a workbook"), XLSX);
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().code).toBe("spreadsheet-unreadable");
    const latin1 = await send(admin, Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0xe9, 0x0a]), "text/csv");
    expect(latin1.json()).toMatchObject({ status: 400, code: "spreadsheet-unreadable" });
    const pdf = await send(admin, Buffer.from("%PDF-1.7"), "application/pdf");
    expect(pdf.statusCode).toBe(415);
    const huge = await send(admin, Buffer.alloc(3 * 1024 * 1024, 0x61), "text/csv");
    expect(huge.statusCode).toBe(413);
    expect(await programme()).toEqual(before);
  });

  it("lets the secretariat and the chair import (the chair its own term only), and no one else", async () => {
    const file = csv([HEADER, ["", "", "Kyrgyz forum", "2025-10", "", "", "", "", "people", "forum", "", "", "", "planned", ""]]);
    expect((await send(anonymous(), file, "text/csv")).statusCode).toBe(401);
    const kazakhstan = new SessionClient(app, "203.0.113.82");
    await kazakhstan.signIn(demoHeadEmail("KZ"), DEMO_PASSWORD);
    const refused = await send(kazakhstan, file, "text/csv", "", "chair-2026");
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: "forbidden", right: "programme.import" });
    // Kyrgyzstan chairs today (from September 2025): its own term, not China's.
    const kyrgyzstan = new SessionClient(app, "203.0.113.83");
    await kyrgyzstan.signIn(demoHeadEmail("KG"), DEMO_PASSWORD);
    expect((await send(kyrgyzstan, file, "text/csv", "", "chair-2025")).statusCode).toBe(403);
    const own = await send(kyrgyzstan, file, "text/csv", "?file=kg.csv", "chair-2026");
    expect(own.statusCode, own.body).toBe(200);
    const kg = (await app.inject({ method: "GET", url: "/api/v1/chairmanship/chair-2026/programme" })).json() as ProgrammeAnswer;
    expect(kg.events.map((e) => e.title.en)).toEqual(["Kyrgyz forum"]);
  });

  it("exports CSV and XLSX in the import's columns, which import again as the same events", async () => {
    const fields = (a: ProgrammeAnswer) => a.events.map(({ title, start, end, track, kind, status, meeting }) => ({ title, start, end, track, kind, status, meeting }));
    const before = await programme();
    const csvExport = await app.inject({ method: "GET", url: `${PROGRAMME}.csv` });
    expect(csvExport.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csvExport.body.startsWith(`\uFEFF${HEADER.join(",")}`)).toBe(true);
    const xlsxExport = await app.inject({ method: "GET", url: `${PROGRAMME}.xlsx` });
    expect(xlsxExport.headers["content-type"]).toBe(XLSX);
    expect(xlsxExport.headers["content-disposition"]).toBe('attachment; filename="programme-chair-2025.xlsx"');

    // Imported back, every event is there once more (beside the dataset's, which stay).
    for (const [body, type] of [[csvExport.rawPayload, "text/csv"], [xlsxExport.rawPayload, XLSX]] as const) {
      const again = await send(admin, body, type);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json().events).toBe(before.events.length);
      const after = await programme();
      const imported = after.events.filter((e) => e.origin !== "dataset");
      expect(fields({ ...after, events: imported })).toEqual(fields(before));
    }
  });

  it("lets two imports at once both land, one after the other: the last one's events, never both", async () => {
    const one = csv([HEADER, ["", "", "Import one", "2025-01", "", "", "", "", "people", "forum", "", "", "", "held", ""]]);
    const two = csv([HEADER, ["", "", "Import two", "2025-02", "", "", "", "", "people", "forum", "", "", "", "held", ""], ["", "", "Import two, again", "2025-02", "", "", "", "", "people", "forum", "", "", "", "held", ""]]);
    const answers = await Promise.all([send(admin, one, "text/csv"), send(admin, two, "text/csv")]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    const imported = (await programme()).events.filter((e) => e.origin !== "dataset").map((e) => e.title.en);
    expect([["Import one"], ["Import two", "Import two, again"]]).toContainEqual(imported);
  });

  describe("hostile spreadsheets", () => {
    const GIB = 1024 ** 3;
    const gate = workGate();
    // A process with one worker thread, one job waiting at most, two per caller: the bounds are reached with a few requests.
    let guarded: FastifyInstance;
    let secretariat: SessionClient;

    beforeAll(async () => {
      guarded = await buildApp({ database, now: () => TODAY, cookieSecret: "x".repeat(40), work: { limits: { threads: 1, queue: 1, perCaller: 2 }, gate: gate.gate } });
      secretariat = admin.on(guarded);
    });
    afterAll(async () => {
      gate.open();
      await guarded?.close();
    });

    const HOSTILE = [
      {
        name: "a workbook whose directory says its sheet unpacks to 1,000 bytes while it inflates to 1 GiB",
        body: () => zipBomb(GIB, 1000),
        type: XLSX,
        problem: { code: "spreadsheet-unreadable", detail: expect.stringMatching(/damaged: too many bytes in the stream\. expected 1000/) },
      },
      {
        name: "a workbook whose sheet truly unpacks to 1 GiB",
        body: () => zipBomb(GIB),
        type: XLSX,
        problem: { code: "spreadsheet-unreadable", errors: [{ field: "file", code: "unpacked-too-large", limit: 32 * 1024 * 1024 }] },
      },
      { name: "a CSV with a million-column header", body: () => wideCsv(1_000_000), type: "text/csv", problem: { code: "spreadsheet-unreadable", errors: [{ field: "file", code: "too-many-columns", limit: 26 }] } },
      { name: "a workbook with 9,999 rows in column XFD", body: () => farRightColumn(9_999), type: XLSX, problem: { code: "spreadsheet-unreadable", errors: [{ field: "file", code: "too-many-columns", limit: 26 }] } },
      { name: "a CSV of two million empty rows", body: () => longCsv(2_000_000), type: "text/csv", problem: { code: "spreadsheet-unreadable", errors: [{ field: "file", code: "too-many-sheet-rows", limit: 10_000 }] } },
      {
        name: "a CSV with a cell of a million characters",
        body: () => longCellCsv(1_000_000),
        type: "text/csv",
        problem: { code: "spreadsheet-invalid", errors: [{ field: "row 2, column title_en (C)", code: "too-long", limit: 300 }] },
      },
      { name: "a workbook archive of 5,000 entries", body: () => manyEntries(5_000), type: XLSX, problem: { code: "spreadsheet-unreadable", errors: [{ field: "file", code: "too-many-entries", limit: 1_000 }] } },
    ];

    it.each(HOSTILE)("refuses $name at its bound, answers others meanwhile, and changes nothing", async ({ body, type, problem }) => {
      const before = await programme();
      const file = body();
      expect(file.length).toBeLessThan(2 * 1024 * 1024);
      const response = await answersWhileHeld(guarded, gate, () => send(secretariat, file, type));
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject(problem);
      expect(await programme()).toEqual(before);
    });

    it("checks and imports a good file, and writes the XLSX export, in the work pool", async () => {
      const good = csv([HEADER, ["", "", "Pooled forum", "2025-10", "", "", "", "", "people", "forum", "", "", "", "planned", ""]]);
      const checked = await answersWhileHeld(guarded, gate, () => send(secretariat, good, "text/csv", "?dryRun=true"));
      expect(checked.json()).toMatchObject({ dryRun: true, events: 1 });
      const exported = await answersWhileHeld(guarded, gate, () => guarded.inject({ method: "GET", url: `${PROGRAMME}.xlsx` }));
      expect(exported.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
      expect(book.worksheets[0]?.getRow(1).values).toEqual([undefined, ...HEADER]);
    });

    it("survives three bombs at once: the caller's third is refused 429, another caller's beyond the queue 503, both with Retry-After", async () => {
      const work = guarded.services.work;
      const kyrgyzstan = new SessionClient(guarded, "203.0.113.85");
      expect((await kyrgyzstan.signIn(demoHeadEmail("KG"), DEMO_PASSWORD)).statusCode).toBe(200);
      const bomb = zipBomb(GIB);
      gate.close();
      let held: Promise<Awaited<ReturnType<typeof send>>>[] = [];
      try {
        held = [send(secretariat, bomb, XLSX), send(secretariat, bomb, XLSX)];
        // One job in the thread, one waiting: the process's bound.
        while (work.stats().waiting < 1) await new Promise((resolve) => setTimeout(resolve, 5));
        const third = await send(secretariat, bomb, XLSX);
        expect(third.statusCode).toBe(429);
        expect(third.json().code).toBe("too-many-jobs");
        expect(Number(third.headers["retry-after"])).toBeGreaterThanOrEqual(1);
        const another = await send(kyrgyzstan, bomb, XLSX, "", "chair-2026");
        expect(another.statusCode).toBe(503);
        expect(another.json().code).toBe("server-busy");
        expect(Number(another.headers["retry-after"])).toBeGreaterThanOrEqual(1);
        expect((await guarded.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
      } finally {
        gate.open();
      }
      // The two taken are stopped at the unpacked bound, one after the other; the server still answers.
      const answers = await Promise.all(held);
      expect(answers.map((a) => [a.statusCode, a.json().errors?.[0]?.code])).toEqual([
        [400, "unpacked-too-large"],
        [400, "unpacked-too-large"],
      ]);
      expect((await guarded.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
      expect(work.stats()).toMatchObject({ running: 0, waiting: 0 });
    });
  });

  it("gives the programme as an iCalendar feed: the events known to the day, all-day", async () => {
    const response = await app.inject({ method: "GET", url: `${PROGRAMME}.ics?lang=zh` });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    const { events } = parseCalendar(response.body);
    const summit = events.find((e) => e.uid === "programme-chair-2025-tianjin-summit@sco.concord");
    expect(summit?.summary).toBe("上海合作组织成员国元首理事会会议（天津峰会）");
    expect(summit?.startDate.isDate).toBe(true);
    expect([summit?.startDate.toString(), summit?.endDate.toString()]).toEqual(["2025-08-31", "2025-09-02"]);
    // Known only to the month: not in a calendar.
    expect(events.some((e) => e.uid.includes("friendship-trees") || e.uid.includes("cmfa-2025-07"))).toBe(false);
  });

  describe("meetings' iCalendar feeds", () => {
    let meetingId: string;

    beforeAll(async () => {
      const created = await admin.request("POST", "/api/v1/meetings", {
        body: "CMFA",
        title: { zh: "外长理事会会议", ru: "Заседание СМИД", en: "Meeting of the CMFA" },
        start: "2026-07-15T10:00:00+05:00",
        end: "2026-07-15T17:30:00+05:00",
        timeZone: "Asia/Almaty",
        format: "in_person",
        city: { zh: "阿拉木图", ru: "Алматы", en: "Almaty" },
        host: "KZ",
      });
      expect(created.statusCode, created.body).toBe(201);
      meetingId = created.json().id;
    });

    it("give a timed meeting the venue's zone, with its VTIMEZONE, to those who may see it", async () => {
      const kazakhstan = new SessionClient(app, "203.0.113.84");
      await kazakhstan.signIn(demoHeadEmail("KZ"), DEMO_PASSWORD);
      for (const url of ["/api/v1/calendar/bodies/CMFA.ics?lang=ru", "/api/v1/calendar/delegations/KZ.ics?lang=ru", `/api/v1/meetings/${meetingId}/calendar.ics?lang=ru`]) {
        const response = await kazakhstan.request("GET", url);
        expect(response.statusCode, url).toBe(200);
        expect(response.body, url).toContain("DTSTART;TZID=Asia/Almaty:20260715T100000");
        const { calendar, events } = parseCalendar(response.body);
        expect(calendar.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid")), url).toContain("Asia/Almaty");
        const meeting = events.find((e) => e.uid === `meeting-${meetingId}@sco.concord`);
        expect(meeting?.summary, url).toBe("Заседание СМИД");
        expect(meeting?.location, url).toBe("Алматы");
        expect(meeting?.startDate.zone.tzid, url).toBe("Asia/Almaty");
        expect(meeting?.startDate.toJSDate().toISOString(), url).toBe("2026-07-15T05:00:00.000Z");
        expect(meeting?.endDate.toJSDate().toISOString(), url).toBe("2026-07-15T12:30:00.000Z");
      }
    });

    it("keep a meeting open to its participants out of the public's feeds, and list the public record for everyone", async () => {
      const body = await anonymous().request("GET", "/api/v1/calendar/bodies/CMFA.ics");
      expect(body.statusCode).toBe(200);
      expect(body.body).not.toContain(meetingId);
      expect((await anonymous().request("GET", `/api/v1/meetings/${meetingId}/calendar.ics`)).statusCode).toBe(401);
      // The dataset's summit of Tianjin, known to the day, is an all-day event for everyone.
      const summits = parseCalendar((await anonymous().request("GET", "/api/v1/calendar/bodies/CHS.ics?lang=en")).body).events;
      const tianjin = summits.find((e) => e.uid === "meeting-CHS-2025@sco.concord");
      expect([tianjin?.startDate.toString(), tianjin?.endDate.toString()]).toEqual(["2025-08-31", "2025-09-02"]);
      // The CMFA meeting of July 2025 is known only to the month: not in the feed.
      expect(body.body).not.toContain("CMFA-2025-07");
      expect((await anonymous().request("GET", "/api/v1/calendar/bodies/NOPE.ics")).statusCode).toBe(404);
    });

    it("link each entry to the address configured, never to the Host header the request names", async () => {
      const forged = { host: "attacker.example", "x-forwarded-host": "attacker.example", "x-forwarded-proto": "https" };
      const urls: string[] = [];
      for (const url of ["/api/v1/calendar/bodies/CMFA.ics", "/api/v1/calendar/delegations/KZ.ics", `/api/v1/meetings/${meetingId}/calendar.ics`, `${PROGRAMME}.ics`]) {
        const response = await admin.request("GET", url, undefined, { headers: forged });
        expect(response.statusCode, url).toBe(200);
        expect(response.body, url).not.toContain("attacker");
        for (const event of parseCalendar(response.body).events) {
          const link = event.component.getFirstPropertyValue("url");
          if (typeof link === "string") urls.push(link);
        }
      }
      // No PUBLIC_URL given to this app: http://localhost:3000, as the README says.
      expect(urls).toContain(`http://localhost:3000/meetings/${meetingId}`);
      expect(urls).toContain("http://localhost:3000/chairmanship/chair-2025");
      expect(urls.every((u) => u.startsWith("http://localhost:3000/")), urls.join(" ")).toBe(true);
    });

    it("list a meeting made public for everyone", async () => {
      const current = (await admin.request("GET", `/api/v1/meetings/${meetingId}`)).json();
      const opened = await admin.request("PATCH", `/api/v1/meetings/${meetingId}`, { version: current.version, visibility: "public" });
      expect(opened.statusCode, opened.body).toBe(200);
      expect((await anonymous().request("GET", "/api/v1/calendar/bodies/CMFA.ics")).body).toContain(`meeting-${meetingId}@sco.concord`);
      expect((await anonymous().request("GET", `/api/v1/meetings/${meetingId}/calendar.ics`)).statusCode).toBe(200);
    });
  });

  it("counts in a running term's progress the meetings its chair chairs, as the caller may see them, over the months from its start to today", async () => {
    const KG_TERM = "/api/v1/chairmanship/chair-2026/programme";
    type WithMeetings = ProgrammeAnswer & { meetings: { id: string; status: string; start: string; isDemo: boolean }[] };
    const read = async (client: SessionClient): Promise<WithMeetings> => {
      const response = await client.request("GET", KG_TERM);
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    // Kyrgyzstan's term began in September 2025 and has no end: its months run to today's (November 2026). The public sees
    // its events (imported above by its chair) and, of its meetings, those made public (the CMFA meeting of July 2026 above).
    const before = await read(anonymous());
    expect(before.meetings.map((m) => [m.start, m.status])).toEqual([["2026-07-15", "planned"]]);
    expect(before.progress.total).toBe(before.events.length + 1);
    expect(before.progress.months.find((m) => m.month === "2026-07")?.total).toBe(1 + before.events.filter((e) => e.start.startsWith("2026-07")).length);
    expect([before.progress.months[0]?.month, before.progress.months.at(-1)?.month]).toEqual(["2025-09", "2026-11"]);

    // A meeting of the CMFA in December, chaired by Kyrgyzstan (chairing that day): the secretariat sees it counted, planned.
    const created = await admin.request("POST", "/api/v1/meetings", {
      body: "CMFA",
      title: { zh: "外长理事会会议（测试）", ru: "Заседание СМИД (тест)", en: "CMFA meeting (test)" },
      start: "2026-12-10T10:00:00+06:00",
      end: "2026-12-10T17:00:00+06:00",
      timeZone: "Asia/Bishkek",
      format: "in_person",
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, version } = created.json() as { id: string; version: number };
    const counted = (answer: WithMeetings) => answer.meetings.filter((m) => m.id === id);
    const seen = await read(admin);
    expect(counted(seen)).toEqual([expect.objectContaining({ id, status: "planned", start: "2026-12-10", isDemo: false })]);
    const december = (answer: WithMeetings) => answer.progress.months.find((m) => m.month === "2026-12");
    expect(december(seen)).toMatchObject({ total: seen.meetings.filter((m) => m.start.startsWith("2026-12")).length + seen.events.filter((e) => e.start.startsWith("2026-12")).length });
    expect(seen.progress.total).toBe(seen.events.length + seen.meetings.length);
    expect(seen.progress.tracks.find((t) => t.track === "institutional")?.total).toBe(seen.events.filter((e) => e.track === "institutional").length + seen.meetings.length);

    // Confirmed, it is still to come; held, it counts as held.
    expect((await admin.request("PATCH", `/api/v1/meetings/${id}`, { version, status: "confirmed" })).statusCode).toBe(200);
    const confirmed = await read(admin);
    expect(counted(confirmed)[0]?.status).toBe("confirmed");
    expect(confirmed.progress.byStatus.planned).toBe(confirmed.meetings.filter((m) => m.status === "planned" || m.status === "confirmed").length + confirmed.events.filter((e) => e.status === "planned").length);
    expect((await admin.request("PATCH", `/api/v1/meetings/${id}`, { version: version + 1, status: "held" })).statusCode).toBe(200);
    const held = await read(admin);
    expect(held.progress.held).toBe(held.meetings.filter((m) => m.status === "held").length + held.events.filter((e) => e.status === "held").length);
    expect(held.progress.held).toBeGreaterThanOrEqual(1);

    // The public still sees none of them; another term (China's) does not count them.
    expect(counted(await read(anonymous()))).toEqual([]);
    expect(((await admin.request("GET", PROGRAMME)).json() as WithMeetings).meetings.map((m) => m.id)).not.toContain(id);
  });

  it("offers a blank template (the columns alone) for a term with no events, and refuses a template query it does not know", async () => {
    const csvTemplate = await anonymous().request("GET", "/api/v1/chairmanship/chair-2026/programme.csv?template=true");
    expect(csvTemplate.statusCode).toBe(200);
    expect(csvTemplate.headers["content-disposition"]).toContain("programme-template.csv");
    expect(csvTemplate.body.replace(/^\uFEFF/, "").trim()).toBe(HEADER.join(","));
    // A template of China's term is blank too: the columns, none of its events.
    const china = await anonymous().request("GET", "/api/v1/chairmanship/chair-2025/programme.csv?template=true");
    expect(china.body.replace(/^\uFEFF/, "").trim()).toBe(HEADER.join(","));
    const xlsx = await app.inject({ method: "GET", url: "/api/v1/chairmanship/chair-2026/programme.xlsx?template=true" });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]?.rowCount).toBe(1);
    expect((await anonymous().request("GET", "/api/v1/chairmanship/chair-2026/programme.csv?template=yes")).statusCode).toBe(400);
  });
});
