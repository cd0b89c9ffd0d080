// Changes to a live registry, as the API takes them and as `concord import --changes FILE` reads them: the same schemas.
import { z } from "zod";
import type { RegistryTarget } from "../domain/registry-changes.js";
import {
  accessionSchema,
  bodySchema,
  chairmanshipTermSchema,
  decisionSchema,
  internationalOrganizationSchema,
  organizationSchema,
  reclassificationSchema,
  rotationEntrySchema,
  secretaryGeneralSchema,
  sourceSchema,
  stateSchema,
  statusChangeSchema,
  summitSchema,
  tierSchema,
} from "./registry-records.js";
import { multiLineText } from "./text.js";

/** The record schema of each thing a change may put. */
export const RECORD_SCHEMAS = {
  organization: organizationSchema,
  tiers: tierSchema,
  sources: sourceSchema,
  states: stateSchema,
  organizations: internationalOrganizationSchema,
  bodies: bodySchema,
  decisions: decisionSchema,
  membership: statusChangeSchema,
  reclassifications: reclassificationSchema,
  accessions: accessionSchema,
  summits: summitSchema,
  chairmanship: chairmanshipTermSchema,
  rotation: rotationEntrySchema,
  secretariesGeneral: secretaryGeneralSchema,
} as const satisfies Record<RegistryTarget, z.ZodType>;

const change = <T extends RegistryTarget>(target: T) => z.strictObject({ put: z.literal(target), record: RECORD_SCHEMAS[target] });

export const RegistryChangeSchema = z
  .discriminatedUnion("put", [
    change("organization"),
    change("tiers"),
    change("sources"),
    change("states"),
    change("organizations"),
    change("bodies"),
    change("decisions"),
    change("membership"),
    change("reclassifications"),
    change("accessions"),
    change("summits"),
    change("chairmanship"),
    change("rotation"),
    change("secretariesGeneral"),
  ])
  .meta({ id: "RegistryChange", description: "Puts one record: adds it, or corrects the record with the same key (the earlier value is kept in the record's history)." });
export type RegistryChangeInput = z.infer<typeof RegistryChangeSchema>;

export const MAX_CHANGES = 500;

export const RegistryChangesBody = z.strictObject({
  /** Why: kept with the change in the audit trail and with every earlier value a correction replaced. */
  reason: multiLineText({ min: 1, max: 2000 }),
  /** The registry version (GET /api/v1/registry/history `position`) the changes were prepared on; a newer registry answers 409. */
  basedOn: z.number().int().min(-1).optional(),
  changes: z.array(RegistryChangeSchema).min(1).max(MAX_CHANGES, `at most ${MAX_CHANGES} changes at once`),
});
export type RegistryChangesRequest = z.infer<typeof RegistryChangesBody>;

export const REGISTRY_CHANGES_FORMAT = "concord-registry-changes";
export const REGISTRY_CHANGES_VERSION = 1;

/** A change file for `concord import --changes FILE`. */
export const RegistryChangesFileSchema = RegistryChangesBody.omit({ basedOn: true }).extend({
  format: z.literal(REGISTRY_CHANGES_FORMAT),
  version: z.literal(REGISTRY_CHANGES_VERSION),
});

export const AppliedChangeSchema = z.object({
  put: z.string(),
  key: z.string(),
  outcome: z.enum(["added", "corrected", "unchanged"]),
});

export const RegistryChangesResultSchema = z.object({
  /** The registry's version after the changes. */
  position: z.number(),
  applied: z.array(AppliedChangeSchema),
});
export type RegistryChangesResult = z.infer<typeof RegistryChangesResultSchema>;

export const RegistryHistoryQuery = z.strictObject({
  put: z.string().max(64).optional(),
  key: z.string().max(128).optional(),
});

export const RegistryHistorySchema = z.object({
  position: z.number(),
  items: z.array(
    z.object({
      id: z.number(),
      put: z.string(),
      key: z.string(),
      previous: z.unknown(),
      replacedAt: z.string(),
      replacedBy: z.string().nullable(),
      reason: z.string(),
    }),
  ),
});
export type RegistryHistory = z.infer<typeof RegistryHistorySchema>;
