// A long provision rewritten outright: the chair's compromise text and the next revision carry the open proposals across
// it cheaply (a proposal on rewritten words collides), and the revision diff is made in the work pool within its bound,
// compared by sentence and saying so, then served from the process's cache, to each reader only after their read check.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { applyDiff, type DiffOp } from "../../src/domain/negotiation/diff.js";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import type { Database } from "../../src/server/platform/db/client.js";
import { DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { testDatabases } from "./databases.js";
import { answersWhileHeld, workGate } from "./responsiveness.js";
import { SessionClient } from "./session-client.js";

/** Numbered sentences on the subjects given until `length` characters: each rewrite uses words the other does not. */
function sentences(opening: string, subjects: readonly string[], length: number): string {
  let text = "";
  for (let i = 0; text.length < length; i++) text += `${opening} ${subjects[i % subjects.length]}, пункт ${i + 1}. `;
  return text.slice(0, length - 2).trimEnd() + ". ";
}

const TAIL = "Секретариат подготовит доклад.";
const ORIGINAL = sentences("Государства-члены укрепляют сотрудничество в области", ["безопасности", "торговли", "энергетики", "транспорта"], 20_000 - TAIL.length) + TAIL;
const REWRITE = sentences("Стороны продолжат диалог по вопросам", ["климата", "здравоохранения", "инвестиций", "образования"], 19_990 - TAIL.length) + TAIL;
const SECOND = sentences("Участники договорились развивать партнёрство ради", ["науки", "культуры", "туризма", "спорта"], 19_980 - TAIL.length);

describe.each(testDatabases)("a long provision rewritten, on $name", (testDb) => {
  const clock = new Date();
  const gate = workGate();
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
    app = await buildApp({ database, now: () => clock, work: { gate: gate.gate } });
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

  it("carries proposals across the rewrite, compares it by sentence in the work pool, and serves it again from the cache to readers only", async () => {
    // Kyrgyzstan chairs in 2025–2026 (as in the other negotiation tests).
    const [chair, russia, india, mongolia] = [await head("KG"), await head("RU"), await head("IN"), await head("MN")];
    const created = await chair.request("POST", "/api/v1/documents", {
      title: { ru: "Проект заявления", en: "Draft statement" },
      kind: "statement",
      body: "CHS",
      baseLanguage: "ru",
      languages: ["ru", "en"],
      provisions: [
        { kind: "preambular", texts: { ru: "Руководствуясь Хартией,", en: "Guided by the Charter," } },
        { kind: "operative", texts: { ru: ORIGINAL, en: "Member States cooperate." } },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const document = created.json();
    const provision = document.provisions[1];
    const propose = async (client: SessionClient, start: number, end: number, text: string) => {
      const response = await client.request("POST", `/api/v1/documents/${document.id}/proposals`, { change: { type: "replace", provision: provision.id, start, end, text } });
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    };
    const tailAt = ORIGINAL.length - TAIL.length;
    const onTail = await propose(russia, tailAt, tailAt + "Секретариат".length, "Генеральный секретарь");
    const rewritten = ORIGINAL.indexOf("торговли, пункт 2");
    const onRewritten = await propose(india, rewritten, rewritten + "торговли, пункт 2".length, "таможни, пункт 2");

    // The chair's compromise text rewrites the whole provision: the proposal on the kept sentence follows it, the one on
    // rewritten words collides.
    const before = (await chair.request("GET", `/api/v1/documents/${document.id}`)).json();
    const compromise = await chair.request("POST", `/api/v1/documents/${document.id}/provisions/${provision.id}/compromise`, {
      bracket: null,
      text: REWRITE,
      version: before.provisions[1].version,
    });
    expect(compromise.statusCode, compromise.body).toBe(200);
    const proposals = compromise.json().proposals;
    const followed = proposals.find((p: { id: string }) => p.id === onTail.id);
    expect(followed).toMatchObject({ status: "open", quote: "Секретариат" });
    expect(REWRITE.slice(followed.change.start, followed.change.end)).toBe("Секретариат");
    expect(proposals.find((p: { id: string }) => p.id === onRewritten.id).status).toBe("colliding");

    // Rev.1 accepts a second rewrite of all but the last sentence and carries the deferred proposal on it across.
    const second = await propose(india, 0, REWRITE.length - TAIL.length, SECOND);
    const current = (await chair.request("GET", `/api/v1/documents/${document.id}`)).json();
    const revision = await chair.request("POST", `/api/v1/documents/${document.id}/revisions`, {
      version: current.version,
      handlings: [
        { proposal: second.id, action: "accept" },
        { proposal: onTail.id, action: "defer" },
      ],
    });
    expect(revision.statusCode, revision.body).toBe(201);
    const outcomes = Object.fromEntries(revision.json().outcomes.map((o: { proposal: string; result: string }) => [o.proposal, o.result]));
    expect(outcomes).toEqual({ [second.id]: "applied", [onTail.id]: "carried" });
    const issued = revision.json().provisions[1].texts.ru as string;
    expect(issued).toBe(SECOND + TAIL);
    const carried = (await chair.request("GET", `/api/v1/documents/${document.id}`)).json().proposals.find((p: { id: string }) => p.id === onTail.id);
    expect(issued.slice(carried.change.start, carried.change.end)).toBe("Секретариат");

    // The diff Rev.0 → Rev.1 is made in the work pool: /api/health answers while its job is held there.
    const path = `/api/v1/documents/${document.id}/diff?from=0&to=1`;
    const first = await answersWhileHeld(app, gate, () => russia.request("GET", path));
    expect(first.statusCode, first.body).toBe(200);
    const diff = first.json();
    const changed = diff.provisions.find((p: { id: string }) => p.id === provision.id);
    expect(changed.change).toBe("changed");
    expect(changed.granularity.ru).toBe("sentence");
    expect(changed.granularity.en).toBe("word");
    expect(applyDiff(ORIGINAL, changed.ops.ru as DiffOp[])).toBe(SECOND + TAIL);
    // The kept last sentence is unchanged in the comparison, not deleted and inserted again.
    expect(changed.ops.ru.at(-1)).toEqual({ op: "equal", text: expect.stringContaining(TAIL) });
    expect(diff.provisions.find((p: { id: string }) => p.id !== provision.id).granularity).toEqual({ ru: "word", en: "word" });

    // Asked again, by the same reader or another, it comes from the cache: no new job.
    const completed = app.services.work.stats().completed;
    const again = await russia.request("GET", path);
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    expect((await india.request("GET", path)).body).toBe(first.body);
    expect(app.services.work.stats().completed).toBe(completed);

    // The draft's diff is kept, yet an observer and a reader without a session are refused it, as they are the draft.
    const observer = await mongolia.request("GET", path);
    expect(observer.statusCode).toBe(403);
    expect(observer.body).not.toContain("Секретариат");
    const anonymous = new SessionClient(app, "192.0.2.99");
    const unsigned = await anonymous.request("GET", path);
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.body).not.toContain("Секретариат");

    // Once the chair opens the document to the public, anyone reads the same diff, still from the cache.
    const opened = (await chair.request("GET", `/api/v1/documents/${document.id}`)).json();
    expect((await chair.request("POST", `/api/v1/documents/${document.id}/visibility`, { visibility: "public", version: opened.version })).statusCode).toBe(200);
    const publicly = await anonymous.request("GET", path);
    expect(publicly.statusCode).toBe(200);
    expect(publicly.body).toBe(first.body);
    expect(app.services.work.stats().completed).toBe(completed);

    // Another pair is another job; a revision that does not exist is 404, and nothing is kept for it.
    expect((await russia.request("GET", `/api/v1/documents/${document.id}/diff?from=1&to=0`)).statusCode).toBe(200);
    expect(app.services.work.stats().completed).toBe(completed + 1);
    const missing = await russia.request("GET", `/api/v1/documents/${document.id}/diff?from=0&to=7`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe("not-found");
  });
});
