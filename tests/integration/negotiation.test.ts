// Negotiation through the API beyond the worked example: bad input changes nothing, races on one version, private notes
// in the API and in live events, visibility, the demonstration document, and adoption at the deadline by several processes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import { openDatabase, type Database } from "../../src/server/platform/db/client.js";
import { readEvents } from "../../src/server/platform/events/log.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, prepareDemoNegotiation, seedIfEmpty } from "../../src/server/startup.js";
import { testDatabases } from "./databases.js";
import { LiveClient } from "./live-client.js";
import { SessionClient } from "./session-client.js";

const DRAFT = {
  title: { ru: "Проект заявления", zh: "声明草案", en: "Draft statement" },
  kind: "statement",
  body: "CHS",
  baseLanguage: "ru",
  languages: ["ru", "zh", "en"],
  provisions: [
    { kind: "preambular", texts: { ru: "Руководствуясь Хартией,", zh: "遵循宪章，", en: "Guided by the Charter," } },
    { kind: "operative", texts: { ru: "Государства-члены [должны / могут] сотрудничать.", zh: "成员国[应当 / 可以]合作。", en: "Member States [shall / may] cooperate." } },
    { kind: "operative", texts: { ru: "Секретариат подготовит доклад.", zh: "秘书处将编写报告。", en: "The Secretariat will prepare a report." } },
  ],
};

