// bench:abuse — the six costly requests of issue 15, each sent by 4 callers at once, again and again (as a hostile client
// would: the next as soon as the last is answered, refusals included), while 20 readers load GET /api/v1/states; the
// readers' p99 against quiet turns with no attack, taken between the attacks (other load on the machine weighs alike).
//   xlsx-bomb       programme import of XLSX bombs: a sheet whose directory claims 1,000 bytes but inflates to 1 GiB,
//                   and one that says its size (1 GiB)
//   sheet-shapes    programme import of a million-column CSV header, 2 million empty CSV rows, an XLSX with 9,999 rows
//                   in column XFD
//   diff            the word diff of revisions of a 20,000-character provision rewritten outright, every pair of 6
//                   revisions (each pair once computed, then kept)
//   participants    the participants list of a 10,000-delegate meeting as PDF (zh, ru, en) and XLSX
//   accreditation   lists of 500 long names submitted to one meeting by 4 delegations, up to its 10,000
//   live-flood      4 users' sockets sending presence and subscribe/unsubscribe as fast as they can, reconnecting when closed
// Usage: npm run bench:abuse [-- --duration 10 --readers 20 --callers 4 --database postgresql|pglite --attacks a,b
//        --reader-rate 50 (requests a second per reader; default: as fast as each can)]
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import WebSocket from "ws";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import { openDatabase } from "../../src/server/platform/db/client.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { prepareDatabase } from "../../src/server/startup.js";
import { farRightColumn, longCsv, wideCsv, zipBomb } from "../../tests/fixtures/programme/hostile-spreadsheets.js";
import { createDatabase, type BenchDatabase } from "./databases.js";
import { BENCH_MEETING, insertBenchMeeting, memoryOf, resetPeak } from "./meetings-participants.js";
import { REPO_ROOT, startConcord, stop, type ConcordProcess } from "./processes.js";
import { BrowserSession, type Answer } from "./sessions.js";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    readers: { type: "string", default: "20" },
    callers: { type: "string", default: "4" },
    database: { type: "string", default: "postgresql" },
    attacks: { type: "string", default: "xlsx-bomb,sheet-shapes,diff,participants,accreditation,live-flood" },
    delegates: { type: "string", default: "10000" },
    // Requests a second each reader makes; 0: as many as it can (the readers alone then keep the request thread busy).
    "reader-rate": { type: "string", default: "0" },
  },
});
const DURATION = Number(values.duration);
const READERS = Number(values.readers);
const CALLERS = Number(values.callers);
const DELEGATES = Number(values.delegates);
const READER_RATE = Number(values["reader-rate"]);
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

interface ReaderFigures {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly rps: number;
  readonly non2xx: number;
  readonly errors: number;
}

/** The readers, in their own process, for `seconds`. */
function readers(url: string, seconds: number): Promise<ReaderFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench/abuse-readers.ts", `${url}/api/v1/states`, String(READERS), String(seconds), String(READER_RATE)], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!) as ReaderFigures) : reject(new Error(`readers exited ${code}`))));
  });
}

/** One attack: what each of its callers sends, again and again; prepared before the turns start. */
interface Attack {
  readonly name: string;
  /** Sends one costly request as caller `caller` (its `round`-th); answers its status (0: the connection failed). */
  readonly send: (caller: number, round: number) => Promise<number>;
  readonly stop?: () => void;
}

interface AttackFigures {
  readonly readers: ReaderFigures;
  readonly sent: number;
  readonly statuses: Record<string, number>;
  readonly meanMs: number;
  readonly peakRssDeltaMiB: number | null;
}

