// The chair issues the next revision: each open proposal handled, the text as it then stands frozen as Rev.N.
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { IssueRevisionRequestSchema } from "../../contracts/negotiation.js";
import { DomainError, invalid } from "../../domain/errors.js";
import { checkBalanced } from "../../domain/negotiation/markup.js";
import { isSpanChange, spanOf, standings, type Handling, type OpenProposal } from "../../domain/negotiation/proposals.js";
import { applyStep, type Step } from "../../domain/negotiation/working-text.js";
import { defineCommand, needs } from "../platform/commands/runner.js";
import { negotiationPolicy as policy } from "./policy.js";
import { loadPositions, loadProposals, loadProvisions, positionsOf, saveProvisions, type ProposalRow } from "./store.js";
import { negotiationProposals, negotiationRevisions } from "./tables.js";
import { type Situation, refuse, lockNamed, open, touch, emit, workingText, revisionStats, by, requireNoProcedure } from "./command-kit.js";
import { markDraftIssued, pendingDraft } from "./draft-store.js";

// ---- Revisions

/** The open proposals as the revision sees them, with where each delegation stands. */
export function openProposals(proposals: readonly ProposalRow[], positions: Map<string, readonly { delegation: string; stance: string }[]>): OpenProposal[] {
  return proposals.map((p) => {
    const { supporters, opposers } = standings(p.delegation, positionsOf(positions.get(p.id) as never));
    return { id: p.id, delegation: p.delegation, joinedBy: p.cosponsors.map((c) => c.delegation), change: p.change, supporters, opposers };
  });
}

/** One statement setting many proposals' state: the rows travel as one JSON parameter; absent values keep the stored ones. */
function updateProposals(rows: readonly Record<string, unknown>[]) {
  return sql`
    update ${negotiationProposals} set
      status = v.status,
      change = coalesce(v.change, ${negotiationProposals.change}),
      quote = coalesce(v.quote, ${negotiationProposals.quote}),
      handling = coalesce(v.handling, ${negotiationProposals.handling}),
      handled_in = coalesce(v.handled_in, ${negotiationProposals.handledIn}),
      version = ${negotiationProposals.version} + 1
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id text, status text, change jsonb, quote text, handling jsonb, handled_in integer)
    where ${negotiationProposals.id} = v.id`;
}

type HandlingRequest = z.infer<typeof IssueRevisionRequestSchema>["handlings"][number];

/** The chair's (or a draft's) handlings, each checked against the open proposals: named by its place in the list when refused. */
export function parseHandlings(pending: readonly ProposalRow[], requested: readonly HandlingRequest[]): Record<string, Handling> {
  const handlings: Record<string, Handling> = {};
  requested.forEach((h, index) => {
    if (!pending.some((p) => p.id === h.proposal)) {
      throw new DomainError("invalid", "proposal-not-open", "The proposal is closed", `Proposal ${h.proposal} is not open on this document.`, {
        field: `handlings.${index}.proposal`,
        fieldCode: "unknown-proposal",
        fieldMessage: "is not an open proposal of this document",
      });
    }
    if (h.action === "accept-modified") {
      if (h.text === undefined) throw invalid(`handlings.${index}.text`, "required", "required with accept-modified");
      if (!checkBalanced(h.text)) refuse("unbalanced-brackets", "The chair's text has unbalanced brackets.", `handlings.${index}.text`);
      handlings[h.proposal] = { action: "accept-modified", text: h.text };
    } else if (h.action === "merge") {
      if (h.into === undefined) throw invalid(`handlings.${index}.into`, "required", "required with merge: the proposal it is merged into");
      if (h.into === h.proposal || !pending.some((p) => p.id === h.into && p.status === "open")) {
        throw invalid(`handlings.${index}.into`, "unknown-proposal", "is not another open proposal of this document");
      }
      handlings[h.proposal] = { action: "merge", into: h.into };
    } else handlings[h.proposal] = { action: h.action };
  });
  requested.forEach((h, index) => {
    const target = h.action === "merge" && h.into !== undefined ? handlings[h.into]?.action : undefined;
    if (target === "merge" || target === "not-retain") throw invalid(`handlings.${index}.into`, "invalid-merge", "is itself merged or not retained in this revision");
  });
  return handlings;
}

