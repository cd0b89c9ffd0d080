// The procedures that end in adoption: the silence procedure (adopted at its deadline unless a member breaks silence),
// and in the room the chair's call for objections (adopted when the chair closes it with no objection that counts).
// Both apply to an issued revision only: the adopted text is a revision every delegation received.
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { AdoptionRequestSchema, BreakSilenceRequestSchema, CallRequestSchema, ObjectionRequestSchema, ReasonRequestSchema, SilenceRequestSchema } from "../../contracts/negotiation.js";
import {
  adoptionNumber,
  breakSilence,
  cancelSilence,
  changedSinceRevision,
  closeCall,
  countedObjections,
  expireSilence,
  languageVersionText,
  objectInCall,
  openCall,
  requireReady,
  startSilence,
  withdrawCall,
  withdrawObjection,
  type Call,
} from "../../domain/negotiation/adoption.js";
import { provisionNumbers, type Provision } from "../../domain/negotiation/provisions.js";
import { applyStep } from "../../domain/negotiation/working-text.js";
import { defineCommand, needs, SYSTEM, type CommandScope } from "../platform/commands/runner.js";
import { negotiationPolicy as policy } from "./policy.js";
import { loadProvision, loadProvisions, updateProvision, type DocumentRow } from "./store.js";
import { negotiationDocuments, negotiationRevisions, type Adoption } from "./tables.js";
import { and, eq } from "drizzle-orm";
import { DOCUMENTS_STREAM } from "./streams.js";
import { type Situation, refuse, type Loaded, lockNamed, open, touch, emit, workingText, reanchorProposals, changedSince } from "./command-kit.js";

// ---- The issued revision

async function revisionProvisions(c: CommandScope, row: DocumentRow, number: number): Promise<Provision[]> {
  const [revision] = await c.tx
    .select({ provisions: negotiationRevisions.provisions })
    .from(negotiationRevisions)
    .where(and(eq(negotiationRevisions.documentId, row.id), eq(negotiationRevisions.number, number)));
  if (!revision) refuse("revision-needed", `Rev.${number} of this document was never issued.`);
  return revision.provisions;
}

/**
 * The text as it stands, refused unless it is the last issued revision exactly (every provision's place, kind, texts and
 * mark): a change after it (compromise text, a mark, a translation, silence broken on a provision) needs a new revision.
 */
async function issuedText(c: CommandScope, row: DocumentRow): Promise<Provision[]> {
  const provisions = await loadProvisions(c.tx, row.id);
  const changed = [...new Set([...row.changedSinceRevision, ...changedSinceRevision(provisions, await revisionProvisions(c, row, row.revision))])];
  if (changed.length > 0) {
    const numbers = provisionNumbers(provisions);
    const named = changed.slice(0, 10).map((id) => numbers.get(id) ?? id);
    refuse("revision-needed", `The text changed after Rev.${row.revision} (${named.join(", ")}${changed.length > 10 ? ", …" : ""}): issue a new revision first.`);
  }
  return provisions;
}

// ---- Silence procedure

export const startSilenceProcedure = defineCommand({
  name: "silence.start",
  load: (tx, input: { documentId: string; request: z.infer<typeof SilenceRequestSchema>; situation: Situation }) => lockNamed(tx, input),
  access: (loaded) => needs(policy.startSilence, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    const { row } = loaded;
    c.checkVersion(input.request.version, row.version, () => ({ document: row.id, version: row.version }));
    if (row.call?.state === "open") refuse("call-open", "A call for objections is open on this text: the chair closes or withdraws it first.");
    const deadline = new Date(input.request.deadline);
    const silence = startSilence(row.silence, c.now, deadline, row.revision, input.situation.facts.minimumSilenceMs);
    const provisions = await issuedText(c, row);
    // Objections are made by breaking silence; there is no standing objection to count before one starts.
    requireReady(workingText(row, provisions), { requireCurrentVersions: true, objections: [] });
    const version = await touch(c, row, { silence, status: "silence", silenceDeadline: deadline });
    emit(c, loaded, "silence.started", version, { deadline: deadline.toISOString(), revision: row.revision });
    c.audit("silence.start", `document:${row.id}`, { deadline: deadline.toISOString(), revision: row.revision });
    return { documentId: row.id, deadline };
  },
});

/** The member concerned by a decision under consensus minus one: its objection is recorded but does not count. */
function objectionCounts(row: DocumentRow, situation: Situation, delegation: string): boolean {
  const excludesConcerned = situation.facts.decisionRules.find((r) => r.code === row.decisionRule)?.excludesConcerned === true;
  const rule = { code: row.decisionRule, excludesConcerned, concerning: row.concerning };
  return countedObjections(rule, [{ delegation, reason: "" }], (party) => situation.facts.mayObject(party, situation.day)).length > 0;
}

