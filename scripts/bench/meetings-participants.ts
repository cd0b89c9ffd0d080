// bench:meetings, part 1 — the participants list of a meeting with 3,000 accredited delegates (inserted straight into the
// tables, names in Chinese, Russian, Kazakh and Latin script): GET /api/v1/meetings/{id}/participants signed in as an
// invited delegation, against a bare Fastify route serving the same bytes; then the list as a PDF in one request — its
// time, its size and pages, and the peak resident memory the server process grew by while making it.
import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { RANKS, type Delegate } from "../../src/domain/meetings/accreditation.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import type { Database } from "../../src/server/platform/db/client.js";
import { demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { meetingAccreditations, meetingBadges, meetingInvitations, meetings } from "../../src/server/meetings/tables.js";
import { prepareDatabase } from "../../src/server/startup.js";
import type { ConcordProcess } from "./processes.js";
import { compareReads, type LoadOptions, type ReadComparison } from "./reads.js";
import { BrowserSession } from "./sessions.js";

export const BENCH_MEETING = "bench-participants";
/** The delegations accredited: the member states (each with a tenth of the delegates), all of them invited by right. */
const DELEGATIONS = ["CN", "RU", "KZ", "KG", "TJ", "UZ", "IN", "PK", "IR", "BY"];
/** Delegates per accreditation list (a delegation submits several). */
const LIST_SIZE = 50;

const ZH_FAMILY = [..."王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"];
const ZH_GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "毅"];
const RU_GIVEN = ["Сергей", "Анна", "Дмитрий", "Мария", "Алексей", "Елена", "Иван", "Ольга", "Николай", "Татьяна"];
const RU_FAMILY = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Лебедев", "Козлов", "Новиков", "Морозов", "Волков"];
const KK_GIVEN = ["Мұрат", "Әйгерім", "Ерлан", "Гүлнұр", "Нұрлан", "Қайрат", "Жанар", "Дәурен", "Айгүл", "Серік"];
const KK_FAMILY = ["Нұртілеу", "Сейітқали", "Әбілов", "Қасымов", "Өмірбеков", "Жұмабаев", "Тоқаев", "Бекұлы", "Ұзақов", "Дүйсенов"];
const LATIN_GIVEN = ["Amir", "Priya", "Farhad", "Dilnoza", "Rustam", "Aliya", "Bakhtiyor", "Nargiza", "Timur", "Zarina"];
const LATIN_FAMILY = ["Karimov", "Sharma", "Rahimov", "Yusupova", "Ahmadi", "Khan", "Tursunov", "Ismoilova", "Sadykov", "Nazarova"];
const FUNCTIONS: readonly Delegate["function"][] = [
  { zh: "外交部长", ru: "Министр иностранных дел", en: "Minister of Foreign Affairs" },
  { zh: "副外长", ru: "Заместитель министра иностранных дел", en: "Deputy Minister of Foreign Affairs" },
  { zh: "常驻代表", ru: "Постоянный представитель", en: "Permanent Representative" },
  { zh: "高级顾问", ru: "Старший советник", en: "Senior Adviser" },
  { zh: "新闻秘书", ru: "Пресс-секретарь", en: "Press Secretary" },
];

/** The n-th delegate of a delegation: names in the languages its delegates are usually given in, deterministic. */
export function benchDelegate(delegation: string, n: number): Delegate {
  const pick = <T>(items: readonly T[], salt: number): T => items[(n * 7 + salt * 3 + delegation.charCodeAt(0)) % items.length]!;
  const suffix = ` ${n + 1}`;
  const rank = RANKS[(n % (RANKS.length - 1)) + 1]!;
  const fn = pick(FUNCTIONS, 1);
  if (delegation === "CN") {
    const zh = pick(ZH_FAMILY, 2) + pick(ZH_GIVEN, 3);
    return { name: { zh: `${zh}${n + 1}`, en: `Delegate CN${suffix}`, ru: `Делегат КНР${suffix}` }, function: fn, rank };
  }
  if (delegation === "KZ") {
    return { name: { kk: `${pick(KK_GIVEN, 2)} ${pick(KK_FAMILY, 3)}${suffix}`, ru: `${pick(RU_GIVEN, 4)} ${pick(RU_FAMILY, 5)}${suffix}`, en: `Delegate KZ${suffix}` }, function: fn, rank };
  }
  if (["RU", "KG", "TJ", "BY"].includes(delegation)) {
    return { name: { ru: `${pick(RU_GIVEN, 2)} ${pick(RU_FAMILY, 3)} (${delegation})${suffix}`, en: `Delegate ${delegation}${suffix}` }, function: fn, rank };
  }
  return { name: { en: `${pick(LATIN_GIVEN, 2)} ${pick(LATIN_FAMILY, 3)} (${delegation})${suffix}` }, function: { en: fn.en!, ru: fn.ru! }, rank };
}

