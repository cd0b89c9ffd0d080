// The silence procedure and adoption: by the chair, or at the deadline of an unbroken silence.
import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { AdoptionRequestSchema, BreakSilenceRequestSchema, SilenceRequestSchema } from "../../contracts/negotiation.js";
import { adoptionNumber, breakSilence, countedObjections, expireSilence, requireReady, startSilence, type Silence } from "../../domain/negotiation/adoption.js";
import { applyStep } from "../../domain/negotiation/working-text.js";
import { defineCommand, needs, SYSTEM, type CommandScope } from "../platform/commands/runner.js";
import { negotiationPolicy as policy } from "./policy.js";
import { loadProvision, loadProvisions, updateProvision } from "./store.js";
import { negotiationDocuments } from "./tables.js";
import { DOCUMENTS_STREAM } from "./streams.js";
import { type Situation, refuse, type Loaded, lockNamed, open, touch, emit, workingText, reanchorProposals } from "./command-kit.js";

// ---- Silence procedure and adoption

export const startSilenceProcedure = defineCommand({
  name: "silence.start",
  load: (tx, input: { documentId: string; request: z.infer<typeof SilenceRequestSchema>; situation: Situation }) => lockNamed(tx, input),
  access: (loaded) => needs(policy.startSilence, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    const { row } = loaded;
    c.checkVersion(input.request.version, row.version, () => ({ document: row.id, version: row.version }));
    const provisions = await loadProvisions(c.tx, row.id);
    // Objections are made by breaking silence; there is no standing objection to count before one starts.
    const objections: [] = [];
    const deadline = new Date(input.request.deadline);
    const silence = startSilence(row.silence, c.now, deadline);
    requireReady(workingText(row, provisions), { requireCurrentVersions: true, objections });
    const version = await touch(c, row, { silence, status: "silence", silenceDeadline: deadline });
    emit(c, loaded, "silence.started", version, { deadline: deadline.toISOString() });
    c.audit("silence.start", `document:${row.id}`, { deadline: deadline.toISOString() });
    return { documentId: row.id, deadline };
  },
});

export const breakSilenceProcedure = defineCommand({
  name: "silence.break",
  load: (tx, input: { documentId: string; request: z.infer<typeof BreakSilenceRequestSchema>; situation: Situation }) => lockNamed(tx, input),
  access: (loaded) => needs(policy.breakSilence, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    const { row } = loaded;
    const delegation = c.actor.delegation ?? "";
    // Under consensus minus one, the objection of the member the decision is about does not count: it cannot break silence.
    const rule = { code: row.decisionRule, excludesConcerned: input.situation.facts.decisionRule(row.decisionRule)?.excludesConcerned === true, concerning: row.concerning };
    if (countedObjections(rule, [{ delegation, reason: input.request.reason }], (party) => input.situation.facts.mayObject(party, input.situation.day)).length === 0) {
      refuse("objection-not-counted", "Under consensus minus one, the objection of the member the decision concerns is not counted.");
    }
    const silence = breakSilence(row.silence, c.now, delegation, input.request.reason);
    const provisionId = input.request.provision ?? null;
    if (provisionId !== null) {
      const provision = await loadProvision(c.tx, row.id, provisionId);
      if (!provision) refuse("provision-not-found", `There is no provision ${provisionId} in this document.`, "provision");
      const result = applyStep(workingText(row, [provision]), { type: "rebracket", provision: provisionId, requestedBy: [delegation] });
      await updateProvision(c.tx, row.id, result.text.provisions[0]!);
      await reanchorProposals(c, row, provision, result.text.provisions[0]!);
    }
    const version = await touch(c, row, { silence, status: "negotiation", silenceDeadline: null });
    emit(c, loaded, "silence.broken", version, { delegation, provision: provisionId });
    c.audit("silence.break", `document:${row.id}`, { provision: provisionId, reason: input.request.reason });
    return { documentId: row.id };
  },
});

/** Adopts the document: numbered within its body and year (under a lock per body, so two adoptions never share one). */
async function adopt(c: CommandScope, loaded: Loaded, by: "chair" | "silence", place: Record<string, string> | null, silence?: Silence): Promise<string> {
  const { row } = loaded;
  const year = c.now.getUTCFullYear();
  await c.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`concord:adoption:${row.body}`}))`);
  const prefix = `${row.body}/${year}/`;
  const [{ count }] = (await c.tx
    .select({ count: sql<number>`count(*)::int` })
    .from(negotiationDocuments)
    .where(sql`${negotiationDocuments.adoptedNumber} like ${`${prefix}%`}`)) as [{ count: number }];
  const number = adoptionNumber(row.body, year, count + 1);
  const adoption = { number, date: c.now.toISOString().slice(0, 10), adoptedAt: c.now.toISOString(), place: place ?? row.place, by };
  const version = await touch(c, row, { status: "adopted", adoption, adoptedNumber: number, silenceDeadline: null, ...(silence ? { silence } : {}) });
  emit(c, loaded, "document.adopted", version, { number });
  c.emit(DOCUMENTS_STREAM, "document.adopted", { document: row.id, number }, loaded.audience);
  c.audit("document.adopt", `document:${row.id}`, { number, by });
  return number;
}

export const adoptDocument = defineCommand({
  name: "document.adopt",
  load: (tx, input: { documentId: string; request: z.infer<typeof AdoptionRequestSchema>; situation: Situation }) => lockNamed(tx, input),
  access: (loaded) => needs(policy.adopt, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    const { row } = loaded;
    if (row.status === "silence") refuse("silence-running", "A silence procedure is running: the text is adopted at its deadline unless silence is broken.");
    c.checkVersion(input.request.version, row.version, () => ({ document: row.id, version: row.version }));
    const provisions = await loadProvisions(c.tx, row.id);
    requireReady(workingText(row, provisions), { requireCurrentVersions: true, objections: [] });
    return { number: await adopt(c, loaded, "chair", (input.request.place ?? null) as Record<string, string> | null) };
  },
});

/** At the deadline of an unbroken silence procedure: adopted, exactly once (the document row is locked and re-read). */
export const adoptAtDeadline = defineCommand({
  name: "silence.expire",
  load: (tx, input: { documentId: string; situation: Situation }) => lockNamed(tx, input),
  access: () => SYSTEM,
  run: async (c, _input, loaded) => {
    const { row } = loaded;
    const passed = expireSilence(row.silence, c.now);
    if (row.status !== "silence" || passed === null) return { number: null };
    return { number: await adopt(c, loaded, "silence", null, passed) };
  },
});
