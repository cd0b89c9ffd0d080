// What the API answers about a negotiation: the document with its rolling text, a revision, a diff between two.
import type { DiffDto, DocumentDto, DocumentSummary, DraftDto, HandlingDto, ProposalDto, ProvisionDto, RevisionDto } from "../../contracts/negotiation.js";
import type { DraftRow } from "./draft-store.js";
import { adoptionBlockers, standingObjections, type Blocker } from "../../domain/negotiation/adoption.js";
import { DiffBudget, diffWithin } from "../../domain/negotiation/diff.js";
import { standings, type RecordedHandling } from "../../domain/negotiation/proposals.js";
import { bracketsWithBackers, outdatedLanguages, provisionNumbers, provisionOptions, provisionStatus, type Provision } from "../../domain/negotiation/provisions.js";
import type { DocumentRow, PositionRow, ProposalRow } from "./store.js";
import type { negotiationRevisions, negotiationStatements } from "./tables.js";

type Row = Pick<DocumentRow, "baseLanguage" | "languages">;

export function provisionView(provision: Provision, row: Row, numbers: Map<string, string | null> | null): ProvisionDto {
  return {
    id: provision.id,
    number: numbers?.get(provision.id) ?? null,
    kind: provision.kind,
    texts: { ...provision.texts },
    status: provisionStatus(provision, row.baseLanguage),
    version: provision.version,
    facilitator: provision.facilitator,
    outdated: outdatedLanguages(provision, row.baseLanguage, row.languages),
    brackets: bracketsWithBackers(provision, row.baseLanguage).map((b, index) => ({
      index,
      start: b.start,
      end: b.end,
      alternatives: b.alternatives.map((a) => ({ text: a.text, backers: [...a.backers] })),
      requestedBy: [...b.requestedBy],
    })),
    options: provisionOptions(provision.texts[row.baseLanguage] ?? ""),
  };
}

export function provisionsView(provisions: readonly Provision[], row: Row): ProvisionDto[] {
  const numbers = provisionNumbers(provisions);
  return provisions.map((p) => provisionView(p, row, numbers));
}

