// Opening a negotiation (the zero draft as Rev.0), and opening a draft to more readers.
import type { z } from "zod";
import type { CreateDocumentRequest, VisibilityRequestSchema } from "../../contracts/negotiation.js";
import { invalid } from "../../domain/errors.js";
import { type Silence } from "../../domain/negotiation/adoption.js";
import { checkBalanced } from "../../domain/negotiation/markup.js";
import { describeDifference, structureDifference } from "../../domain/negotiation/structure.js";
import { fingerprint, type Provision } from "../../domain/negotiation/provisions.js";
import { defineCommand, needs } from "../platform/commands/runner.js";
import { negotiationPolicy as policy, type DocumentResource } from "./policy.js";
import { documentAudience, saveProvisions, type DocumentRow } from "./store.js";
import { negotiationDocuments, negotiationRevisions } from "./tables.js";
import { documentStream, DOCUMENTS_STREAM } from "./streams.js";
import { type Situation, newId, lockNamed, open, touch, workingText, revisionStats, by } from "./command-kit.js";

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
    const decisionRule = request.decisionRule ?? situation.facts.defaultDecisionRule;
    const rule = situation.facts.decisionRule(decisionRule);
    if (!rule) throw field("decisionRule", "choice", "is not a decision rule of the organization");
    if ((request.concerning ?? null) !== null && !rule.excludesConcerned) {
      throw field("concerning", "invalid", "names the member concerned only under a rule that leaves out its objection (consensus minus one)");
    }
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
      decisionRule,
      concerning: request.concerning ?? null,
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
    c.audit("document.create", `document:${id}`, { body: request.body, kind: request.kind, provisions: provisions.length });
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
