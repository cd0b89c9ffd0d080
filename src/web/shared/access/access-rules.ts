// What the signed-in actor may do, mirrored from the server's policies so the interface offers only what will be allowed; the server still decides.
import type { Session } from "../../../contracts/identity";
import { DELEGATION_ROLES, SECRETARIAT_ROLES } from "../../../domain/access";

export type SessionActor = Session["actor"];

export const isSignedIn = (session: Session | undefined): session is Session & { user: NonNullable<Session["user"]> } =>
  session?.user !== null && session?.user !== undefined;

export const isSecretariat = (actor: SessionActor): boolean => SECRETARIAT_ROLES.includes(actor.role);

export const belongsToDelegation = (actor: SessionActor): boolean => DELEGATION_ROLES.includes(actor.role) && actor.delegation !== null;

/** user.create and user.update over every account (a head of delegation holds them for their own delegates only). */
export const mayManageAllUsers = (actor: SessionActor): boolean => actor.role === "secretariat_admin";

/** user.create and user.update over the delegates of one's own delegation. */
export const mayManageOwnDelegates = (actor: SessionActor): boolean => actor.role === "head_of_delegation" && actor.delegation !== null;

/** delegation.create and delegation.update. */
export const mayManageDelegations = (actor: SessionActor): boolean => actor.role === "secretariat_admin";

/** A page and the right it needs; `isAllowed` answers for the actor before any request is made. */
export interface PageAccess {
  readonly right: string;
  readonly isAllowed: (actor: SessionActor) => boolean;
}

export const ADMIN_USERS_ACCESS: PageAccess = { right: "user.list", isAllowed: isSecretariat };
export const ADMIN_DELEGATIONS_ACCESS: PageAccess = { right: "delegation.list", isAllowed: isSecretariat };
export const MY_DELEGATION_ACCESS: PageAccess = { right: "delegation.read", isAllowed: () => true };
export const AUDIT_ACCESS: PageAccess = { right: "audit.list", isAllowed: (actor) => isSecretariat(actor) || belongsToDelegation(actor) };
export const ACCOUNT_ACCESS: PageAccess = { right: "session.change-password", isAllowed: () => true };

/** Where to send a signed-out reader so that signing in brings them back. */
export function signInPath(location: { pathname: string; search: string }): string {
  const next = `${location.pathname}${location.search}`;
  return next === "/" || next.startsWith("/sign-in") ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
}

/** The page to go to after signing in: only a path on this site (never "//elsewhere" or "https://…"). */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.startsWith("/sign-in")) return "/";
  return next;
}
