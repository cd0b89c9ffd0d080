// The actor a signed-in user acts as today: role, delegation, the delegation's tier and rights, chair or not (from the registry snapshot).
import { PUBLIC_ACTOR, type Actor, type Role } from "../../../domain/access.js";
import type { AudienceMember } from "../../../domain/audience.js";
import { statusOn, timelineOf } from "../../../domain/membership.js";
import type { Registry } from "../../../domain/registry.js";
import { recordedChairOn } from "../../../domain/rotation.js";
import type { RegistrySnapshot } from "../../registry/snapshot.js";

export interface ActingUser {
  readonly id: string;
  readonly role: Role;
  readonly delegation: string | null;
}

type Standing = Pick<Actor, "tier" | "rights" | "isChair">;

/** A delegation's tier, rights and chairmanship on a day. */
export function standingOf(registry: Registry, delegation: string, day: string): Standing {
  const status = statusOn(timelineOf(registry), delegation, day);
  const tier = status ? (registry.organization.tiers.find((t) => t.code === status.tier) ?? null) : null;
  // A suspended state keeps its tier but none of its rights until it is reinstated.
  return { tier: tier?.code ?? null, rights: status?.suspended ? null : (tier?.rights ?? null), isChair: recordedChairOn(registry.chairmanship, day)?.state === delegation };
}

const actors = new WeakMap<object, { key: string; actor: Actor }>();

/** The actor for a user today; for the same user object, day and registry, the same actor object. */
export function actorFor(user: ActingUser | null, snapshot: RegistrySnapshot, day: string): Actor {
  if (!user) return PUBLIC_ACTOR;
  const key = `${user.role}|${user.delegation}|${day}|${snapshot.position}`;
  const known = actors.get(user);
  if (known?.key === key) return known.actor;
  const actor = computeActor(user, snapshot, day);
  actors.set(user, { key, actor });
  return actor;
}

const usersOfMembers = new WeakMap<AudienceMember, ActingUser>();

/** The actor a live connection's member acts as today (the same user object per member, so that actorFor's cache holds). */
export function actorForMember(member: AudienceMember, snapshot: RegistrySnapshot, day: string): Actor {
  if (member.userId === null) return PUBLIC_ACTOR;
  let user = usersOfMembers.get(member);
  if (!user) usersOfMembers.set(member, (user = { id: member.userId, role: member.role, delegation: member.delegation }));
  return actorFor(user, snapshot, day);
}

function computeActor(user: ActingUser, snapshot: RegistrySnapshot, day: string): Actor {
  const base = { userId: user.id, role: user.role, delegation: user.delegation };
  const delegation = user.delegation;
  const standing = delegation ? snapshot.view(`standing:${delegation}:${day}`, (registry) => standingOf(registry, delegation, day)) : null;
  return { ...base, ...(standing ?? { tier: null, rights: null, isChair: false }) };
}
