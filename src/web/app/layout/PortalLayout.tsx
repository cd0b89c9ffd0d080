// The portal's shell: skip link, header (organization name, navigation, language, account), main content and a footer naming the data's sources.
import { Anchor, Box, Burger, Container, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useEffect, useRef, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, useLocation } from "react-router";
import { AccountMenu } from "../../features/identity/account-menu/AccountMenu";
import { AccountNav } from "../../features/identity/account-menu/AccountNav";
import { useLocale } from "../../i18n/use-locale";
import { LanguageSwitcher } from "../../shared/LanguageSwitcher";
import classes from "./PortalLayout.module.css";
import { sourceAnchor, sourceLabel } from "../../features/registry/sources/source-text";
import { useOrganization } from "../../shared/api/registry-queries";

const NAV_ITEMS = [
  { to: "/", key: "nav.overview", end: true },
  { to: "/states", key: "nav.states", end: false },
  { to: "/bodies", key: "nav.bodies", end: false },
  { to: "/summits", key: "nav.summits", end: false },
  { to: "/chairmanship", key: "nav.chairmanship", end: false },
  { to: "/accessions", key: "nav.accessions", end: false },
  { to: "/negotiation", key: "nav.negotiation", end: false },
  { to: "/meetings", key: "meetings.nav", end: false },
] as const;

function Emblem() {
  return (
    <svg className={classes.emblem} width="40" height="40" viewBox="0 0 40 40" aria-hidden="true">
      <circle cx="20" cy="20" r="19" fill="none" stroke="#e0b04a" strokeWidth="2" />
      <circle cx="20" cy="20" r="13" fill="none" stroke="rgba(255,255,255,0.55)" strokeWidth="1.2" />
      <path d="M7 20h26M20 7c4 3.6 6 8 6 13s-2 9.4-6 13c-4-3.6-6-8-6-13s2-9.4 6-13z" fill="none" stroke="rgba(255,255,255,0.55)" strokeWidth="1.2" />
      <circle cx="20" cy="20" r="3.2" fill="#e0b04a" />
    </svg>
  );
}

function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  return (
    <ul className={classes.navList}>
      {NAV_ITEMS.map((item) => (
        <li key={item.to}>
          <NavLink to={item.to} end={item.end} className={classes.navLink} onClick={onNavigate}>
            {t(item.key)}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

/** After client-side navigation, move focus to the new page so keyboard and screen-reader users start at its top. */
function useFocusMainOnNavigation(main: RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    main.current?.focus({ preventScroll: false });
    window.scrollTo({ top: 0 });
  }, [pathname, main]);
}

/** The registry's pages, whose facts come from the sources the footer names (not sign-in, administration, negotiation). */
const SOURCED_PAGES = ["/states", "/bodies", "/summits", "/chairmanship", "/accessions"];
const isSourcedPage = (pathname: string) => pathname === "/" || SOURCED_PAGES.some((page) => pathname === page || pathname.startsWith(`${page}/`));

export function PortalLayout() {
  const { t } = useTranslation();
  const { text, count, date } = useLocale();
  const organization = useOrganization();
  const [isMenuOpen, menu] = useDisclosure(false);
  const mainRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  useFocusMainOnNavigation(mainRef);
  // However the page changes (a link in the page, the browser's back button), the phone menu does not stay over it.
  const closeMenu = menu.close;
  useEffect(() => closeMenu(), [pathname, closeMenu]);

  const name = organization.data ? text(organization.data.names) : "";
  const shortName = organization.data ? text(organization.data.shortNames) : "";
  const sources = organization.data?.sources ?? [];
  // A citation links to its source's entry: the list opens there.
  const { hash } = useLocation();
  const sourcesRef = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (!hash.startsWith("#source-") || !sourcesRef.current) return;
    sourcesRef.current.open = true;
    document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView({ block: "center" });
  }, [hash, sources.length]);

  return (
    <div className={classes.shell}>
      <a className={classes.skipLink} href="#main">
        {t("app.skipToContent")}
      </a>
      <header className={classes.header}>
        <Container size="lg" className={classes.topBar}>
          <Link to="/" className={classes.brand} onClick={menu.close} data-testid="brand">
            <Emblem />
            <span className={classes.brandText}>
              <Box component="span" className={classes.brandName} visibleFrom="sm" data-testid="organization-name">
                {name || "\u00a0"}
              </Box>
              {/* A phone has room for the short name only; the overview's heading still gives the full one. */}
              <Box component="span" className={classes.brandName} hiddenFrom="sm">
                {shortName || "\u00a0"}
              </Box>
              <span className={classes.brandSub}>{t("app.portalName")}</span>
            </span>
          </Link>
          <div className={classes.controls}>
            <LanguageSwitcher />
            {/* On a phone the account's links sit in the navigation menu instead: the bar has no room for them. */}
            <Box visibleFrom="sm">
              <AccountMenu />
            </Box>
            <Burger
              hiddenFrom="sm"
              color="white"
              opened={isMenuOpen}
              onClick={menu.toggle}
              aria-label={isMenuOpen ? t("nav.closeMenu") : t("nav.openMenu")}
              aria-expanded={isMenuOpen}
              aria-controls="mobile-navigation"
            />
          </div>
        </Container>
        <Box component="nav" aria-label={t("nav.label")} className={classes.navBar} visibleFrom="sm">
          <Container size="lg">
            <NavLinks />
          </Container>
        </Box>
        {isMenuOpen && (
          <Box component="nav" id="mobile-navigation" aria-label={t("nav.label")} className={classes.mobileNav} hiddenFrom="sm">
            <Container size="lg">
              <NavLinks onNavigate={menu.close} />
              <AccountNav
                onNavigate={menu.close}
                classes={{ section: classes.accountSection, identity: classes.accountIdentity, list: classes.navList, link: classes.navLink }}
              />
            </Container>
          </Box>
        )}
      </header>

      <main id="main" ref={mainRef} tabIndex={-1} className={classes.main}>
        <Container size="lg" py="xl">
          <Outlet />
        </Container>
      </main>

      {isSourcedPage(pathname) && (
        <footer className={classes.footer}>
          <Container size="lg" py="lg">
            <Text size="sm" mb="xs">
              {t("footer.sourcesNote")}
            </Text>
            {organization.data?.dataAsOf !== undefined && (
              <Text size="sm" mb="xs" data-testid="data-as-of">
                {t("footer.dataAsOf", { date: date(organization.data.dataAsOf) })}
              </Text>
            )}
            {sources.length > 0 && (
              <details ref={sourcesRef}>
                <summary>{t("footer.sourcesToggle", { total: count(sources.length) })}</summary>
                <ul className={classes.sourceList} aria-label={t("footer.sourcesListLabel")}>
                  {sources.map((source) => (
                    <li key={source.key} id={sourceAnchor(source.key)} data-testid="source-entry">
                      {source.url ? (
                        <Anchor href={source.url} target="_blank" rel="noopener noreferrer" size="sm">
                          {sourceLabel(text(source.title), source.year)}
                        </Anchor>
                      ) : (
                        sourceLabel(text(source.title), source.year)
                      )}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </Container>
        </footer>
      )}
    </div>
  );
}
