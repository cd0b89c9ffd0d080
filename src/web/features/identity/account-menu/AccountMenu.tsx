// The header's account control (from tablet width up; phones get AccountNav in the navigation menu): "Sign in" when signed out; when signed in, a menu naming the person, their role and delegation, with their pages and sign-out.
import { Avatar, Button, Menu, Text, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { isSignedIn, signInPath } from "../../../shared/access/access-rules";
import { useSignOut } from "../../../shared/session/session-mutations";
import { useSession } from "../../../shared/session/session-query";
import { accountName } from "../../../shared/directory/account-name";
import { useDelegationNames } from "../../../shared/directory/use-delegation-names";
import { accountLinks } from "./account-links";
import classes from "./AccountMenu.module.css";

function initials(name: string): string {
  const words = name.replace(/[(（].*?[)）]/g, "").trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : words;
  return letters.map((word) => [...(word ?? "")][0] ?? "").join("").toUpperCase() || "?";
}

function PersonIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7" />
    </svg>
  );
}

export function AccountMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const signOut = useSignOut();
  const user = session.data?.user ?? null;
  const delegationName = useDelegationNames({ enabled: user?.delegation !== null && user !== null });

  if (!session.data) return null;
  if (!isSignedIn(session.data) || !user) {
    if (location.pathname === "/sign-in") return null;
    return (
      <Button
        component={Link}
        to={signInPath(location)}
        variant="white"
        color="navy"
        size="sm"
        leftSection={<PersonIcon />}
        data-testid="sign-in-link"
      >
        {t("account.signIn")}
      </Button>
    );
  }

  const links = accountLinks(session.data, t);
  const delegation = user.delegation ? delegationName(user.delegation) : null;
  const name = accountName(user, t, delegationName);
  const roleLine = delegation ? t("account.roleOfDelegation", { role: t(`roles.${user.role}`), delegation }) : t(`roles.${user.role}`);

  return (
    <Menu position="bottom-end" width={280} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton className={classes.trigger} aria-label={t("account.menuFor", { name })} title={name} data-testid="account-menu">
          <Avatar size={32} radius="xl" color="yellow" variant="filled" className={classes.avatar}>
            {initials(name)}
          </Avatar>
          <span className={classes.triggerName}>{name}</span>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <div className={classes.identity} data-testid="account-identity">
          <Text fw={650} size="sm" style={{ overflowWrap: "anywhere" }}>
            {name}
          </Text>
          <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
            {user.email}
          </Text>
          <Text size="xs" mt={4}>
            {roleLine}
          </Text>
        </div>
        <Menu.Divider />
        {links.map((link) => (
          <Menu.Item key={link.to} component={Link} to={link.to}>
            {link.label}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item onClick={() => signOut.mutate()} data-testid="sign-out">
          {t("account.signOut")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
