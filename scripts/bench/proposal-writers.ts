// Proposals per second, the way bench:negotiation measures them: writers (Concord through its API, and bare loops of
// transactions on PostgreSQL, one connection per delegation) taking turns, with the CPU each process used and, for
// Concord, what its database connections were doing (sampled from pg_stat_activity).
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { meterCpu, mergeCpu, type CpuShare } from "./cpu-meter.js";
import { withClient } from "./databases.js";
import { pause } from "./fan-out.js";
import { proposalOn, type ProvisionRef } from "./negotiation-text.js";

export interface Throughput {
  readonly count: number;
  /** Transactions that wrote during the turns, when the writer counts them (see Turn). */
  readonly transactions: number | null;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  /** Refused requests by status and problem code. */
  readonly failures: ReadonlyMap<string, number>;
}

/** What one writer did in one turn: each write's latency (ms), its refusals, and how long the turn lasted. */
export interface Turn {
  readonly latencies: readonly number[];
  readonly failures: ReadonlyMap<string, number>;
  readonly seconds: number;
  /** Transactions that wrote, on the whole PostgreSQL server, during the turn (transaction ids given out), when counted. */
  readonly transactions?: number;
}

/** The next transaction id of the server: the difference across a turn counts the transactions that wrote meanwhile. */
export async function nextTransactionId(databaseUrl: string): Promise<number> {
  return withClient(databaseUrl, async (client) => Number((await client.query<{ next: string }>("select pg_snapshot_xmax(pg_current_snapshot())::text::bigint as next")).rows[0]!.next));
}

/** Something that writes proposals for as long as it is given, again and again. */
export interface Writer {
  readonly name: string;
  turn(seconds: number): Promise<Turn>;
  dispose(): Promise<void>;
}

/** Where the delegations write: the document and its provisions, and who they are. */
export interface Target {
  readonly databaseUrl: string;
  readonly documentId: string;
  readonly delegations: readonly string[];
  readonly provisions: readonly ProvisionRef[];
}

/**
 * One connection per delegation, each running `transaction` back to back for `seconds`; delegation d writes on
 * provisions d, d + n, d + 2n… (a provision of its own each time), as the delegations do through Concord.
 */
async function loop(target: Target, seconds: number, transaction: (client: pg.Client, delegation: string, provision: ProvisionRef, k: number) => Promise<void>): Promise<Turn> {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    target.delegations.map((delegation, d) =>
      withClient(target.databaseUrl, async (client) => {
        for (let k = 0; performance.now() < deadline; k += 1) {
          const sent = performance.now();
          await transaction(client, delegation, target.provisions[(d + target.delegations.length * k) % target.provisions.length]!, k);
          latencies.push(performance.now() - sent);
        }
      }),
    ),
  );
  return { latencies, failures: new Map(), seconds: (performance.now() - started) / 1000 };
}

/**
 * A bare writer on copies of Concord's tables, with their indexes, in a schema of its own (dropped by `dispose`), so
 * that no real row is touched; `fill` copies what it needs of the document.
 */
async function onCopies(
  name: string,
  target: Target,
  tables: readonly string[],
  fill: (client: pg.Client, schema: string) => Promise<void>,
  transaction: (schema: string) => (client: pg.Client, delegation: string, provision: ProvisionRef, k: number) => Promise<void>,
): Promise<Writer> {
  const schema = `bench_${randomBytes(3).toString("hex")}`;
  await withClient(target.databaseUrl, async (client) => {
    await client.query(`create schema ${schema}`);
    for (const table of tables) await client.query(`create table ${schema}.${table} (like public.${table} including all)`);
    await fill(client, schema);
  });
  return {
    name,
    turn: (seconds) => loop(target, seconds, transaction(schema)),
    dispose: () => withClient(target.databaseUrl, (client) => client.query(`drop schema ${schema} cascade`)).then(() => undefined),
  };
}

