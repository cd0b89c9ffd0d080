// Who may do what: roles, the actor a request acts as, and policies declared per resource as data.
import type { Rights, Right } from "./registry.js";

export const ROLES = ["secretariat_admin", "secretariat_officer", "head_of_delegation", "delegate", "public"] as const;
export type Role = (typeof ROLES)[number];
export const SECRETARIAT_ROLES: readonly Role[] = ["secretariat_admin", "secretariat_officer"];
export const DELEGATION_ROLES: readonly Role[] = ["head_of_delegation", "delegate"];

export interface Actor {
  readonly userId: string | null;
  readonly role: Role;
  /** The party (state or organization code) whose delegation the user belongs to. */
  readonly delegation: string | null;
  /** The delegation's tier today, and the rights that tier gives (organization profile). */
  readonly tier: string | null;
  readonly rights: Rights | null;
  /** Whether the delegation holds the chairmanship today. */
  readonly isChair: boolean;
}

export const PUBLIC_ACTOR: Actor = { userId: null, role: "public", delegation: null, tier: null, rights: null, isChair: false };

export function isSecretariat(actor: Actor): boolean {
  return SECRETARIAT_ROLES.includes(actor.role);
}

export function isSignedIn(actor: Actor): boolean {
  return actor.userId !== null;
}

/** One permission: an action on a resource, who holds it, and (when the resource matters) a check on it. */
export interface Permission<R> {
  /** The right's name, e.g. "user.create": what a 403 names as missing. */
  readonly right: string;
  readonly description: string;
  /** Who holds the right at all. */
  readonly roles: readonly Role[];
  /** A tier right the delegation must hold on the day (for delegation roles). */
  readonly tierRight?: Right;
  /** Whether the chair's powers give it. */
  readonly chairOnly?: boolean;
  /** Further limits on a particular resource, described for the generated docs. */
  readonly scope?: { readonly description: string; readonly check: (actor: Actor, resource: R) => boolean };
}

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly right: string; readonly reason: string };

export function decide<R>(permission: Permission<R>, actor: Actor, resource?: R): Decision {
  const deny = (reason: string): Decision => ({ allowed: false, right: permission.right, reason });
  if (!permission.roles.includes(actor.role)) return deny(`the role ${actor.role} does not hold "${permission.right}"`);
  if (permission.tierRight && DELEGATION_ROLES.includes(actor.role) && !actor.rights?.[permission.tierRight]) {
    return deny(`the delegation's tier (${actor.tier ?? "none"}) does not give the right "${permission.tierRight}"`);
  }
  if (permission.chairOnly && DELEGATION_ROLES.includes(actor.role) && !actor.isChair) return deny("only the chair may do this");
  if (permission.scope && resource !== undefined && !permission.scope.check(actor, resource)) {
    return deny(`${permission.scope.description}`);
  }
  return { allowed: true };
}

/** A resource's policy: its permissions by action. */
export type Policy<R> = Readonly<Record<string, Permission<R>>>;
