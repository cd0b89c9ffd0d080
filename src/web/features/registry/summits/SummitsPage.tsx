// The timeline of the summits (the meetings of the organization's supreme body), newest first, headed by the projected next one.
import { Anchor, Badge, Group, Paper, Stack, Text, Timeline, Title } from "@mantine/core";
import { Trans, useTranslation } from "react-i18next";
import { Link } from "react-router";
import { comparePartialDates, yearOf } from "../../../shared/core-rules";
import { useLocale } from "../../../i18n/use-locale";
import { LoadError, Loading } from "../../../shared/QueryFeedback";
import { usePageTitle } from "../../../shared/use-page-title";
import { SourceLink } from "../sources/SourceLink";
import { useBodies, useSummits } from "../../../shared/api/registry-queries";

const NO_BREAK = { whiteSpace: "nowrap" } as const;

export function SummitsPage() {
  const { t } = useTranslation();
  const { text, dateRange } = useLocale();
  const summits = useSummits();
  // The organization's supreme body heads the page by its own name, whatever the organization calls it.
  const supreme = useBodies().data?.items.find((body) => body.isSupreme);
  usePageTitle(t("summits.title"));

  const header = (
    <div>
      <Title order={1}>{t("summits.title")}</Title>
      <Text c="dimmed" mt="xs">
        {supreme ? t("summits.intro", { body: text(supreme.names) }) : t("summits.introNoBody")}
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
              {/* The line breaks between its parts, never inside a date, a host's name or the format (Chinese would break anywhere). */}
              <Text size="sm" c="dimmed" data-testid="summit-details">
                <span style={NO_BREAK}>{dateRange(summit.start, summit.end)}</span>
                {" · "}
                <span style={NO_BREAK}>
                  <Trans
                    i18nKey="summits.host"
                    values={{ host: text(summit.host.names) }}
                    components={{ link: <Anchor component={Link} to={`/states/${summit.host.code}`} size="sm" /> }}
                  />
                </span>
                {summit.format === "in_person" && (
                  <>
                    {" · "}
                    <span style={NO_BREAK}>{t("summits.formatInPerson")}</span>
                  </>
                )}
              </Text>
              <SourceLink sourceKey={summit.source} />
              <Anchor component={Link} to={`/meetings/${encodeURIComponent(summit.id)}`} size="xs" data-testid="summit-meeting">
                {t("summits.meetingPage")}
              </Anchor>
            </Timeline.Item>
          ))}
        </Timeline>
      </Paper>
    </Stack>
  );
}
