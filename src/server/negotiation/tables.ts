// Negotiation's tables: documents with their rolling text (one row per provision), proposals and positions, issued
// revisions (immutable snapshots), statements of position and each delegation's private notes.
import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { ProposalChange, RecordedHandling } from "../../domain/negotiation/proposals.js";
import type { BracketRecord, Provision } from "../../domain/negotiation/provisions.js";
import type { Call, Silence } from "../../domain/negotiation/adoption.js";

export interface RuleChange {
  readonly from: { rule: string; subject: string | null; concerning: string | null };
  readonly to: { rule: string; subject: string | null; concerning: string | null };
  readonly reason: string;
  readonly by: string | null;
  readonly at: string;
}

export interface Cosponsor {
  readonly delegation: string;
  readonly at: string;
  /** The proposal whose merge into this one made the delegation a co-sponsor. */
  readonly via?: string;
}

/** The chair's grant to a non-member delegation: to see the draft and to comment (never to block). */
export interface Invitation {
  readonly party: string;
  readonly grantedAt: string;
  readonly grantedBy: string | null;
  readonly endedAt?: string;
}

export interface Adoption {
  readonly number: string;
  readonly date: string;
  readonly adoptedAt: string;
  readonly place: Record<string, string> | null;
  readonly by: "chair" | "silence";
  readonly revision?: number;
  readonly hashes?: Record<string, string>;
  readonly met?: { procedure: "silence"; deadline: string } | { procedure: "call"; openedAt: string; closedAt: string };
}

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
    /** The kind of decision its rule follows from (null: the organization's general rule). */
    subject: text(),
    concerning: text(),
    ruleChanges: jsonb().$type<RuleChange[]>().notNull().default([]),
    /** The current or last call for objections. */
    call: jsonb().$type<Call>(),
    /** Non-member delegations the chair invited to see this draft and comment (grants, kept when ended). */
    invited: jsonb().$type<Invitation[]>().notNull().default([]),
    /** Provisions changed since the last issued revision (compromise text, marks, translations, a break of silence). */
    changedSinceRevision: jsonb().$type<string[]>().notNull().default([]),
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
    adoption: jsonb().$type<Adoption>(),
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
    handling: jsonb().$type<RecordedHandling>(),
    /** Delegations that joined as co-sponsors, with when (and the proposal merged into this one, if that is how). */
    cosponsors: jsonb().$type<Cosponsor[]>().notNull().default([]),
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
    /** A comment made by a non-member delegation on the chair's invitation. */
    invited: boolean().notNull().default(false),
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
    outcomes: jsonb().$type<{ proposal: string; label: string; handling: RecordedHandling; result: string }[]>().notNull(),
    /** Brackets and provisions not yet agreed in this revision, for the chart of progress. */
    stats: jsonb().$type<{ brackets: number; open: number }>().notNull(),
    issuedAt: timestamp({ withTimezone: true }).notNull(),
    issuedBy: text(),
    /** The secretariat's draft revision the chair issued, if it came from one. */
    draft: text(),
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
    kind: text().notNull().default("explanation-before"),
    /** The language the delegation chose for it. */
    language: text(),
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

/**
 * What a drafting officer of the secretariat prepares for the chair: a draft revision (the handling of each open
 * proposal) or compromise text for a provision. Only the chair (or the provision's facilitator) issues it.
 */
export const negotiationDrafts = pgTable(
  "negotiation_drafts",
  {
    id: text().primaryKey(),
    documentId: text()
      .notNull()
      .references(() => negotiationDocuments.id),
    kind: text().$type<"revision" | "compromise">().notNull(),
    body: jsonb().$type<DraftBody>().notNull(),
    note: text().notNull(),
    preparedBy: text(),
    preparedAt: timestamp({ withTimezone: true }).notNull(),
    /** pending, then issued (by the chair, in `usedIn`) or discarded. */
    state: text().$type<"pending" | "issued" | "discarded">().notNull(),
    /** The revision number it was issued as (a revision draft), or the document version its compromise text made. */
    usedIn: integer(),
    decidedAt: timestamp({ withTimezone: true }),
    decidedBy: text(),
  },
  (t) => [index("negotiation_drafts_document").on(t.documentId)],
);

export type DraftBody =
  | { readonly handlings: readonly { proposal: string; action: string; text?: string; into?: string }[] }
  | { readonly provision: string; readonly bracket: number | null; readonly text: string };
