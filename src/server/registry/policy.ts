// Who may take the registry out of the running application, and who may change it.
import type { Policy } from "../../domain/access.js";
import { readRule } from "../platform/access/read-rule.js";

export const registryPolicy = {
  export: {
    right: "registry.export",
    description: "Download the whole registry as a file that `concord import` reads back",
    roles: ["secretariat_admin", "secretariat_officer"],
  },
  change: {
    right: "registry.change",
    description: "Record changes to the registry (states, status changes, tiers, reclassifications, decisions, summits, terms, accessions…) and read the earlier values corrections replaced",
    roles: ["secretariat_admin", "secretariat_officer"],
  },
} as const satisfies Policy<never>;

/** Exporting the registry; reading its history (what changes corrected), for those who change it. */
export const registryExport = readRule(registryPolicy.export);
export const registryHistoryReads = readRule(registryPolicy.change);
