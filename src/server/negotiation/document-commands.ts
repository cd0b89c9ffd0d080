// Opening a negotiation (the zero draft as Rev.0), and opening a draft to more readers.
import type { z } from "zod";
import type { CreateDocumentRequest, InvitationRequestSchema, RuleChangeRequestSchema, VisibilityRequestSchema } from "../../contracts/negotiation.js";
import { invalid } from "../../domain/errors.js";
import { type Silence } from "../../domain/negotiation/adoption.js";
import { checkBalanced } from "../../domain/negotiation/markup.js";
import { resolveDecisionRule } from "../../domain/negotiation/decision-rules.js";
import { describeDifference, structureDifference } from "../../domain/negotiation/structure.js";
import { fingerprint, type Provision } from "../../domain/negotiation/provisions.js";
import { defineCommand, needs } from "../platform/commands/runner.js";
import { negotiationPolicy as policy, type DocumentResource } from "./policy.js";
import { documentAudience, saveProvisions, type DocumentRow } from "./store.js";
import { negotiationDocuments, negotiationRevisions, type Invitation } from "./tables.js";
import { documentStream, DOCUMENTS_STREAM } from "./streams.js";
import { type Situation, newId, lockNamed, open, touch, emit, workingText, revisionStats, by, requireNoProcedure } from "./command-kit.js";

// ---- Documents

function newDocumentResource(input: { request: CreateDocumentRequest; situation: Situation }): DocumentResource {
  return { chair: input.situation.facts.chairOf(input.request.body, input.situation.day), visibility: "members" };
}

export const createDocument = defineCommand({
  name: "document.create",
  access: (_, input: { request: CreateDocumentRequest; situation: Situation; id?: string; isDemo?: boolean }) => needs(policy.create, newDocumentResource(input)),
  run: async (c, input) => {
    const { request, situation } = input;
    const resource = newDocumentResource(input);
    const field = (name: string, code: string, message: string) => invalid(name, code, message);
    if (!situation.facts.hasBody(request.body)) throw field("body", "unknown-body", "is not a body of the organization");
    // The rule follows from the organization's data and the kind of decision, never from a free choice.
    const rule = resolveDecisionRule(situation.facts.decisionRules, request.kind, { subject: request.subject ?? null, concerning: request.concerning ?? null }, (party) =>
      situation.facts.mayObject(party, situation.day),
    );
    const languages = [...new Set(request.languages)];
    const spoken = situation.facts.languages;
    const foreign = `is not one of the organization's languages (${spoken.join(", ")})`;
    if (!spoken.includes(request.baseLanguage)) throw field("baseLanguage", "not-organization-language", foreign);
    request.languages.forEach((language, index) => {
      if (!spoken.includes(language)) throw field(`languages.${index}`, "not-organization-language", foreign);
    });
    if (!languages.includes(request.baseLanguage)) throw field("languages", "base-language-missing", "must include the base language");
    // Text in a language the document is not negotiated in would be kept by nobody: refused, not dropped.
    const outside = (texts: Readonly<Record<string, string>> | null | undefined, at: string) => {
      const language = Object.keys(texts ?? {}).find((code) => !languages.includes(code));
      if (language !== undefined) throw field(`${at}.${language}`, "language-not-in-document", "is not one of the document's languages");
    };
    outside(request.title, "title");
    outside(request.place, "place");
    request.provisions.forEach((draft, index) => outside(draft.texts, `provisions.${index}.texts`));
    if (!request.title[request.baseLanguage]) throw field(`title.${request.baseLanguage}`, "required", "the title in the base language is required");
    const provisions: Provision[] = request.provisions.map((draft, index) => {
      const base = draft.texts[request.baseLanguage];
      if (!base) throw field(`provisions.${index}.texts.${request.baseLanguage}`, "required", "the base-language text is required");
      if (!checkBalanced(base)) throw field(`provisions.${index}.texts.${request.baseLanguage}`, "unbalanced-brackets", "the brackets do not balance");
      const texts: Record<string, string> = {};
      const basis: Record<string, string> = {};
      for (const language of languages) {
        const text = draft.texts[language];
        if (text === undefined) continue;
        if (!checkBalanced(text)) throw field(`provisions.${index}.texts.${language}`, "unbalanced-brackets", "the brackets do not balance");
        const difference = language === request.baseLanguage ? null : structureDifference(base, text);
        if (difference) throw field(`provisions.${index}.texts.${language}`, "structure-differs", `not the base text's structure: ${describeDifference(difference)}`);
        texts[language] = text;
        if (language !== request.baseLanguage) basis[language] = fingerprint(base);
      }
      return { id: newId(), kind: draft.kind, texts, basis, mark: null, brackets: [], facilitator: null, version: 1 };
    });
    const id = input.id ?? newId();
    const row = {
      id,
      body: request.body,
      kind: request.kind,
      title: request.title as Record<string, string>,
      baseLanguage: request.baseLanguage,
      languages,
      meeting: request.meeting ?? null,
      place: (request.place ?? null) as Record<string, string> | null,
      decisionRule: rule.rule,
      subject: rule.subject,
      concerning: rule.concerning,
      visibility: "members",
      status: "negotiation",
      isDemo: input.isDemo === true,
      revision: 0,
      version: 1,
      proposalCount: 0,
      silence: { state: "none" } as Silence,
      createdAt: c.now,
      createdBy: by(c),
      updatedAt: c.now,
    };
    await c.tx.insert(negotiationDocuments).values(row);
    await saveProvisions(c.tx, id, [], provisions);
    const text = workingText(row as DocumentRow, provisions);
    await c.tx.insert(negotiationRevisions).values({ documentId: id, number: 0, provisions, outcomes: [], stats: revisionStats(text), issuedAt: c.now, issuedBy: by(c) });
    const audience = documentAudience("members", resource.chair, situation.facts, situation.day);
    c.emit(documentStream(id), "document.created", { document: id, version: 1 }, audience);
    c.emit(DOCUMENTS_STREAM, "document.created", { document: id, body: request.body }, audience);
    c.audit("document.create", `document:${id}`, { body: request.body, kind: request.kind, provisions: provisions.length, rule: rule.rule, subject: rule.subject, concerning: rule.concerning });
    return { id };
  },
});