export const breakSilenceProcedure = defineCommand({
  name: "silence.break",
  load: (tx, input: { documentId: string; request: z.infer<typeof BreakSilenceRequestSchema>; situation: Situation }) => lockNamed(tx, input),
  access: (loaded) => needs(policy.breakSilence, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    const { row } = loaded;
    const delegation = c.actor.delegation ?? "";
    // Under consensus minus one, the objection of the member the decision is about does not count: it cannot break silence.
    if (!objectionCounts(row, input.situation, delegation)) {
      refuse("objection-not-counted", "Under consensus minus one, the objection of the member the decision concerns is not counted.");
    }
    const silence = breakSilence(row.silence, c.now, delegation, input.request.reason);
    const provisionId = input.request.provision ?? null;
    let changed: string[] = [];
    if (provisionId !== null) {
      const provision = await loadProvision(c.tx, row.id, provisionId);
      if (!provision) refuse("provision-not-found", `There is no provision ${provisionId} in this document.`, "provision");
      const result = applyStep(workingText(row, [provision]), { type: "rebracket", provision: provisionId, requestedBy: [delegation] });
      await updateProvision(c.tx, row.id, result.text.provisions[0]!);
      await reanchorProposals(c, row, provision, result.text.provisions[0]!);
      changed = [provisionId];
    }
    const version = await touch(c, row, { silence, status: "negotiation", silenceDeadline: null, ...changedSince(row, changed) });
    emit(c, loaded, "silence.broken", version, { delegation, provision: provisionId });
    c.audit("silence.break", `document:${row.id}`, { provision: provisionId, reason: input.request.reason });
    return { documentId: row.id };
  },
});

export const cancelSilenceProcedure = defineCommand({
  name: "silence.cancel",
  load: (tx, input: { documentId: string; request: z.infer<typeof ReasonRequestSchema>; situation: Situation }) => lockNamed(tx, input),
  access: (loaded) => needs(policy.cancelSilence, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    const { row } = loaded;
    const silence = cancelSilence(row.silence, c.now, input.request.reason);
    const version = await touch(c, row, { silence, status: "negotiation", silenceDeadline: null });
    emit(c, loaded, "silence.cancelled", version);
    c.audit("silence.cancel", `document:${row.id}`, { reason: input.request.reason });
    return { documentId: row.id };
  },
});

// ---- Call for objections

type CallInput<R> = { documentId: string; request: R; situation: Situation };

/** A step of the call: the document locked and open, the call changed by `next`, its version up, told and audited. */
async function changeCall(c: CommandScope, loaded: Loaded, action: "call.open" | "call.object" | "call.withdraw-objection" | "call.withdraw", call: Call, payload: Record<string, unknown>) {
  const version = await touch(c, loaded.row, { call });
  emit(c, loaded, action, version, payload);
  c.audit(action, `document:${loaded.row.id}`, payload);
  return { documentId: loaded.row.id };
}

export const openCallForObjections = defineCommand({
  name: "call.open",
  load: (tx, input: CallInput<z.infer<typeof CallRequestSchema>>) => lockNamed(tx, input),
  access: (loaded) => needs(policy.openCall, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    const { row } = loaded;
    c.checkVersion(input.request.version, row.version, () => ({ document: row.id, version: row.version }));
    if (row.status === "silence") refuse("silence-running", "A silence procedure is running on this text.");
    const call = openCall(row.call, c.now, row.revision);
    const provisions = await issuedText(c, row);
    requireReady(workingText(row, provisions), { requireCurrentVersions: true, objections: [] });
    return changeCall(c, loaded, "call.open", call, { revision: row.revision });
  },
});

export const objectInCallForObjections = defineCommand({
  name: "call.object",
  load: (tx, input: CallInput<z.infer<typeof ObjectionRequestSchema>>) => lockNamed(tx, input),
  access: (loaded) => needs(policy.object, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    const delegation = c.actor.delegation ?? "";
    const call = objectInCall(loaded.row.call, c.now, delegation, input.request.reason, objectionCounts(loaded.row, input.situation, delegation));
    return changeCall(c, loaded, "call.object", call, { delegation, reason: input.request.reason });
  },
});

export const withdrawObjectionInCall = defineCommand({
  name: "call.withdraw-objection",
  load: (tx, input: CallInput<Record<string, never>>) => lockNamed(tx, input),
  access: (loaded) => needs(policy.withdrawObjection, loaded.resource),
  run: async (c, _input, locked) => {
    const loaded = open(locked);
    const delegation = c.actor.delegation ?? "";
    return changeCall(c, loaded, "call.withdraw-objection", withdrawObjection(loaded.row.call, c.now, delegation), { delegation });
  },
});

