// The negotiation API: documents, their rolling text, proposals and positions, revisions and diffs, the chair's actions,
// the silence procedure, statements of position, adoption and private notes. Requests and responses, shared with the web.
import { z } from "zod";
import { insertedText, multiLineText, singleLineText } from "./text.js";
import { RevisionNumberSchema } from "./numbers.js";
import { LANGUAGE_CODE } from "../domain/localized-text.js";

export const DOCUMENT_KINDS = ["declaration", "communique", "statement", "decision", "agreement", "action-plan"] as const;
export const PROVISION_KINDS = ["preambular", "operative", "article", "heading", "annex"] as const;
export const PROVISION_STATUSES = ["open", "bracketed", "agreed-ad-ref", "agreed"] as const;
export const DOCUMENT_STATUSES = ["negotiation", "silence", "adopted"] as const;
/** Who may read a draft besides the secretariat: member delegations; also observers and partners; everyone. */
export const VISIBILITIES = ["members", "participants", "public"] as const;
/** `withdrawn`: by its proposer; `not-retained` and `merged`: by the chair in a revision (`superseded`: recorded by older revisions). */
export const PROPOSAL_STATUSES = ["open", "colliding", "applied", "bracketed", "not-retained", "merged", "withdrawn", "superseded"] as const;
/** `retract` takes back the delegation's support or opposition. */
export const STANCES = ["support", "oppose", "comment", "retract"] as const;
/** What the chair may do with a proposal in a revision. */
export const HANDLING_ACTIONS = ["accept", "accept-modified", "bracket", "not-retain", "merge", "defer"] as const;
/** Handlings as revisions recorded them: also `withdraw` and `supersede`, which older revisions hold. */
export const RECORDED_HANDLING_ACTIONS = [...HANDLING_ACTIONS, "withdraw", "supersede"] as const;
/** The most languages one document is negotiated in (which ones: the organization's official and working languages). */
export const MAX_DOCUMENT_LANGUAGES = 12;
/** How finely a diff compared a text: word by word, else sentence by sentence, else as a whole (src/domain/negotiation/diff.ts). */
export const DIFF_GRANULARITIES = ["word", "sentence", "whole"] as const;

/** Bracket markup: `[shall / should]`, nested `[[shall] / should]`; `\[`, `\]`, `\/`, `\\` are literal. */
const markup = (max: number) => multiLineText({ max }).meta({ description: "Text with bracket markup: [a / b] holds alternatives; brackets nest." });
const optionalMarkup = (max: number) => multiLineText({ min: 0, max });
/** An amendment's words: kept as typed, so " and trade" inserted after a word keeps its space. */
const amendment = (min: number) => insertedText({ min, max: 20_000 });

/** A language code ("zh", "fr", "pt-BR"); which ones a document may use is the organization's (checked by the command). */
export const LanguageSchema = z.string().regex(LANGUAGE_CODE, "a language code such as zh, ru, en or pt-BR");
/** Text per language of the document, `max` characters each. */
const perLanguage = <T extends z.ZodType>(value: T) =>
  z.record(LanguageSchema, value).refine((texts) => Object.keys(texts).length <= MAX_DOCUMENT_LANGUAGES, { message: `at most ${MAX_DOCUMENT_LANGUAGES} languages`, params: { code: "too-large" } });
const ProvisionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, "a provision identifier");
const PartyCodeSchema = z.string().regex(/^[A-Z]{2,10}$/, "a state or organization code");
const SubjectCodeSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, "a kind of decision named by the organization's rules");
const IsoInstantSchema = z.iso.datetime({ offset: true }).meta({ description: "An instant with its offset, e.g. 2025-08-20T12:00:00+08:00." });

export const TitleSchema = perLanguage(singleLineText({ max: 300 }));
export const PlaceSchema = perLanguage(singleLineText({ max: 120 }));

export const NewProvisionSchema = z.strictObject({
  kind: z.enum(PROVISION_KINDS),
  texts: perLanguage(markup(20_000)),
});

export const CreateDocumentRequestSchema = z
  .strictObject({
    title: TitleSchema,
    kind: z.enum(DOCUMENT_KINDS),
    body: z.string().regex(/^[A-Z][A-Z0-9]{1,15}$/, "a body code such as CHS"),
    baseLanguage: LanguageSchema,
    /** The languages the document is negotiated in: some of the organization's official and working languages. */
    languages: z.array(LanguageSchema).min(1).max(MAX_DOCUMENT_LANGUAGES),
    meeting: z.string().max(64).nullable().optional(),
    place: PlaceSchema.nullable().optional(),
    /**
     * The kind of decision, when it is one the organization's rules name (the SCO: suspension, expulsion of a member);
     * its rule follows from the organization's data, never chosen here. Absent: the organization's general rule.
     */
    subject: SubjectCodeSchema.nullable().optional(),
    /** The member a decision of such a kind concerns (a member on the day). */
    concerning: PartyCodeSchema.nullable().optional(),
    /** The zero draft (Rev.0). */
    provisions: z.array(NewProvisionSchema).max(2_000),
  })
  .meta({ id: "CreateDocumentRequest" });