export const setVisibility = defineCommand({
  name: "document.visibility",
  load: (tx, input: { documentId: string; request: z.infer<typeof VisibilityRequestSchema>; situation: Situation }) => lockNamed(tx, input),
  access: (loaded) => needs(policy.visibility, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    c.checkVersion(input.request.version, loaded.row.version, () => ({ document: loaded.row.id, version: loaded.row.version }));
    const version = await touch(c, loaded.row, { visibility: input.request.visibility });
    // Told to those who could read it before and those who may now.
    const wider = documentAudience(input.request.visibility, loaded.resource.chair, input.situation.facts, input.situation.day);
    c.emit(documentStream(loaded.row.id), "document.visibility", { document: loaded.row.id, version, visibility: input.request.visibility }, [...loaded.audience, ...wider]);
    c.emit(DOCUMENTS_STREAM, "document.visibility", { document: loaded.row.id }, [...loaded.audience, ...wider]);
    c.audit("document.visibility", `document:${loaded.row.id}`, { visibility: input.request.visibility });
    return { documentId: loaded.row.id };
  },
});

/**
 * The chair records that the document is a decision of another kind (and so under another of the organization's rules),
 * with the reason: kept on the document for everyone to see. Not while a silence procedure or a call for objections runs.
 */
export const changeDecisionRule = defineCommand({
  name: "document.rule",
  load: (tx, input: { documentId: string; request: z.infer<typeof RuleChangeRequestSchema>; situation: Situation }) => lockNamed(tx, input),
  access: (loaded) => needs(policy.changeRule, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    const { row } = loaded;
    const { request, situation } = input;
    c.checkVersion(request.version, row.version, () => ({ document: row.id, version: row.version }));
    requireNoProcedure(row);
    const rule = resolveDecisionRule(situation.facts.decisionRules, row.kind, { subject: request.subject, concerning: request.concerning ?? null }, (party) =>
      situation.facts.mayObject(party, situation.day),
    );
    const from = { rule: row.decisionRule, subject: row.subject, concerning: row.concerning };
    const to = { rule: rule.rule, subject: rule.subject, concerning: rule.concerning };
    if (from.rule === to.rule && from.subject === to.subject && from.concerning === to.concerning) throw invalid("subject", "unchanged", "is the document's kind of decision already");
    const change = { from, to, reason: request.reason, by: by(c), at: c.now.toISOString() };
    const version = await touch(c, row, { decisionRule: rule.rule, subject: rule.subject, concerning: rule.concerning, ruleChanges: [...row.ruleChanges, change] });
    emit(c, loaded, "document.rule", version, { rule: rule.rule });
    c.audit("document.rule", `document:${row.id}`, { from, to, reason: request.reason });
    return { documentId: row.id };
  },
});

/**
 * The chair invites a non-member delegation (an observer, a partner, a guest) to see this draft and comment on it — a
 * recorded grant for this document only — or ends the invitation. Its comments are shown as a non-member's and never block.
 */
export const inviteToDocument = defineCommand({
  name: "document.invite",
  load: (tx, input: { documentId: string; request: z.infer<typeof InvitationRequestSchema>; end: boolean; situation: Situation }) => lockNamed(tx, input),
  access: (loaded) => needs(policy.invite, loaded.resource),
  run: async (c, input, locked) => {
    const loaded = open(locked);
    const { row } = loaded;
    const { request, situation } = input;
    c.checkVersion(request.version, row.version, () => ({ document: row.id, version: row.version }));
    const current = row.invited.find((i) => i.party === request.party && i.endedAt === undefined);
    let invited: Invitation[];
    if (input.end) {
      if (!current) throw invalid("party", "invalid", "has no invitation to this document");
      invited = row.invited.map((i) => (i === current ? { ...i, endedAt: c.now.toISOString() } : i));
    } else {
      if (!situation.facts.isParty(request.party)) throw invalid("party", "not-in-registry", "is not a state or organization in the registry");
      if (situation.facts.mayObject(request.party, situation.day)) throw invalid("party", "invalid", "is a member: it sees drafts and takes positions by right");
      if (current) throw invalid("party", "taken", "is invited already");
      invited = [...row.invited, { party: request.party, grantedAt: c.now.toISOString(), grantedBy: by(c) }];
    }
    const version = await touch(c, row, { invited });
    // Told to those who read it, the invited delegation included (also when its invitation ends).
    c.emit(documentStream(row.id), "document.invitation", { document: row.id, version, party: request.party, ended: input.end }, [...loaded.audience, { delegation: request.party }]);
    c.emit(DOCUMENTS_STREAM, "document.invitation", { document: row.id }, [...loaded.audience, { delegation: request.party }]);
    c.audit("document.invite", `document:${row.id}`, { party: request.party, ended: input.end });
    return { documentId: row.id };
  },
});