const copyDocument = (target: Target) => async (client: pg.Client, schema: string) => {
  await client.query(`insert into ${schema}.negotiation_documents select * from public.negotiation_documents where id = $1`, [target.documentId]);
};

/** Inserts a row as `makeProposal` does, with the same content (its change, quote and justification). */
async function insertProposal(client: pg.Client, schema: string, row: { documentId: string; seq: number; delegation: string; provision: ProvisionRef; k: number; at?: Date }): Promise<string> {
  const { change, justification } = proposalOn(row.provision, row.k);
  const base = row.provision.texts.ru!;
  const id = randomBytes(8).toString("base64url");
  await client.query(
    `insert into ${schema}.negotiation_proposals (id, document_id, seq, delegation, change, quote, justification, status, made_in, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, 'open', 0, $8)`,
    [id, row.documentId, row.seq, row.delegation, JSON.stringify(change), base.slice(0, base.indexOf(" ")), justification, row.at ?? new Date()],
  );
  return id;
}

/** BEGIN; INSERT a row shaped like a proposal; COMMIT — the least a proposal costs the database. */
export function bareInserts(target: Target): Promise<Writer> {
  let seq = 0;
  return onCopies("bare: BEGIN; INSERT; COMMIT", target, ["negotiation_proposals"], async () => undefined, (schema) => async (client, delegation, provision, k) => {
    await client.query("begin");
    await insertProposal(client, schema, { documentId: target.documentId, seq: (seq += 1), delegation, provision, k });
    await client.query("commit");
  });
}

/**
 * The same, numbered under the lock of one shared row as a proposal is under its document's (BEGIN; SELECT … FOR UPDATE;
 * INSERT; UPDATE; COMMIT): the transactions now run one at a time, each holding the lock through its commit.
 */
export function bareLockedInserts(target: Target): Promise<Writer> {
  const name = "bare, under one row's lock: BEGIN; SELECT … FOR UPDATE; INSERT; UPDATE; COMMIT";
  return onCopies(name, target, ["negotiation_documents", "negotiation_proposals"], copyDocument(target), (schema) => async (client, delegation, provision, k) => {
    await client.query("begin");
    const { rows } = await client.query<{ proposal_count: number }>(`select proposal_count from ${schema}.negotiation_documents where id = $1 for update`, [target.documentId]);
    const seq = rows[0]!.proposal_count + 1;
    await insertProposal(client, schema, { documentId: target.documentId, seq, delegation, provision, k });
    await client.query(`update ${schema}.negotiation_documents set proposal_count = $2 where id = $1`, [target.documentId, seq]);
    await client.query("commit");
  });
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Concord's former proposal transaction (one proposal each, before proposals arriving together were committed
 * together) statement by statement, from a bare client: lock the document, read the provision, insert the proposal,
 * bump the provision's and the document's versions, take the audit chain's lock, read its last link, append the audit
 * event, advance two event streams and append an event on each, queue the NOTIFY, commit — 13 statements and the commit
 * under the document's lock (in copies of the tables). What one proposal per transaction allows, at best.
 */
