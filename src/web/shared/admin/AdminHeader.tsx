// The top of every administration page: its name under "Administration", and tabs to the administration pages the person may use.
import { Group, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import type { SignedInSession } from "../access/access-rules";
import { adminPagesFor } from "../access/page-access";
import classes from "./AdminHeader.module.css";

export function AdminHeader({ title, session }: { title: string; session: SignedInSession }) {
  const { t } = useTranslation();
  const pages = adminPagesFor(session);
  return (
    <>
      <div>
        <Text size="sm" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: "0.04em" }}>
          {t("admin.title")}
        </Text>
        <Title order={1}>{title}</Title>
      </div>
      {pages.length > 1 && (
        <nav aria-label={t("admin.navLabel")}>
          <Group gap={4} className={classes.list} component="ul">
            {pages.map((page) => (
              <li key={page.path}>
                <NavLink to={page.path} className={classes.link}>
                  {t(page.labelKey)}
                </NavLink>
              </li>
            ))}
          </Group>
        </nav>
      )}
    </>
  );
}