export const ProposalChangeSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("replace"), provision: ProvisionIdSchema, start: z.number().int().min(0), end: z.number().int().min(0), text: amendment(0) }),
  z.strictObject({ type: z.literal("insert"), provision: ProvisionIdSchema, at: z.number().int().min(0), text: amendment(1) }),
  z.strictObject({ type: z.literal("delete"), provision: ProvisionIdSchema, start: z.number().int().min(0), end: z.number().int().min(0) }),
  z.strictObject({ type: z.literal("add-provision"), after: ProvisionIdSchema.nullable(), kind: z.enum(PROVISION_KINDS), text: markup(20_000) }),
  z.strictObject({ type: z.literal("delete-provision"), provision: ProvisionIdSchema }),
  z.strictObject({ type: z.literal("move-provision"), provision: ProvisionIdSchema, after: ProvisionIdSchema.nullable() }),
]);

export const CreateProposalRequestSchema = z
  .strictObject({
    change: ProposalChangeSchema,
    justification: optionalMarkup(4_000).default(""),
    /** The version of the provision the proposal was written against (stale → 409 with the current provision). */
    provisionVersion: z.number().int().min(1).optional(),
  })
  .meta({ id: "CreateProposalRequest" });

export const PositionRequestSchema = z
  .strictObject({
    stance: z.enum(STANCES),
    text: optionalMarkup(4_000).default(""),
    /** The version of the proposal answered (stale → 409). */
    version: z.number().int().min(1).optional(),
  })
  .meta({ id: "PositionRequest" });

export const InvitedCommentRequestSchema = z
  .strictObject({ text: markup(4_000), version: z.number().int().min(1).optional() })
  .meta({ id: "InvitedCommentRequest" });

export const HandlingSchema = z.strictObject({
  proposal: z.string().max(64),
  action: z.enum(HANDLING_ACTIONS),
  /** For accept-modified: the chair's wording. */
  text: optionalMarkup(20_000).optional(),
  /** For merge: the open proposal it is merged into (its makers join that one's backers). */
  into: z.string().max(64).optional(),
});

export const IssueRevisionRequestSchema = z
  .strictObject({
    version: z.number().int().min(1),
    handlings: z.array(HandlingSchema).max(5_000).default([]),
    /** A draft revision the secretariat prepared: its handlings are the revision's (then `handlings` stays empty). */
    draft: z.string().max(64).optional(),
  })
  .meta({ id: "IssueRevisionRequest" });

export const DRAFT_KINDS = ["revision", "compromise"] as const;
/** A drafting officer's draft for the chair: a draft revision (handlings) or compromise text for a provision's bracket. */
export const PrepareDraftRequestSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("revision"), handlings: z.array(HandlingSchema).min(1).max(5_000), note: optionalMarkup(2_000).default("") }),
    z.strictObject({
      kind: z.literal("compromise"),
      provision: ProvisionIdSchema,
      bracket: z.number().int().min(0).nullable(),
      text: optionalMarkup(20_000),
      note: optionalMarkup(2_000).default(""),
    }),
  ])
  .meta({ id: "PrepareDraftRequest" });
export const DraftSchema = z
  .object({
    id: z.string(),
    kind: z.enum(DRAFT_KINDS),
    handlings: z.array(HandlingSchema).optional(),
    provision: z.string().optional(),
    bracket: z.number().int().nullable().optional(),
    text: z.string().optional(),
    note: z.string(),
    preparedAt: z.string(),
    state: z.enum(["pending", "issued", "discarded"]),
    usedIn: z.number().int().nullable(),
    decidedAt: z.string().nullable(),
  })
  .meta({ id: "Draft" });
export const DraftListSchema = z.object({ items: z.array(DraftSchema) });

