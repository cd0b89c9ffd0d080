// Negotiation's tables: documents with their rolling text (one row per provision), proposals and positions, issued
// revisions (immutable snapshots), statements of position and each delegation's private notes.
import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { Handling, ProposalChange } from "../../domain/negotiation/proposals.js";
import type { BracketRecord, Provision } from "../../domain/negotiation/provisions.js";
import type { Silence } from "../../domain/negotiation/adoption.js";

export const negotiationDocuments = pgTable(
  "negotiation_documents",
  {
    id: text().primaryKey(),
    body: text().notNull(),
    kind: text().notNull(),
    title: jsonb().$type<Record<string, string>>().notNull(),
    baseLanguage: text().notNull(),
    languages: jsonb().$type<string[]>().notNull(),
    meeting: text(),
    place: jsonb().$type<Record<string, string>>(),
    decisionRule: text().notNull(),
    concerning: text(),
    visibility: text().notNull(),
    status: text().notNull(),
    isDemo: boolean().notNull().default(false),
    /** The last revision issued (0 for the zero draft). */
    revision: integer().notNull().default(0),
    /** Grows with every change to the document, its text, proposals, positions or statements. */
    version: integer().notNull().default(1),
    /** Proposals made so far, for their labels (P1, P2…). */
    proposalCount: integer().notNull().default(0),
    silence: jsonb().$type<Silence>().notNull(),
    /** The running silence procedure's deadline, for the sweep that adopts at the deadline. */
    silenceDeadline: timestamp({ withTimezone: true }),
    adoption: jsonb().$type<{ number: string; date: string; adoptedAt: string; place: Record<string, string> | null; by: "chair" | "silence" }>(),
    adoptedNumber: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("negotiation_documents_number").on(t.adoptedNumber),
    index("negotiation_documents_deadline").on(t.silenceDeadline).where(sql`${t.silenceDeadline} is not null`),
  ],
);

export const negotiationProvisions = pgTable(
  "negotiation_provisions",
  {
    documentId: text()
      .notNull()
      .references(() => negotiationDocuments.id),
    id: text().notNull(),
    ord: integer().notNull(),
    kind: text().$type<Provision["kind"]>().notNull(),
    texts: jsonb().$type<Record<string, string>>().notNull(),
    basis: jsonb().$type<Record<string, string>>().notNull(),
    mark: text().$type<Provision["mark"]>(),
    brackets: jsonb().$type<BracketRecord[]>().notNull(),
    facilitator: text(),
    version: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.id] })],
);

export const negotiationProposals = pgTable(
  "negotiation_proposals",
  {
    id: text().primaryKey(),
    documentId: text()
      .notNull()
      .references(() => negotiationDocuments.id),
    /** Its place among the document's proposals: P1, P2… */
    seq: integer().notNull(),
    delegation: text().notNull(),
    userId: text(),
    change: jsonb().$type<ProposalChange>().notNull(),
    quote: text().notNull(),
    justification: text().notNull(),
    status: text().notNull(),
    handling: jsonb().$type<Handling>(),
    madeIn: integer().notNull(),
    handledIn: integer(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("negotiation_proposals_document").on(t.documentId, t.status), uniqueIndex("negotiation_proposals_seq").on(t.documentId, t.seq)],
);

export const negotiationPositions = pgTable(
  "negotiation_positions",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    proposalId: text()
      .notNull()
      .references(() => negotiationProposals.id),
    documentId: text().notNull(),
    delegation: text().notNull(),
    userId: text(),
    stance: text().notNull(),
    text: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("negotiation_positions_document").on(t.documentId)],
);

export const negotiationRevisions = pgTable(
  "negotiation_revisions",
  {
    documentId: text()
      .notNull()
      .references(() => negotiationDocuments.id),
    number: integer().notNull(),
    provisions: jsonb().$type<Provision[]>().notNull(),
    outcomes: jsonb().$type<{ proposal: string; label: string; handling: Handling; result: string }[]>().notNull(),
    /** Brackets and provisions not yet agreed in this revision, for the chart of progress. */
    stats: jsonb().$type<{ brackets: number; open: number }>().notNull(),
    issuedAt: timestamp({ withTimezone: true }).notNull(),
    issuedBy: text(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.number] })],
);

export const negotiationStatements = pgTable(
  "negotiation_statements",
  {
    id: text().primaryKey(),
    documentId: text()
      .notNull()
      .references(() => negotiationDocuments.id),
    delegation: text().notNull(),
    userId: text(),
    provision: text(),
    text: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("negotiation_statements_document").on(t.documentId)],
);

export const negotiationNotes = pgTable(
  "negotiation_notes",
  {
    id: text().primaryKey(),
    documentId: text()
      .notNull()
      .references(() => negotiationDocuments.id),
    delegation: text().notNull(),
    userId: text(),
    provision: text(),
    text: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("negotiation_notes_document").on(t.documentId, t.delegation)],
);