/** Runs the attack's callers until the readers are done (after a 2 s head start), then waits for what is in flight. */
async function underAttack(concord: ConcordProcess, attack: Attack): Promise<AttackFigures> {
  const pid = concord.child.pid!;
  const canResetPeak = await resetPeak(pid);
  const before = await memoryOf(pid);
  let running = true;
  const statuses: Record<string, number> = {};
  let sent = 0;
  let totalMs = 0;
  const loops = Array.from({ length: CALLERS }, async (_, caller) => {
    for (let round = 0; running; round++) {
      const started = performance.now();
      const status = await attack.send(caller, round).catch(() => 0);
      totalMs += performance.now() - started;
      sent++;
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const figures = await readers(concord.url, DURATION);
  running = false;
  attack.stop?.();
  await Promise.all(loops);
  const after = await memoryOf(pid);
  const peakRssDeltaMiB = canResetPeak && before && after ? (after.peak - before.rss) / 1024 : null;
  return { readers: figures, sent, statuses, meanMs: sent > 0 ? totalMs / sent : 0, peakRssDeltaMiB };
}

// ---- The attacks

async function signIn(url: string, email: string): Promise<BrowserSession> {
  return BrowserSession.signIn(url, email, DEMO_PASSWORD);
}

function expectStatus(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status) throw new Error(`${what}: ${answer.status} ${answer.body.slice(0, 300)}`);
  return answer;
}

/** Secretariat officers besides the administrator, so that each caller is a user of its own. */
/** `count` secretariat officers of their own, signed in, named by `group` (each attack has its own, so that one attack's
 *  use of a rate per caller does not leave the next one's callers refused from the start). */
async function officers(url: string, admin: BrowserSession, group: string, count: number): Promise<BrowserSession[]> {
  const sessions: BrowserSession[] = [];
  for (let i = 0; i < count; i++) {
    const email = `officer-${group}-${i}@bench.test`;
    const password = `bench-officer-${group}-${i}-password`;
    expectStatus(await admin.post("/api/v1/users", { email, displayName: `Bench officer ${group} ${i}`, role: "secretariat_officer", password }), 201, "an officer");
    sessions.push(await BrowserSession.signIn(url, email, password));
  }
  return sessions;
}

/** Today's chairmanship term and the state holding it. */
async function currentTerm(url: string): Promise<{ id: string; chair: string }> {
  const chairmanship = (await (await fetch(`${url}/api/v1/chairmanship`)).json()) as { current: string | null; items: { id: string; state: { code: string } }[] };
  const term = chairmanship.items.find((item) => item.id === chairmanship.current);
  if (!term) throw new Error("no chairmanship term today");
  return { id: term.id, chair: term.state.code };
}

function importer(sessions: readonly BrowserSession[], term: string, files: readonly { body: Buffer; type: string }[]): Attack["send"] {
  return async (caller, round) => {
    const file = files[(caller + round) % files.length]!;
    return (await sessions[caller % sessions.length]!.request("POST", `/api/v1/chairmanship/${term}/programme/import`, file.body, file.type)).status;
  };
}

/** 20,000 characters of Russian sentences from the words of `seed`'s third of the vocabulary: rewrites share no words. */
function longProvision(seed: number): string {
  const words = [
    ["государства", "члены", "организации", "укрепляют", "сотрудничество", "в", "области", "безопасности", "и", "экономики"],
    ["стороны", "содействуют", "развитию", "торговли", "транспорта", "энергетики", "на", "основе", "взаимного", "уважения"],
    ["делегации", "подчёркивают", "важность", "диалога", "культурных", "связей", "молодёжных", "обменов", "науки", "образования"],
    ["министерства", "обеспечивают", "выполнение", "программ", "совместных", "проектов", "региона", "партнёров", "народов", "мира"],
    ["органы", "рассматривают", "предложения", "экспертов", "по", "вопросам", "цифровой", "экономики", "здравоохранения", "спорта"],
    ["участники", "приветствуют", "инициативы", "председательства", "направленные", "на", "стабильность", "процветание", "дружбу", "добрососедство"],
  ][seed % 6]!;
  let text = "";
  for (let i = 0; text.length < 19_900; i++) text += `${words[(i * 7) % words.length]}${i % 12 === 11 ? ". " : " "}`;
  return `${text.trim().slice(0, 19_990)}.`;
}

async function diffAttack(url: string, heads: readonly BrowserSession[], chair: BrowserSession): Promise<Attack> {
  const created = expectStatus(
    await chair.post("/api/v1/documents", {
      title: { ru: "Заявление для замеров", zh: "测试声明", en: "Benchmark statement" },
      kind: "statement",
      body: "CHS",
      baseLanguage: "ru",
      languages: ["ru", "zh", "en"],
      provisions: [{ kind: "operative", texts: { ru: longProvision(0), zh: "成员国合作。", en: "Member States cooperate." } }],
    }),
    201,
    "the document",
  );
  const document = JSON.parse(created.body) as { id: string };
  const REVISIONS = 6;
  for (let revision = 1; revision < REVISIONS; revision++) {
    const current = JSON.parse((await chair.get(`/api/v1/documents/${document.id}`)).body) as { version: number; provisions: { id: string; version: number }[] };
    const provision = current.provisions[0]!;
    expectStatus(await chair.post(`/api/v1/documents/${document.id}/provisions/${provision.id}/compromise`, { bracket: null, text: longProvision(revision), version: provision.version }), 200, "a rewrite");
    const again = JSON.parse((await chair.get(`/api/v1/documents/${document.id}`)).body) as { version: number };
    expectStatus(await chair.post(`/api/v1/documents/${document.id}/revisions`, { version: again.version }), 201, "a revision");
  }
  const pairs: [number, number][] = [];
  for (let from = 0; from < REVISIONS; from++) for (let to = 0; to < REVISIONS; to++) if (from !== to) pairs.push([from, to]);
  let next = 0;
  return {
    name: "diff",
    send: async (caller) => {
      const [from, to] = pairs[next++ % pairs.length]!;
      return (await heads[caller % heads.length]!.get(`/api/v1/documents/${document.id}/diff?from=${from}&to=${to}`)).status;
    },
  };
}

async function accreditationAttack(url: string, admin: BrowserSession, heads: readonly { code: string; session: BrowserSession }[]): Promise<Attack> {
  const start = new Date(Date.now() + 14 * 86_400_000);
  const created = expectStatus(
    await admin.post("/api/v1/meetings", {
      body: "CMFA",
      title: { en: "Benchmark meeting: accreditation" },
      start: start.toISOString(),
      end: new Date(start.getTime() + 30 * 3_600_000).toISOString(),
      timeZone: "Asia/Bishkek",
      format: "in_person",
    }),
    201,
    "the meeting",
  );
  const meeting = JSON.parse(created.body) as { id: string; invitations: { party: { code: string }; version: number }[] };
  for (const { code } of heads) {
    const invitation = meeting.invitations.find((i) => i.party.code === code)!;
    expectStatus(await admin.request("PATCH", `/api/v1/meetings/${meeting.id}/invitations/${code}`, JSON.stringify({ quota: 2_500, version: invitation.version })), 200, "a quota");
  }
  const filler = "Abdulazizovich-Karimova-Nurlanovna ".repeat(5).trim();
  return {
    name: "accreditation",
    send: async (caller, round) => {
      const { code, session } = heads[caller % heads.length]!;
      const delegates = Array.from({ length: 500 }, (_, i) => ({
        name: { en: `${filler} ${code}-${round}-${i}`, ru: `Делегат ${code} список ${round} номер ${i}`, zh: `代表${code}${round}号${i}` },
        function: { en: "Adviser" },
        rank: "adviser",
      }));
      return (await session.post(`/api/v1/meetings/${meeting.id}/accreditations`, { delegates })).status;
    },
  };
}

async function liveFloodAttack(url: string, sessions: readonly BrowserSession[], documentId: string): Promise<Attack> {
  const sockets = new Set<WebSocket>();
  let running = true;
  const flood = (caller: number): Promise<number> =>
    new Promise((resolve) => {
      const socket = new WebSocket(`${url.replace(/^http/, "ws")}/api/live`, { headers: { origin: url, cookie: sessions[caller % sessions.length]!.cookie }, perMessageDeflate: false });
      sockets.add(socket);
      let sent = 0;
      const stream = `document:${documentId}`;
      const pump = () => {
        // As fast as the socket takes them, a batch a turn (a local socket takes writes at once, so bufferedAmount alone
        // would never end the loop): presence on changing provisions, and a subscribe/unsubscribe churn.
        for (let batch = 0; batch < 500 && running && socket.readyState === WebSocket.OPEN && socket.bufferedAmount < 64 * 1024; batch++) {
          sent++;
          if (sent % 10 === 0) socket.send(JSON.stringify({ type: "unsubscribe", streams: [stream] }));
          else if (sent % 10 === 1) socket.send(JSON.stringify({ type: "subscribe", streams: [{ stream, after: null }] }));
          else socket.send(JSON.stringify({ type: "presence", stream, provision: `p${sent % 50}` }));
        }
        if (running && socket.readyState === WebSocket.OPEN) setImmediate(pump);
      };
      socket.once("open", pump);
      socket.on("message", () => undefined);
      socket.once("close", (code) => {
        sockets.delete(socket);
        resolve(code);
      });
      socket.once("error", () => undefined);
    });
  return {
    name: "live-flood",
    send: (caller) => flood(caller),
    stop: () => {
      running = false;
      for (const socket of sockets) socket.terminate();
    },
  };
}

// ---- The run

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "concord-bench-abuse-"));
  const postgres: BenchDatabase | null = values.database === "postgresql" ? await createDatabase("concord_bench_abuse") : null;
  let concord: ConcordProcess | null = null;
  try {
    const database = await openDatabase(postgres ? { databaseUrl: postgres.url } : { dataDir, command: "bench" });
    try {
      await prepareDatabase(database, { dataset: DEFAULT_DATASET, demoAccounts: true });
      await insertBenchMeeting(database, DELEGATES);
    } finally {
      await database.close();
    }
    concord = await startConcord(postgres ? { DATA_DIR: dataDir, DATABASE_URL: postgres.url } : { DATA_DIR: dataDir });
    const { url } = concord;
    const admin = await signIn(url, DEMO_ADMIN_EMAIL);
    const { id: term, chair: chairCode } = await currentTerm(url);
    const chair = await signIn(url, demoHeadEmail(chairCode));
    const memberCodes = ["CN", "RU", "KZ", "IN", "PK", "UZ", "TJ", "KG", "IR", "BY"].filter((code) => code !== chairCode).slice(0, CALLERS);
    const heads = await Promise.all(memberCodes.map(async (code) => ({ code, session: await signIn(url, demoHeadEmail(code)) })));

    const attacks: Record<string, () => Promise<Attack>> = {
      "xlsx-bomb": async () => ({
        name: "xlsx-bomb",
        send: importer(await officers(url, admin, "bombs", CALLERS), term, [
          { body: zipBomb(2 ** 30, 1_000), type: XLSX },
          { body: zipBomb(2 ** 30), type: XLSX },
        ]),
      }),
      "sheet-shapes": async () => ({
        name: "sheet-shapes",
        send: importer(await officers(url, admin, "shapes", CALLERS), term, [
          { body: wideCsv(1_000_000), type: "text/csv" },
          { body: longCsv(2_000_000), type: "text/csv" },
          { body: farRightColumn(9_999), type: XLSX },
        ]),
      }),
      diff: () =>
        diffAttack(
          url,
          heads.map((h) => h.session),
          chair,
        ),
      participants: async () => {
        const invited = heads.filter((h) => ["CN", "RU", "KZ", "IN", "PK", "UZ", "TJ", "KG", "IR", "BY"].includes(h.code));
        const files = ["participants.pdf?lang=zh", "participants.pdf?lang=ru", "participants.pdf?lang=en", "participants.xlsx?lang=ru"];
        return { name: "participants", send: async (caller, round) => (await invited[caller % invited.length]!.session.get(`/api/v1/meetings/${BENCH_MEETING}/${files[(caller + round) % files.length]}`)).status };
      },
      accreditation: () => accreditationAttack(url, admin, heads),
      "live-flood": async () => {
        const documents = JSON.parse((await heads[0]!.session.get("/api/v1/documents")).body) as { items: { id: string }[] };
        const documentId = documents.items[0]?.id;
        if (!documentId) throw new Error("no document to flood the room of");
        return liveFloodAttack(
          url,
          heads.map((h) => h.session),
          documentId,
        );
      },
    };

    const chosen = values.attacks.split(",").filter((name) => name in attacks);
    const prepared: Attack[] = [];
    for (const name of chosen) prepared.push(await attacks[name]!());

    // Warm the readers' route, then alternate: quiet, attack, quiet, attack…, quiet.
    await readers(url, 2);
    const quiet: ReaderFigures[] = [await readers(url, DURATION)];
    const rows: [Attack, AttackFigures][] = [];
    for (const attack of prepared) {
      console.error(`bench:abuse: ${attack.name}…`);
      rows.push([attack, await underAttack(concord, attack)]);
      quiet.push(await readers(url, DURATION));
    }
    const quietP99 = [...quiet.map((q) => q.p99)].sort((a, b) => a - b)[Math.floor(quiet.length / 2)]!;
    const quietRps = quiet.reduce((sum, q) => sum + q.rps, 0) / quiet.length;

    const lines = [
      `bench:abuse on ${values.database}: ${READERS} readers of GET /api/v1/states (${READER_RATE > 0 ? `${READER_RATE} requests a second each` : "each as fast as it can"}) for ${DURATION} s per turn; each attack by ${CALLERS} callers at once (after a 2 s head start); quiet turns between attacks.`,
      "",
      `Quiet turns: p99 ${quiet.map((q) => q.p99.toFixed(1)).join(", ")} ms (median ${quietP99.toFixed(1)} ms), ${Math.round(quietRps)} req/s on average.`,
      "",
      "| attack | readers p50 / p99 / max ms | p99 / quiet p99 | readers req/s | costly requests sent | their answers | mean answer ms | server peak RSS rise |",
      "|---|---|---|---|---|---|---|---|",
      ...rows.map(([attack, f]) => {
        const answers = Object.entries(f.statuses)
          .sort()
          .map(([status, count]) => `${count}× ${status === "0" ? "failed" : status}`)
          .join(", ");
        const ratio = f.readers.p99 / Math.max(quietP99, 0.01);
        return `| ${attack.name} | ${f.readers.p50.toFixed(1)} / ${f.readers.p99.toFixed(1)} / ${f.readers.max.toFixed(0)} | ${ratio.toFixed(2)} × ${ratio <= 2 ? "(met)" : "(NOT met)"} | ${Math.round(f.readers.rps)} | ${f.sent} | ${answers} | ${Math.round(f.meanMs)} | ${f.peakRssDeltaMiB === null ? "n/a" : `${Math.round(f.peakRssDeltaMiB)} MiB`} |`;
      }),
      "",
      "Readers' non-2xx answers or errors in any turn: " + [...quiet, ...rows.map(([, f]) => f.readers)].reduce((n, r) => n + r.non2xx + r.errors, 0),
    ];
    console.log(lines.join("\n"));
  } finally {
    if (concord) await stop(concord.child);
    await rm(dataDir, { recursive: true, force: true });
    await postgres?.drop();
  }
}

await main();
