// The roles an account can be given, in the order the forms offer them, and which of them go with a delegation.
import { DELEGATION_ROLES, SECRETARIAT_ROLES } from "../../../../domain/access";
import type { AssignableRole } from "../identity-queries";

export const ASSIGNABLE_ROLES: readonly AssignableRole[] = ["secretariat_admin", "secretariat_officer", "head_of_delegation", "delegate"];

/** A role can change only within the account's affiliation: a secretariat account stays in the secretariat, a delegation's in its delegation. */
export function rolesFitting(delegation: string | null): readonly AssignableRole[] {
  const fitting = delegation === null ? SECRETARIAT_ROLES : DELEGATION_ROLES;
  return ASSIGNABLE_ROLES.filter((role) => fitting.includes(role));
}