export const CompromiseRequestSchema = z.strictObject({
  /** The index of the top-level bracket replaced, or null to replace the whole base text. */
  bracket: z.number().int().min(0).nullable(),
  text: optionalMarkup(20_000),
  version: z.number().int().min(1),
  /** The secretariat's draft this compromise text comes from (the chair may have edited its words): marked issued. */
  draft: z.string().max(64).optional(),
});
export const MarkRequestSchema = z.strictObject({ mark: z.enum(["agreed-ad-ref", "agreed"]).nullable(), version: z.number().int().min(1) });
export const FacilitatorRequestSchema = z.strictObject({ delegation: PartyCodeSchema.nullable(), version: z.number().int().min(1) });
export const TranslationRequestSchema = z.strictObject({ text: markup(20_000), version: z.number().int().min(1) });
export const VisibilityRequestSchema = z.strictObject({ visibility: z.enum(VISIBILITIES), version: z.number().int().min(1) });
export const SilenceRequestSchema = z.strictObject({ deadline: IsoInstantSchema, version: z.number().int().min(1) });
export const BreakSilenceRequestSchema = z.strictObject({ reason: markup(4_000), provision: ProvisionIdSchema.nullable().optional() });
/** Explanation of position before or after adoption, reservation, interpretative statement. */
export const STATEMENT_KINDS = ["explanation-before", "explanation-after", "reservation", "interpretative"] as const;
export const StatementRequestSchema = z.strictObject({
  text: markup(8_000),
  provision: ProvisionIdSchema.nullable().optional(),
  /** Absent: an explanation of position before adoption, or after it once the document is adopted. */
  kind: z.enum(STATEMENT_KINDS).optional(),
  /** The language the delegation chose for it (one of the organization's); absent: the document's base language. */
  language: LanguageSchema.optional(),
});
export const NoteRequestSchema = z.strictObject({ text: markup(8_000), provision: ProvisionIdSchema.nullable().optional() });
export const RuleChangeRequestSchema = z
  .strictObject({
    subject: SubjectCodeSchema.nullable(),
    concerning: PartyCodeSchema.nullable().optional(),
    /** Why the decision is now of this kind: recorded with the change, shown to everyone. */
    reason: markup(2_000),
    version: z.number().int().min(1),
  })
  .meta({ id: "RuleChangeRequest" });
export const CallRequestSchema = z.strictObject({ version: z.number().int().min(1) }).meta({ id: "CallRequest" });
export const ObjectionRequestSchema = z.strictObject({ reason: markup(4_000) }).meta({ id: "ObjectionRequest" });
/** The chair withdraws the call, or cancels a silence procedure, saying why. */
export const ReasonRequestSchema = z.strictObject({ reason: markup(2_000) }).meta({ id: "ReasonRequest" });
export const InvitationRequestSchema = z
  .strictObject({ party: PartyCodeSchema, version: z.number().int().min(1) })
  .meta({ id: "InvitationRequest", description: "A non-member delegation the chair invites to see the draft and comment (or whose invitation ends)." });
export const AdoptionRequestSchema = z.strictObject({ version: z.number().int().min(1), place: PlaceSchema.nullable().optional() });
export const DocumentListQuerySchema = z.strictObject({ body: z.string().max(16).optional(), status: z.enum(DOCUMENT_STATUSES).optional() });
export const DiffQuerySchema = z.strictObject({ from: RevisionNumberSchema, to: RevisionNumberSchema });
export const RevisionParamsSchema = z.strictObject({ id: z.string().max(64), number: RevisionNumberSchema });

// Responses

const AlternativeSchema = z.object({ text: z.string(), backers: z.array(z.string()) });
export const BracketSchema = z.object({
  index: z.number().int(),
  start: z.number().int(),
  end: z.number().int(),
  alternatives: z.array(AlternativeSchema),
  requestedBy: z.array(z.string()),
});

export const ProvisionSchema = z
  .object({
    id: z.string(),
    number: z.string().nullable(),
    kind: z.enum(PROVISION_KINDS),
    texts: z.record(z.string(), z.string()),
    status: z.enum(PROVISION_STATUSES),
    version: z.number().int(),
    facilitator: z.string().nullable(),
    /** Languages whose version is missing or translates an older base text. */
    outdated: z.array(z.string()),
    brackets: z.array(BracketSchema),
    /** Whole-provision options (Option 1, Option 2…) when one bracket holds the whole base text; else null. */
    options: z.array(z.string()).nullable(),
  })
  .meta({ id: "Provision" });

export const PositionSchema = z.object({
  delegation: z.string(),
  stance: z.enum(STANCES),
  text: z.string(),
  /** A comment by a non-member delegation on the chair's invitation: shown as such, never blocking. */
  nonMember: z.boolean(),
  at: z.string(),
});

