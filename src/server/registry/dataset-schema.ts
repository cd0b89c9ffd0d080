// The dataset format: the file of each registry section in a dataset directory, and the bundle `concord export` writes.
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
} from "../../contracts/registry-records.js";
import type { Registry } from "../../domain/registry.js";
import { z } from "zod";

/** Each section of a registry, with the file that holds it in a dataset directory. */
export const SECTION_FILES = {
  organization: { file: "organization.json", schema: organizationSchema },
  sources: { file: "sources.json", schema: z.array(sourceSchema) },
  states: { file: "states.json", schema: z.array(stateSchema) },
  organizations: { file: "organizations.json", schema: z.array(internationalOrganizationSchema) },
  bodies: { file: "bodies.json", schema: z.array(bodySchema) },
  decisions: { file: "decisions.json", schema: z.array(decisionSchema) },
  membership: { file: "membership.json", schema: z.array(statusChangeSchema) },
  reclassifications: { file: "reclassifications.json", schema: z.array(reclassificationSchema) },
  accessions: { file: "accessions.json", schema: z.array(accessionSchema) },
  summits: { file: "summits.json", schema: z.array(summitSchema) },
  chairmanship: { file: "chairmanship.json", schema: z.array(chairmanshipTermSchema) },
  rotation: { file: "rotation.json", schema: z.array(rotationEntrySchema) },
  secretariesGeneral: { file: "secretaries-general.json", schema: z.array(secretaryGeneralSchema) },
} as const satisfies { [K in keyof Registry]: { file: string; schema: z.ZodType } };

export const BUNDLE_FORMAT = "concord-registry";
export const BUNDLE_VERSION = 1;
