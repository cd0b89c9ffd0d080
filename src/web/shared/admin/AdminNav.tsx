// The administration's own navigation between its pages (users, delegations).
import { Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import classes from "./AdminNav.module.css";

export function AdminNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("admin.navLabel")}>
      <Group gap={4} className={classes.list} component="ul">
        <li>
          <NavLink to="/admin/users" className={classes.link}>
            {t("admin.users")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/admin/delegations" className={classes.link}>
            {t("admin.delegations")}
          </NavLink>
        </li>
      </Group>
    </nav>
  );
}
