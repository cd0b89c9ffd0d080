// bench:negotiation's large document (--parts large): a declaration of 2,000 provisions in Russian, Chinese and English,
// 5,000 proposals on it from the heads of the member delegations (through the HTTP API, as the proposals part makes them),
// with positions so that a share is opposed; then one revision handling all of them, the room's read of the document
// after it (against a bare route serving the same bytes), and the diff Rev.0 → Rev.1 (first and again).
//
// The zero draft is not sent through POST /api/v1/documents: 2,000 provisions in three languages are 2.3 MiB of JSON, and
// Concord takes request bodies of at most 1 MiB (Fastify's bodyLimit in app.ts), so the API refuses it with 413. The
// harness runs the very command the route runs (createDocument), as the chair's head of delegation, on Concord's database
// while Concord is stopped (PGlite serves one process at a time; PostgreSQL is treated alike). Everything after is HTTP.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { eq } from "drizzle-orm";
import type { CreateDocumentRequest, HANDLING_ACTIONS } from "../../src/contracts/negotiation.js";
import type { Actor, Role } from "../../src/domain/access.js";
import { demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { users } from "../../src/server/identity/tables.js";
import { createDocument } from "../../src/server/negotiation/commands.js";
import { loadProvisions, registryFacts } from "../../src/server/negotiation/store.js";
import { standingOf } from "../../src/server/platform/access/actor.js";
import { CommandRunner } from "../../src/server/platform/commands/runner.js";
import { openDatabase } from "../../src/server/platform/db/client.js";
import { loadRegistry } from "../../src/server/registry/queries.js";
import { utcDay } from "../../src/server/startup.js";
import { meterCpu } from "./cpu-meter.js";
import type { BenchDatabase } from "./databases.js";
import { pause } from "./fan-out.js";
import { chairWording, LARGE_ROUNDS, largeProposalOn, TITLE, zeroDraft, type ProvisionRef } from "./negotiation-text.js";
import { startConcord, stop } from "./processes.js";
import { compareReads, type LoadOptions, type ReadComparison } from "./reads.js";
import { BrowserSession, expectJson } from "./sessions.js";

export interface LargeOptions {
  readonly provisions: number;
  readonly proposals: number;
  /** Documents made alike, each revised once: the revision's and the diff's times are their median. */
  readonly copies: number;
  /** The room's read, as part 1 measures it. */
  readonly read: LoadOptions;
}

type Action = (typeof HANDLING_ACTIONS)[number];

export interface LargeFigures {
  readonly database: "pglite" | "postgresql";
  readonly setup: { readonly createSeconds: number; readonly proposalsPerSecond: number; readonly positions: number; readonly positionsPerSecond: number; readonly seconds: number };
  /** Wall time of each copy's POST …/revisions, ms, in the order issued. */
  readonly revisions: readonly number[];
  /** CPU seconds during each revision's POST: the Concord process, PostgreSQL's processes. */
  readonly revisionCpu: readonly { readonly concord: number; readonly postgres: number }[];
  /** The revision's answer (the revision and the document after it), bytes. */
  readonly revisionBytes: number;
  readonly handlings: ReadonlyMap<Action, number>;
  /** What became of the proposals in the first copy's revision, by result. */
  readonly outcomes: ReadonlyMap<string, number>;
  /** The document after the revision: provisions with a bracket (the revision's stats). */
  readonly bracketedProvisions: number;
  readonly reads: ReadComparison;
  /** GET …/diff?from=0&to=1 per copy, ms: first (computed), and again (kept). */
  readonly diffs: { readonly first: readonly number[]; readonly again: readonly number[]; readonly bytes: number };
}

/** Which handling proposal k gets, and which positions it draws, by its slot (0–4): a fifth opposed, bracketed. */
const SLOT_ACTIONS: readonly Action[] = ["bracket", "accept", "accept", "defer", "accept-modified"];

interface Created {
  readonly chair: string;
  readonly documents: readonly { readonly id: string; readonly provisions: readonly ProvisionRef[] }[];
  readonly seconds: number;
}

/** `copies` zero drafts, made by createDocument as the chair's head of delegation would through the API. */
async function createDocuments(databaseUrl: string | null, dataDir: string, options: LargeOptions): Promise<Created> {
  const started = performance.now();
  const database = await openDatabase(databaseUrl ? { databaseUrl, command: "bench" } : { dataDir, command: "bench" });
  try {
    const registry = await loadRegistry(database.db);
    if (!registry) throw new Error("no registry in the database");
    const now = new Date();
    const day = utcDay(now);
    const facts = registryFacts(registry);
    const chair = facts.chairOf("CHS", day);
    if (!chair) throw new Error("no chair of CHS today");
    const [user] = await database.db.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, demoHeadEmail(chair)));
    if (!user) throw new Error(`no demo account ${demoHeadEmail(chair)}`);
    const actor: Actor = { userId: user.id, role: user.role as Role, delegation: chair, ...standingOf(registry, chair, day) };
    const request: CreateDocumentRequest = { title: TITLE, kind: "declaration", body: "CHS", baseLanguage: "ru", languages: ["ru", "zh", "en"], provisions: zeroDraft(options.provisions) };
    const runner = new CommandRunner(database.db);
    const documents = [];
    for (let copy = 0; copy < options.copies; copy += 1) {
      const { id } = await runner.run(createDocument, { actor, address: "127.0.0.1", now: new Date() }, { request, situation: { facts, day } });
      documents.push({ id, provisions: (await loadProvisions(database.db, id)).map((p) => ({ id: p.id, texts: p.texts })) });
    }
    return { chair, documents, seconds: (performance.now() - started) / 1000 };
  } finally {
    await database.close();
  }
}

