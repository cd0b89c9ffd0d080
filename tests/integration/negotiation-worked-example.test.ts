// The worked example of ../shared/domain/negotiation.md through the API, on a test clock in August 2025 (China chairs,
// Mongolia is an observer), with a server restart while the second silence procedure runs; on PGlite and PostgreSQL.
// Step 8a (adoption in the room through a call for objections) is in negotiation-consensus.test.ts.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import { openDatabase, type Database } from "../../src/server/platform/db/client.js";
import { DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { testDatabases } from "./databases.js";
import { SessionClient } from "./session-client.js";

const HOUR = 3_600_000;

/** Rev.0: 3 PPs and 10 OPs in Russian (base), with Chinese and English versions. */
function zeroDraft() {
  const pp = (n: number) => ({ kind: "preambular", texts: { ru: `Преамбула ${n}: руководствуясь Хартией ШОС.`, zh: `序言${n}：遵循上合组织宪章。`, en: `Preamble ${n}: guided by the SCO Charter.` } });
  const op = (n: number) =>
    n === 4
      ? { kind: "operative", texts: { ru: "Государства-члены должны принять меры по укреплению сотрудничества.", zh: "成员国应当采取措施加强合作。", en: "Member States shall take measures to strengthen cooperation." } }
      : { kind: "operative", texts: { ru: `Пункт ${n}: государства-члены продолжат сотрудничество.`, zh: `第${n}段：成员国将继续合作。`, en: `Paragraph ${n}: Member States will continue cooperation.` } };
  return [1, 2, 3].map(pp).concat([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(op));
}

describe.each(testDatabases)("the worked example of negotiation.md on $name", (testDb) => {
  let clock = new Date("2025-08-20T02:00:00Z");
  let database: Database;
  let app: FastifyInstance;
  let reopen: () => Promise<Database>;
  const cleanups: (() => Promise<void>)[] = [];
  const clients = new Map<string, SessionClient>();

  afterAll(async () => {
    await app?.close();
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function start(): Promise<void> {
    app = await buildApp({ database, now: () => clock });
    clients.clear();
  }

  /** The head of a delegation, signed in (again after a restart or a jump of the clock). */
  async function head(code: string): Promise<SessionClient> {
    let client = clients.get(code);
    if (!client) {
      client = new SessionClient(app, `203.0.113.${clients.size + 10}`);
      const response = await client.signIn(demoHeadEmail(code), DEMO_PASSWORD);
      expect(response.statusCode, `sign-in of ${code}`).toBe(200);
      clients.set(code, client);
    }
    return client;
  }

  async function get(id: string) {
    const response = await (await head("CN")).request("GET", `/api/v1/documents/${id}`);
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  /** Moves the test clock; sessions idle longer than two hours end, so everyone signs in again. */
  function advance(ms: number): void {
    clock = new Date(clock.getTime() + ms);
    clients.clear();
  }

  const byNumber = (document: any, number: string) => document.provisions.find((p: any) => p.number === number);

  it("runs from Rev.0 to adoption with a statement annexed", async () => {
    if (testDb.name === "pglite") {
      const dataDir = await mkdtemp(join(tmpdir(), "concord-negotiation-"));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      reopen = () => openDatabase({ dataDir });
      database = await reopen();
    } else {
      const created = await testDb.create();
      cleanups.push(created.dispose);
      database = created.database;
      reopen = () => openDatabase({ databaseUrl: created.url! });
    }
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    await prepareDemoAccounts(database, clock);
    await start();

    // 1. The chair (China) circulates Rev.0 of a declaration.

    const created = await (await head("CN")).request("POST", "/api/v1/documents", {
      title: { ru: "Декларация (пример)", zh: "宣言（示例）", en: "Declaration (example)" },
      kind: "declaration",
      body: "CHS",
      baseLanguage: "ru",
      languages: ["ru", "zh", "en"],
      place: { ru: "Тяньцзинь", zh: "天津", en: "Tianjin" },
      provisions: zeroDraft(),
    });
    expect(created.statusCode, created.body).toBe(201);
    let document = created.json();
    const id: string = document.id;
    expect(document.chair).toBe("CN");
    expect(document.revision).toBe(0);
    expect(document.provisions.map((p: any) => p.number)).toEqual(["PP1", "PP2", "PP3", "OP1", "OP2", "OP3", "OP4", "OP5", "OP6", "OP7", "OP8", "OP9", "OP10"]);
    const op4 = byNumber(document, "OP4");
    const op7 = byNumber(document, "OP7");
    const oldOp8 = byNumber(document, "OP8");

    // 2. Russia proposes "should" for "shall" in OP4; India opposes; Kazakhstan supports.
    const shall = op4.texts.ru.indexOf("должны");
    const p1 = await (await head("RU")).request("POST", `/api/v1/documents/${id}/proposals`, {
      change: { type: "replace", provision: op4.id, start: shall, end: shall + "должны".length, text: "следует" },
      justification: "Рекомендательная формулировка.",
      provisionVersion: op4.version,
    });
    expect(p1.statusCode, p1.body).toBe(201);
    const proposal1 = p1.json();
    expect(proposal1.quote).toBe("должны");
    expect((await (await head("IN")).request("POST", `/api/v1/proposals/${proposal1.id}/positions`, { stance: "oppose", text: "We prefer shall." })).statusCode).toBe(200);
    const supported = await (await head("KZ")).request("POST", `/api/v1/proposals/${proposal1.id}/positions`, { stance: "support" });
    expect(supported.json().supporters).toEqual(["KZ"]);
    expect(supported.json().opposers).toEqual(["IN"]);

    // 3. Pakistan proposes a new OP after OP7; nobody opposes.
    const p2 = await (await head("PK")).request("POST", `/api/v1/documents/${id}/proposals`, {
      change: { type: "add-provision", after: op7.id, kind: "operative", text: "Государства-члены развивают сотрудничество в области связности." },
    });
    expect(p2.statusCode, p2.body).toBe(201);

    // 5. Mongolia (an observer) cannot oppose or propose: 403 naming the right and the reason; nothing changes.
    const before = (await get(id)).version;
    const mn = await head("MN");
    const refused = await mn.request("POST", `/api/v1/proposals/${proposal1.id}/positions`, { stance: "oppose" });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().right).toBe("position.oppose");
    expect(refused.json().detail).toContain("observer");
    const refusedProposal = await mn.request("POST", `/api/v1/documents/${id}/proposals`, { change: { type: "delete-provision", provision: op4.id } });
    expect(refusedProposal.statusCode).toBe(403);
    expect(refusedProposal.json().right).toBe("proposal.create");
    expect((await get(id)).version).toBe(before);

    // 4. The chair issues Rev.1: OP4 reads [shall / should] with its backers; the new OP8; numbers after it shift.
    document = await get(id);
    const rev1 = await (await head("CN")).request("POST", `/api/v1/documents/${id}/revisions`, { version: document.version });
    expect(rev1.statusCode, rev1.body).toBe(201);
    expect(rev1.json().outcomes.map((o: any) => [o.label, o.result])).toEqual([
      ["P1", "bracketed"],
      ["P2", "applied"],
    ]);
    document = await get(id);
    // The answer carries the document as it now stands: the chair's page shows it without reading it again.
    expect(rev1.json().current).toMatchObject({ id, version: document.version, revision: 1, provisions: document.provisions, proposals: document.proposals });
    const op4AfterRev1 = document.provisions.find((p: any) => p.id === op4.id);
    expect(op4AfterRev1.texts.ru).toBe("Государства-члены [должны / следует] принять меры по укреплению сотрудничества.");
    expect(op4AfterRev1.status).toBe("bracketed");
    expect(op4AfterRev1.brackets).toEqual([
      expect.objectContaining({ alternatives: [{ text: "должны", backers: ["IN"] }, { text: "следует", backers: ["RU", "KZ"] }], requestedBy: ["IN"] }),
    ]);
    expect(byNumber(document, "OP8").texts.ru).toContain("связности");
    expect(document.provisions.find((p: any) => p.id === oldOp8.id).number).toBe("OP9");
    expect(document.provisions).toHaveLength(14);

    const diff = (await (await head("CN")).request("GET", `/api/v1/documents/${id}/diff?from=0&to=1`)).json();
    const changed = diff.provisions.filter((p: any) => p.change !== "same");
    expect(changed.find((p: any) => p.id === op4.id).change).toBe("changed");
    expect(changed.find((p: any) => p.change === "added").toNumber).toBe("OP8");
    expect(diff.provisions.find((p: any) => p.id === oldOp8.id)).toMatchObject({ fromNumber: "OP8", toNumber: "OP9" });
    expect(diff.provisions.find((p: any) => p.id === op4.id).ops.ru).toEqual(expect.arrayContaining([{ op: "insert", text: expect.stringContaining("следует") }]));

    // 6. The chair's compromise "will" for OP4; every provision agreed; OP4's and OP8's other versions are outdated.
    let response = await (await head("CN")).request("POST", `/api/v1/documents/${id}/provisions/${op4.id}/compromise`, { bracket: 0, text: "будут", version: op4AfterRev1.version });
    expect(response.statusCode, response.body).toBe(200);
    document = response.json();
    expect(document.provisions.find((p: any) => p.id === op4.id)).toMatchObject({ status: "open", texts: expect.objectContaining({ ru: "Государства-члены будут принять меры по укреплению сотрудничества." }) });
    for (const provision of document.provisions) {
      response = await (await head("CN")).request("POST", `/api/v1/documents/${id}/provisions/${provision.id}/status`, { mark: "agreed", version: provision.version });
      expect(response.statusCode, response.body).toBe(200);
    }
    document = response.json();
    expect(document.provisions.every((p: any) => p.status === "agreed")).toBe(true);
    const outdated = document.provisions.filter((p: any) => p.outdated.length > 0);
    expect(outdated.map((p: any) => [p.number, p.outdated])).toEqual([
      ["OP4", ["zh", "en"]],
      ["OP8", ["zh", "en"]],
    ]);
    // Silence applies to an issued revision: the compromise and the marks came after Rev.1.
    response = await (await head("CN")).request("POST", `/api/v1/documents/${id}/silence`, { deadline: new Date(clock.getTime() + 24 * HOUR).toISOString(), version: document.version });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe("revision-needed");
    expect(document.blockers.map((b: any) => b.code)).toEqual(["outdated-versions", "changed-since-revision"]);

    // 7. Translations updated and the text issued as Rev.2; a deadline in the past is refused; silence for 24 hours on Rev.2.
    document = await updateTranslations(id, outdated);
    expect(document.provisions.every((p: any) => p.outdated.length === 0)).toBe(true);
    response = await (await head("CN")).request("POST", `/api/v1/documents/${id}/revisions`, { version: document.version });
    expect(response.statusCode, response.body).toBe(201);
    document = response.json().current;
    expect(document).toMatchObject({ revision: 2, blockers: [] });
    response = await (await head("CN")).request("POST", `/api/v1/documents/${id}/silence`, { deadline: new Date(clock.getTime() - HOUR).toISOString(), version: document.version });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("deadline-in-past");
    response = await (await head("CN")).request("POST", `/api/v1/documents/${id}/silence`, { deadline: new Date(clock.getTime() + 24 * HOUR).toISOString(), version: document.version });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: "silence", silence: { state: "running", revision: 2 } });

    // Iran breaks silence on OP9 with a reason: the procedure fails and OP9 is bracketed again.
    advance(3 * HOUR);
    const op9 = document.provisions.find((p: any) => p.number === "OP9");
    response = await (await head("IR")).request("POST", `/api/v1/documents/${id}/silence/break`, { reason: "OP9 needs further consultation in capital.", provision: op9.id });
    expect(response.statusCode, response.body).toBe(200);
    document = response.json();
    expect(document.status).toBe("negotiation");
    expect(document.silence).toMatchObject({ state: "broken", brokenBy: "IR", reason: "OP9 needs further consultation in capital." });
    const op9Bracketed = document.provisions.find((p: any) => p.id === op9.id);
    expect(op9Bracketed.status).toBe("bracketed");
    expect(op9Bracketed.brackets[0].requestedBy).toEqual(["IR"]);

    // 8. A compromise on OP9, agreed and translated, issued as Rev.3; a second silence procedure on Rev.3.
    response = await (await head("CN")).request("POST", `/api/v1/documents/${id}/provisions/${op9.id}/compromise`, { bracket: 0, text: "Пункт 8: государства-члены продолжат консультации.", version: op9Bracketed.version });
    expect(response.statusCode, response.body).toBe(200);
    let op9Now = response.json().provisions.find((p: any) => p.id === op9.id);
    response = await (await head("CN")).request("POST", `/api/v1/documents/${id}/provisions/${op9.id}/status`, { mark: "agreed", version: op9Now.version });
    expect(response.statusCode, response.body).toBe(200);
    op9Now = response.json().provisions.find((p: any) => p.id === op9.id);
    document = await updateTranslations(id, [op9Now]);
    response = await (await head("CN")).request("POST", `/api/v1/documents/${id}/revisions`, { version: document.version });
    expect(response.statusCode, response.body).toBe(201);
    document = response.json().current;
    const deadline = new Date(clock.getTime() + 24 * HOUR);
    response = await (await head("CN")).request("POST", `/api/v1/documents/${id}/silence`, { deadline: deadline.toISOString(), version: document.version });
    expect(response.statusCode, response.body).toBe(200);

    // The server stops while the procedure runs and starts again after the deadline: the declaration is adopted once.
    await app.close();
    await database.close();
    clock = new Date(deadline.getTime() + HOUR);
    database = await reopen();
    if (testDb.name === "pglite") cleanups.push(() => database.close());
    await start();
    document = await get(id);
    expect(document.status).toBe("adopted");
    // Adopted as Rev.3, as of the deadline it met (not the hour later when the restarted server noticed).
    expect(document.adoption).toMatchObject({
      number: "CHS/2025/1",
      date: deadline.toISOString().slice(0, 10),
      adoptedAt: deadline.toISOString(),
      by: "silence",
      revision: 3,
      met: { procedure: "silence", deadline: deadline.toISOString() },
      place: { en: "Tianjin" },
    });
    expect(Object.keys(document.adoption.hashes).sort()).toEqual(["en", "ru", "zh"]);
    expect(await app.services.silence.sweep()).toBe(0);
    const adoptedEvents = await database.db.execute(`select count(*)::int as n from events where stream = 'document:${id}' and type = 'document.adopted'` as never);
    expect((adoptedEvents as any).rows[0].n).toBe(1);

    // 9. India's statement of position on OP2 is annexed to the adopted document.
    const op2 = byNumber(document, "OP2");
    response = await (await head("IN")).request("POST", `/api/v1/documents/${id}/statements`, { text: "India's position on OP2 is recorded.", provision: op2.id });
    expect(response.statusCode, response.body).toBe(201);
    // An explanation of position after adoption (the default once adopted), in the language India chose; numbered.
    expect(response.json().statements).toEqual([expect.objectContaining({ number: 1, delegation: "IN", provision: op2.id, kind: "explanation-after", language: "ru" })]);
    response = await (await head("IN")).request("POST", `/api/v1/documents/${id}/statements`, { text: "India's reservation on OP3.", kind: "reservation", language: "en" });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().statements[1]).toMatchObject({ number: 2, kind: "reservation", language: "en" });
    response = await (await head("IN")).request("POST", `/api/v1/documents/${id}/statements`, { text: "Too late.", kind: "explanation-before" });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("statement-kind");
    response = await (await head("IN")).request("POST", `/api/v1/documents/${id}/statements`, { text: "In French.", language: "fr" });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ field: "body.language", code: "not-organization-language" });

    // Nothing changes after adoption.
    response = await (await head("RU")).request("POST", `/api/v1/documents/${id}/proposals`, { change: { type: "delete-provision", provision: op2.id } });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe("document-adopted");
  });

  async function updateTranslations(id: string, provisions: readonly any[]) {
    let document: any = null;
    for (const provision of provisions) {
      let version = provision.version;
      for (const language of ["zh", "en"]) {
        const text = language === "zh" ? `更新的译文（${provision.number}）。` : `Updated translation (${provision.number}).`;
        const response = await (await head("CN")).request("PUT", `/api/v1/documents/${id}/provisions/${provision.id}/versions/${language}`, { text, version });
        expect(response.statusCode, response.body).toBe(200);
        document = response.json();
        version = document.provisions.find((p: any) => p.id === provision.id).version;
      }
    }
    return document;
  }
});
