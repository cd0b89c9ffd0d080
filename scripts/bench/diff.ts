// bench:diff — what a long rewritten provision costs: the revision diff (first request and again), /api/health asked
// while that diff is answered, the chair's compromise text that re-anchors open proposals, and a revision that carries a
// proposal across the rewrite. A measurement, not a test: it prints times, on embedded PGlite, in one process.
// Usage: npm run bench:diff [-- --sizes 8000,20000 --languages ru,zh]
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import { openDatabase } from "../../src/server/platform/db/client.js";
import { DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { prepareDemoAccounts, seedIfEmpty } from "../../src/server/startup.js";
import { SessionClient } from "../../tests/integration/session-client.js";

const { values } = parseArgs({ options: { sizes: { type: "string", default: "8000,20000" }, languages: { type: "string", default: "ru,zh" } } });
const SIZES = values.sizes.split(",").map(Number);
const LANGUAGES = values.languages.split(",") as ("ru" | "zh")[];

/** Per language: its words, how a sentence joins them and ends, and the last sentence every version keeps. */
const LANGUAGE = {
  ru: {
    words: (
      "государства члены организации стороны будут должны могут принять меры сотрудничество в области безопасности экономики " +
      "культуры торговли транспорта энергетики развития региона на основе принципов взаимного уважения суверенитета равенства " +
      "и невмешательства во внутренние дела содействовать укреплению мира стабильности процветания народов совместно с " +
      "партнёрами подчёркивают важность продолжения диалога по вопросам борьбы с терроризмом экстремизмом сепаратизмом"
    ).split(" "),
    space: " ",
    stop: ". ",
    tail: "Секретариат подготовит доклад.",
    tailWord: "Секретариат",
  },
  zh: {
    words: (
      "成员国 组织 各方 将 应当 可以 采取 措施 合作 领域 安全 经济 文化 贸易 交通 能源 发展 地区 基于 原则 相互 尊重 主权 平等 " +
      "不干涉 内政 促进 加强 和平 稳定 繁荣 人民 共同 伙伴 强调 重要性 继续 对话 问题 打击 恐怖主义 极端主义 分裂主义 上海合作组织"
    ).split(" "),
    space: "",
    stop: "。",
    tail: "秘书处将编写报告。",
    tailWord: "秘书处",
  },
} as const;

/** A deterministic stream of numbers (mulberry32), so every run compares the same texts. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Sentences, `length` characters in all (the last one cut to fit, then closed), of one third of the vocabulary: each
 * rewrite uses words the text it replaces does not, as a rewrite that keeps only spaces and full stops in common, the
 * costliest case for a word diff.
 */
function prose(language: "ru" | "zh", length: number, third: number): string {
  const { words: vocabulary, space, stop } = LANGUAGE[language];
  const next = random(third + 1);
  const words = vocabulary.filter((_, i) => i % 3 === third);
  let text = "";
  while (text.length < length) {
    const sentence = Array.from({ length: 8 + Math.floor(next() * 12) }, () => words[Math.floor(next() * words.length)]!);
    text += `${sentence.join(space)}${stop}`;
  }
  return `${text.slice(0, length - stop.length)}${stop}`;
}

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: Math.round(performance.now() - started), value };
}

const database = await openDatabase({});
await database.migrate();
await seedIfEmpty(database, DEFAULT_DATASET);
await prepareDemoAccounts(database, new Date());
const app = await buildApp({ database });
const heads = new Map<string, SessionClient>();
async function head(code: string): Promise<SessionClient> {
  let client = heads.get(code);
  if (!client) {
    client = new SessionClient(app, `192.0.2.${heads.size + 20}`);
    await client.signIn(demoHeadEmail(code), DEMO_PASSWORD);
    heads.set(code, client);
  }
  return client;
}

function expectStatus(response: { statusCode: number; body: string }, status: number, what: string): void {
  if (response.statusCode !== status) throw new Error(`${what}: ${response.statusCode} ${response.body.slice(0, 500)}`);
}

