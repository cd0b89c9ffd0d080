// Reading and writing a negotiation's rows inside a command's transaction (the document row locked first), and what
// the registry says about it on a day: the chair of its body, who may read drafts, who may object.
import { organizationLanguages } from "../../domain/localized-text.js";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { secretariatAnd, PUBLIC_AUDIENCE, type Audience } from "../../domain/audience.js";
import { statusesOn, timelineOf } from "../../domain/membership.js";
import type { Position } from "../../domain/negotiation/proposals.js";
import type { Provision } from "../../domain/negotiation/provisions.js";
import { DEFAULT_NEGOTIATION_SETTINGS, type Registry } from "../../domain/registry.js";
import type { RuleData } from "../../domain/negotiation/decision-rules.js";
import { recordedChairOn } from "../../domain/rotation.js";
import type { Db } from "../platform/db/client.js";
import { notFound } from "../../domain/errors.js";
import type { DocumentResource, Visibility } from "./policy.js";
import { negotiationDocuments, negotiationPositions, negotiationProposals, negotiationProvisions } from "./tables.js";

export type DocumentRow = typeof negotiationDocuments.$inferSelect;
export type ProposalRow = typeof negotiationProposals.$inferSelect;
export type PositionRow = typeof negotiationPositions.$inferSelect;

/** What negotiation needs of the registry on a day. */
export interface RegistryFacts {
  /** The delegation holding the chairmanship of a body on the day (the organization's rotating chairmanship). */
  chairOf(body: string, day: string): string | null;
  /** Parties whose tier on the day may see drafts, and every party holding any status. */
  readersOn(day: string): { readonly drafts: readonly string[]; readonly participants: readonly string[] };
  /** Whether the party's tier on the day may object (block consensus). */
  mayObject(party: string, day: string): boolean;
  /** Whether the registry knows a state or organization with this code. */
  isParty(code: string): boolean;
  /** Whether a body with this code exists. */
  hasBody(body: string): boolean;
  /** The organization's decision rules: which applies to which kind of decision, and whether it leaves out the concerned member's objection. */
  readonly decisionRules: readonly RuleData[];
  /** The shortest silence procedure, in milliseconds (the organization's setting). */
  readonly minimumSilenceMs: number;
  /** The languages a document may be negotiated in: the organization's official and working languages, in order. */
  readonly languages: readonly string[];
}

export function registryFacts(registry: Registry): RegistryFacts {
  const readers = new Map<string, { drafts: string[]; participants: string[] }>();
  const tierOf = (party: string, day: string) => {
    const status = statusesOn(timelineOf(registry), day).get(party);
    return status ? registry.organization.tiers.find((t) => t.code === status.tier) : undefined;
  };
  // Asked on every request (who chairs decides who may act): answered once per day.
  const chairs = new Map<string, string | null>();
  return {
    chairOf: (_body, day) => {
      let chair = chairs.get(day);
      if (chair === undefined) {
        chair = recordedChairOn(registry.chairmanship, day)?.state ?? null;
        if (chairs.size > 64) chairs.clear();
        chairs.set(day, chair);
      }
      return chair;
    },
    readersOn: (day) => {
      let known = readers.get(day);
      if (!known) {
        const statuses = [...statusesOn(timelineOf(registry), day).entries()];
        const rights = (tier: string) => registry.organization.tiers.find((t) => t.code === tier)?.rights;
        known = { drafts: statuses.filter(([, s]) => rights(s.tier)?.seeDrafts).map(([party]) => party), participants: statuses.map(([party]) => party) };
        if (readers.size > 64) readers.clear();
        readers.set(day, known);
      }
      return known;
    },
    mayObject: (party, day) => tierOf(party, day)?.rights.object === true,
    hasBody: (body) => registry.bodies.some((b) => b.code === body),
    isParty: (code) => registry.states.some((s) => s.code === code) || registry.organizations.some((o) => o.code === code),
    decisionRules: registry.organization.decisionRules,
    minimumSilenceMs: (registry.organization.negotiation ?? DEFAULT_NEGOTIATION_SETTINGS).minimumSilenceHours * 3_600_000,
    languages: organizationLanguages(registry.organization),
  };
}

/** Who receives the document's events: the secretariat and the delegations that may read it (everyone when public). */
export function documentAudience(visibility: Visibility, chair: string | null, facts: RegistryFacts, day: string, invited: readonly string[] = []): Audience {
  if (visibility === "public") return PUBLIC_AUDIENCE;
  const readers = facts.readersOn(day);
  const parties = new Set([...(visibility === "participants" ? readers.participants : readers.drafts), ...invited]);
  if (chair) parties.add(chair);
  return secretariatAnd(...[...parties].sort().map((delegation) => ({ delegation })));
}

/** The delegations whose invitation to the document has not ended. */
export function invitedParties(row: Pick<DocumentRow, "invited">): string[] {
  return row.invited.filter((i) => i.endedAt === undefined).map((i) => i.party);
}

