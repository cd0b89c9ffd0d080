// The signed-in person's own pages, as the account menu (desktop) and the phone navigation both list them: only those their permissions open.
import type { TFunction } from "i18next";
import { isAllowed, type SignedInSession } from "../../../shared/access/access-rules";
import { ACCOUNT_ACCESS, AUDIT_ACCESS, adminPagesFor, hasOwnDelegation } from "../../../shared/access/page-access";

export interface AccountLink {
  readonly to: string;
  readonly label: string;
}

export function accountLinks(session: SignedInSession, t: TFunction): AccountLink[] {
  const adminHome = adminPagesFor(session)[0];
  return [
    ...(isAllowed(ACCOUNT_ACCESS, session.permissions) ? [{ to: "/account", label: t("account.title") }] : []),
    ...(adminHome ? [{ to: adminHome.path, label: t("admin.title") }] : []),
    ...(hasOwnDelegation(session) ? [{ to: "/delegation", label: t("myDelegation.title") }] : []),
    ...(isAllowed(AUDIT_ACCESS, session.permissions) ? [{ to: "/audit", label: t("audit.title") }] : []),
    // Who may do what: for everyone signed in.
    { to: "/permissions", label: t("permissions.title") },
  ];
}