const rows: string[] = [];
try {
  // A first diff starts the work pool's thread (and, from the sources, teaches it TypeScript): not part of any figure.
  const warm = await (await head("KG")).request("POST", "/api/v1/documents", {
    title: { ru: "Разминка" },
    kind: "statement",
    body: "CHS",
    baseLanguage: "ru",
    languages: ["ru"],
    provisions: [{ kind: "operative", texts: { ru: "Стороны сотрудничают." } }],
  });
  expectStatus(warm, 201, "warm-up");
  expectStatus(await (await head("RU")).request("GET", `/api/v1/documents/${warm.json().id}/diff?from=0&to=0`), 200, "warm-up diff");
  for (const [size, language] of SIZES.flatMap((size) => LANGUAGES.map((language) => [size, language] as const))) {
    const { tail: TAIL, tailWord } = LANGUAGE[language];
    const [chair, ru, india] = [await head("KG"), await head("RU"), await head("IN")];
    // Rev.0: the provision, `size` characters ending with a sentence every version keeps.
    const original = `${prose(language, size - TAIL.length, 0)}${TAIL}`;
    const created = await chair.request("POST", "/api/v1/documents", {
      title: { [language]: `${size}` },
      kind: "statement",
      body: "CHS",
      baseLanguage: language,
      languages: [language],
      provisions: [{ kind: "operative", texts: { [language]: original } }],
    });
    expectStatus(created, 201, "create");
    const document = created.json();
    const provision = document.provisions[0];
    const tailAt = (text: string) => text.length - TAIL.length;
    const propose = async (client: SessionClient, start: number, end: number, text: string) => {
      const response = await client.request("POST", `/api/v1/documents/${document.id}/proposals`, { change: { type: "replace", provision: provision.id, start, end, text } });
      expectStatus(response, 201, "proposal");
      return response.json();
    };
    // Two open proposals: one on the kept last sentence, one on the first words (rewritten below).
    await propose(ru, tailAt(original), tailAt(original) + tailWord.length, "—");
    await propose(india, 0, 12, "—");
    // The chair rewrites the whole provision (compromise text); the open proposals are re-anchored or collide.
    const rewritten = `${prose(language, size - TAIL.length, 1)}${TAIL}`;
    const current = (await chair.request("GET", `/api/v1/documents/${document.id}`)).json();
    const compromise = await time(() =>
      chair.request("POST", `/api/v1/documents/${document.id}/provisions/${provision.id}/compromise`, { bracket: null, text: rewritten, version: current.provisions[0].version }),
    );
    expectStatus(compromise.value, 200, "compromise");
    const statuses = compromise.value.json().proposals.map((p: { label: string; status: string }) => `${p.label} ${p.status}`);
    // Rev.1 accepts a second rewrite of all but the last sentence; the proposal on it is carried across.
    const second = prose(language, tailAt(rewritten), 2);
    const accepted = await propose(india, 0, tailAt(rewritten), second);
    const before = (await chair.request("GET", `/api/v1/documents/${document.id}`)).json();
    const handlings = before.proposals.filter((p: { status: string }) => p.status === "open").map((p: { id: string }) => ({ proposal: p.id, action: p.id === accepted.id ? "accept" : "defer" }));
    const revision = await time(() => chair.request("POST", `/api/v1/documents/${document.id}/revisions`, { version: before.version, handlings }));
    expectStatus(revision.value, 201, "revision");
    const outcomes = revision.value.json().outcomes.map((o: { label: string; result: string }) => `${o.label} ${o.result}`);

    // The diff Rev.0 → Rev.1, with /api/health asked while it is answered.
    const diffPath = `/api/v1/documents/${document.id}/diff?from=0&to=1`;
    let done = false;
    const first = time(() => ru.request("GET", diffPath)).finally(() => (done = true));
    // The slowest answer of /api/health asked every 10 ms while the diff is in progress (one blocked loop shows here).
    let healthMs = 0;
    while (!done) {
      const started = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 10));
      await app.inject({ method: "GET", url: "/api/health" });
      healthMs = Math.max(healthMs, Math.round(performance.now() - started - 10));
    }
    const diff = await first;
    expectStatus(diff.value, 200, "diff");
    const again = await time(() => ru.request("GET", diffPath));
    const answer = diff.value.json().provisions[0];
    rows.push(
      `| ${size} | ${language} | ${diff.ms} | ${healthMs} | ${again.ms} | ${answer.granularity?.[language] ?? "(word)"} | ${compromise.ms} (${statuses.join(", ")}) | ${revision.ms} (${outcomes.join(", ")}) |`,
    );
    console.log(rows.at(-1));
  }
} finally {
  await app.close();
  await database.close();
}
console.log("\n| characters | language | diff ms | /api/health ms meanwhile | diff again ms | granularity | compromise ms | revision ms |");
console.log("|---|---|---|---|---|---|---|---|");
for (const row of rows) console.log(row);