export function summaryView(row: DocumentRow): DocumentSummary {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind as DocumentSummary["kind"],
    body: row.body,
    status: row.status as DocumentSummary["status"],
    visibility: row.visibility as DocumentSummary["visibility"],
    revision: row.revision,
    version: row.version,
    isDemo: row.isDemo,
    adoption: row.adoption ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function handlingView(handling: RecordedHandling | null): ProposalDto["handling"] {
  if (!handling) return null;
  if (handling.action === "accept-modified") return { action: handling.action, text: handling.text };
  return handling.action === "merge" ? { action: handling.action, into: handling.into } : { action: handling.action };
}

export function proposalView(proposal: ProposalRow, positions: readonly PositionRow[]): ProposalDto {
  const { supporters, opposers } = standings(
    proposal.delegation,
    positions.map((p) => ({ delegation: p.delegation, stance: p.stance as "support" | "oppose" | "comment" })),
  );
  return {
    id: proposal.id,
    label: `P${proposal.seq}`,
    delegation: proposal.delegation,
    change: proposal.change,
    quote: proposal.quote,
    justification: proposal.justification,
    status: proposal.status as ProposalDto["status"],
    handling: handlingView(proposal.handling),
    madeIn: proposal.madeIn,
    handledIn: proposal.handledIn,
    version: proposal.version,
    supporters,
    opposers,
    cosponsors: proposal.cosponsors.map((c) => ({ ...c })),
    positions: positions.map((p) => ({ delegation: p.delegation, stance: p.stance as "support" | "oppose" | "comment", text: p.text, nonMember: p.invited, at: p.at.toISOString() })),
    at: proposal.createdAt.toISOString(),
  };
}

export interface DocumentParts {
  readonly row: DocumentRow;
  readonly provisions: readonly Provision[];
  readonly proposals: readonly ProposalRow[];
  readonly positions: Map<string, PositionRow[]>;
  readonly statements: readonly (typeof negotiationStatements.$inferSelect)[];
  readonly history: readonly Pick<typeof negotiationRevisions.$inferSelect, "number" | "stats" | "issuedAt">[];
  readonly chair: string | null;
}

export function documentView(parts: DocumentParts): DocumentDto {
  const { row } = parts;
  const text = { baseLanguage: row.baseLanguage, languages: row.languages, provisions: parts.provisions };
  // Objections that count stand in the open call; a text changed after its revision waits for a new one.
  const objections = standingObjections(row.call).filter((o) => o.counts);
  const blockers: Blocker[] = row.status === "adopted" ? [] : adoptionBlockers(text, { requireCurrentVersions: true, objections });
  if (row.status !== "adopted" && row.changedSinceRevision.length > 0) blockers.push({ code: "changed-since-revision", provisions: row.changedSinceRevision });
  return {
    ...summaryView(row),
    baseLanguage: row.baseLanguage as DocumentDto["baseLanguage"],
    languages: row.languages as DocumentDto["languages"],
    meeting: row.meeting,
    place: row.place,
    decisionRule: row.decisionRule,
    subject: row.subject,
    concerning: row.concerning,
    ruleChanges: row.ruleChanges.map((change) => ({ ...change })),
    invited: row.invited.map((grant) => ({ ...grant })),
    call: row.call ? { ...row.call, objections: row.call.objections.map((o) => ({ ...o })) } : null,
    changedSinceRevision: [...row.changedSinceRevision],
    chair: parts.chair,
    provisions: provisionsView(parts.provisions, row),
    proposals: parts.proposals.map((p) => proposalView(p, parts.positions.get(p.id) ?? [])),
    silence: { ...row.silence },
    statements: parts.statements.map((s, index) => ({
      id: s.id,
      number: index + 1,
      delegation: s.delegation,
      provision: s.provision,
      kind: s.kind as DocumentDto["statements"][number]["kind"],
      language: s.language ?? row.baseLanguage,
      text: s.text,
      at: s.at.toISOString(),
    })),
    blockers: blockers.map((b) =>
      b.code === "outdated-versions"
        ? { code: b.code, provisions: b.versions.map((v) => v.provision) }
        : b.code === "objections"
          ? { code: b.code, delegations: [...b.delegations] }
          : { code: b.code, provisions: [...b.provisions] },
    ),
    history: parts.history.map((h) => ({ revision: h.number, brackets: h.stats.brackets, open: h.stats.open, issuedAt: h.issuedAt.toISOString() })),
  };
}

export function revisionView(row: Row & { id: string }, revision: typeof negotiationRevisions.$inferSelect): RevisionDto {
  return {
    document: row.id,
    number: revision.number,
    issuedAt: revision.issuedAt.toISOString(),
    issuedBy: revision.issuedBy,
    draft: revision.draft ?? null,
    provisions: provisionsView(revision.provisions, row),
    outcomes: revision.outcomes.map((o) => ({ proposal: o.proposal, label: o.label, action: o.handling.action, result: o.result })),
  };
}

/**
 * The steps one revision diff may take in all (see DiffBudget): a few seconds of a worker thread, well within a job's
 * time budget; eight long provisions rewritten outright, each within its own bound, or thousands of ordinary ones. Past
 * it, the changed texts left are compared as a whole (their common beginning and end kept).
 */
export const DIFF_WORK_PER_DOCUMENT = 200_000_000;

type DiffProvision = DiffDto["provisions"][number];

/**
 * Provision by provision (matched by identity, never by number), a diff in each language: word by word, or more coarsely
 * for a change too large to compare so (each text within its own bound, all of them within DIFF_WORK_PER_DOCUMENT).
 */
export function diffView(
  languages: readonly string[],
  from: { number: number; provisions: readonly Provision[] },
  to: { number: number; provisions: readonly Provision[] },
  maxWork: number = DIFF_WORK_PER_DOCUMENT,
): DiffDto {
  const diff = diffWithin(new DiffBudget(maxWork));
  const compare = (before: Provision | undefined, after: Provision | undefined): Pick<DiffProvision, "ops" | "granularity"> => {
    const ops: DiffProvision["ops"] = {};
    const granularity: DiffProvision["granularity"] = {};
    for (const language of languages) {
      const result = diff(before?.texts[language] ?? "", after?.texts[language] ?? "", language);
      ops[language] = result.ops;
      granularity[language] = result.granularity;
    }
    return { ops, granularity };
  };
  const fromNumbers = provisionNumbers(from.provisions);
  const toNumbers = provisionNumbers(to.provisions);
  const before = new Map(from.provisions.map((p, i) => [p.id, { p, i }]));
  const after = new Set(to.provisions.map((p) => p.id));
  // A provision moved when its place among the provisions both revisions hold changed.
  const placeAfter = new Map(to.provisions.filter((p) => before.has(p.id)).map((p, i) => [p.id, i]));
  const placeBefore = new Map(from.provisions.filter((p) => after.has(p.id)).map((p, i) => [p.id, i]));
  const items: DiffDto["provisions"] = [];
  for (const provision of to.provisions) {
    const old = before.get(provision.id)?.p;
    const textChanged = old !== undefined && languages.some((l) => (old.texts[l] ?? "") !== (provision.texts[l] ?? ""));
    const moved = old !== undefined && placeAfter.get(provision.id) !== placeBefore.get(provision.id);
    items.push({
      id: provision.id,
      change: old === undefined ? "added" : textChanged ? "changed" : moved ? "moved" : "same",
      fromNumber: fromNumbers.get(provision.id) ?? null,
      toNumber: toNumbers.get(provision.id) ?? null,
      ...compare(old, provision),
    });
  }
  for (const provision of from.provisions) {
    if (after.has(provision.id)) continue;
    items.push({ id: provision.id, change: "removed", fromNumber: fromNumbers.get(provision.id) ?? null, toNumber: null, ...compare(provision, undefined) });
  }
  return { from: from.number, to: to.number, provisions: items };
}

/** A secretariat's draft for the chair: its handlings (a draft revision) or its compromise text, and what became of it. */
export function draftView(draft: DraftRow): DraftDto {
  return {
    id: draft.id,
    kind: draft.kind,
    ...("handlings" in draft.body
      ? { handlings: draft.body.handlings.map((h) => ({ ...h }) as HandlingDto) }
      : { provision: draft.body.provision, bracket: draft.body.bracket, text: draft.body.text }),
    note: draft.note,
    preparedAt: draft.preparedAt.toISOString(),
    state: draft.state,
    usedIn: draft.usedIn,
    decidedAt: draft.decidedAt?.toISOString() ?? null,
  };
}
