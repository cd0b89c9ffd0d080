// Every page that needs a signed-in person, with the rights it needs: the guards, the account menu and the administration's tabs all read this one list.
import type { SignedInSession } from "./access-rules";
import { isAllowed, type PageAccess } from "./access-rules";

export const ACCOUNT_ACCESS: PageAccess = { rights: ["session.change-password"], reach: "any" };
export const MY_DELEGATION_ACCESS: PageAccess = { rights: ["delegation.read"], reach: "any" };
export const AUDIT_ACCESS: PageAccess = { rights: ["audit.list"], reach: "any" };
export const ADMIN_USERS_ACCESS: PageAccess = { rights: ["user.list"], reach: "all" };
export const ADMIN_DELEGATIONS_ACCESS: PageAccess = { rights: ["delegation.list"], reach: "all" };
export const ADMIN_REGISTRY_ACCESS: PageAccess = { rights: ["registry.change"], reach: "all" };
export const ADMIN_SYSTEM_ACCESS: PageAccess = { rights: ["registry.export", "audit.verify"], reach: "all" };

/** The administration as a whole (its address without a page): any of its pages' rights. */
export const ADMIN_ACCESS: PageAccess = { rights: ["user.list", "delegation.list", "registry.change", "registry.export", "audit.verify"], reach: "all" };

/** The administration's pages, in the order of its tabs. */
const ADMIN_PAGES = [
  { path: "/admin/users", labelKey: "admin.users", access: ADMIN_USERS_ACCESS },
  { path: "/admin/delegations", labelKey: "admin.delegations", access: ADMIN_DELEGATIONS_ACCESS },
  { path: "/admin/registry", labelKey: "admin.registry", access: ADMIN_REGISTRY_ACCESS },
  { path: "/admin/system", labelKey: "admin.system", access: ADMIN_SYSTEM_ACCESS },
] as const;

export function adminPagesFor(session: SignedInSession): (typeof ADMIN_PAGES)[number][] {
  return ADMIN_PAGES.filter((page) => isAllowed(page.access, session.permissions));
}

/** "My delegation" is for members of a delegation; the secretariat sees every delegation in the administration instead. */
export function hasOwnDelegation(session: SignedInSession): boolean {
  return session.user.delegation !== null && isAllowed(MY_DELEGATION_ACCESS, session.permissions);
}