/** Proposal k: on provision k mod n, in round ⌊k / n⌋; its slot decides its positions and handling. */
const placeOf = (k: number, provisions: number) => {
  const provision = k % provisions;
  const round = Math.floor(k / provisions);
  return { provision, round, slot: (provision + round) % SLOT_ACTIONS.length };
};

/** Each delegation's head runs `work` (its requests one after another), the delegations at once. */
async function asDelegations<T>(members: readonly string[], heads: ReadonlyMap<string, BrowserSession>, work: (head: BrowserSession, d: number) => Promise<T>): Promise<T[]> {
  return Promise.all(members.map((code, d) => work(heads.get(code)!, d)));
}

/**
 * The large document's part on one database: Concord's first start prepares the database (migrations, dataset, demo
 * accounts) and stops; the zero drafts are made; Concord starts again and everything else goes through its HTTP API.
 * Drops `database` afterwards.
 */
export async function measureLargeDocument(database: BenchDatabase | null, options: LargeOptions): Promise<LargeFigures> {
  if (options.proposals > LARGE_ROUNDS * options.provisions) throw new Error(`at most ${LARGE_ROUNDS} proposals per provision`);
  const label = database ? "postgresql" : "pglite";
  const workDir = await mkdtemp(join(tmpdir(), "concord-bench-large-"));
  const env: Record<string, string> = database ? { DATA_DIR: workDir, DATABASE_URL: database.url } : { DATA_DIR: workDir };
  const sessions: BrowserSession[] = [];
  try {
    await stop((await startConcord(env)).child);
    const created = await createDocuments(database?.url ?? null, workDir, options);
    console.error(`${label} large: ${options.copies} × ${options.provisions} provisions made in ${created.seconds.toFixed(1)} s`);
    const concord = await startConcord(env);
    try {
      const { url } = concord;
      const states = (await (await fetch(`${url}/api/v1/states?tier=member`)).json()) as { items: { code: string }[] };
      const members = states.items.map((s) => s.code);
      if (!members.includes(created.chair)) throw new Error(`the chair ${created.chair} is not a member`);
      const heads = new Map<string, BrowserSession>();
      // One after another, as openRoom signs them in (parallel sign-ins from one address can be refused with 429).
      for (const code of members) {
        const session = await BrowserSession.signIn(url, demoHeadEmail(code));
        sessions.push(session);
        heads.set(code, session);
      }
      const chair = heads.get(created.chair)!;
      const reader = heads.get(members.find((code) => code !== created.chair)!)!;
      const n = members.length;

      // ---- Proposals and positions on every copy
      const setupStarted = performance.now();
      let proposing = 0;
      let positioning = 0;
      let positionCount = 0;
      const prepared: { id: string; version: number; handlings: { proposal: string; action: Action; text?: string }[] }[] = [];
      for (const document of created.documents) {
        const { id, provisions } = document;
        const ids: string[] = new Array<string>(options.proposals);
        let version = 1;
        const seen = (v: number) => void (version = Math.max(version, v));
        let started = performance.now();
        await asDelegations(members, heads, async (head, d) => {
          for (let k = d; k < options.proposals; k += n) {
            const { provision, round } = placeOf(k, provisions.length);
            const made = await expectJson<{ id: string; documentVersion: number }>(head.post(`/api/v1/documents/${id}/proposals`, largeProposalOn(provisions[provision]!, round)), 201, `proposal ${k}`);
            ids[k] = made.id;
            seen(made.documentVersion);
          }
        });
        proposing += (performance.now() - started) / 1000;
        // Who takes which position: slot 0 is opposed (a quarter of it also supported), a quarter of slot 2 supported.
        const positions: { by: string; proposal: string; stance: "support" | "oppose"; text: string }[] = [];
        for (let k = 0; k < options.proposals; k += 1) {
          const { provision, slot } = placeOf(k, provisions.length);
          const other = (step: number) => members[(k + step) % n]!;
          if (slot === 0) positions.push({ by: other(3), proposal: ids[k]!, stance: "oppose", text: "Предпочитаем сохранить формулировку Rev.0: она согласована на уровне экспертов." });
          if ((slot === 0 && provision % 4 === 0) || (slot === 2 && provision % 4 === 1)) positions.push({ by: other(1), proposal: ids[k]!, stance: "support", text: "" });
        }
        started = performance.now();
        await asDelegations(members, heads, async (head, d) => {
          for (const position of positions.filter((p) => p.by === members[d])) {
            const taken = await expectJson<{ documentVersion: number }>(head.post(`/api/v1/proposals/${position.proposal}/positions`, { stance: position.stance, text: position.text }), 200, `a position (${position.stance})`);
            seen(taken.documentVersion);
          }
        });
        positioning += (performance.now() - started) / 1000;
        positionCount += positions.length;
        const handlings = ids.map((proposal, k) => {
          const { provision, round, slot } = placeOf(k, provisions.length);
          const action = SLOT_ACTIONS[slot]!;
          return action === "accept-modified" ? { proposal, action, text: chairWording(provisions[provision]!, round) } : { proposal, action };
        });
        prepared.push({ id, version, handlings });
        console.error(`${label} large: ${options.proposals} proposals and ${positions.length} positions on ${id} in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s so far`);
      }
      const setupSeconds = (performance.now() - setupStarted) / 1000;

      // ---- 1. One revision handling every proposal, on each copy
      const revisions: number[] = [];
      const revisionCpu: { concord: number; postgres: number }[] = [];
      let revisionBytes = 0;
      let outcomes = new Map<string, number>();
      let bracketedProvisions = 0;
      for (const [copy, { id, version, handlings }] of prepared.entries()) {
        await pause(1000);
        const body = JSON.stringify({ version, handlings });
        const cpu = meterCpu({ Concord: concord.child.pid! });
        const sent = performance.now();
        const monotonic = process.hrtime.bigint();
        const answer = await chair.request("POST", `/api/v1/documents/${id}/revisions`, body);
        const ms = performance.now() - sent;
        // The same clock as a CPU profile's timestamps (CLOCK_MONOTONIC, µs): where to look for the revision in one.
        const window = `monotonic µs ${monotonic / 1000n}–${process.hrtime.bigint() / 1000n}`;
        const used = cpu.stop();
        if (answer.status !== 201) throw new Error(`the revision answered ${answer.status}: ${answer.body.slice(0, 300)}`);
        revisions.push(ms);
        revisionCpu.push({ concord: used.cores["Concord"]! * used.seconds, postgres: used.cores["PostgreSQL"]! * used.seconds });
        console.error(`${label} large: revision of ${handlings.length} handlings on ${id}: ${Math.round(ms)} ms (${window})`);
        if (copy === 0) {
          revisionBytes = Buffer.byteLength(answer.body);
          const issued = JSON.parse(answer.body) as { outcomes: { result: string }[]; current: { provisions: { status: string }[] } };
          outcomes = new Map();
          for (const { result } of issued.outcomes) outcomes.set(result, (outcomes.get(result) ?? 0) + 1);
          bracketedProvisions = issued.current.provisions.filter((p) => p.status === "bracketed").length;
        }
      }
      const handlingCounts = new Map<Action, number>();
      for (const { action } of prepared[0]!.handlings) handlingCounts.set(action, (handlingCounts.get(action) ?? 0) + 1);

      // ---- 2. The diff Rev.0 → Rev.1, first (computed in the work pool) and again (kept), on each copy
      const first: number[] = [];
      const again: number[] = [];
      let diffBytes = 0;
      for (const { id } of prepared) {
        for (const times of [first, again]) {
          const sent = performance.now();
          const answer = await reader.get(`/api/v1/documents/${id}/diff?from=0&to=1`);
          times.push(performance.now() - sent);
          if (answer.status !== 200) throw new Error(`the diff answered ${answer.status}: ${answer.body.slice(0, 300)}`);
          diffBytes = Buffer.byteLength(answer.body);
        }
      }
      console.error(`${label} large: diff Rev.0 → Rev.1 ${first.map(Math.round).join(" / ")} ms, again ${again.map(Math.round).join(" / ")} ms`);

      // ---- 3. The room's read of the first copy, as part 1 measures it
      const [reads] = await compareReads(url, [{ route: "GET /api/v1/documents/{id}", path: `/api/v1/documents/${prepared[0]!.id}`, headers: { cookie: reader.cookie } }], {
        ...options.read,
        workDir,
        label: `${label} large`,
      });
      return {
        database: label,
        setup: { createSeconds: created.seconds, proposalsPerSecond: (options.proposals * options.copies) / proposing, positions: positionCount, positionsPerSecond: positionCount / positioning, seconds: setupSeconds },
        revisions,
        revisionCpu,
        revisionBytes,
        handlings: handlingCounts,
        outcomes,
        bracketedProvisions,
        reads: reads!,
        diffs: { first, again, bytes: diffBytes },
      };
    } finally {
      sessions.forEach((session) => session.close());
      await stop(concord.child);
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
    await database?.drop();
  }
}
