// Shown for any address the portal has no page for.
import { Anchor, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "../shared/use-page-title";

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t("app.notFoundTitle"));
  return (
    <Stack gap="sm" py="xl">
      <Title order={1}>{t("app.notFoundTitle")}</Title>
      <Text>{t("app.notFoundBody")}</Text>
      <Anchor component={Link} to="/">
        {t("app.backToOverview")}
      </Anchor>
    </Stack>
  );
}