/** Writes the meeting, its invitations, its approved lists of `delegates` in all and one badge per delegate. */
export async function insertBenchMeeting(database: Database, delegates: number): Promise<void> {
  const { db } = database;
  const at = new Date();
  const start = new Date(at.getTime() + 7 * 86_400_000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  await db.insert(meetings).values({
    id: BENCH_MEETING,
    body: "CMFA",
    title: { zh: "基准测试会议：3000名代表", ru: "Заседание для замеров: 3000 делегатов", en: "Benchmark meeting: 3,000 delegates" },
    start,
    end: new Date(start.getTime() + 30 * 3_600_000),
    timeZone: "Asia/Shanghai",
    startDate: day(start),
    endDate: day(new Date(start.getTime() + 30 * 3_600_000)),
    timePrecision: "instant",
    format: "in_person",
    city: { zh: "天津", ru: "Тяньцзинь", en: "Tianjin" },
    status: "confirmed",
    origin: "secretariat",
    isDemo: true,
    defaultQuota: delegates,
    createdAt: at,
    updatedAt: at,
  });
  await db.insert(meetingInvitations).values(DELEGATIONS.map((party) => ({ meetingId: BENCH_MEETING, party, basis: "by_right", quota: delegates, invitedAt: at })));
  const perDelegation = Math.ceil(delegates / DELEGATIONS.length);
  let remaining = delegates;
  for (const delegation of DELEGATIONS) {
    const count = Math.min(perDelegation, remaining);
    remaining -= count;
    for (let first = 0; first < count; first += LIST_SIZE) {
      const id = `bench-${delegation}-${first / LIST_SIZE}`;
      const list = Array.from({ length: Math.min(LIST_SIZE, count - first) }, (_, k) => benchDelegate(delegation, first + k));
      await db.insert(meetingAccreditations).values({ id, meetingId: BENCH_MEETING, delegation, state: "approved", delegates: list, createdAt: at, updatedAt: at });
      await db.insert(meetingBadges).values(list.map((_, index) => ({ token: randomBytes(18).toString("base64url"), meetingId: BENCH_MEETING, listId: id, delegateIndex: index, issuedAt: at })));
    }
  }
}

/** Prepares a database as `concord start` would (migrations, dataset, demo accounts), then adds the meeting. */
export async function prepareBenchDatabase(database: Database, delegates: number): Promise<void> {
  await prepareDatabase(database, { dataset: DEFAULT_DATASET, demoAccounts: true });
  await insertBenchMeeting(database, delegates);
}

export interface PdfRun {
  readonly milliseconds: number;
  readonly bytes: number;
  readonly pages: number;
}

export interface ParticipantsFigures {
  readonly read: ReadComparison;
  /** The first request: the list read from the database, laid out and the fonts subset. */
  readonly coldPdf: PdfRun;
  /** The same request again: the file kept for the meeting's version. */
  readonly warmPdf: PdfRun;
  /** How far the server's resident memory rose above what it held before the first PDF request (peak − before), MiB. */
  readonly peakRssDeltaMiB: number | null;
  readonly rssBeforeMiB: number | null;
}

/** VmRSS and VmHWM (peak) of a process, in KiB, from /proc (Linux). */
export async function memoryOf(pid: number): Promise<{ rss: number; peak: number } | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
    return { rss: field("VmRSS"), peak: field("VmHWM") };
  } catch {
    return null;
  }
}

/** Resets a process's peak resident memory to its current one (Linux: "5" to clear_refs; needs to own the process). */
export async function resetPeak(pid: number): Promise<boolean> {
  try {
    await writeFile(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

async function timedPdf(url: string, cookie: string): Promise<PdfRun> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  const bytes = Buffer.from(await response.arrayBuffer());
  const milliseconds = performance.now() - started;
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${bytes.toString("utf8", 0, 300)}`);
  return { milliseconds, bytes: bytes.length, pages: bytes.toString("latin1").match(/\/Type \/Page\b/g)?.length ?? 0 };
}

/** Part 1 against a running Concord whose database `prepareBenchDatabase` prepared. */
export async function participantsFigures(concord: ConcordProcess, options: LoadOptions & { workDir: string; label: string }): Promise<ParticipantsFigures> {
  // An invited member delegation reads the list, as its delegates do from the meeting's page.
  const session = await BrowserSession.signIn(concord.url, demoHeadEmail("KZ"));
  const cookie = session.cookie;
  session.close();
  const [read] = await compareReads(concord.url, [{ route: "GET /api/v1/meetings/{id}/participants", path: `/api/v1/meetings/${BENCH_MEETING}/participants`, headers: { cookie } }], options);
  const pid = concord.child.pid!;
  const hasReset = await resetPeak(pid);
  const before = await memoryOf(pid);
  const pdfUrl = `${concord.url}/api/v1/meetings/${BENCH_MEETING}/participants.pdf?lang=ru`;
  const coldPdf = await timedPdf(pdfUrl, cookie);
  const after = await memoryOf(pid);
  const warmPdf = await timedPdf(pdfUrl, cookie);
  const measured = hasReset && before && after && Number.isFinite(after.peak) && Number.isFinite(before.rss);
  return {
    read: read!,
    coldPdf,
    warmPdf,
    peakRssDeltaMiB: measured ? (after.peak - before.rss) / 1024 : null,
    rssBeforeMiB: before ? before.rss / 1024 : null,
  };
}
