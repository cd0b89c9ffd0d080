// The registry's records: one zod schema per kind of record, shared by dataset files, exported bundles, change files and the API.
import { z } from "zod";
import { isCalendarDay, isPartialDate } from "../domain/partial-date.js";
import { REPORTED_QUALIFIERS, RIGHTS, STATUS_CHANGE_KINDS, TIER_CODE_PATTERN } from "../domain/registry.js";
import { singleLineText } from "./text.js";
import { LANGUAGE_CODE } from "../domain/localized-text.js";

const text = singleLineText({ min: 1, max: 4000 });
/** Text in one or more languages, keyed by language code ("zh", "ru", "en", "fr"…): at least one. */
export const localizedText = z
  .record(z.string().regex(LANGUAGE_CODE, "a language code such as zh, ru, en or pt-BR"), text)
  .refine((texts) => Object.keys(texts).length > 0, { message: "required: the text in at least one language" });
export const partialDate = z
  .string()
  .min(1, "required")
  .refine(isPartialDate, { message: 'must be a date as "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a real calendar date)', params: { code: "format" } });
const code = z.string().min(1, "required").max(64, "at most 64 characters").regex(/^[A-Za-z0-9_-]+$/, "letters, digits, '_' or '-' only");
/** Tier codes are what the API accepts in `?tier=`: lower-case letters, digits and '_', starting with a letter. */
export const tierCode = z.string().min(1, "required").max(64, "at most 64 characters").regex(TIER_CODE_PATTERN, "a tier code: lower-case letters, digits or '_', starting with a letter");
const calendarDay = z.string().refine(isCalendarDay, { message: 'must be a calendar date "YYYY-MM-DD"' });
const PLURAL_CATEGORIES = ["zero", "one", "two", "few", "many", "other"] as const;
const countNames = z.record(
  z.string().regex(LANGUAGE_CODE, "a language code"),
  z.partialRecord(z.enum(PLURAL_CATEGORIES), text).refine((forms) => forms.other !== undefined, { message: 'needs at least the "other" form' }),
);
const sourceKey = text;

// "attendByRight" came later than the others: a file written before it means false (invited only by the chair).
const rights = z.strictObject({
  ...(Object.fromEntries(RIGHTS.map((r) => [r, z.boolean()])) as Record<(typeof RIGHTS)[number], z.ZodBoolean>),
  attendByRight: z.boolean().default(false),
});

export const tierSchema = z.strictObject({
  code: tierCode,
  names: localizedText,
  countNames: countNames.optional(),
  isStanding: z.boolean(),
  rights,
  established: partialDate.optional(),
  retired: partialDate.optional(),
  successor: tierCode.optional(),
  note: localizedText.optional(),
  source: sourceKey,
});

export const organizationSchema = z.strictObject({
  code,
  names: localizedText,
  shortNames: localizedText,
  founded: partialDate,
  officialLanguages: z.array(z.string().regex(LANGUAGE_CODE, "a language code such as zh, ru or en")).min(1),
  workingLanguages: z.array(z.string().regex(LANGUAGE_CODE, "a language code such as zh, ru or en")).min(1),
  /** Languages its documents are also issued in as translations that are not authentic (the SCO: English); none if absent. */
  translationLanguages: z.array(z.string().regex(LANGUAGE_CODE, "a language code such as zh, ru or en")).optional(),
  tiers: z
    .array(tierSchema)
    .min(1),
  decisionRules: z.array(
    z.strictObject({
      code,
      names: localizedText,
      appliesTo: localizedText,
      excludesConcerned: z.boolean().optional(),
      subjects: z.array(z.strictObject({ code, names: localizedText })).min(1).optional(),
      source: sourceKey,
    }),
  ),
  negotiation: z.strictObject({ minimumSilenceHours: z.number().min(0).max(24 * 90) }).optional(),
  rotation: z.strictObject({
    orderLanguage: z.string().regex(LANGUAGE_CODE, "a language code (BCP 47)"),
    termYears: z.number().int().min(1),
    summitAt: z.enum(["term_end", "term_start"]).optional(),
    description: localizedText,
    source: sourceKey,
  }),
  bodyKinds: z.array(z.strictObject({ code, names: localizedText })).optional(),
  relationKinds: z.array(z.strictObject({ code, names: localizedText })).optional(),
  accessionStages: z.array(z.strictObject({ code, names: localizedText })).optional(),
  dataAsOf: calendarDay.optional(),
  values: z.array(z.strictObject({ code, names: localizedText })),
  valuesName: localizedText,
  source: sourceKey,
});