export function resourceOf(row: Pick<DocumentRow, "body" | "visibility" | "invited">, facts: RegistryFacts, day: string, facilitator?: string | null): DocumentResource {
  return { chair: facts.chairOf(row.body, day), visibility: row.visibility as Visibility, invited: invitedParties(row), ...(facilitator !== undefined ? { facilitator } : {}) };
}

export async function lockDocument(tx: Db, id: string): Promise<DocumentRow> {
  const [row] = await tx.select().from(negotiationDocuments).where(eq(negotiationDocuments.id, id)).for("update");
  if (!row) throw notFound("document");
  return row;
}

export async function findDocument(db: Db, id: string): Promise<DocumentRow | null> {
  const [row] = await db.select().from(negotiationDocuments).where(eq(negotiationDocuments.id, id));
  return row ?? null;
}

function toProvision(row: typeof negotiationProvisions.$inferSelect): Provision {
  return { id: row.id, kind: row.kind, texts: row.texts, basis: row.basis, mark: row.mark, brackets: row.brackets, facilitator: row.facilitator, version: row.version };
}

export async function loadProvisions(db: Db, documentId: string): Promise<Provision[]> {
  const rows = await db.select().from(negotiationProvisions).where(eq(negotiationProvisions.documentId, documentId)).orderBy(asc(negotiationProvisions.ord));
  return rows.map(toProvision);
}

export async function loadProvision(db: Db, documentId: string, id: string): Promise<Provision | null> {
  return (await loadProvisionsById(db, documentId, [id]))[0] ?? null;
}

/** The provisions with these ids (those that exist), in one query. */
export async function loadProvisionsById(db: Db, documentId: string, ids: readonly string[]): Promise<Provision[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(negotiationProvisions)
    .where(and(eq(negotiationProvisions.documentId, documentId), inArray(negotiationProvisions.id, [...ids])));
  return rows.map(toProvision);
}

/** Writes the provisions that differ from `before` (content or place), and deletes those no longer there. */
export async function saveProvisions(tx: Db, documentId: string, before: readonly Provision[], after: readonly Provision[]): Promise<void> {
  const previous = new Map(before.map((p, ord) => [p.id, { p, ord }]));
  const removed = before.filter((p) => !after.some((q) => q.id === p.id)).map((p) => p.id);
  if (removed.length > 0) await tx.delete(negotiationProvisions).where(and(eq(negotiationProvisions.documentId, documentId), inArray(negotiationProvisions.id, removed)));
  const rows = after
    .map((p, ord) => ({ p, ord }))
    .filter(({ p, ord }) => {
      const old = previous.get(p.id);
      return !old || old.ord !== ord || old.p !== p;
    })
    .map(({ p, ord }) => ({ documentId, id: p.id, ord, kind: p.kind, texts: p.texts, basis: p.basis, mark: p.mark, brackets: [...p.brackets], facilitator: p.facilitator, version: p.version }));
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    await tx
      .insert(negotiationProvisions)
      .values(batch)
      .onConflictDoUpdate({
        target: [negotiationProvisions.documentId, negotiationProvisions.id],
        set: {
          ord: sqlExcluded("ord"),
          kind: sqlExcluded("kind"),
          texts: sqlExcluded("texts"),
          basis: sqlExcluded("basis"),
          mark: sqlExcluded("mark"),
          brackets: sqlExcluded("brackets"),
          facilitator: sqlExcluded("facilitator"),
          version: sqlExcluded("version"),
        },
      });
  }
}

function sqlExcluded(column: string) {
  return sql.raw(`excluded.${column}`);
}

/** Writes one provision's content (its place in the order is untouched). */
export async function updateProvision(tx: Db, documentId: string, p: Provision): Promise<void> {
  await tx
    .update(negotiationProvisions)
    .set({ kind: p.kind, texts: p.texts, basis: p.basis, mark: p.mark, brackets: [...p.brackets], facilitator: p.facilitator, version: p.version })
    .where(and(eq(negotiationProvisions.documentId, documentId), eq(negotiationProvisions.id, p.id)));
}

export async function loadProposals(db: Db, documentId: string, statuses?: readonly string[]): Promise<ProposalRow[]> {
  const where = statuses
    ? and(eq(negotiationProposals.documentId, documentId), inArray(negotiationProposals.status, [...statuses]))
    : eq(negotiationProposals.documentId, documentId);
  return db.select().from(negotiationProposals).where(where).orderBy(asc(negotiationProposals.seq));
}

export async function loadPositions(db: Db, documentId: string): Promise<Map<string, PositionRow[]>> {
  const rows = await db.select().from(negotiationPositions).where(eq(negotiationPositions.documentId, documentId)).orderBy(asc(negotiationPositions.id));
  const byProposal = new Map<string, PositionRow[]>();
  for (const row of rows) byProposal.set(row.proposalId, [...(byProposal.get(row.proposalId) ?? []), row]);
  return byProposal;
}

export function positionsOf(rows: readonly PositionRow[] | undefined): Position[] {
  return (rows ?? []).map((row) => ({ delegation: row.delegation, stance: row.stance as Position["stance"] }));
}
