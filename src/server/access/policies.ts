// Every policy of every resource, in one list: the permission matrix test and docs/permissions.md are built from it.
import type { Permission, Policy } from "../../domain/access.js";
import { auditPolicy } from "../audit/policy.js";
import { delegationPolicy } from "../identity/delegation-policy.js";
import { registryPolicy } from "../registry/policy.js";
import { negotiationPolicy } from "../negotiation/policy.js";
import { userPolicy } from "../identity/user-policy.js";
import { floorRequestPolicy, meetingPolicy } from "../meetings/policy.js";
import { badgePolicy } from "../meetings/exports/policy.js";
import { programmePolicy } from "../programme/policy.js";

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
