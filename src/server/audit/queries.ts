// Reads of the audit trail, newest first, filtered.
import { and, desc, eq, gte, lt, lte, type SQL } from "drizzle-orm";
import type { AuditEvent } from "../../contracts/identity.js";
import type { Db } from "../db/client.js";
import { displayNamesOf } from "../identity/queries.js";
import { auditEvents } from "./tables.js";

export interface AuditFilter {
  readonly delegation?: string | undefined;
  readonly action?: string | undefined;
  readonly actorUserId?: string | undefined;
  /** ISO instants. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** Only events with a smaller sequence number (paging). */
  readonly before?: number | undefined;
  readonly limit: number;
}

export async function listAuditEvents(db: Db, filter: AuditFilter): Promise<{ items: AuditEvent[]; nextBefore: number | null }> {
  const conditions: SQL[] = [];
  if (filter.delegation !== undefined) conditions.push(eq(auditEvents.actorDelegation, filter.delegation));
  if (filter.action !== undefined) conditions.push(eq(auditEvents.action, filter.action));
  if (filter.actorUserId !== undefined) conditions.push(eq(auditEvents.actorUserId, filter.actorUserId));
  if (filter.from !== undefined) conditions.push(gte(auditEvents.at, filter.from));
  if (filter.to !== undefined) conditions.push(lte(auditEvents.at, filter.to));
  if (filter.before !== undefined) conditions.push(lt(auditEvents.seq, filter.before));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(auditEvents.seq))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const names = await displayNamesOf(db, page.flatMap((event) => (event.actorUserId ? [event.actorUserId] : [])));
  return {
    items: page.map((event) => ({
      seq: event.seq,
      id: event.id,
      at: event.at,
      actorUserId: event.actorUserId,
      actorName: event.actorUserId ? (names.get(event.actorUserId) ?? null) : null,
      actorDelegation: event.actorDelegation,
      address: event.address,
      action: event.action,
      target: event.target,
      payload: event.payload as Record<string, unknown>,
      payloadHash: event.payloadHash,
      hash: event.hash,
    })),
    nextBefore: rows.length > filter.limit ? (page.at(-1)?.seq ?? null) : null,
  };
}
