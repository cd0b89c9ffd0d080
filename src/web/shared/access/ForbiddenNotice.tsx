// Shown instead of a page the signed-in person may not use: says so plainly and names the right that is missing.
import { Anchor, Paper, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { rightLabel } from "../api/problem-message";
import { usePageTitle } from "../use-page-title";

function LockIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
      <rect x="5" y="10.5" width="14" height="10" rx="2" />
      <path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" />
    </svg>
  );
}

interface Props {
  readonly right: string | null;
  /** The person holds the right, but only within their own delegation, and the page needs it over every delegation. */
  readonly isHeldForOwnDelegationOnly?: boolean;
}

export function ForbiddenNotice({ right, isHeldForOwnDelegationOnly = false }: Props) {
  const { t } = useTranslation();
  usePageTitle(t("access.forbiddenTitle"));
  return (
    <Paper withBorder radius="lg" p="xl" maw={640} data-testid="forbidden">
      <Stack gap="sm">
        <ThemeIcon size={44} radius="xl" variant="light" color="red">
          <LockIcon />
        </ThemeIcon>
        <Title order={1}>{t("access.forbiddenTitle")}</Title>
        <Text>{t("access.forbiddenBody")}</Text>
        {right && (
          <Text size="sm" c="dimmed" data-testid="forbidden-right">
            {t("access.missingRight", { right: rightLabel(right, t) })}
          </Text>
        )}
        {isHeldForOwnDelegationOnly && (
          <Text size="sm" c="dimmed" data-testid="forbidden-own-only">
            {t("access.ownDelegationOnly")}
          </Text>
        )}
        <Anchor component={Link} to="/">
          {t("app.backToOverview")}
        </Anchor>
      </Stack>
    </Paper>
  );
}
