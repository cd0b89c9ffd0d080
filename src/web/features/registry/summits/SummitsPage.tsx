// The timeline of Heads of State Council summits, newest first, headed by the projected next one.
import { Anchor, Badge, Group, Paper, Stack, Text, Timeline, Title } from "@mantine/core";
import { Trans, useTranslation } from "react-i18next";
import { Link } from "react-router";
import { comparePartialDates, yearOf } from "../../../../domain/partial-date";
import { useLocale } from "../../../i18n/use-locale";
import { LoadError, Loading } from "../../../shared/QueryFeedback";
import { useSummits } from "../registry-queries";
import { usePageTitle } from "../../../shared/use-page-title";

export function SummitsPage() {
  const { t } = useTranslation();
  const { text, dateRange } = useLocale();
  const summits = useSummits();
  usePageTitle(t("summits.title"));

  const header = (
    <div>
      <Title order={1}>{t("summits.title")}</Title>
      <Text c="dimmed" mt="xs">
        {t("summits.intro")}
      </Text>
    </div>
  );
  if (summits.isError)
    return (
      <Stack gap="xl">
        {header}
        <LoadError onRetry={() => void summits.refetch()} />
      </Stack>
    );
  if (!summits.data)
    return (
      <Stack gap="xl">
        {header}
        <Loading />
      </Stack>
    );

  const { next } = summits.data;
  const items = [...summits.data.items].sort((a, b) => comparePartialDates(b.start, a.start));

  return (
    <Stack gap="xl">
      {header}
      <Paper withBorder radius="lg" p={{ base: "md", sm: "xl" }}>
        <Timeline bulletSize={18} lineWidth={2} active={items.length - 1} reverseActive={Boolean(next)} data-testid="summit-timeline">
          {next && (
            <Timeline.Item
              lineVariant="dashed"
              bullet={<span aria-hidden="true" />}
              title={
                <Group gap="xs">
                  <Text fw={700}>{t("summits.nextTitle", { year: String(next.year), host: text(next.host.names) })}</Text>
                  <Badge variant="outline" color="gray" size="sm">
                    {t("app.projected")}
                  </Badge>
                </Group>
              }
              data-testid="summit-projected"
            >
              <Text size="sm" c="dimmed">
                {t("overview.projectedNote")}
              </Text>
            </Timeline.Item>
          )}
          {items.map((summit) => (
            <Timeline.Item
              key={summit.id}
              title={
                <Group gap="xs" wrap="wrap">
                  <Text fw={700} c="navy.9">
                    {String(yearOf(summit.start))}
                  </Text>
                  <Text fw={600}>{text(summit.city)}</Text>
                  {summit.format === "video" && (
                    <Badge variant="light" color="grape" size="sm" radius="sm" styles={{ root: { textTransform: "none" } }}>
                      {t("summits.formatVideo")}
                    </Badge>
                  )}
                </Group>
              }
              data-testid="summit"
            >
              <Text size="sm" c="dimmed">
                {dateRange(summit.start, summit.end)}
                {" · "}
                <Trans
                  i18nKey="summits.host"
                  values={{ host: text(summit.host.names) }}
                  components={{ link: <Anchor component={Link} to={`/states/${summit.host.code}`} size="sm" /> }}
                />
                {summit.format === "in_person" && ` · ${t("summits.formatInPerson")}`}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </Paper>
    </Stack>
  );
}
