// The dataset format: zod schemas for each file of a dataset directory and for an exported bundle.
import { z } from "zod";
import { isPartialDate } from "../../domain/partial-date.js";
import { RIGHTS, type Registry } from "../../domain/registry.js";

const text = z.string().trim().min(1, "required");
export const localizedText = z.strictObject({ zh: text, ru: text, en: text });
export const partialDate = z
  .string()
  .refine(isPartialDate, { message: 'must be a date as "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a real calendar date)' });
const code = z.string().regex(/^[A-Za-z0-9_-]+$/, "letters, digits, '_' or '-' only");
const sourceKey = text;

const rights = z.strictObject(Object.fromEntries(RIGHTS.map((r) => [r, z.boolean()])) as Record<(typeof RIGHTS)[number], z.ZodBoolean>);

export const organizationSchema = z.strictObject({
  code,
  names: localizedText,
  shortNames: localizedText,
  founded: partialDate,
  officialLanguages: z.array(text).min(1),
  workingLanguages: z.array(text).min(1),
  tiers: z
    .array(z.strictObject({ code, names: localizedText, isStanding: z.boolean(), rights, source: sourceKey }))
    .min(1),
  decisionRules: z.array(
    z.strictObject({
      code: z.enum(["consensus", "consensus_minus_one"]),
      names: localizedText,
      appliesTo: localizedText,
      source: sourceKey,
    }),
  ),
  rotation: z.strictObject({
    orderLanguage: z.enum(["zh", "ru", "en"]),
    termYears: z.number().int().min(1),
    description: localizedText,
    source: sourceKey,
  }),
  values: z.array(z.strictObject({ code, names: localizedText })),
  valuesName: localizedText,
  source: sourceKey,
});

export const sourceSchema = z.strictObject({ key: sourceKey, title: localizedText, year: z.number().int().optional() });
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
  relation: z.literal("partner"),
  source: sourceKey,
});
export const bodySchema = z.strictObject({
  code,
  kind: z.enum(["council", "meeting", "permanent"]),
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
  kind: z.enum(["admitted", "changed", "left"]),
  tier: code.nullable(),
  date: partialDate,
  decision: code,
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
  source: sourceKey,
});
export const rotationEntrySchema = z.strictObject({ state: text, inRotationFrom: partialDate, source: sourceKey });
export const secretaryGeneralSchema = z.strictObject({
  id: code,
  names: localizedText,
  state: text,
  title: localizedText,
  from: partialDate,
  to: partialDate.optional(),
  source: sourceKey,
});

/** Each section of a registry, with the file that holds it in a dataset directory. */
export const SECTION_FILES = {
  organization: { file: "organization.json", schema: organizationSchema },
  sources: { file: "sources.json", schema: z.array(sourceSchema) },
  states: { file: "states.json", schema: z.array(stateSchema) },
  organizations: { file: "organizations.json", schema: z.array(internationalOrganizationSchema) },
  bodies: { file: "bodies.json", schema: z.array(bodySchema) },
  decisions: { file: "decisions.json", schema: z.array(decisionSchema) },
  membership: { file: "membership.json", schema: z.array(statusChangeSchema) },
  summits: { file: "summits.json", schema: z.array(summitSchema) },
  chairmanship: { file: "chairmanship.json", schema: z.array(chairmanshipTermSchema) },
  rotation: { file: "rotation.json", schema: z.array(rotationEntrySchema) },
  secretariesGeneral: { file: "secretaries-general.json", schema: z.array(secretaryGeneralSchema) },
} as const satisfies { [K in keyof Registry]: { file: string; schema: z.ZodType } };

export const BUNDLE_FORMAT = "concord-registry";
export const BUNDLE_VERSION = 1;
