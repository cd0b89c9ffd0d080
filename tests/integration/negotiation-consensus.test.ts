// Consensus that cannot be bypassed (issue 17's integrity defects), on PGlite and PostgreSQL, on a test clock in August
// 2025 (China chairs; Belarus a member; Mongolia an observer):
// 1. the decision rule follows from the organization's data, and changing it is a recorded decision with its reason;
// 2. in the room, adoption closes the chair's call for objections, and an objection that counts stops it;
// 3. silence and adoption apply to an issued revision only, and the adopted text is that revision in every language;
// and a non-member delegation comments only on the chair's invitation, marked as such, never blocking.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import type { Database } from "../../src/server/platform/db/client.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { testDatabases } from "./databases.js";
import { SessionClient } from "./session-client.js";

const HOUR = 3_600_000;

function draft(kind = "statement") {
  return {
    title: { ru: "Проект", zh: "草案", en: "Draft" },
    kind,
    body: "CHS",
    baseLanguage: "ru",
    languages: ["ru", "zh", "en"],
    provisions: [
      { kind: "preambular", texts: { ru: "Руководствуясь Хартией,", zh: "遵循宪章，", en: "Guided by the Charter," } },
      { kind: "operative", texts: { ru: "Государства-члены сотрудничают.", zh: "成员国开展合作。", en: "Member States cooperate." } },
    ],
  };
}

/** SHA-256 of one language version as the record writes it: per provision, its number, a tab, its text (NFC), a line break. */
function hashOf(provisions: readonly { number: string | null; texts: Record<string, string> }[], language: string): string {
  const text = provisions
    .filter((p) => p.texts[language] !== undefined)
    .map((p) => `${p.number ?? ""}\t${p.texts[language]!.normalize("NFC")}\n`)
    .join("");
  return createHash("sha256").update(text, "utf8").digest("hex");
}