export const sourceSchema = z.strictObject({ key: sourceKey, title: localizedText, year: z.number().int().optional(), url: z.url({ protocol: /^https?$/ }).optional() });
export const stateSchema = z.strictObject({
  code: z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code (two capital letters)"),
  isoNumeric: z.string().regex(/^\d{3}$/, "an ISO 3166-1 numeric code (three digits)"),
  names: localizedText,
  source: sourceKey,
});
export const internationalOrganizationSchema = z.strictObject({
  code,
  names: localizedText,
  shortNames: localizedText,
  relation: code,
  source: sourceKey,
});
export const bodySchema = z.strictObject({
  code,
  kind: code,
  isSupreme: z.boolean().optional(),
  names: localizedText,
  shortNames: localizedText,
  description: localizedText,
  seat: localizedText.optional(),
  order: z.number().int(),
  source: sourceKey,
});
export const decisionSchema = z.strictObject({ id: code, body: code, date: partialDate, title: localizedText, source: sourceKey });
export const statusChangeSchema = z.strictObject({
  id: code,
  state: text,
  kind: z.enum(STATUS_CHANGE_KINDS),
  tier: tierCode.nullable(),
  date: partialDate,
  decision: code,
  source: sourceKey,
  reason: localizedText.optional(),
});
export const reclassificationSchema = z.strictObject({
  id: code,
  from: z.array(tierCode).min(1),
  to: tierCode,
  date: partialDate,
  decision: code,
  source: sourceKey,
  reason: localizedText.optional(),
});
export const accessionSchema = z.strictObject({
  id: code,
  applicant: text,
  requestedTier: tierCode,
  applied: partialDate.optional(),
  steps: z.array(z.strictObject({ stage: code, date: partialDate, decision: code.optional(), source: sourceKey })),
  outcome: z.strictObject({ kind: z.enum(["granted", "withdrawn", "refused"]), date: partialDate, decision: code.optional() }).optional(),
  source: sourceKey,
});
export const summitSchema = z.strictObject({
  id: code,
  body: code,
  host: text,
  city: localizedText,
  start: partialDate,
  end: partialDate.optional(),
  format: z.enum(["in_person", "video"]),
  source: sourceKey,
});
export const chairmanshipTermSchema = z.strictObject({
  id: code,
  state: text,
  start: partialDate,
  end: partialDate.optional(),
  slogan: localizedText.optional(),
  /** The themed year the chair proclaimed ("SCO Year of Sustainable Development"). */
  themedYear: localizedText.optional(),
  /** The chair's priorities for the term, each in the organization's languages. */
  priorities: z.array(localizedText).max(50).optional(),
  /** How many events of its programme the sources report ("more than 100"), as they report it, with the source. */
  reportedEvents: z
    .strictObject({ count: z.number().int().min(0).max(1_000_000), qualifier: z.enum(REPORTED_QUALIFIERS), source: sourceKey })
    .optional(),
  source: sourceKey,
});
export const rotationEntrySchema = z.strictObject({
  state: text,
  inRotationFrom: partialDate,
  orderKey: text.optional(),
  passedOver: z.array(z.strictObject({ term: partialDate, decision: code })).optional(),
  source: sourceKey,
});
export const secretaryGeneralSchema = z.strictObject({
  id: code,
  names: localizedText,
  state: text,
  title: localizedText,
  from: partialDate,
  to: partialDate.optional(),
  source: sourceKey,
});
