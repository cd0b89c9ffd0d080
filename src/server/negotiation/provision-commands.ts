// The chair's actions on one provision (compromise text, agreed mark, facilitator) and its language versions.
import type { z } from "zod";
import type { CompromiseRequestSchema, FacilitatorRequestSchema, MarkRequestSchema, TranslationRequestSchema } from "../../contracts/negotiation.js";
import { invalid, notFound } from "../../domain/errors.js";
import { provisionStatus } from "../../domain/negotiation/provisions.js";
import { applyStep, type Step } from "../../domain/negotiation/working-text.js";
import { defineCommand, needs } from "../platform/commands/runner.js";
import { negotiationPolicy as policy } from "./policy.js";
import { loadProvision, lockDocument, updateProvision } from "./store.js";
import { provisionView } from "./views.js";
import { markDraftIssued, pendingDraft } from "./draft-store.js";
import { type Situation, refuse, loadedOf, open, touch, emit, workingText, reanchorProposals, requireNoProcedure, changedSince } from "./command-kit.js";

// ---- The chair's actions on a provision, and language versions

type ProvisionAction =
  | { readonly kind: "compromise"; readonly request: z.infer<typeof CompromiseRequestSchema> }
  | { readonly kind: "mark"; readonly request: z.infer<typeof MarkRequestSchema> }
  | { readonly kind: "facilitator"; readonly request: z.infer<typeof FacilitatorRequestSchema> }
  | { readonly kind: "translation"; readonly language: string; readonly request: z.infer<typeof TranslationRequestSchema> };

const ACTION_PERMISSION = { compromise: policy.compromise, mark: policy.mark, facilitator: policy.facilitator, translation: policy.translate } as const;

export const actOnProvision = defineCommand({
  name: "provision.change",
  // The provision is read under the document's lock: its facilitator, who may act on it, is the one it has now.
  load: async (tx, input: { documentId: string; provisionId: string; action: ProvisionAction; situation: Situation }) => {
    const row = await lockDocument(tx, input.documentId);
    const provision = await loadProvision(tx, row.id, input.provisionId);
    if (!provision) throw notFound("provision");
    return { ...loadedOf(row, input.situation, provision.facilitator), provision };
  },
  access: (loaded, input) => needs(ACTION_PERMISSION[input.action.kind], loaded.resource),
  run: async (c, input, locked) => {
    const { action, situation } = input;
    const loaded = open(locked);
    const { row, provision } = locked;
    requireNoProcedure(row);
    c.checkVersion(action.request.version, provision.version, () => provisionView(provision, row, null));
    let step: Step;
    switch (action.kind) {
      case "compromise":
        step = { type: "compromise", provision: provision.id, bracket: action.request.bracket, text: action.request.text };
        break;
      case "mark":
        if (action.request.mark !== null && provisionStatus(provision, row.baseLanguage) === "bracketed") {
          refuse("not-ready-for-adoption", "A provision with brackets cannot be marked agreed: insert compromise text first.");
        }
        step = { type: "mark", provision: provision.id, mark: action.request.mark };
        break;
      case "facilitator": {
        const delegation = action.request.delegation;
        if (delegation !== null && !situation.facts.readersOn(situation.day).drafts.includes(delegation)) {
          throw invalid("delegation", "not-in-registry", "is not a delegation that may see drafts");
        }
        step = { type: "facilitator", provision: provision.id, delegation };
        break;
      }
      case "translation":
        step = { type: "translation", provision: provision.id, language: action.language, text: action.request.text };
        break;
    }
    // Compromise text from the secretariat's draft (its words possibly edited by the chair): the draft is marked issued.
    const draft = action.kind === "compromise" && action.request.draft !== undefined ? await pendingDraft(c.tx, row.id, action.request.draft, "compromise") : null;
    if (draft && (draft.body as { provision: string }).provision !== provision.id) throw invalid("draft", "invalid", "is compromise text for another provision");
    const result = applyStep(workingText(row, [provision]), step);
    await updateProvision(c.tx, row.id, result.text.provisions[0]!);
    await reanchorProposals(c, row, provision, result.text.provisions[0]!);
    // A facilitator changes no text; anything else is a change after the revision, which silence and adoption wait on.
    const version = await touch(c, row, action.kind === "facilitator" ? {} : changedSince(row, [provision.id]));
    if (draft) await markDraftIssued(c, draft.id, version);
    emit(c, loaded, "provision.changed", version, { provision: provision.id, action: action.kind });
    c.audit(`provision.${action.kind}` as const, `document:${row.id}`, { provision: provision.id, ...(action.kind === "translation" ? { language: action.language } : {}) });
    return { documentId: row.id };
  },
});