export function bareConcordTransactions(target: Target): Promise<Writer> {
  const tables = ["negotiation_documents", "negotiation_provisions", "negotiation_proposals", "audit_events", "event_streams", "events"];
  const lockKey = 7_317_900 + Math.floor(Math.random() * 99);
  const audience = JSON.stringify([{ roles: ["secretariat_admin", "secretariat_officer"] }, ...target.delegations.map((delegation) => ({ delegation }))]);
  const fill = async (client: pg.Client, schema: string) => {
    await copyDocument(target)(client, schema);
    await client.query(`insert into ${schema}.negotiation_provisions select * from public.negotiation_provisions where document_id = $1`, [target.documentId]);
  };
  const name = "bare, Concord's former one-proposal transaction statement by statement: BEGIN; 13 statements; COMMIT";
  return onCopies(name, target, tables, fill, (schema) => async (client, delegation, provision, k) => {
    const at = new Date();
    await client.query("begin");
    const { rows } = await client.query<{ version: number; proposal_count: number }>(`select * from ${schema}.negotiation_documents where id = $1 for update`, [target.documentId]);
    const document = rows[0]!;
    await client.query(`select * from ${schema}.negotiation_provisions where document_id = $1 and id = $2`, [target.documentId, provision.id]);
    const seq = document.proposal_count + 1;
    const id = await insertProposal(client, schema, { documentId: target.documentId, seq, delegation, provision, k, at });
    await client.query(`update ${schema}.negotiation_provisions set version = version + 1 where document_id = $1 and id = $2`, [target.documentId, provision.id]);
    await client.query(`update ${schema}.negotiation_documents set version = $2, proposal_count = $3, updated_at = $4 where id = $1`, [target.documentId, document.version + 1, seq, at]);
    await client.query("select pg_advisory_xact_lock($1)", [lockKey]);
    const last = await client.query<{ seq: string; hash: string }>(`select seq, hash from ${schema}.audit_events order by seq desc limit 1`);
    const auditSeq = Number(last.rows[0]?.seq ?? 0) + 1;
    const payload = JSON.stringify({ proposal: id, label: `P${seq}`, type: "insert" });
    const prevHash = last.rows[0]?.hash ?? "0".repeat(64);
    await client.query(
      `insert into ${schema}.audit_events (seq, id, at, actor_user_id, actor_delegation, address, action, target, payload, payload_hash, prev_hash, hash)
       values ($1, $2, $3, null, $4, '127.0.0.1', 'proposal.create', $5, $6, $7, $8, $9)`,
      [auditSeq, randomUUID(), at.toISOString(), delegation, `document:${target.documentId}`, payload, sha256(payload), prevHash, sha256(`${prevHash}${auditSeq}${payload}`)],
    );
    const events = [
      { stream: "audit", payload: { seq: auditSeq, action: "proposal.create", actorDelegation: delegation } },
      { stream: `document:${target.documentId}`, payload: { document: target.documentId, version: document.version + 1, proposal: id, label: `P${seq}`, delegation, provision: provision.id } },
    ];
    for (const event of events) {
      const head = await client.query<{ head: string }>(
        `insert into ${schema}.event_streams (stream, head) values ($1, 1) on conflict (stream) do update set head = ${schema}.event_streams.head + 1 returning head`,
        [event.stream],
      );
      await client.query(`insert into ${schema}.events (stream, seq, type, payload, audience, at) values ($1, $2, 'proposal.made', $3, $4, $5)`, [
        event.stream,
        head.rows[0]!.head,
        JSON.stringify(event.payload),
        audience,
        at,
      ]);
    }
    await client.query("select pg_notify($1, $2)", [`${schema}_events`, JSON.stringify({ events })]);
    await client.query("commit");
  });
}

export interface Measured {
  readonly name: string;
  readonly result: Throughput;
  /** Cores each process used during this writer's turns. */
  readonly cpu: CpuShare;
  /** What the database's connections were doing during this writer's turns (for the writers asked to be watched). */
  readonly activity: Activity | null;
}

function throughputOf(turns: readonly Turn[]): Throughput {
  const latencies = turns.flatMap((t) => t.latencies).sort((a, b) => a - b);
  const failures = new Map<string, number>();
  for (const turn of turns) for (const [key, n] of turn.failures) failures.set(key, (failures.get(key) ?? 0) + n);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const transactions = turns.every((t) => t.transactions !== undefined) ? turns.reduce((sum, t) => sum + t.transactions!, 0) : null;
  return { count: latencies.length, transactions, perSecond: latencies.length / turns.reduce((sum, t) => sum + t.seconds, 0), p50: at(0.5), p99: at(0.99), failures };
}

/**
 * Each writer for `seconds` in all, in `rounds` turns taken one writer after another, so that other load on the machine,
 * which comes and goes, weighs on every writer alike. `processes` are the processes whose CPU is reported by name.
 */
