// Every policy of every resource, in one list: the permission matrix test and docs/permissions.md are built from it.
import { decide, DELEGATION_ROLES, type Actor, type Permission, type Policy } from "../../../domain/access.js";
import type { Permissions } from "../../../contracts/identity.js";
import { auditPolicy } from "../../audit/policy.js";
import { delegationPolicy } from "../../identity/delegation-policy.js";
import { registryPolicy } from "../../registry/policy.js";
import { negotiationPolicy } from "../../negotiation/policy.js";
import { userPolicy } from "../../identity/user-policy.js";
import { floorRequestPolicy, meetingPolicy } from "../../meetings/policy.js";
import { badgePolicy } from "../../meetings/exports/policy.js";
import { programmePolicy } from "../../programme/policy.js";

export const POLICIES: Readonly<Record<string, Policy<never>>> = {
  user: userPolicy as unknown as Policy<never>,
  delegation: delegationPolicy as unknown as Policy<never>,
  audit: auditPolicy as unknown as Policy<never>,
  registry: registryPolicy as unknown as Policy<never>,
  negotiation: negotiationPolicy as unknown as Policy<never>,
  meeting: meetingPolicy as unknown as Policy<never>,
  floorRequest: floorRequestPolicy as unknown as Policy<never>,
  badge: badgePolicy as unknown as Policy<never>,
  programme: programmePolicy as unknown as Policy<never>,
};

export function allPermissions(): Permission<never>[] {
  return Object.values(POLICIES).flatMap((policy) => Object.values(policy));
}

const permissionsByActor = new Map<string, Permissions>();

/** The rights the actor holds, from the policies themselves (the web shows only what will be allowed). */
export function permissionsOf(actor: Actor): Permissions {
  // The same for every actor of a role, tier and chair status (scopes are not decided here): computed once per kind.
  const key = `${actor.role}|${actor.userId === null ? "public" : "user"}|${actor.tier}|${actor.isChair}|${JSON.stringify(actor.rights)}`;
  const known = permissionsByActor.get(key);
  if (known) return known;
  const out: Record<string, "all" | "own"> = {};
  for (const permission of allPermissions()) {
    if (!decide(permission, actor).allowed) continue;
    out[permission.right] = permission.scope && DELEGATION_ROLES.includes(actor.role) ? "own" : "all";
  }
  if (permissionsByActor.size > 1_000) permissionsByActor.clear();
  permissionsByActor.set(key, out);
  return out;
}