export const ProposalSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    delegation: z.string(),
    change: ProposalChangeSchema,
    /** The text the span covered when the proposal was made (or last re-anchored). */
    quote: z.string(),
    justification: z.string(),
    status: z.enum(PROPOSAL_STATUSES),
    handling: z.object({ action: z.enum(RECORDED_HANDLING_ACTIONS), text: z.string().optional(), into: z.string().optional() }).nullable(),
    madeIn: z.number().int(),
    handledIn: z.number().int().nullable(),
    version: z.number().int(),
    supporters: z.array(z.string()),
    opposers: z.array(z.string()),
    /** Delegations that joined the proposal, with when (via: the proposal merged into this one). */
    cosponsors: z.array(z.object({ delegation: z.string(), at: z.string(), via: z.string().optional() })),
    positions: z.array(PositionSchema),
    at: z.string(),
  })
  .meta({ id: "Proposal" });

export const SilenceSchema = z.object({
  state: z.enum(["none", "running", "broken", "cancelled", "passed"]),
  startedAt: z.string().optional(),
  deadline: z.string().optional(),
  /** The issued revision under silence. */
  revision: z.number().int().optional(),
  cancelledAt: z.string().optional(),
  brokenBy: z.string().optional(),
  brokenAt: z.string().optional(),
  reason: z.string().optional(),
});

export const StatementSchema = z.object({
  id: z.string(),
  /** Its number among the document's statements (1, 2…), as annexed to the record. */
  number: z.number().int(),
  delegation: z.string(),
  provision: z.string().nullable(),
  kind: z.enum(STATEMENT_KINDS),
  language: z.string(),
  text: z.string(),
  at: z.string(),
});

export const CallObjectionSchema = z.object({
  delegation: z.string(),
  reason: z.string(),
  at: z.string(),
  /** Whether it counts under the document's rule (under consensus minus one, the concerned member's does not). */
  counts: z.boolean(),
  withdrawnAt: z.string().optional(),
});
/** The chair's call for objections on an issued revision: open, closed by adoption, or withdrawn (with a reason). */
export const CallSchema = z
  .object({
    state: z.enum(["open", "adopted", "withdrawn"]),
    revision: z.number().int(),
    openedAt: z.string(),
    closedAt: z.string().optional(),
    reason: z.string().optional(),
    objections: z.array(CallObjectionSchema),
  })
  .meta({ id: "CallForObjections" });

/** A recorded change of the kind of decision, and so of its rule: from what, to what, why, by whom, when. */
export const RuleChangeSchema = z.object({
  from: z.object({ rule: z.string(), subject: z.string().nullable(), concerning: z.string().nullable() }),
  to: z.object({ rule: z.string(), subject: z.string().nullable(), concerning: z.string().nullable() }),
  reason: z.string(),
  by: z.string().nullable(),
  at: z.string(),
});

export const AdoptionSchema = z.object({
  number: z.string(),
  date: z.string(),
  /** The instant of adoption: the deadline met by a silence procedure, the close of the call in the room. */
  adoptedAt: z.string(),
  place: PlaceSchema.nullable(),
  by: z.enum(["chair", "silence"]),
  /** The issued revision adopted (absent for documents adopted before revisions were recorded with adoption). */
  revision: z.number().int().optional(),
  /** SHA-256 (hex) of each language version of that revision, as languageVersionText writes it. */
  hashes: z.record(z.string(), z.string()).optional(),
  /** What the adoption met: the silence deadline, or the call for objections (opened, closed). */
  met: z
    .union([z.object({ procedure: z.literal("silence"), deadline: z.string() }), z.object({ procedure: z.literal("call"), openedAt: z.string(), closedAt: z.string() })])
    .optional(),
});

export const BlockerSchema = z.object({ code: z.string(), provisions: z.array(z.string()).optional(), delegations: z.array(z.string()).optional() });

/** A proposal just made or a position just taken, with the document's version after it: the page applies it in place. */
export const ProposalChangedSchema = ProposalSchema.extend({
  documentVersion: z.number().int(),
  /** The version of the provision the proposal is anchored to, after it (null for a new provision). */
  provisionVersion: z.number().int().nullable().optional(),
}).meta({ id: "ProposalChanged" });

export const DocumentSummarySchema = z.object({
  id: z.string(),
  title: TitleSchema,
  kind: z.enum(DOCUMENT_KINDS),
  body: z.string(),
  status: z.enum(DOCUMENT_STATUSES),
  visibility: z.enum(VISIBILITIES),
  revision: z.number().int(),
  version: z.number().int(),
  isDemo: z.boolean(),
  adoption: AdoptionSchema.nullable(),
  updatedAt: z.string(),
});