export async function measureInTurns(
  writers: readonly { writer: Writer; isWatched: boolean }[],
  options: { seconds: number; rounds: number; databaseUrl: string; processes: Readonly<Record<string, number>> },
): Promise<Measured[]> {
  const taken = writers.map(() => ({ turns: [] as Turn[], cpu: [] as CpuShare[], activity: [] as Activity[] }));
  for (let round = 0; round < options.rounds; round += 1) {
    for (const [i, { writer, isWatched }] of writers.entries()) {
      const sampler = isWatched ? new ActivitySampler(options.databaseUrl) : null;
      const cpu = meterCpu(options.processes);
      taken[i]!.turns.push(await writer.turn(options.seconds / options.rounds));
      taken[i]!.cpu.push(cpu.stop());
      if (sampler) taken[i]!.activity.push(await sampler.stop());
    }
  }
  return writers.map(({ writer, isWatched }, i) => ({
    name: writer.name,
    result: throughputOf(taken[i]!.turns),
    cpu: mergeCpu(taken[i]!.cpu),
    activity: isWatched ? mergeActivity(taken[i]!.activity) : null,
  }));
}

/** The mean number of connections in each state, over `samples` readings. */
export interface Activity {
  readonly samples: number;
  readonly states: readonly [string, number][];
}

/** What the connections of one database are doing, sampled from pg_stat_activity: the mean number in each state. */
export class ActivitySampler {
  private readonly counts = new Map<string, number>();
  private samples = 0;
  private isRunning = true;
  private readonly done: Promise<void>;

  /** Samples every connection to the database but its own and those only LISTENing. */
  constructor(databaseUrl: string) {
    this.done = withClient(databaseUrl, async (client) => {
      while (this.isRunning) {
        const { rows } = await client.query<{ state: string | null; wait_event_type: string | null; wait_event: string | null }>(
          `select state, wait_event_type, wait_event from pg_stat_activity
            where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid() and query not ilike 'listen %'`,
        );
        this.samples += 1;
        for (const row of rows) this.counts.set(describe(row), (this.counts.get(describe(row)) ?? 0) + 1);
        await pause(2);
      }
    });
  }

  async stop(): Promise<Activity> {
    this.isRunning = false;
    await this.done;
    const states = [...this.counts].map(([state, n]): [string, number] => [state, n / this.samples]).sort((a, b) => b[1] - a[1]);
    return { samples: this.samples, states };
  }
}

function mergeActivity(readings: readonly Activity[]): Activity {
  const samples = readings.reduce((sum, r) => sum + r.samples, 0);
  const totals = new Map<string, number>();
  for (const reading of readings) for (const [state, mean] of reading.states) totals.set(state, (totals.get(state) ?? 0) + mean * reading.samples);
  return { samples, states: [...totals].map(([state, n]): [string, number] => [state, n / samples]).sort((a, b) => b[1] - a[1]) };
}

function describe(row: { state: string | null; wait_event_type: string | null; wait_event: string | null }): string {
  if (row.state === "idle") return "idle in the pool (Node has no query for it)";
  if (row.state === "idle in transaction") return "in a transaction, waiting for Node's next statement";
  if (row.wait_event_type === "Lock" && (row.wait_event === "transactionid" || row.wait_event === "tuple")) return "waiting for a row lock (the document row)";
  if (row.wait_event_type === "Lock" && row.wait_event === "advisory") return "waiting for the audit chain's advisory lock";
  if (row.wait_event_type === "Lock") return `waiting for a lock (${row.wait_event})`;
  if (row.wait_event === "WALSync" || row.wait_event === "WALWrite" || row.wait_event === "WALWriteLock") return "committing: flushing the WAL";
  if (row.wait_event_type === "Client") return "sending or receiving";
  if (row.wait_event_type) return `waiting (${row.wait_event_type}: ${row.wait_event})`;
  return "executing a statement";
}
