// The roles an account can be given, in the order the forms offer them, and which of them go with a delegation.
import { ASSIGNABLE_ROLES, type AssignableRole } from "../../../../contracts/identity";
import { DELEGATION_ROLES, SECRETARIAT_ROLES } from "../../../shared/core-rules";

export const isDelegationRole = (role: AssignableRole): boolean => DELEGATION_ROLES.includes(role);

/** A role can change only within the account's affiliation: a secretariat account stays in the secretariat, a delegation's in its delegation. */
export function rolesFitting(delegation: string | null): readonly AssignableRole[] {
  const fitting = delegation === null ? SECRETARIAT_ROLES : DELEGATION_ROLES;
  return ASSIGNABLE_ROLES.filter((role) => fitting.includes(role));
}