export const issueRevision = defineCommand({
  name: "revision.issue",
  load: (tx, input: { documentId: string; request: z.infer<typeof IssueRevisionRequestSchema>; situation: Situation }) => lockNamed(tx, input),
  access: (loaded) => needs(policy.issueRevision, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    const { row } = loaded;
    requireNoProcedure(row);
    c.checkVersion(input.request.version, row.version, () => ({ document: row.id, version: row.version }));
    const provisions = await loadProvisions(c.tx, row.id);
    const pending = await loadProposals(c.tx, row.id, ["open", "colliding"]);
    const positions = await loadPositions(c.tx, row.id);
    const draft = input.request.draft === undefined ? null : await pendingDraft(c.tx, row.id, input.request.draft, "revision");
    if (draft && input.request.handlings.length > 0) throw invalid("handlings", "invalid", "must stay empty when a draft revision gives them");
    const requested = draft ? (draft.body as { handlings: HandlingRequest[] }).handlings : input.request.handlings;
    const handlings = parseHandlings(pending, requested);
    // A colliding proposal's span no longer says what its proposer saw: it stays as it is unless the chair closes it.
    const considered = pending.filter((p) => p.status === "open" || ["not-retain", "merge"].includes(handlings[p.id]?.action ?? ""));

    const step: Step = { type: "revision", proposals: openProposals(considered, positions), handlings };
    const result = applyStep(workingText(row, provisions), step);
    await saveProvisions(c.tx, row.id, provisions, result.text.provisions);
    const number = row.revision + 1;
    const labels = new Map(pending.map((p) => [p.id, `P${p.seq}`]));
    const pendingById = new Map(pending.map((p) => [p.id, p]));
    const provisionById = new Map(result.text.provisions.map((p) => [p.id, p]));
    // Every proposal's new state in one statement per thousand (a revision may handle thousands).
    const updates = result.outcomes.map((outcome) => {
      const carried = outcome.result === "carried" || outcome.result === "colliding";
      const change = outcome.change ?? pendingById.get(outcome.proposal)!.change;
      const anchor = change.type === "add-provision" ? undefined : provisionById.get(change.provision);
      const quote = carried && anchor && isSpanChange(change) ? (anchor.texts[row.baseLanguage] ?? "").slice(spanOf(change).start, spanOf(change).end) : null;
      return carried
        ? { id: outcome.proposal, status: outcome.result === "carried" ? "open" : "colliding", change, quote, handling: null, handled_in: null }
        : { id: outcome.proposal, status: outcome.result, change: null, quote: null, handling: outcome.handling, handled_in: number };
    });
    for (let i = 0; i < updates.length; i += 1_000) await c.tx.execute(updateProposals(updates.slice(i, i + 1_000)));
    // A merged proposal's makers join the proposal it was merged into as co-sponsors (via the merged one).
    for (const outcome of result.outcomes) {
      if (outcome.handling.action !== "merge") continue;
      const merged = pendingById.get(outcome.proposal)!;
      const target = pendingById.get((outcome.handling as { into: string }).into)!;
      const joined = [merged.delegation, ...merged.cosponsors.map((s) => s.delegation)].filter((d) => d !== target.delegation && !target.cosponsors.some((s) => s.delegation === d));
      if (joined.length === 0) continue;
      target.cosponsors = [...target.cosponsors, ...joined.map((delegation) => ({ delegation, at: c.now.toISOString(), via: merged.id }))];
      await c.tx.update(negotiationProposals).set({ cosponsors: target.cosponsors }).where(eq(negotiationProposals.id, target.id));
    }
    const outcomes = result.outcomes.map((o) => ({ proposal: o.proposal, label: labels.get(o.proposal) ?? "", handling: o.handling, result: o.result }));
    await c.tx.insert(negotiationRevisions).values({
      documentId: row.id,
      number,
      provisions: [...result.text.provisions],
      outcomes,
      stats: revisionStats(result.text),
      issuedAt: c.now,
      issuedBy: by(c),
      draft: draft?.id ?? null,
    });
    if (draft) await markDraftIssued(c, draft.id, number);
    const version = await touch(c, row, { revision: number, changedSinceRevision: [] });
    emit(c, loaded, "revision.issued", version, { revision: number });
    c.audit("revision.issue", `document:${row.id}`, { revision: number, outcomes: outcomes.map((o) => `${o.label}:${o.result}`) });
    return { number };
  },
});