describe.each(testDatabases)("negotiation on $name", (testDb) => {
  let clock = new Date();
  let database: Database;
  let url: string | undefined;
  let app: FastifyInstance;
  let dispose: () => Promise<void>;
  let address = "";
  const heads = new Map<string, SessionClient>();
  let admin: SessionClient;

  beforeAll(async () => {
    const created = await testDb.create();
    ({ database, url, dispose } = created);
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    await prepareDemoAccounts(database, clock);
    app = await buildApp({ database, now: () => clock });
    address = await app.listen({ port: 0, host: "127.0.0.1" });
    admin = new SessionClient(app, "192.0.2.1");
    await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  async function head(code: string): Promise<SessionClient> {
    let client = heads.get(code);
    if (!client) {
      client = new SessionClient(app, `192.0.2.${heads.size + 20}`);
      expect((await client.signIn(demoHeadEmail(code), DEMO_PASSWORD)).statusCode).toBe(200);
      heads.set(code, client);
    }
    return client;
  }

  /** A new draft opened by the chair of the day (Kyrgyzstan chairs in 2025–2026). */
  async function draft() {
    const response = await (await head("KG")).request("POST", "/api/v1/documents", DRAFT);
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  it("creates the demonstration negotiation once, marked as such, with a bracket and its backers", async () => {
    const id = await prepareDemoNegotiation(database, clock);
    expect(id).not.toBeNull();
    expect(await prepareDemoNegotiation(database, clock)).toBeNull();
    const document = (await (await head("KZ")).request("GET", `/api/v1/documents/${id}`)).json();
    expect(document).toMatchObject({ isDemo: true, revision: 1, status: "negotiation" });
    expect(document.title.en).toContain("Demonstration");
    const bracketed = document.provisions.find((p: any) => p.status === "bracketed");
    expect(bracketed.brackets[0].alternatives.every((a: any) => a.backers.length > 0)).toBe(true);
    expect(document.proposals.filter((p: any) => p.status === "open")).toHaveLength(1);
  });

  it("refuses bad input with its reason and changes nothing", async () => {
    const document = await draft();
    const ru = await head("RU");
    const op = document.provisions[2];
    const bracketed = document.provisions[1];
    const attempts: [unknown, number, string][] = [
      [{ change: { type: "replace", provision: "nowhere", start: 0, end: 3, text: "x" } }, 400, "provision-not-found"],
      [{ change: { type: "replace", provision: op.id, start: 5, end: 500, text: "x" } }, 400, "span-out-of-range"],
      [{ change: { type: "insert", provision: op.id, at: 0, text: "[unbalanced " } }, 400, "unbalanced-brackets"],
      [{ change: { type: "delete", provision: bracketed.id, start: bracketed.texts.ru.indexOf("должны"), end: bracketed.texts.ru.indexOf("могут") + 5 } }, 400, "unbalanced-brackets"],
      [{ change: { type: "insert", provision: op.id, at: 0, text: "Впредь " }, provisionVersion: op.version + 7 }, 409, "stale-version"],
      [{ change: { type: "add-provision", after: "nowhere", kind: "operative", text: "Новый пункт." } }, 400, "provision-not-found"],
    ];
    for (const [body, status, code] of attempts) {
      const response = await ru.request("POST", `/api/v1/documents/${document.id}/proposals`, body);
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json().code).toBe(code);
      expect(response.body).not.toMatch(/at \w+ \(|node_modules/);
    }
    const stale = await ru.request("POST", `/api/v1/documents/${document.id}/proposals`, { change: { type: "insert", provision: op.id, at: 0, text: "Впредь " }, provisionVersion: 99 });
    expect(stale.json().current).toMatchObject({ id: op.id, version: op.version });
    const chair = await head("KG");
    const openings: [unknown, string, string][] = [
      [{ ...DRAFT, body: "NOPE" }, "body.body", "unknown-body"],
      [{ ...DRAFT, kind: "decision", subject: "majority" }, "body.subject", "choice"],
      [{ ...DRAFT, subject: "suspension", concerning: "BY" }, "body.subject", "not-a-decision"],
      [{ ...DRAFT, concerning: "BY" }, "body.concerning", "invalid"],
      [{ ...DRAFT, kind: "decision", subject: "expulsion", concerning: "MN" }, "body.concerning", "not-a-member"],
      [{ ...DRAFT, kind: "decision", subject: "expulsion" }, "body.concerning", "required"],
      [{ ...DRAFT, languages: ["zh", "en"] }, "body.languages", "base-language-missing"],
      [{ ...DRAFT, provisions: [DRAFT.provisions[0], { kind: "operative", texts: { ru: "Текст [без конца" } }] }, "body.provisions.1.texts.ru", "unbalanced-brackets"],
    ];
    const count = (await chair.request("GET", "/api/v1/documents")).json().items.length;
    for (const [body, field, code] of openings) {
      const response = await chair.request("POST", "/api/v1/documents", body);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().errors[0]).toMatchObject({ field, code });
    }
    expect((await chair.request("GET", "/api/v1/documents")).json().items).toHaveLength(count);
    const wrong = await chair.request("POST", `/api/v1/documents/${document.id}/revisions`, { version: document.version, handlings: [{ proposal: "nope", action: "accept" }] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ field: "body.handlings.0.proposal", code: "unknown-proposal" });
    const notChair = await ru.request("POST", `/api/v1/documents/${document.id}/revisions`, { version: document.version });
    expect(notChair.statusCode).toBe(403);
    expect(notChair.json().detail).toContain("chair");
    // Proposals to a document that does not exist, several at once (they share a batch): a 404 each.
    const nowhere = await Promise.all([ru, chair].map((c) => c.request("POST", "/api/v1/documents/no-such-document/proposals", { change: { type: "insert", provision: document.provisions[2].id, at: 0, text: "Впредь " } })));
    expect(nowhere.map((r) => [r.statusCode, r.json().code])).toEqual([
      [404, "not-found"],
      [404, "not-found"],
    ]);
    const after = (await ru.request("GET", `/api/v1/documents/${document.id}`)).json();
    expect(after.version).toBe(document.version);
    expect(after.proposals).toEqual([]);
  });

  it("lets one of two delegations answering the same version win; the other gets 409 with the current state", async () => {
    const document = await draft();
    const made = (await (await head("RU")).request("POST", `/api/v1/documents/${document.id}/proposals`, { change: { type: "insert", provision: document.provisions[2].id, at: 0, text: "Впредь " } })).json();
    const [india, kazakhstan] = [await head("IN"), await head("KZ")];
    const answers = await Promise.all([
      india.request("POST", `/api/v1/proposals/${made.id}/positions`, { stance: "oppose", version: made.version }),
      kazakhstan.request("POST", `/api/v1/proposals/${made.id}/positions`, { stance: "support", version: made.version }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.statusCode === 409)!.json()).toMatchObject({ code: "stale-version", current: { version: made.version + 1 } });
  });

  it("re-anchors open proposals when compromise text changes their provision, and marks colliding those it overwrote", async () => {
    const document = await draft();
    const provision = document.provisions[1];
    const text: string = provision.texts.ru;
    const ru = await head("RU");
    const propose = async (start: number, end: number, replacement: string) => {
      const response = await ru.request("POST", `/api/v1/documents/${document.id}/proposals`, { change: { type: "replace", provision: provision.id, start, end, text: replacement } });
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    };
    const onLastWord = await propose(text.indexOf("сотрудничать"), text.indexOf("сотрудничать") + "сотрудничать".length, "взаимодействовать");
    const onBracket = await propose(text.indexOf("[") + 1, text.indexOf("[") + 1 + "должны".length, "обязаны");
    const current = (await ru.request("GET", `/api/v1/documents/${document.id}`)).json().provisions[1];
    const compromise = await (await head("KG")).request("POST", `/api/v1/documents/${document.id}/provisions/${provision.id}/compromise`, { bracket: 0, text: "будут", version: current.version });
    expect(compromise.statusCode, compromise.body).toBe(200);
    const proposals = compromise.json().proposals;
    const moved = proposals.find((p: any) => p.id === onLastWord.id);
    expect(moved.status).toBe("open");
    expect(moved.quote).toBe("сотрудничать");
    const newText: string = compromise.json().provisions[1].texts.ru;
    expect(newText.slice(moved.change.start, moved.change.end)).toBe("сотрудничать");
    expect(proposals.find((p: any) => p.id === onBracket.id).status).toBe("colliding");
  });

  it("numbers proposals made in parallel by ten delegations once each, through two processes, each refusal its own", async () => {
    const document = await draft();
    // On PostgreSQL every other delegation is served by a second process: each process commits the proposals that
    // arrive together in one transaction, and the document's lock orders the two processes' transactions.
    const other = url ? await openDatabase({ databaseUrl: url }) : null;
    const second = other ? await buildApp({ database: other, now: () => clock }) : null;
    try {
      const codes = ["RU", "IN", "KZ", "PK", "IR", "BY", "TJ", "UZ", "CN", "KG"];
      const clients = (await Promise.all(codes.map(head))).map((client, i) => (second && i % 2 === 1 ? client.on(second) : client));
      const [first, , third] = document.provisions as { id: string; version: number }[];
      const insert = (i: number) => ({ change: { type: "insert", provision: document.provisions[i % 3].id, at: 0, text: `Вариант ${i} ` } });
      const mongolia = await head("MN");
      const responses = await Promise.all([
        ...clients.map((client, i) => client.request("POST", `/api/v1/documents/${document.id}/proposals`, insert(i))),
        // Refused, each for its own reason, in the same burst: an observer (403), a span outside the text (400), and
        // two delegations answering the same version of PP1 (one wins, one gets 409 with the provision as it is).
        mongolia.request("POST", `/api/v1/documents/${document.id}/proposals`, insert(0)),
        clients[2]!.request("POST", `/api/v1/documents/${document.id}/proposals`, { change: { type: "delete", provision: third!.id, start: 5, end: 500 } }),
        clients[3]!.request("POST", `/api/v1/documents/${document.id}/proposals`, { ...insert(0), provisionVersion: first!.version }),
        clients[4]!.request("POST", `/api/v1/documents/${document.id}/proposals`, { ...insert(0), provisionVersion: first!.version }),
      ]);
      expect(responses.slice(0, 10).map((r) => r.statusCode)).toEqual(codes.map(() => 201));
      expect(responses.slice(10, 12).map((r) => [r.statusCode, r.json().code])).toEqual([
        [403, "forbidden"],
        [400, "span-out-of-range"],
      ]);
      const versioned = responses.slice(12).map((r) => r.statusCode).sort();
      expect(versioned.length).toBe(2);
      expect(versioned[1]).toBe(409);
      const accepted = responses.filter((r) => r.statusCode === 201).map((r) => r.json());
      const labels = accepted.map((p) => p.label).sort((a: string, b: string) => Number(a.slice(1)) - Number(b.slice(1)));
      expect(labels).toEqual(accepted.map((_, i) => `P${i + 1}`));

      const after = (await clients[0]!.request("GET", `/api/v1/documents/${document.id}`)).json();
      expect(after.proposals.map((p: { id: string }) => p.id).sort()).toEqual(accepted.map((p) => p.id).sort());
      expect(after.version).toBe(document.version + accepted.length);
      // On the document's stream, one event per proposal, in the order of their numbers, each with the version it made.
      const made = (await readEvents(database.db, `document:${document.id}`, 0, 100)).filter((e) => e.type === "proposal.made");
      expect(made.map((e) => [e.payload.label, e.payload.version])).toEqual(accepted.map((_, i) => [`P${i + 1}`, document.version + i + 1]));
    } finally {
      await second?.close();
      await other?.close();
    }
  });

  it("answers a proposal and a position with what the page applies, and says the same on the document's stream", async () => {
    const document = await draft();
    const provision = document.provisions[2];
    const [ru, kz] = [await head("RU"), await head("KZ")];
    const made = await ru.request("POST", `/api/v1/documents/${document.id}/proposals`, { change: { type: "insert", provision: provision.id, at: 0, text: "Впредь " } });
    expect(made.statusCode, made.body).toBe(201);
    const proposal = made.json();
    expect(proposal).toMatchObject({ label: "P1", documentVersion: document.version + 1, provisionVersion: provision.version + 1 });
    const taken = await kz.request("POST", `/api/v1/proposals/${proposal.id}/positions`, { stance: "support", text: "" });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ id: proposal.id, version: 2, supporters: ["KZ"], documentVersion: document.version + 2 });
    // What the answers said is what the document now is.
    const after = (await ru.request("GET", `/api/v1/documents/${document.id}`)).json();
    expect(after.version).toBe(document.version + 2);
    expect(after.provisions.find((p: { id: string }) => p.id === provision.id).version).toBe(provision.version + 1);
    const { documentVersion: _v, provisionVersion: _p, ...view } = proposal;
    const { documentVersion: _w, ...supported } = taken.json();
    expect(after.proposals.find((p: { id: string }) => p.id === proposal.id)).toEqual(supported);
    // The events carry the same: a page one version behind applies them without reading the document.
    const events = await readEvents(database.db, `document:${document.id}`, 0, 100);
    expect(events.find((e) => e.type === "proposal.made")!.payload).toMatchObject({ version: document.version + 1, provision: provision.id, provisionVersion: provision.version + 1, view });
    expect(events.find((e) => e.type === "position.taken")!.payload).toMatchObject({ version: document.version + 2, view: supported });
  });

  it("keeps a delegation's private notes to that delegation, in the API and in live events", async () => {
    const document = await draft();
    const stream = `document:${document.id}`;
    const [kz, ru] = [await head("KZ"), await head("RU")];
    const listeners = await Promise.all([kz, ru, admin].map((c) => LiveClient.connect(address, { cookie: c.cookieHeader })));
    for (const listener of listeners) await listener.subscribe([{ stream, after: 0 }]);
    const note = await kz.request("POST", `/api/v1/documents/${document.id}/notes`, { text: "Ask capital about OP2." });
    expect(note.statusCode, note.body).toBe(201);
    await ru.request("POST", `/api/v1/documents/${document.id}/proposals`, { change: { type: "insert", provision: document.provisions[2].id, at: 0, text: "Впредь " } });
    for (const listener of listeners) await listener.until(() => listener.events(stream).some((e) => e.type === "proposal.made"));
    expect(listeners[0]!.events(stream).map((e) => e.type)).toContain("note.added");
    expect(listeners[1]!.events(stream).map((e) => e.type)).not.toContain("note.added");
    expect(listeners[2]!.events(stream).map((e) => e.type)).not.toContain("note.added");
    expect((await kz.request("GET", `/api/v1/documents/${document.id}/notes`)).json().items.map((n: any) => n.text)).toEqual(["Ask capital about OP2."]);
    expect((await ru.request("GET", `/api/v1/documents/${document.id}/notes`)).json().items).toEqual([]);
    expect((await admin.request("GET", `/api/v1/documents/${document.id}/notes`)).statusCode).toBe(403);
    expect(JSON.stringify((await ru.request("GET", `/api/v1/documents/${document.id}`)).json())).not.toContain("Ask capital");
    for (const listener of listeners) listener.socket.close();
  });

  it("tells browsers and proxies to keep no copy of a draft or anything read from it (no-store)", async () => {
    const document = await draft();
    const kz = await head("KZ");
    await kz.request("POST", `/api/v1/documents/${document.id}/notes`, { text: "Keep this to ourselves." });
    for (const url of [
      `/api/v1/documents/${document.id}`,
      "/api/v1/documents",
      `/api/v1/documents/${document.id}/revisions/0`,
      `/api/v1/documents/${document.id}/diff?from=0&to=0`,
      `/api/v1/documents/${document.id}/notes`,
    ]) {
      const response = await kz.request("GET", url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["cache-control"], url).toBe("no-store");
    }
    // The answer to a client that still holds the draft (If-None-Match) says the same.
    const first = await kz.request("GET", `/api/v1/documents/${document.id}`);
    const again = await kz.request("GET", `/api/v1/documents/${document.id}`, undefined, { headers: { "if-none-match": String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.headers["cache-control"]).toBe("no-store");
  });

  it("shows a draft to observers only when the chair opens it to them, and they still cannot propose", async () => {
    const document = await draft();
    const mn = await head("MN");
    expect((await mn.request("GET", `/api/v1/documents/${document.id}`)).statusCode).toBe(403);
    expect((await mn.request("GET", "/api/v1/documents")).json().items.map((d: any) => d.id)).not.toContain(document.id);
    const opened = await (await head("KG")).request("POST", `/api/v1/documents/${document.id}/visibility`, { visibility: "participants", version: document.version });
    expect(opened.statusCode, opened.body).toBe(200);
    expect((await mn.request("GET", `/api/v1/documents/${document.id}`)).statusCode).toBe(200);
    const proposal = await mn.request("POST", `/api/v1/documents/${document.id}/proposals`, { change: { type: "insert", provision: document.provisions[2].id, at: 0, text: "Впредь " } });
    expect(proposal.statusCode).toBe(403);
    expect(proposal.json()).toMatchObject({ right: "proposal.create" });
    const anonymous = new SessionClient(app, "192.0.2.99");
    expect((await anonymous.request("GET", `/api/v1/documents/${document.id}`)).statusCode).toBe(401);
  });

  it("shows who is in the room and on which provision they draft, across processes, and only to readers", async () => {
    const document = await draft();
    const stream = `document:${document.id}`;
    // On PostgreSQL the second delegation is served by another process.
    const other = url ? await openDatabase({ databaseUrl: url }) : null;
    const second = other ? await buildApp({ database: other, now: () => clock }) : null;
    const secondAddress = second ? await second.listen({ port: 0, host: "127.0.0.1" }) : address;
    try {
      const [ru, india, mn] = [await head("RU"), await head("IN"), await head("MN")];
      const russia = await LiveClient.connect(address, { cookie: ru.cookieHeader });
      const indiaLive = await LiveClient.connect(secondAddress, { cookie: india.cookieHeader, origin: secondAddress });
      const mongolia = await LiveClient.connect(address, { cookie: mn.cookieHeader });
      for (const client of [russia, indiaLive]) await client.subscribe([{ stream, after: null }]);
      // Mongolia (an observer) may not read the draft: its subscription is refused, without the stream's position.
      mongolia.send({ type: "subscribe", streams: [{ stream, after: null }] });
      await mongolia.until((ms) => ms.some((m) => m.type === "unsubscribed"));
      expect(mongolia.messages.filter((m) => m.type !== "hello")).toEqual([{ type: "unsubscribed", stream, reason: "forbidden" }]);
      const rooms = (client: LiveClient) => client.messages.filter((m) => m.type === "presence").map((m) => (m as { present: unknown }).present);
      russia.send({ type: "presence", stream, provision: null });
      indiaLive.send({ type: "presence", stream, provision: document.provisions[1].id });
      const expected = [
        { delegation: "IN", drafting: [document.provisions[1].id] },
        { delegation: "RU", drafting: [] },
      ];
      await russia.until(() => rooms(russia).some((r) => JSON.stringify(r) === JSON.stringify(expected)));
      await indiaLive.until(() => rooms(indiaLive).some((r) => JSON.stringify(r) === JSON.stringify(expected)));
      // Presence sent right after a subscription to several streams, without waiting for it, is taken.
      const hasty = await LiveClient.connect(address, { cookie: (await head("KZ")).cookieHeader });
      hasty.send({ type: "subscribe", streams: [{ stream: "registry", after: null }, { stream, after: null }] });
      hasty.send({ type: "presence", stream, provision: null });
      await russia.until(() => rooms(russia).some((r) => JSON.stringify(r).includes('"KZ"')));
      expect(hasty.messages.some((m) => m.type === "error")).toBe(false);
      hasty.socket.close();
      await russia.until(() => JSON.stringify(rooms(russia).at(-1)) === JSON.stringify(expected));
      // Nor may it enter the room, or hear anything of it.
      mongolia.send({ type: "presence", stream, provision: null });
      await mongolia.until((ms) => ms.some((m) => m.type === "error" && m.code === "not-in-room"));
      expect(rooms(mongolia)).toEqual([]);
      // Leaving (closing) empties the room for the others.
      indiaLive.socket.close();
      await russia.until(() => JSON.stringify(rooms(russia).at(-1)) === JSON.stringify([{ delegation: "RU", drafting: [] }]));
      russia.socket.close();
      mongolia.socket.close();
    } finally {
      await second?.close();
      await other?.close();
    }
  });

  /** Compromise on every bracket, every version translated, every provision agreed, issued as a revision: ready for silence or a call. */
  async function agreeEverything(document: any) {
    const chair = await head("KG");
    let current = document;
    for (const provision of document.provisions) {
      if (provision.status === "bracketed") {
        current = (await chair.request("POST", `/api/v1/documents/${document.id}/provisions/${provision.id}/compromise`, { bracket: 0, text: "будут", version: provision.version })).json();
        const updated = current.provisions.find((p: any) => p.id === provision.id);
        let version = updated.version;
        for (const language of ["zh", "en"]) {
          current = (await chair.request("PUT", `/api/v1/documents/${document.id}/provisions/${provision.id}/versions/${language}`, { text: language === "zh" ? "成员国将合作。" : "Member States will cooperate.", version })).json();
          version = current.provisions.find((p: any) => p.id === provision.id).version;
        }
      }
      const fresh = current.provisions.find((p: any) => p.id === provision.id);
      const marked = await chair.request("POST", `/api/v1/documents/${document.id}/provisions/${provision.id}/status`, { mark: "agreed", version: fresh.version });
      expect(marked.statusCode, marked.body).toBe(200);
      current = marked.json();
    }
    const issued = await chair.request("POST", `/api/v1/documents/${document.id}/revisions`, { version: current.version });
    expect(issued.statusCode, issued.body).toBe(201);
    return issued.json().current;
  }

  it("does not count, under consensus minus one, the objection of the member concerned", async () => {
    const response = await (await head("KG")).request("POST", "/api/v1/documents", { ...DRAFT, kind: "decision", subject: "suspension", concerning: "BY" });
    expect(response.statusCode, response.body).toBe(201);
    const current = await agreeEverything(response.json());
    const started = await (await head("KG")).request("POST", `/api/v1/documents/${current.id}/silence`, { deadline: new Date(clock.getTime() + 25 * 3_600_000).toISOString(), version: current.version });
    expect(started.statusCode, started.body).toBe(200);
    const concerned = await (await head("BY")).request("POST", `/api/v1/documents/${current.id}/silence/break`, { reason: "We object." });
    expect(concerned.statusCode).toBe(409);
    expect(concerned.json().code).toBe("objection-not-counted");
    expect((await (await head("BY")).request("GET", `/api/v1/documents/${current.id}`)).json().status).toBe("silence");
    const other = await (await head("KZ")).request("POST", `/api/v1/documents/${current.id}/silence/break`, { reason: "We object too." });
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json()).toMatchObject({ status: "negotiation", silence: { state: "broken", brokenBy: "KZ" } });
  });

  it.runIf(testDb.name === "postgresql")("adopts at the deadline exactly once when two processes sweep at the same time", async () => {
    const document = await draft();
    const chair = await head("KG");
    const current = await agreeEverything(document);
    const deadline = new Date(clock.getTime() + 24 * 3_600_000);
    const started = await chair.request("POST", `/api/v1/documents/${document.id}/silence`, { deadline: deadline.toISOString(), version: current.version });
    expect(started.statusCode, started.body).toBe(200);
    const other = await openDatabase({ databaseUrl: url! });
    const second = await buildApp({ database: other, now: () => clock });
    try {
      clock = new Date(deadline.getTime() + 1);
      // (Concurrent calls in one process share one sweep, so one call per process.)
      const adopted = await Promise.all([app.services.silence.sweep(), second.services.silence.sweep()]);
      expect(adopted.reduce((a, b) => a + b, 0)).toBe(1);
      const events = await database.db.execute(`select count(*)::int as n from events where stream = 'document:${document.id}' and type = 'document.adopted'` as never);
      expect((events as any).rows[0].n).toBe(1);
      // A day later the chair's session has ended: it signs in again.
      heads.delete("KG");
      const seen = (await (await head("KG")).on(second).request("GET", `/api/v1/documents/${document.id}`)).json();
      expect(seen).toMatchObject({ status: "adopted", adoption: { by: "silence" } });
    } finally {
      await second.close();
      await other.close();
    }
  });
});
