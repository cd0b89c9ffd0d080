// The registry API's contract: request and response schemas used by the server's routes (and its OpenAPI) and, as types, by the web app.
import { z } from "zod";
import { isCalendarDay } from "../domain/partial-date.js";
import { REPORTED_QUALIFIERS, STATUS_CHANGE_KINDS, TIER_CODE_PATTERN } from "../domain/registry.js";

export const LocalizedTextSchema = z
  .record(z.string(), z.string())
  .meta({ id: "LocalizedText", description: "Text per language code (\"zh\", \"ru\", \"en\"…): the languages the organization's data has." });
/** A date known to the day, month or year: "2004", "2004-06", "2004-06-17". */
export const PartialDateSchema = z.string().meta({ id: "PartialDate", description: 'A date known to the day, month or year: "YYYY", "YYYY-MM" or "YYYY-MM-DD".' });
export const DatePrecisionSchema = z.enum(["day", "month", "year"]);

const RightsSchema = z.object({
  attend: z.boolean(),
  /** Invited to every meeting of the organization by right (without it, only when the chair invites). */
  attendByRight: z.boolean(),
  speak: z.boolean(),
  circulateStatements: z.boolean(),
  propose: z.boolean(),
  object: z.boolean(),
  chair: z.boolean(),
  seeDrafts: z.boolean(),
});

export const TierSchema = z.object({
  code: z.string(),
  names: LocalizedTextSchema,
  /** The tier's name after a count, per language and CLDR plural category ("one", "few", "many", "other"). */
  countNames: z.record(z.string(), z.record(z.string(), z.string())).optional(),
  isStanding: z.boolean(),
  rights: RightsSchema,
  established: PartialDateSchema.optional(),
  retired: PartialDateSchema.optional(),
  successor: z.string().optional(),
  note: LocalizedTextSchema.optional(),
  source: z.string(),
});

export const PartyRefSchema = z.object({ code: z.string(), names: LocalizedTextSchema });

export const SecretaryGeneralSchema = z.object({
  id: z.string(),
  names: LocalizedTextSchema,
  state: PartyRefSchema,
  title: LocalizedTextSchema,
  from: PartialDateSchema,
  to: PartialDateSchema.nullable(),
  source: z.string(),
});

export const PartnerOrganizationSchema = z.object({
  code: z.string(),
  names: LocalizedTextSchema,
  shortNames: LocalizedTextSchema,
  relation: z.string(),
  source: z.string(),
});

export const SourceSchema = z.object({ key: z.string(), title: LocalizedTextSchema, year: z.number().nullable(), url: z.string().nullable() });

export const OrganizationSchema = z
  .object({
    code: z.string(),
    names: LocalizedTextSchema,
    shortNames: LocalizedTextSchema,
    founded: PartialDateSchema,
    officialLanguages: z.array(z.string()),
    workingLanguages: z.array(z.string()),
    /** Languages its documents are also issued in as translations (not authentic). */
    translationLanguages: z.array(z.string()),
    tiers: z.array(TierSchema),
    decisionRules: z.array(
      z.object({ code: z.string(), names: LocalizedTextSchema, appliesTo: LocalizedTextSchema, excludesConcerned: z.boolean().optional(),
        subjects: z.array(z.object({ code: z.string(), names: LocalizedTextSchema })).optional(),
        source: z.string(),
      }),
    ),
    negotiation: z.object({ minimumSilenceHours: z.number() }),
    bodyKinds: z.array(z.object({ code: z.string(), names: LocalizedTextSchema })).optional(),
    relationKinds: z.array(z.object({ code: z.string(), names: LocalizedTextSchema })).optional(),
    rotation: z.object({ orderLanguage: z.string(), termYears: z.number(), summitAt: z.enum(["term_end", "term_start"]).optional(), description: LocalizedTextSchema, source: z.string() }),
    accessionStages: z.array(z.object({ code: z.string(), names: LocalizedTextSchema })).optional(),
    /** The calendar day the registry is known to be current to. */
    dataAsOf: z.string().optional(),
    values: z.array(z.object({ code: z.string(), names: LocalizedTextSchema })),
    valuesName: LocalizedTextSchema,
    secretariesGeneral: z.array(SecretaryGeneralSchema),
    partners: z.array(PartnerOrganizationSchema),
    sources: z.array(SourceSchema),
    source: z.string(),
  })
  .meta({ id: "Organization" });

export const DecisionSchema = z.object({
  id: z.string(),
  body: z.string(),
  date: PartialDateSchema,
  title: LocalizedTextSchema,
  source: z.string(),
});

export const StatusChangeSchema = z.object({
  id: z.string(),
  kind: z.enum(STATUS_CHANGE_KINDS),
  tier: z.string().nullable(),
  date: PartialDateSchema,
  precision: DatePrecisionSchema,
  decision: DecisionSchema,
  source: z.string(),
  reason: LocalizedTextSchema.nullable(),
  /** The reclassification that made this change (for every holder of the tiers it merged), if one did. */
  reclassification: z.string().nullable(),
});

export const AccessionSchema = z
  .object({
    id: z.string(),
    applicant: PartyRefSchema,
    requestedTier: z.string(),
    applied: PartialDateSchema.nullable(),
    steps: z.array(z.object({ stage: z.string(), date: PartialDateSchema, precision: DatePrecisionSchema, decision: DecisionSchema.nullable(), source: z.string() })),
    outcome: z.object({ kind: z.enum(["granted", "withdrawn", "refused"]), date: PartialDateSchema, precision: DatePrecisionSchema, decision: DecisionSchema.nullable() }).nullable(),
    status: z.enum(["in_progress", "granted", "withdrawn", "refused"]),
    source: z.string(),
  })
  .meta({ id: "Accession" });