export const DocumentSchema = DocumentSummarySchema.extend({
  baseLanguage: LanguageSchema,
  languages: z.array(LanguageSchema),
  meeting: z.string().nullable(),
  place: PlaceSchema.nullable(),
  /** The organization's rule this document is decided by, following from its kind of decision. */
  decisionRule: z.string(),
  /** The kind of decision, when the organization's rules name it (else null: the general rule). */
  subject: z.string().nullable(),
  concerning: z.string().nullable(),
  ruleChanges: z.array(RuleChangeSchema),
  /** Non-member delegations the chair invited to see the draft and comment, with when (and when the grant ended). */
  invited: z.array(z.object({ party: z.string(), grantedAt: z.string(), grantedBy: z.string().nullable(), endedAt: z.string().optional() })),
  /** The current or last call for objections. */
  call: CallSchema.nullable(),
  /** Provisions changed since the last issued revision: silence and adoption wait for a new revision. */
  changedSinceRevision: z.array(z.string()),
  /** The delegation chairing the document's body today. */
  chair: z.string().nullable(),
  provisions: z.array(ProvisionSchema),
  proposals: z.array(ProposalSchema),
  silence: SilenceSchema,
  statements: z.array(StatementSchema),
  /** What stands between the text and adoption (empty: it may be adopted). */
  blockers: z.array(BlockerSchema),
  /** Brackets and open provisions in each revision, for the chart. */
  history: z.array(z.object({ revision: z.number().int(), brackets: z.number().int(), open: z.number().int(), issuedAt: z.string() })),
}).meta({ id: "Document" });

export const DocumentListSchema = z.object({ items: z.array(DocumentSummarySchema) });

export const RevisionSchema = z
  .object({
    document: z.string(),
    number: z.number().int(),
    issuedAt: z.string(),
    issuedBy: z.string().nullable(),
    /** The secretariat's draft revision it was issued from, if any. */
    draft: z.string().nullable(),
    provisions: z.array(ProvisionSchema),
    outcomes: z.array(z.object({ proposal: z.string(), label: z.string(), action: z.enum(RECORDED_HANDLING_ACTIONS), result: z.string() })),
  })
  .meta({ id: "Revision" });

/** A revision just issued, with the document as it now stands for the caller: the chair's page shows it without reading it again. */
export const IssuedRevisionSchema = RevisionSchema.extend({
  current: DocumentSchema.meta({ description: "The document after the revision, as the caller may see it (as GET /documents/{id} answers)." }),
}).meta({ id: "IssuedRevision" });

export const DiffOpSchema = z.object({ op: z.enum(["equal", "insert", "delete"]), text: z.string() });
export const DiffSchema = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    provisions: z.array(
      z.object({
        id: z.string(),
        change: z.enum(["same", "changed", "added", "removed", "moved"]),
        fromNumber: z.string().nullable(),
        toNumber: z.string().nullable(),
        /** Operations per language (segmented with Intl.Segmenter), word by word unless `granularity` says otherwise. */
        ops: z.record(z.string(), z.array(DiffOpSchema)),
        /**
         * How finely each language was compared: `word`; `sentence` when the change was too large to compare word by
         * word; `whole` when it was too large even for that (the changed stretch is one deletion and one insertion).
         */
        granularity: z.record(z.string(), z.enum(DIFF_GRANULARITIES)),
      }),
    ),
  })
  .meta({ id: "Diff" });

export const NoteSchema = z.object({ id: z.string(), provision: z.string().nullable(), text: z.string(), author: z.string().nullable(), at: z.string() });
export const NoteListSchema = z.object({ items: z.array(NoteSchema) });

export type CreateDocumentRequest = z.infer<typeof CreateDocumentRequestSchema>;
export type ProposalChangeDto = z.infer<typeof ProposalChangeSchema>;
export type DocumentDto = z.infer<typeof DocumentSchema>;
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>;
export type ProvisionDto = z.infer<typeof ProvisionSchema>;
export type ProposalDto = z.infer<typeof ProposalSchema>;
export type ProposalChanged = z.infer<typeof ProposalChangedSchema>;
export type RevisionDto = z.infer<typeof RevisionSchema>;
export type IssuedRevisionDto = z.infer<typeof IssuedRevisionSchema>;
export type DiffDto = z.infer<typeof DiffSchema>;
export type HandlingDto = z.infer<typeof HandlingSchema>;
export type DraftDto = z.infer<typeof DraftSchema>;
export type NoteDto = z.infer<typeof NoteSchema>;