export const withdrawCallForObjections = defineCommand({
  name: "call.withdraw",
  load: (tx, input: CallInput<z.infer<typeof ReasonRequestSchema>>) => lockNamed(tx, input),
  access: (loaded) => needs(policy.withdrawCall, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    return changeCall(c, loaded, "call.withdraw", withdrawCall(loaded.row.call, c.now, input.request.reason), { reason: input.request.reason });
  },
});

// ---- Adoption

/** SHA-256 (hex) of each language version of the adopted revision. */
function languageHashes(row: DocumentRow, provisions: readonly Provision[]): Record<string, string> {
  const numbers = provisionNumbers(provisions);
  return Object.fromEntries(row.languages.map((language) => [language, createHash("sha256").update(languageVersionText(provisions, numbers, language), "utf8").digest("hex")]));
}

/**
 * Adopts issued revision `revision` at `at` (the deadline met, or the close of the call): numbered within its body and
 * the year of `at` (under a lock per body, so two adoptions never share a number), with the hash of every language version.
 */
async function adopt(c: CommandScope, loaded: Loaded, at: Date, by: "chair" | "silence", met: NonNullable<Adoption["met"]>, place: Record<string, string> | null, set: Partial<typeof negotiationDocuments.$inferInsert>): Promise<string> {
  const { row } = loaded;
  const revision = row.revision;
  const issued = await revisionProvisions(c, row, revision);
  const year = at.getUTCFullYear();
  await c.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`concord:adoption:${row.body}`}))`);
  const prefix = `${row.body}/${year}/`;
  const [{ count }] = (await c.tx
    .select({ count: sql<number>`count(*)::int` })
    .from(negotiationDocuments)
    .where(sql`${negotiationDocuments.adoptedNumber} like ${`${prefix}%`}`)) as [{ count: number }];
  const number = adoptionNumber(row.body, year, count + 1);
  const adoption: Adoption = { number, date: at.toISOString().slice(0, 10), adoptedAt: at.toISOString(), place: place ?? row.place, by, revision, hashes: languageHashes(row, issued), met };
  const version = await touch(c, row, { ...set, status: "adopted", adoption, adoptedNumber: number, silenceDeadline: null });
  emit(c, loaded, "document.adopted", version, { number, revision });
  c.emit(DOCUMENTS_STREAM, "document.adopted", { document: row.id, number }, loaded.audience);
  c.audit("document.adopt", `document:${row.id}`, { number, by, revision, hashes: adoption.hashes });
  return number;
}

/** In the room: the chair closes the call for objections on the issued revision; adopted unless an objection that counts stands. */
export const adoptDocument = defineCommand({
  name: "document.adopt",
  load: (tx, input: { documentId: string; request: z.infer<typeof AdoptionRequestSchema>; situation: Situation }) => lockNamed(tx, input),
  access: (loaded) => needs(policy.adopt, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    const { row } = loaded;
    if (row.status === "silence") refuse("silence-running", "A silence procedure is running: the text is adopted at its deadline unless silence is broken.");
    c.checkVersion(input.request.version, row.version, () => ({ document: row.id, version: row.version }));
    if (row.call?.state !== "open") refuse("no-call-open", "Adoption in the room follows a call for objections: call for objections on the issued revision first.");
    const provisions = await issuedText(c, row);
    requireReady(workingText(row, provisions), { requireCurrentVersions: true, objections: [] });
    const call = closeCall(row.call, c.now);
    if (call.state !== "adopted") throw new Error("unreachable");
    const met = { procedure: "call" as const, openedAt: call.openedAt, closedAt: call.closedAt };
    return { number: await adopt(c, loaded, c.now, "chair", met, (input.request.place ?? null) as Record<string, string> | null, { call }) };
  },
});

/** At the deadline of an unbroken silence procedure: adopted exactly once (the row locked and re-read), as of the deadline. */
export const adoptAtDeadline = defineCommand({
  name: "silence.expire",
  load: (tx, input: { documentId: string; situation: Situation }) => lockNamed(tx, input),
  access: () => SYSTEM,
  run: async (c, _input, loaded) => {
    const { row } = loaded;
    const passed = expireSilence(row.silence, c.now);
    if (row.status !== "silence" || passed === null || passed.state !== "passed") return { number: null };
    const deadline = new Date(passed.deadline);
    return { number: await adopt(c, loaded, deadline, "silence", { procedure: "silence", deadline: passed.deadline }, null, { silence: passed }) };
  },
});
