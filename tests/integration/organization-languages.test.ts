// An organization's languages are its data: a fictional organization working in French and Arabic (French its official
// language, French and Arabic its working languages) negotiates in those
// languages (and refuses others, naming them), its programme spreadsheet has French and Arabic columns, and its calendar
// is written in one of them. Nothing in Concord's code names Chinese, Russian or English for it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import type { Database } from "../../src/server/platform/db/client.js";
import { DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { ARABIC_NAME, writeFrenchArabicDataset } from "../fixtures/french-arabic-organization.js";
import { testDatabases } from "./databases.js";
import { SessionClient } from "./session-client.js";

const TODAY = new Date("2026-11-25T12:00:00Z");
/** Lithuania chairs in 2026: its head opens the Council's documents and imports the term's programme. */
const CHAIR = "LT";

const DRAFT = {
  title: { fr: "Déclaration sur la coopération maritime", ar: "إعلان بشأن التعاون البحري" },
  kind: "declaration",
  body: "COM",
  baseLanguage: "fr",
  languages: ["fr", "ar"],
  provisions: [
    { kind: "preambular", texts: { fr: "Rappelant la charte du Forum,", ar: "إذ نشير إلى ميثاق المنتدى،" } },
    { kind: "operative", texts: { fr: "Les membres [renforcent / renforceront] leur coopération.", ar: "[تعزز / ستعزز] الدول الأعضاء تعاونها." } },
  ],
};

describe.each(testDatabases)("an organization working in French and Arabic, on $name", (testDb) => {
  let dir: string;
  let database: Database;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let chair: SessionClient;

  beforeAll(async () => {
    dir = await writeFrenchArabicDataset(await mkdtemp(join(tmpdir(), "concord-fr-ar-")));
    ({ database, dispose } = await testDb.create());
    await database.migrate();
    expect(await seedIfEmpty(database, dir)).toBe(true);
    expect(await prepareDemoAccounts(database, TODAY)).toBe(true);
    app = await buildApp({ database, now: () => TODAY, cookieSecret: "x".repeat(40) });
    chair = new SessionClient(app, "192.0.2.80");
    expect((await chair.signIn(demoHeadEmail(CHAIR), DEMO_PASSWORD)).statusCode).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await dispose?.();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const documentCount = async () => (await chair.request("GET", "/api/v1/documents")).json().items.length as number;

  it("opens a document negotiated in French with an Arabic version, brackets in both", async () => {
    const created = await chair.request("POST", "/api/v1/documents", DRAFT);
    expect(created.statusCode, created.body).toBe(201);
    const document = (await chair.request("GET", `/api/v1/documents/${created.json().id}`)).json();
    expect(document).toMatchObject({ baseLanguage: "fr", languages: ["fr", "ar"], title: DRAFT.title });
    expect(document.provisions.map((p: { texts: Record<string, string> }) => p.texts)).toEqual(DRAFT.provisions.map((p) => p.texts));

    // The Arabic version of the operative paragraph is updated; English is no language of this document.
    const op = document.provisions[1];
    const arabic = "[تعزز / ستعزز] الدول الأعضاء تعاونها البحري.";
    const updated = await chair.request("PUT", `/api/v1/documents/${document.id}/provisions/${op.id}/versions/ar`, { text: arabic, version: document.version });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().provisions[1].texts.ar).toBe(arabic);
    // A version must keep the base's brackets and alternatives, in order: one that drops the bracket is refused, naming it.
    const settled = await chair.request("PUT", `/api/v1/documents/${document.id}/provisions/${op.id}/versions/ar`, { text: "تعزز الدول الأعضاء تعاونها البحري.", version: updated.json().version });
    expect(settled.statusCode).toBe(400);
    expect(settled.json().errors).toEqual([expect.objectContaining({ field: "body.text", code: "structure-differs" })]);
    expect(settled.json().errors[0].message).toContain("1 bracket in the base text and 0 in this version");
    const fewer = await chair.request("PUT", `/api/v1/documents/${document.id}/provisions/${op.id}/versions/ar`, { text: "[تعزز] الدول الأعضاء تعاونها البحري.", version: updated.json().version });
    expect(fewer.json().errors[0]).toMatchObject({ code: "structure-differs", message: expect.stringContaining("bracket 1 has 2 alternatives in the base text and 1 in this version") });
    expect((await chair.request("GET", `/api/v1/documents/${document.id}`)).json()).toMatchObject({ version: updated.json().version });
    const english = await chair.request("PUT", `/api/v1/documents/${document.id}/provisions/${op.id}/versions/en`, { text: "Members strengthen cooperation.", version: updated.json().version });
    expect(english.statusCode).toBe(400);
    expect(english.json().errors).toEqual([expect.objectContaining({ field: "body.language", code: "language-not-in-document" })]);
  });

  it("refuses a language the organization does not work in, naming the field and its languages, and writes nothing", async () => {
    const before = await documentCount();
    const cases: [unknown, string, string][] = [
      [{ ...DRAFT, baseLanguage: "ru", languages: ["ru"], title: { ru: "Декларация" }, provisions: [] }, "body.baseLanguage", "not-organization-language"],
      [{ ...DRAFT, languages: ["fr", "en"] }, "body.languages.1", "not-organization-language"],
      [{ ...DRAFT, title: { ...DRAFT.title, en: "Declaration" } }, "body.title.en", "language-not-in-document"],
      [{ ...DRAFT, languages: ["fr"], title: { fr: DRAFT.title.fr } }, "body.provisions.0.texts.ar", "language-not-in-document"],
      [{ ...DRAFT, provisions: [DRAFT.provisions[0], { kind: "operative", texts: { fr: DRAFT.provisions[1]!.texts.fr, ar: "تعزز الدول الأعضاء تعاونها." } }] }, "body.provisions.1.texts.ar", "structure-differs"],
    ];
    for (const [body, field, code] of cases) {
      const response = await chair.request("POST", "/api/v1/documents", body);
      expect(response.statusCode, field).toBe(400);
      expect(response.json().errors, field).toEqual([expect.objectContaining({ field, code })]);
      if (code === "not-organization-language") expect(response.json().errors[0].message).toContain("fr, ar");
    }
    expect(await documentCount()).toBe(before);
  });

  it("writes and reads its programme spreadsheet in French and Arabic columns, and refuses another organization's", async () => {
    const template = await chair.request("GET", "/api/v1/chairmanship/chair-2026/programme.csv?template=true");
    expect(template.statusCode).toBe(200);
    expect(template.body.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("title_fr,title_ar,start,end,city_fr,city_ar,track,kind,organizer_fr,organizer_ar,status,meeting");

    const csv = `title_fr,title_ar,start,city_fr,city_ar,track,kind,status\nForum de la jeunesse,منتدى الشباب,2026-05,Vilnius,فيلنيوس,people,forum,planned\n`;
    const imported = await chair.request("POST", "/api/v1/chairmanship/chair-2026/programme/import", csv, { headers: { "content-type": "text/csv" } });
    expect(imported.statusCode, imported.body).toBe(200);
    const programme = (await chair.request("GET", "/api/v1/chairmanship/chair-2026/programme")).json();
    expect(programme.events).toEqual(expect.arrayContaining([expect.objectContaining({ title: { fr: "Forum de la jeunesse", ar: "منتدى الشباب" }, city: { fr: "Vilnius", ar: "فيلنيوس" } })]));

    const sco = `title_zh,title_ru,title_en,start,track,kind,status\n,,Youth forum,2026-05,people,forum,planned\n`;
    const refused = await chair.request("POST", "/api/v1/chairmanship/chair-2026/programme/import", sco, { headers: { "content-type": "text/csv" } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string; code: string }) => e.code)).toEqual(expect.arrayContaining(["unknown-column", "missing-column"]));
  });

  it("writes its calendar in one of its languages, and refuses another", async () => {
    const arabic = await chair.request("GET", "/api/v1/calendar/bodies/COM.ics?lang=ar");
    expect(arabic.statusCode).toBe(200);
    expect(arabic.body).toMatch(/^PRODID:-\/\/Concord\/\/Concord\/\/AR$/m);
    const chinese = await chair.request("GET", "/api/v1/calendar/bodies/COM.ics?lang=zh");
    expect(chinese.statusCode).toBe(400);
    expect(chinese.json().errors).toEqual([expect.objectContaining({ field: "querystring.lang", code: "not-organization-language" })]);
    expect(chinese.json().errors[0].message).toContain("fr, ar");
  });

  it("names itself in its languages", async () => {
    const organization = (await chair.request("GET", "/api/v1/organization")).json();
    expect(organization).toMatchObject({ officialLanguages: ["fr"], workingLanguages: ["fr", "ar"], translationLanguages: [] });
    expect(organization.names.ar).toBe(ARABIC_NAME);
  });
});
