// Who may receive an event: a list of clauses, any one of which admits a reader. Pure, so the same rule filters live delivery and catch-up.
import { SECRETARIAT_ROLES, type Actor, type Role } from "./access.js";

/**
 * One way in: everyone (`public`), or every reader matching all the fields given (roles, delegation, user).
 * `{ roles: ["head_of_delegation"], delegation: "KZ" }` admits Kazakhstan's heads of delegation only.
 */
export type AudienceClause =
  | { readonly public: true }
  | { readonly roles?: readonly Role[]; readonly delegation?: string; readonly userId?: string };

export type Audience = readonly AudienceClause[];

export const PUBLIC_AUDIENCE: Audience = [{ public: true }];
export const SECRETARIAT_AUDIENCE: AudienceClause = { roles: SECRETARIAT_ROLES };

export type AudienceMember = Pick<Actor, "userId" | "role" | "delegation">;

export function admits(clause: AudienceClause, reader: AudienceMember): boolean {
  if ("public" in clause) return clause.public === true;
  if (clause.roles === undefined && clause.delegation === undefined && clause.userId === undefined) return false;
  if (clause.roles !== undefined && !clause.roles.includes(reader.role)) return false;
  if (clause.delegation !== undefined && clause.delegation !== reader.delegation) return false;
  if (clause.userId !== undefined && clause.userId !== reader.userId) return false;
  return true;
}

/** Whether the reader may receive an event with this audience. An empty audience admits no one. */
export function isInAudience(audience: Audience, reader: AudienceMember): boolean {
  return audience.some((clause) => admits(clause, reader));
}

/** The secretariat, and whoever else the clauses admit. */
export function secretariatAnd(...clauses: AudienceClause[]): Audience {
  return [SECRETARIAT_AUDIENCE, ...clauses];
}


