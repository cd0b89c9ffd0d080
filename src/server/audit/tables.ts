// The audit trail's table: append-only, hash-chained.
import { bigint, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";

export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigint({ mode: "number" }).primaryKey(),
    id: text().notNull(),
    at: text().notNull(),
    actorUserId: text(),
    actorDelegation: text(),
    address: text(),
    action: text().notNull(),
    target: text(),
    payload: jsonb().notNull(),
    payloadHash: text().notNull(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [index("audit_events_delegation").on(t.actorDelegation, t.seq), index("audit_events_action").on(t.action, t.seq)],
);
