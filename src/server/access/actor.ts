// The actor a signed-in user acts as today: role, delegation, the delegation's tier and rights, chair or not.
import { PUBLIC_ACTOR, type Actor, type Role } from "../../domain/access.js";
import { statusOn } from "../../domain/membership.js";
import type { Registry } from "../../domain/registry.js";
import { recordedChairOn } from "../../domain/rotation.js";

export interface ActingUser {
  readonly id: string;
  readonly role: Role;
  readonly delegation: string | null;
}

export function actorFor(user: ActingUser | null, registry: Registry | null, day: string): Actor {
  if (!user) return PUBLIC_ACTOR;
  const base = { userId: user.id, role: user.role, delegation: user.delegation };
  if (!user.delegation || !registry) return { ...base, tier: null, rights: null, isChair: false };
  const status = statusOn(registry.membership, user.delegation, day);
  const tier = status ? (registry.organization.tiers.find((t) => t.code === status.tier) ?? null) : null;
  return {
    ...base,
    tier: tier?.code ?? null,
    rights: tier?.rights ?? null,
    isChair: recordedChairOn(registry.chairmanship, day)?.state === user.delegation,
  };
}
