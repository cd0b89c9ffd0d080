// The account's part of the phone navigation (the header has no room for a menu there): who is signed in, their pages and sign-out, or "Sign in".
import { useTranslation } from "react-i18next";
import { Link, NavLink, useLocation } from "react-router";
import { isSignedIn, signInPath } from "../../../shared/access/access-rules";
import { useSignOut } from "../../../shared/session/session-mutations";
import { useSession } from "../../../shared/session/session-query";
import { accountName } from "../../../shared/directory/account-name";
import { useDelegationNames } from "../../../shared/directory/use-delegation-names";
import { accountLinks } from "./account-links";

interface Props {
  readonly onNavigate: () => void;
  /** The layout's own navigation styles, so these links look like the others in the menu. */
  readonly classes: { readonly [part in "section" | "identity" | "list" | "link"]?: string | undefined };
}

export function AccountNav({ onNavigate, classes }: Props) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const signOut = useSignOut();
  const user = session.data?.user ?? null;
  const delegationName = useDelegationNames({ enabled: user !== null && user.delegation !== null });

  if (!session.data) return null;
  if (!isSignedIn(session.data) || !user) {
    return (
      <div className={classes.section}>
        <ul className={classes.list}>
          <li>
            <Link to={signInPath(location)} className={classes.link} onClick={onNavigate} data-testid="mobile-sign-in-link">
              {t("account.signIn")}
            </Link>
          </li>
        </ul>
      </div>
    );
  }

  const role = t(`roles.${user.role}`);
  const links = accountLinks(session.data, t);

  return (
    <div className={classes.section} data-testid="mobile-account">
      <p className={classes.identity}>
        <strong>{accountName(user, t, delegationName)}</strong>
        <span>{user.delegation ? t("account.roleOfDelegation", { role, delegation: delegationName(user.delegation) }) : role}</span>
      </p>
      <ul className={classes.list}>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} className={classes.link} onClick={onNavigate}>
              {link.label}
            </NavLink>
          </li>
        ))}
        <li>
          <button type="button" className={classes.link} onClick={() => signOut.mutate()}>
            {t("account.signOut")}
          </button>
        </li>
      </ul>
    </div>
  );
}