export const AccessionListSchema = z.object({ stages: z.array(z.object({ code: z.string(), names: LocalizedTextSchema })), items: z.array(AccessionSchema) });

export const StateListItemSchema = z
  .object({
    code: z.string(),
    isoNumeric: z.string(),
    names: LocalizedTextSchema,
    tier: z.string(),
    since: PartialDateSchema,
    sincePrecision: DatePrecisionSchema,
    suspended: z.boolean(),
  })
  .meta({ id: "StateOnDate" });

export const StateListSchema = z.object({ on: z.string(), items: z.array(StateListItemSchema) });

export const SummitSchema = z
  .object({
    id: z.string(),
    body: z.string(),
    host: PartyRefSchema,
    city: LocalizedTextSchema,
    start: PartialDateSchema,
    end: PartialDateSchema.nullable(),
    format: z.enum(["in_person", "video"]),
    source: z.string(),
  })
  .meta({ id: "Summit" });

export const ProjectedSummitSchema = z.object({ host: PartyRefSchema, year: z.number(), basis: z.literal("projected") });
export const SummitListSchema = z.object({ items: z.array(SummitSchema), next: ProjectedSummitSchema.nullable() });

export const ChairmanshipTermSchema = z
  .object({
    id: z.string(),
    state: PartyRefSchema,
    start: PartialDateSchema,
    end: PartialDateSchema.nullable(),
    slogan: LocalizedTextSchema.nullable(),
    /** The themed year the chair proclaimed, if any. */
    themedYear: LocalizedTextSchema.nullable(),
    /** The chair's priorities for the term (none recorded: empty). */
    priorities: z.array(LocalizedTextSchema),
    /** The number of events of the term's programme as a source reports it ("more than 100"), with that source. */
    reportedEvents: z.object({ count: z.number(), qualifier: z.enum(REPORTED_QUALIFIERS), source: z.string() }).nullable(),
    basis: z.enum(["recorded", "projected"]),
    source: z.string().nullable(),
  })
  .meta({ id: "ChairmanshipTerm" });

export const ChairmanshipSchema = z.object({
  on: z.string(),
  /** The id of the recorded term in effect on `on`, if any. */
  current: z.string().nullable(),
  items: z.array(ChairmanshipTermSchema),
});

export const StateDetailSchema = z
  .object({
    code: z.string(),
    isoNumeric: z.string(),
    names: LocalizedTextSchema,
    on: z.string(),
    status: z.object({ tier: z.string(), since: PartialDateSchema, sincePrecision: DatePrecisionSchema, suspended: z.boolean() }).nullable(),
    history: z.array(StatusChangeSchema),
    summitsHosted: z.array(SummitSchema),
    chairmanshipTerms: z.array(ChairmanshipTermSchema),
    inRotationFrom: PartialDateSchema.nullable(),
    source: z.string(),
  })
  .meta({ id: "StateDetail" });

export const BodySchema = z
  .object({
    code: z.string(),
    /** The organization's code for the kind of body, with its name when the dataset gives one. */
    kind: z.string(),
    kindNames: LocalizedTextSchema.nullable(),
    /** The supreme body: its regular meetings are the summits. */
    isSupreme: z.boolean(),
    names: LocalizedTextSchema,
    shortNames: LocalizedTextSchema,
    description: LocalizedTextSchema,
    seat: LocalizedTextSchema.nullable(),
    source: z.string(),
  })
  .meta({ id: "Body" });
export const BodyListSchema = z.object({ items: z.array(BodySchema) });

export const HealthSchema = z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgresql"]) });


export type LocalizedTextDto = z.infer<typeof LocalizedTextSchema>;
export type Organization = z.infer<typeof OrganizationSchema>;
export type Tier = z.infer<typeof TierSchema>;
export type StateListItem = z.infer<typeof StateListItemSchema>;
export type StateList = z.infer<typeof StateListSchema>;
export type StateDetail = z.infer<typeof StateDetailSchema>;
export type StatusChangeDto = z.infer<typeof StatusChangeSchema>;
export type Summit = z.infer<typeof SummitSchema>;
export type SummitList = z.infer<typeof SummitListSchema>;
export type ChairmanshipTerm = z.infer<typeof ChairmanshipTermSchema>;
export type Chairmanship = z.infer<typeof ChairmanshipSchema>;
export type Body = z.infer<typeof BodySchema>;
export type Accession = z.infer<typeof AccessionSchema>;
export type AccessionList = z.infer<typeof AccessionListSchema>;
export type BodyList = z.infer<typeof BodyListSchema>;
export type Health = z.infer<typeof HealthSchema>;

// ---- Requests

export const OnQuery = z
  .string()
  .refine(isCalendarDay, { message: "must be a calendar date YYYY-MM-DD" })
  .optional()
  .describe("The calendar day (UTC) to answer for; today when absent.");

export const StatesQuery = z.strictObject({
  tier: z
    .string()
    .regex(TIER_CODE_PATTERN, "must be a tier code such as member or partner")
    .optional()
    .describe("Only states of this tier (a tier code of the organization, e.g. member, partner, observer, dialogue_partner)."),
  on: OnQuery,
});

export const OnlyOnQuery = z.strictObject({ on: OnQuery });

export const StateParams = z.object({
  code: z.string().regex(/^[A-Za-z]{2}$/, "must be an ISO 3166-1 alpha-2 code"),
});
