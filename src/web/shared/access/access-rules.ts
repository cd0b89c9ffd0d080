// What the signed-in actor may do, read from the session's `permissions` (the server's own answer), and where sign-in sends the reader. The interface offers only what will be allowed; the server still decides.
import type { Permissions, Session } from "../../../contracts/identity";

export type SignedInSession = Session & { user: NonNullable<Session["user"]> };

export const isSignedIn = (session: Session | undefined): session is SignedInSession => session?.user !== null && session?.user !== undefined;

/** The rights the interface asks about, and that a 403 may name. */
export const RIGHTS = [
  "user.list",
  "user.create",
  "user.update",
  "user.unlink-sso",
  "session.change-password",
  "delegation.list",
  "delegation.read",
  "delegation.create",
  "delegation.update",
  "audit.list",
  "audit.verify",
  "registry.export",
  "registry.change",
  "programme.import",
  "document.create",
  "document.read",
  "proposal.create",
  "position.support",
  "position.oppose",
  "position.comment",
  "position.comment-invited",
  "position.retract",
  "proposal.withdraw",
  "proposal.cosponsor",
  "revision.issue",
  "provision.compromise",
  "provision.mark",
  "provision.facilitator",
  "provision.translate",
  "document.visibility",
  "document.rule",
  "document.invite",
  "silence.start",
  "silence.break",
  "silence.cancel",
  "call.open",
  "call.object",
  "call.withdraw-objection",
  "call.withdraw",
  "statement.create",
  "document.adopt",
  "note.read",
  "note.create",
  "meeting.create",
  "meeting.read",
  "meeting.manage",
  "meeting.invite",
  "meeting.quota",
  "meeting.respond",
  "meeting.participants",
  "accreditation.submit",
  "accreditation.decide",
  "agenda.change",
  "floor.request",
  "floor.manage",
  "badge.print",
  "badge.revoke",
] as const;
export type Right = (typeof RIGHTS)[number];

/** How far a right reaches that a page or an action needs: held at all ("any": over everything or within one's own delegation), or over everything ("all"). */
export type Reach = "any" | "all";

export function holds(permissions: Permissions, right: Right, reach: Reach = "any"): boolean {
  const scope = permissions[right];
  return reach === "all" ? scope === "all" : scope !== undefined;
}

/** Whether the actor may use `right` on something that belongs to `delegation` (null: the secretariat's): "all" anywhere, "own" only within their own delegation. */
export function mayActOn(session: Session, right: Right, delegation: string | null): boolean {
  const scope = session.permissions[right];
  return scope === "all" || (scope === "own" && delegation !== null && delegation === session.actor.delegation);
}

/** A guarded page: the rights it needs (any one of them is enough) and how far they must reach. */
export interface PageAccess {
  readonly rights: readonly [Right, ...Right[]];
  readonly reach: Reach;
}

export function isAllowed(access: PageAccess, permissions: Permissions): boolean {
  return access.rights.some((right) => holds(permissions, right, access.reach));
}

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
