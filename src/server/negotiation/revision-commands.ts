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
import { type Situation, refuse, lockNamed, open, touch, emit, workingText, revisionStats, by } from "./command-kit.js";

// ---- Revisions

/** The open proposals as the revision sees them, with where each delegation stands. */
export function openProposals(proposals: readonly ProposalRow[], positions: Map<string, readonly { delegation: string; stance: string }[]>): OpenProposal[] {
  return proposals.map((p) => {
    const { supporters, opposers } = standings(p.delegation, positionsOf(positions.get(p.id) as never));
    return { id: p.id, delegation: p.delegation, change: p.change, supporters, opposers };
  });
}

export const issueRevision = defineCommand({
  name: "revision.issue",
  load: (tx, input: { documentId: string; request: z.infer<typeof IssueRevisionRequestSchema>; situation: Situation }) => lockNamed(tx, input),
  access: (loaded) => needs(policy.issueRevision, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    const { row } = loaded;
    if (row.status === "silence") refuse("silence-running", "The text is under a silence procedure.");
    c.checkVersion(input.request.version, row.version, () => ({ document: row.id, version: row.version }));
    const provisions = await loadProvisions(c.tx, row.id);
    const pending = await loadProposals(c.tx, row.id, ["open", "colliding"]);
    const positions = await loadPositions(c.tx, row.id);
    const handlings: Record<string, Handling> = {};
    input.request.handlings.forEach((h, index) => {
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
      } else handlings[h.proposal] = { action: h.action };
    });
    // A colliding proposal's span no longer says what its proposer saw: it stays as it is unless the chair closes it.
    const considered = pending.filter((p) => p.status === "open" || ["withdraw", "supersede"].includes(handlings[p.id]?.action ?? ""));
    const step: Step = { type: "revision", proposals: openProposals(considered, positions), handlings };
    const result = applyStep(workingText(row, provisions), step);
    await saveProvisions(c.tx, row.id, provisions, result.text.provisions);
    const number = row.revision + 1;
    const labels = new Map(pending.map((p) => [p.id, `P${p.seq}`]));
    for (const outcome of result.outcomes) {
      const carried = outcome.result === "carried" || outcome.result === "colliding";
      const change = outcome.change ?? pending.find((p) => p.id === outcome.proposal)!.change;
      const anchor = result.text.provisions.find((p) => p.id === (change.type === "add-provision" ? null : change.provision));
      const quote = carried && anchor && isSpanChange(change) ? (anchor.texts[row.baseLanguage] ?? "").slice(spanOf(change).start, spanOf(change).end) : undefined;
      await c.tx
        .update(negotiationProposals)
        .set(
          carried
            ? { status: outcome.result === "carried" ? "open" : "colliding", change, ...(quote !== undefined ? { quote } : {}), version: sql`${negotiationProposals.version} + 1` }
            : { status: outcome.result, handling: outcome.handling, handledIn: number, version: sql`${negotiationProposals.version} + 1` },
        )
        .where(eq(negotiationProposals.id, outcome.proposal));
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
    });
    const version = await touch(c, row, { revision: number });
    emit(c, loaded, "revision.issued", version, { revision: number });
    c.audit("revision.issue", `document:${row.id}`, { revision: number, outcomes: outcomes.map((o) => `${o.label}:${o.result}`) });
    return { number };
  },
});
