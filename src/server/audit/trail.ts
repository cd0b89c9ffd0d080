// Appending to the audit trail inside the command's own transaction, and verifying the whole chain.
import { createHash, randomUUID } from "node:crypto";
import canonicalize from "canonicalize";
import { asc, desc, gt, sql, type SQL } from "drizzle-orm";
import { CHAIN_START, chainEvent, continueChain, GENESIS_HASH, type ChainBreak, type ChainedEvent, type ChainPosition } from "../../domain/audit-chain.js";
import type { Db } from "../platform/db/client.js";
import { insertJsonRows } from "../platform/db/json-rows.js";
import { auditEvents } from "./tables.js";

export const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/** RFC 8785 canonical JSON, so a payload hashes the same after a round trip through jsonb. */
export function payloadHash(payload: unknown): string {
  return sha256(canonicalize(payload) ?? "null");
}

export interface AuditEntry {
  readonly actorUserId: string | null;
  readonly actorDelegation: string | null;
  readonly address: string | null;
  readonly action: string;
  readonly target: string | null;
  /** What changed; never a password or a secret. */
  readonly payload: Record<string, unknown>;
  readonly at: Date;
}

// One lock for the whole trail: appends are serialized, so sequence numbers have no gaps and each links to the last.
const AUDIT_LOCK = 7_317_001;

/**
 * Chains events in order, each linked to the one before, under the trail's lock (held to the commit), and gives the
 * statement that inserts them: to run in the same transaction, so the events and the change commit together. Two
 * statements whatever their number (the lock, the last link); the insert may go into the commit's last statement.
 */
export async function chainAuditEvents(tx: Db, entries: readonly AuditEntry[]): Promise<{ events: ChainedEvent[]; insert: SQL | null }> {
  if (entries.length === 0) return { events: [], insert: null };
  // The lock is its own statement: the read of the last link must take its snapshot after the lock is held.
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [last] = await tx.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  let previous = { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH };
  const chained = entries.map((entry) => {
    const event = chainEvent(
      {
        seq: previous.seq + 1,
        id: randomUUID(),
        at: entry.at.toISOString(),
        actorUserId: entry.actorUserId,
        actorDelegation: entry.actorDelegation,
        address: entry.address,
        action: entry.action,
        target: entry.target,
        payloadHash: payloadHash(entry.payload),
      },
      previous.hash,
      sha256,
    );
    previous = event;
    return event;
  });
  return { events: chained, insert: insertJsonRows(auditEvents, chained.map((event, i) => ({ ...event, payload: entries[i]!.payload }))) };
}

export interface VerifyResult {
  readonly events: number;
  readonly broken: ChainBreak;
  /** The newest event, whose hash commits to the whole trail. */
  readonly head: { readonly seq: number; readonly hash: string } | null;
}

/** Events read and hashed per turn: a few milliseconds of hashing, a page of memory, whatever the trail's length. */
export const VERIFY_PAGE = 500;

/**
 * Recomputes every payload hash and the chain, in sequence order, a page at a time (keyset by sequence number): the
 * memory and each turn of the event loop are bounded by the page, not by the trail, so other requests are answered
 * between pages.
 */
export async function verifyAuditTrail(db: Db, pageSize = VERIFY_PAGE): Promise<VerifyResult> {
  let position: ChainPosition = CHAIN_START;
  let events = 0;
  let head: VerifyResult["head"] = null;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, position.expectedSeq - 1))
      .orderBy(asc(auditEvents.seq))
      .limit(pageSize);
    const result = continueChain(position, rows, sha256, (event) => payloadHash((event as (typeof rows)[number]).payload) === event.payloadHash);
    events += rows.length;
    const last = rows.at(-1);
    if (last) head = { seq: last.seq, hash: last.hash };
    if ("seq" in result) return { events: events + (await countAfter(db, last?.seq ?? 0)), broken: result, head: await lastLink(db) };
    if (rows.length < pageSize) return { events, broken: null, head };
    position = result;
  }
}

async function countAfter(db: Db, seq: number): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(auditEvents).where(gt(auditEvents.seq, seq));
  return row?.count ?? 0;
}

async function lastLink(db: Db): Promise<VerifyResult["head"]> {
  const [last] = await db.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  return last ? { seq: last.seq, hash: last.hash } : null;
}
