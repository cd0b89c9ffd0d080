// Who may see and manage delegations.
import { isSecretariat, type Actor, type Policy } from "../../domain/access.js";
import { readRule } from "../platform/access/read-rule.js";

export interface DelegationResource {
  readonly code: string;
}

const ownOnly = {
  description: "a delegation sees only itself",
  check: (actor: Actor, delegation: DelegationResource) => isSecretariat(actor) || delegation.code === actor.delegation,
};

export const delegationPolicy = {
  list: {
    right: "delegation.list",
    description: "See delegations (a delegation: its own)",
    roles: ["secretariat_admin", "secretariat_officer", "head_of_delegation", "delegate"],
    scope: ownOnly,
  },
  read: {
    right: "delegation.read",
    description: "See one delegation and its members (a delegation: its own)",
    roles: ["secretariat_admin", "secretariat_officer", "head_of_delegation", "delegate"],
    scope: ownOnly,
  },
  create: {
    right: "delegation.create",
    description: "Open a delegation for a state or an organization in the registry",
    roles: ["secretariat_admin"],
  },
  update: {
    right: "delegation.update",
    description: "Activate or deactivate a delegation",
    roles: ["secretariat_admin"],
  },
} as const satisfies Policy<DelegationResource>;

/** Listing delegations, and reading one. */
export const delegationListReads = readRule(delegationPolicy.list);
export const delegationReads = readRule(delegationPolicy.read);