describe.each(testDatabases)("consensus that holds on $name", (testDb) => {
  let clock = new Date("2025-08-20T02:00:00Z");
  let database: Database;
  let app: FastifyInstance;
  let dispose: () => Promise<void>;
  const heads = new Map<string, SessionClient>();

  beforeAll(async () => {
    const created = await testDb.create();
    ({ database, dispose } = created);
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    await prepareDemoAccounts(database, clock);
    app = await buildApp({ database, now: () => clock });
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  async function head(code: string): Promise<SessionClient> {
    let client = heads.get(code);
    if (!client) {
      client = new SessionClient(app, `198.51.100.${heads.size + 10}`);
      expect((await client.signIn(demoHeadEmail(code), DEMO_PASSWORD)).statusCode, `sign-in of ${code}`).toBe(200);
      heads.set(code, client);
    }
    return client;
  }

  /** Moves the test clock; sessions idle longer than two hours end, so everyone signs in again. */
  function advance(ms: number): void {
    clock = new Date(clock.getTime() + ms);
    heads.clear();
  }

  async function get(id: string, as = "CN") {
    const response = await (await head(as)).request("GET", `/api/v1/documents/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  async function post(as: string, path: string, body: unknown) {
    return (await head(as)).request("POST", path, body);
  }

  /** Opened by the chair (China), every provision agreed and issued as Rev.1: ready for a call or a silence procedure. */
  async function ready(body: Record<string, unknown> = draft()) {
    const created = await post("CN", "/api/v1/documents", body);
    expect(created.statusCode, created.body).toBe(201);
    let document = created.json();
    for (const provision of document.provisions) {
      const marked = await post("CN", `/api/v1/documents/${document.id}/provisions/${provision.id}/status`, { mark: "agreed", version: provision.version });
      expect(marked.statusCode, marked.body).toBe(200);
      document = marked.json();
    }
    const issued = await post("CN", `/api/v1/documents/${document.id}/revisions`, { version: document.version });
    expect(issued.statusCode, issued.body).toBe(201);
    return issued.json().current;
  }

  it("takes the decision rule from the organization's data, never from whoever opens the document", async () => {
    // What the review did: a statement under consensus minus one, "concerning" anyone. Refused, nothing written.
    const before = (await (await head("CN")).request("GET", "/api/v1/documents")).json().items.length;
    const attempts: [Record<string, unknown>, string, string][] = [
      [{ ...draft(), decisionRule: "consensus_minus_one", concerning: "IN" }, "body", "unknown-field"],
      [{ ...draft(), subject: "suspension", concerning: "IN" }, "body.subject", "not-a-decision"],
      [{ ...draft(), concerning: "IN" }, "body.concerning", "invalid"],
      [{ ...draft("decision"), subject: "suspension", concerning: "ZZ" }, "body.concerning", "not-a-member"],
      [{ ...draft("decision"), subject: "suspension", concerning: "MN" }, "body.concerning", "not-a-member"],
      [{ ...draft("decision"), subject: "suspension" }, "body.concerning", "required"],
      [{ ...draft("decision"), subject: "budget" }, "body.subject", "choice"],
    ];
    for (const [body, field, code] of attempts) {
      const response = await post("CN", "/api/v1/documents", body);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().errors[0]).toMatchObject({ field, code });
    }
    expect((await (await head("CN")).request("GET", "/api/v1/documents")).json().items).toHaveLength(before);

    // A statement is decided by consensus, and every reader sees the rule.
    const statement = await ready();
    expect(statement).toMatchObject({ decisionRule: "consensus", subject: null, concerning: null, ruleChanges: [] });
    expect(await get(statement.id, "KZ")).toMatchObject({ decisionRule: "consensus" });

    // A decision on suspending Belarus is under consensus minus one, as the Charter says.
    const suspension = await ready({ ...draft("decision"), subject: "suspension", concerning: "BY" });
    expect(suspension).toMatchObject({ decisionRule: "consensus_minus_one", subject: "suspension", concerning: "BY" });
  });

  it("records a change of rule as the chair's decision with its reason, and only then", async () => {
    const decision = await ready(draft("decision"));
    const request = { subject: "expulsion", concerning: "BY", reason: "The Council's mandate is a decision on expulsion.", version: decision.version };
    const notChair = await post("IN", `/api/v1/documents/${decision.id}/rule`, request);
    expect(notChair.statusCode).toBe(403);
    expect(notChair.json()).toMatchObject({ code: "forbidden", right: "document.rule" });
    const stranger = await post("CN", `/api/v1/documents/${decision.id}/rule`, { ...request, concerning: "MN" });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().errors[0]).toMatchObject({ field: "body.concerning", code: "not-a-member" });
    expect((await get(decision.id)).decisionRule).toBe("consensus");

    const changed = await post("CN", `/api/v1/documents/${decision.id}/rule`, request);
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      decisionRule: "consensus_minus_one",
      subject: "expulsion",
      concerning: "BY",
      ruleChanges: [{ from: { rule: "consensus", subject: null, concerning: null }, to: { rule: "consensus_minus_one", subject: "expulsion", concerning: "BY" }, reason: request.reason, by: "CN", at: clock.toISOString() }],
    });
    const audit = await database.db.execute(`select count(*)::int as n from audit_events where action = 'document.rule' and target = 'document:${decision.id}'` as never);
    expect((audit as any).rows[0].n).toBe(1);

    // Not while the members are asked: a call for objections is open.
    const current = changed.json();
    expect((await post("CN", `/api/v1/documents/${decision.id}/call`, { version: current.version })).statusCode).toBe(200);
    const during = await post("CN", `/api/v1/documents/${decision.id}/rule`, { subject: null, reason: "Back to consensus.", version: current.version + 1 });
    expect(during.statusCode).toBe(409);
    expect(during.json().code).toBe("call-open");

    // Under consensus minus one, Belarus's objection is recorded, shown, and not counted; India's counts.
    expect((await post("BY", `/api/v1/documents/${decision.id}/call/objections`, { reason: "We object to our expulsion." })).statusCode).toBe(200);
    let document = await get(decision.id, "KZ");
    expect(document.call.objections).toEqual([expect.objectContaining({ delegation: "BY", reason: "We object to our expulsion.", counts: false })]);
    expect(document.blockers).toEqual([]);
    expect((await post("IN", `/api/v1/documents/${decision.id}/call/objections`, { reason: "India cannot join." })).statusCode).toBe(200);
    document = await get(decision.id);
    expect(document.blockers).toEqual([{ code: "objections", delegations: ["IN"] }]);
    const refused = await post("CN", `/api/v1/documents/${decision.id}/adoption`, { version: document.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: "objections-stand", current: { delegations: ["IN"] } });
    expect((await post("IN", `/api/v1/documents/${decision.id}/call/objections/withdrawal`, {})).statusCode).toBe(200);
    document = await get(decision.id);
    const adopted = await post("CN", `/api/v1/documents/${decision.id}/adoption`, { version: document.version });
    expect(adopted.statusCode, adopted.body).toBe(200);
    expect(adopted.json()).toMatchObject({ status: "adopted", call: { state: "adopted" } });
  });

  it("adopts in the room only through a call for objections, which any member may stop", async () => {
    const document = await ready();
    const id = document.id;
    // The review's bypass: the chair adopts directly, nobody able to object. Refused.
    const direct = await post("CN", `/api/v1/documents/${id}/adoption`, { version: document.version });
    expect(direct.statusCode).toBe(409);
    expect(direct.json().code).toBe("no-call-open");
    expect((await get(id)).status).toBe("negotiation");
    // Only the chair calls.
    const byMember = await post("RU", `/api/v1/documents/${id}/call`, { version: document.version });
    expect(byMember.statusCode).toBe(403);
    expect(byMember.json().right).toBe("call.open");

    let called = await post("CN", `/api/v1/documents/${id}/call`, { version: document.version });
    expect(called.statusCode, called.body).toBe(200);
    expect(called.json().call).toMatchObject({ state: "open", revision: 1, openedAt: clock.toISOString(), objections: [] });
    expect((await post("CN", `/api/v1/documents/${id}/call`, { version: called.json().version })).json().code).toBe("call-open");

    // Mongolia, an observer, cannot object; Iran can, named and with its reason, seen by every reader.
    const observer = await post("MN", `/api/v1/documents/${id}/call/objections`, { reason: "Mongolia objects." });
    expect(observer.statusCode).toBe(403);
    expect(observer.json().right).toBe("call.object");
    advance(60_000);
    const objected = await post("IR", `/api/v1/documents/${id}/call/objections`, { reason: "OP1 must mention sovereignty." });
    expect(objected.statusCode, objected.body).toBe(200);
    expect((await post("IR", `/api/v1/documents/${id}/call/objections`, { reason: "Again." })).json().code).toBe("already-objected");
    const seen = await get(id, "KZ");
    expect(seen.call.objections).toEqual([{ delegation: "IR", reason: "OP1 must mention sovereignty.", at: clock.toISOString(), counts: true }]);

    // Adoption is refused while the objection stands, and nothing changes.
    const refused = await post("CN", `/api/v1/documents/${id}/adoption`, { version: seen.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("objections-stand");
    expect(await get(id)).toMatchObject({ status: "negotiation", version: seen.version, adoption: null });
    // The text does not change under an open call; the chair withdraws it, saying why.
    const provision = seen.provisions[1];
    const compromise = await post("CN", `/api/v1/documents/${id}/provisions/${provision.id}/compromise`, { bracket: null, text: "Государства-члены сотрудничают на основе суверенитета.", version: provision.version });
    expect(compromise.statusCode).toBe(409);
    expect(compromise.json().code).toBe("call-open");
    const withdrawn = await post("CN", `/api/v1/documents/${id}/call/withdrawal`, { reason: "Consultations on OP1." });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().call).toMatchObject({ state: "withdrawn", reason: "Consultations on OP1.", objections: [expect.objectContaining({ delegation: "IR" })] });

    // A compromise, Rev.2, a new call: Iran objects, then withdraws its objection; the call closes, adopted as Rev.2.
    let current = (await post("CN", `/api/v1/documents/${id}/provisions/${provision.id}/compromise`, { bracket: null, text: "Государства-члены сотрудничают на основе суверенитета.", version: provision.version })).json();
    const changed = current.provisions.find((p: any) => p.id === provision.id);
    current = (await post("CN", `/api/v1/documents/${id}/provisions/${provision.id}/status`, { mark: "agreed", version: changed.version })).json();
    for (const language of ["zh", "en"]) {
      const version = current.provisions.find((p: any) => p.id === provision.id).version;
      const text = language === "zh" ? "成员国在主权基础上开展合作。" : "Member States cooperate on the basis of sovereignty.";
      current = (await (await head("CN")).request("PUT", `/api/v1/documents/${id}/provisions/${provision.id}/versions/${language}`, { text, version })).json();
    }
    current = (await post("CN", `/api/v1/documents/${id}/revisions`, { version: current.version })).json().current;
    called = await post("CN", `/api/v1/documents/${id}/call`, { version: current.version });
    expect(called.json().call).toMatchObject({ state: "open", revision: 2, objections: [] });
    expect((await post("IR", `/api/v1/documents/${id}/call/objections`, { reason: "Capital has not confirmed." })).statusCode).toBe(200);
    expect((await post("IR", `/api/v1/documents/${id}/call/objections/withdrawal`, {})).statusCode).toBe(200);
    expect((await post("IR", `/api/v1/documents/${id}/call/objections/withdrawal`, {})).json().code).toBe("no-objection");
    // Statements never block; one before adoption is an explanation before it, by default and at most.
    const early = await post("IN", `/api/v1/documents/${id}/statements`, { text: "India will explain after the decision.", kind: "explanation-after" });
    expect(early.statusCode).toBe(400);
    expect(early.json().code).toBe("statement-kind");
    const before = await post("IN", `/api/v1/documents/${id}/statements`, { text: "India joins consensus.", language: "en" });
    expect(before.statusCode, before.body).toBe(201);
    expect(before.json().statements).toEqual([expect.objectContaining({ number: 1, kind: "explanation-before", language: "en" })]);
    advance(5 * 60_000);
    current = await get(id);
    const adopted = await post("CN", `/api/v1/documents/${id}/adoption`, { version: current.version, place: { ru: "Тяньцзинь", zh: "天津", en: "Tianjin" } });
    expect(adopted.statusCode, adopted.body).toBe(200);
    expect(adopted.json().adoption).toMatchObject({ by: "chair", revision: 2, adoptedAt: clock.toISOString(), met: { procedure: "call", openedAt: called.json().call.openedAt, closedAt: clock.toISOString() } });
    expect(adopted.json().call.objections).toEqual([expect.objectContaining({ delegation: "IR", withdrawnAt: expect.any(String) })]);
  });

  it("puts under silence and adopts an issued revision only, and the adopted text is that revision in every language", async () => {
    const document = await ready();
    const id = document.id;
    const provision = document.provisions[1];

    // The review's bypass: a compromise after the last revision, then silence and adoption of a text nobody received.
    let current = (await post("CN", `/api/v1/documents/${id}/provisions/${provision.id}/compromise`, { bracket: null, text: "Государства-члены расширяют сотрудничество.", version: provision.version })).json();
    expect(current.changedSinceRevision).toEqual([provision.id]);
    expect(current.blockers).toEqual(expect.arrayContaining([{ code: "changed-since-revision", provisions: [provision.id] }]));
    const changed = current.provisions.find((p: any) => p.id === provision.id);
    current = (await post("CN", `/api/v1/documents/${id}/provisions/${provision.id}/status`, { mark: "agreed", version: changed.version })).json();
    for (const language of ["zh", "en"]) {
      const version = current.provisions.find((p: any) => p.id === provision.id).version;
      const text = language === "zh" ? "成员国扩大合作。" : "Member States expand cooperation.";
      current = (await (await head("CN")).request("PUT", `/api/v1/documents/${id}/provisions/${provision.id}/versions/${language}`, { text, version })).json();
    }
    const deadline = new Date(clock.getTime() + 24 * HOUR);
    for (const [path, body] of [
      ["silence", { deadline: deadline.toISOString(), version: current.version }],
      ["call", { version: current.version }],
    ] as const) {
      const refused = await post("CN", `/api/v1/documents/${id}/${path}`, body);
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json().code).toBe("revision-needed");
      expect(refused.json().detail).toContain("OP1");
    }
    expect((await get(id)).version).toBe(current.version);

    // Rev.2 takes the change in; a silence procedure shorter than the organization's minimum (24 hours) is refused.
    current = (await post("CN", `/api/v1/documents/${id}/revisions`, { version: current.version })).json().current;
    expect(current).toMatchObject({ revision: 2, changedSinceRevision: [], blockers: [] });
    const short = await post("CN", `/api/v1/documents/${id}/silence`, { deadline: new Date(clock.getTime() + HOUR).toISOString(), version: current.version });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: "silence-too-short", errors: [{ field: "body.deadline", code: "silence-too-short" }] });

    // Silence on Rev.2, cancelled by the chair with a reason; started again; broken by Iran (no provision named): the same
    // revision cannot go under silence again.
    let started = await post("CN", `/api/v1/documents/${id}/silence`, { deadline: deadline.toISOString(), version: current.version });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().silence).toMatchObject({ state: "running", revision: 2 });
    const early = await post("CN", `/api/v1/documents/${id}/provisions/${provision.id}/status`, { mark: null, version: started.json().provisions[1].version });
    expect(early.json().code).toBe("silence-running");
    const cancelled = await post("CN", `/api/v1/documents/${id}/silence/cancellation`, { reason: "The summit moved." });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: "negotiation", silence: { state: "cancelled", reason: "The summit moved.", revision: 2 } });
    expect((await post("IR", `/api/v1/documents/${id}/silence/cancellation`, { reason: "No." })).statusCode).toBe(403);
    started = await post("CN", `/api/v1/documents/${id}/silence`, { deadline: new Date(clock.getTime() + 25 * HOUR).toISOString(), version: cancelled.json().version });
    expect(started.statusCode, started.body).toBe(200);
    expect((await post("IR", `/api/v1/documents/${id}/silence/break`, { reason: "Consultations in capital." })).statusCode).toBe(200);
    current = await get(id);
    const again = await post("CN", `/api/v1/documents/${id}/silence`, { deadline: new Date(clock.getTime() + 25 * HOUR).toISOString(), version: current.version });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("revision-needed");

    // Rev.3 (nothing changed but the circulation); silence on it passes; adopted as of its deadline, not when noticed.
    current = (await post("CN", `/api/v1/documents/${id}/revisions`, { version: current.version })).json().current;
    const lastDeadline = new Date(clock.getTime() + 30 * HOUR);
    expect((await post("CN", `/api/v1/documents/${id}/silence`, { deadline: lastDeadline.toISOString(), version: current.version })).statusCode).toBe(200);
    advance(40 * HOUR);
    expect(await app.services.silence.sweep()).toBe(1);
    const adopted = await get(id);
    expect(adopted.status).toBe("adopted");
    expect(adopted.adoption).toMatchObject({ by: "silence", revision: 3, adoptedAt: lastDeadline.toISOString(), date: lastDeadline.toISOString().slice(0, 10), met: { procedure: "silence", deadline: lastDeadline.toISOString() } });

    // The adopted text is Rev.3 in every language, and the record's hashes are those of Rev.3's language versions.
    const rev3 = (await (await head("KZ")).request("GET", `/api/v1/documents/${id}/revisions/3`)).json();
    for (const language of ["ru", "zh", "en"]) {
      expect(adopted.provisions.map((p: any) => [p.number, p.texts[language]])).toEqual(rev3.provisions.map((p: any) => [p.number, p.texts[language]]));
      expect(adopted.adoption.hashes[language]).toBe(hashOf(rev3.provisions, language));
    }
    expect(adopted.adoption.hashes.ru).toMatch(/^[0-9a-f]{64}$/);
  });

  it("lets the chair invite a non-member delegation to see a draft and comment, marked as a non-member's, never blocking", async () => {
    const document = await ready();
    const id = document.id;
    const proposal = await post("RU", `/api/v1/documents/${id}/proposals`, { change: { type: "insert", provision: document.provisions[1].id, at: 0, text: "Впредь " } });
    expect(proposal.statusCode, proposal.body).toBe(201);
    // Mongolia (an observer in 2025) sees no draft and cannot comment before it is invited.
    expect((await (await head("MN")).request("GET", `/api/v1/documents/${id}`)).statusCode).toBe(403);
    const uninvited = await post("MN", `/api/v1/proposals/${proposal.json().id}/invited-comments`, { text: "Mongolia's view." });
    expect(uninvited.statusCode).toBe(403);
    expect(uninvited.json().right).toBe("position.comment-invited");

    let current = await get(id);
    expect((await post("RU", `/api/v1/documents/${id}/invitations`, { party: "MN", version: current.version })).statusCode).toBe(403);
    const member = await post("CN", `/api/v1/documents/${id}/invitations`, { party: "IN", version: current.version });
    expect(member.statusCode).toBe(400);
    expect(member.json().errors[0]).toMatchObject({ field: "body.party", code: "invalid" });
    const invited = await post("CN", `/api/v1/documents/${id}/invitations`, { party: "MN", version: current.version });
    expect(invited.statusCode, invited.body).toBe(200);
    expect(invited.json().invited).toEqual([{ party: "MN", grantedAt: clock.toISOString(), grantedBy: "CN" }]);

    // Invited, Mongolia reads the draft and comments; everyone sees the comment as a non-member's; it blocks nothing.
    expect((await (await head("MN")).request("GET", `/api/v1/documents/${id}`)).statusCode).toBe(200);
    const commented = await post("MN", `/api/v1/proposals/${proposal.json().id}/invited-comments`, { text: "Mongolia supports closer cooperation." });
    expect(commented.statusCode, commented.body).toBe(200);
    current = await get(id, "KZ");
    const seen = current.proposals.find((p: any) => p.id === proposal.json().id);
    expect(seen.positions).toEqual([expect.objectContaining({ delegation: "MN", stance: "comment", text: "Mongolia supports closer cooperation.", nonMember: true })]);
    expect(seen.opposers).toEqual([]);
    // As an observer in 2025 it may also speak: its ordinary comment is marked as a non-member's too.
    const spoken = await post("MN", `/api/v1/proposals/${proposal.json().id}/positions`, { stance: "comment", text: "Mongolia speaks as an observer." });
    expect(spoken.statusCode, spoken.body).toBe(200);
    expect(spoken.json().positions.at(-1)).toMatchObject({ delegation: "MN", nonMember: true });
    current = await get(id);
    // Still no say of its own: it cannot oppose, nor object in a call.
    expect((await post("MN", `/api/v1/proposals/${proposal.json().id}/positions`, { stance: "oppose" })).statusCode).toBe(403);
    current = (await post("CN", `/api/v1/documents/${id}/revisions`, { version: current.version, handlings: [{ proposal: proposal.json().id, action: "defer" }] })).json().current;
    expect((await post("CN", `/api/v1/documents/${id}/call`, { version: current.version })).statusCode).toBe(200);
    const objection = await post("MN", `/api/v1/documents/${id}/call/objections`, { reason: "Mongolia objects." });
    expect(objection.statusCode).toBe(403);
    expect(objection.json().right).toBe("call.object");

    // The chair ends the invitation: the draft is closed to Mongolia again; the grant stays on record.
    current = await get(id);
    const ended = await post("CN", `/api/v1/documents/${id}/invitations/end`, { party: "MN", version: current.version });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().invited).toEqual([{ party: "MN", grantedAt: expect.any(String), grantedBy: "CN", endedAt: clock.toISOString() }]);
    expect((await (await head("MN")).request("GET", `/api/v1/documents/${id}`)).statusCode).toBe(403);
  });

  it("records each hand on a proposal as its own: withdrawn by its proposer, not retained or merged by the chair, positions retracted, co-sponsors joining", async () => {
    const created = await post("CN", "/api/v1/documents", draft());
    const document = created.json();
    const id = document.id;
    const op = document.provisions[1];
    const words = op.texts.ru.indexOf("сотрудничают");
    const make = async (as: string, text: string) => {
      const made = await post(as, `/api/v1/documents/${id}/proposals`, { change: { type: "replace", provision: op.id, start: words, end: words + "сотрудничают".length, text } });
      expect(made.statusCode, made.body).toBe(201);
      return made.json();
    };
    const p1 = await make("RU", "тесно сотрудничают");
    const p2 = await make("PK", "активно сотрудничают");
    const p3 = await make("KZ", "сотрудничают и дружат");
    const p4 = await make("IN", "взаимодействуют");

    // Only its proposer withdraws a proposal; it is closed at once as withdrawn.
    const notMine = await post("KZ", `/api/v1/proposals/${p4.id}/withdrawal`, {});
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().right).toBe("proposal.withdraw");
    const withdrawn = await post("IN", `/api/v1/proposals/${p4.id}/withdrawal`, {});
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: "withdrawn", handling: null });
    expect((await post("IN", `/api/v1/proposals/${p4.id}/withdrawal`, {})).json().code).toBe("proposal-not-open");

    // Co-sponsors join, once, never their own; an observer cannot.
    expect((await post("BY", `/api/v1/proposals/${p1.id}/cosponsors`, {})).statusCode).toBe(200);
    expect((await post("BY", `/api/v1/proposals/${p1.id}/cosponsors`, {})).json().code).toBe("already-cosponsor");
    expect((await post("RU", `/api/v1/proposals/${p1.id}/cosponsors`, {})).json().code).toBe("same-position");
    expect((await post("MN", `/api/v1/proposals/${p1.id}/cosponsors`, {})).statusCode).toBe(403);

    // India opposes P1, then retracts; Iran opposes and stays; a retraction with nothing to retract is refused.
    expect((await post("IN", `/api/v1/proposals/${p1.id}/positions`, { stance: "oppose" })).statusCode).toBe(200);
    const retracted = await post("IN", `/api/v1/proposals/${p1.id}/positions`, { stance: "retract" });
    expect(retracted.statusCode, retracted.body).toBe(200);
    expect(retracted.json().opposers).toEqual([]);
    expect((await post("IN", `/api/v1/proposals/${p1.id}/positions`, { stance: "retract" })).json().code).toBe("no-position");
    expect((await post("IR", `/api/v1/proposals/${p1.id}/positions`, { stance: "oppose" })).statusCode).toBe(200);

    // The revision: P2 merged into P1 (Pakistan backs it), P3 not retained (recorded as the chair's, not a withdrawal).
    let current = await get(id);
    const badMerge = await post("CN", `/api/v1/documents/${id}/revisions`, { version: current.version, handlings: [{ proposal: p2.id, action: "merge", into: p4.id }] });
    expect(badMerge.statusCode).toBe(400);
    expect(badMerge.json().errors[0]).toMatchObject({ field: "body.handlings.0.into", code: "unknown-proposal" });
    const issued = await post("CN", `/api/v1/documents/${id}/revisions`, {
      version: current.version,
      handlings: [
        { proposal: p2.id, action: "merge", into: p1.id },
        { proposal: p3.id, action: "not-retain" },
      ],
    });
    expect(issued.statusCode, issued.body).toBe(201);
    expect(issued.json().outcomes.map((o: any) => [o.label, o.action, o.result])).toEqual([
      ["P1", "bracket", "bracketed"],
      ["P2", "merge", "merged"],
      ["P3", "not-retain", "not-retained"],
    ]);
    current = issued.json().current;
    const byId = (proposal: { id: string }) => current.proposals.find((p: any) => p.id === proposal.id);
    expect(byId(p3)).toMatchObject({ status: "not-retained", handling: { action: "not-retain" } });
    expect(byId(p2)).toMatchObject({ status: "merged", handling: { action: "merge", into: p1.id } });
    expect(byId(p1).cosponsors).toEqual([
      { delegation: "BY", at: expect.any(String) },
      { delegation: "PK", at: expect.any(String), via: p2.id },
    ]);
    expect(byId(p4)).toMatchObject({ status: "withdrawn", handling: null });
    const bracket = current.provisions.find((p: any) => p.id === op.id).brackets[0];
    expect(bracket.alternatives).toEqual([
      { text: "сотрудничают", backers: ["IR"] },
      { text: "тесно сотрудничают", backers: ["RU", "BY", "PK"] },
    ]);
  });

  it("lets the secretariat draft a revision and compromise text for the chair, and only the chair issue them", async () => {
    const created = await post("CN", "/api/v1/documents", draft());
    const document = created.json();
    const id = document.id;
    const op = document.provisions[1];
    const made = await post("RU", `/api/v1/documents/${id}/proposals`, { change: { type: "insert", provision: op.id, at: 0, text: "Впредь " } });
    expect(made.statusCode, made.body).toBe(201);
    const officer = new SessionClient(app, "198.51.100.200");
    expect((await officer.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD)).statusCode).toBe(200);

    // A delegation does not prepare drafts; the secretariat does, checked as the chair's would be.
    expect((await post("RU", `/api/v1/documents/${id}/drafts`, { kind: "revision", handlings: [{ proposal: made.json().id, action: "accept" }] })).statusCode).toBe(403);
    const wrong = await officer.request("POST", `/api/v1/documents/${id}/drafts`, { kind: "revision", handlings: [{ proposal: "nope", action: "accept" }] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ field: "body.handlings.0.proposal", code: "unknown-proposal" });
    const revisionDraft = await officer.request("POST", `/api/v1/documents/${id}/drafts`, { kind: "revision", handlings: [{ proposal: made.json().id, action: "not-retain" }], note: "Russia's insertion is not retained." });
    expect(revisionDraft.statusCode, revisionDraft.body).toBe(201);
    expect(revisionDraft.json()).toMatchObject({ kind: "revision", state: "pending", note: "Russia's insertion is not retained." });
    const before = (await get(id)).version;

    // Drafts are for the chair: a member reads none; the chair reads them. Preparing one changed nothing in the document.
    expect((await (await head("IN")).request("GET", `/api/v1/documents/${id}/drafts`)).statusCode).toBe(403);
    expect((await (await head("CN")).request("GET", `/api/v1/documents/${id}/drafts`)).json().items).toEqual([expect.objectContaining({ id: revisionDraft.json().id, state: "pending" })]);
    expect((await officer.request("POST", `/api/v1/documents/${id}/revisions`, { version: before, draft: revisionDraft.json().id })).statusCode).toBe(403);

    // The chair issues it as Rev.1: the revision says so, and the draft is used once.
    const issued = await post("CN", `/api/v1/documents/${id}/revisions`, { version: before, draft: revisionDraft.json().id });
    expect(issued.statusCode, issued.body).toBe(201);
    expect(issued.json()).toMatchObject({ number: 1, draft: revisionDraft.json().id, outcomes: [expect.objectContaining({ action: "not-retain", result: "not-retained" })] });
    const again = await post("CN", `/api/v1/documents/${id}/revisions`, { version: issued.json().current.version, draft: revisionDraft.json().id });
    expect(again.statusCode).toBe(400);
    expect(again.json().errors[0]).toMatchObject({ field: "body.draft" });

    // Compromise text drafted by the secretariat; the chair inserts it (its words possibly edited); another is set aside.
    const compromise = await officer.request("POST", `/api/v1/documents/${id}/drafts`, { kind: "compromise", provision: op.id, bracket: null, text: "Государства-члены тесно сотрудничают." });
    const spare = await officer.request("POST", `/api/v1/documents/${id}/drafts`, { kind: "compromise", provision: op.id, bracket: null, text: "Государства-члены сотрудничают." });
    expect(compromise.statusCode, compromise.body).toBe(201);
    const provision = issued.json().current.provisions[1];
    const inserted = await post("CN", `/api/v1/documents/${id}/provisions/${op.id}/compromise`, { bracket: null, text: "Государства-члены тесно и успешно сотрудничают.", version: provision.version, draft: compromise.json().id });
    expect(inserted.statusCode, inserted.body).toBe(200);
    expect((await post("IN", `/api/v1/documents/${id}/drafts/${spare.json().id}/discard`, {})).statusCode).toBe(403);
    expect((await post("CN", `/api/v1/documents/${id}/drafts/${spare.json().id}/discard`, {})).statusCode).toBe(200);
    const drafts = (await (await head("CN")).request("GET", `/api/v1/documents/${id}/drafts`)).json().items;
    expect(drafts.map((d: any) => [d.kind, d.state])).toEqual([
      ["revision", "issued"],
      ["compromise", "issued"],
      ["compromise", "discarded"],
    ]);
    expect(drafts[0].usedIn).toBe(1);
  });

  it("opens a zero draft of 2,000 provisions in three languages, and refuses a larger body than that with 413", async () => {
    const sentence = (n: number) => ({
      kind: "operative",
      texts: {
        ru: `Пункт ${n}: государства-члены продолжат сотрудничество в области торговли, транспорта, энергетики, науки и культуры, уделяя особое внимание обменам между молодёжью и экспертами.`,
        zh: `第${n}段：成员国将继续在贸易、交通、能源、科学和文化领域开展合作，特别重视青年和专家之间的交流。`,
        en: `Paragraph ${n}: Member States will continue cooperation in trade, transport, energy, science and culture, with particular attention to exchanges between young people and experts.`,
      },
    });
    const large = { ...draft(), provisions: Array.from({ length: 2_000 }, (_, n) => sentence(n + 1)) };
    expect(Buffer.byteLength(JSON.stringify(large))).toBeGreaterThan(1024 * 1024);
    const created = await post("CN", "/api/v1/documents", large);
    expect(created.statusCode, created.body.slice(0, 300)).toBe(201);
    expect(created.json().provisions).toHaveLength(2_000);
    const tooLarge = await post("CN", "/api/v1/documents", { ...large, title: { ru: "x".repeat(9 * 1024 * 1024) } });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.body).not.toMatch(/at \w+ \(|node_modules/);
  });
});
