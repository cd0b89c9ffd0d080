// Applications for a status: those in progress first, then those completed, each with its dated steps and the decisions behind them.
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Timeline, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Accession, AccessionList } from "../../../../contracts/registry";
import { useLocale } from "../../../i18n/use-locale";
import { fetchJson } from "../../../shared/api/fetch-json";
import { LoadError, Loading } from "../../../shared/QueryFeedback";
import { usePageTitle } from "../../../shared/use-page-title";
import { SourceLink } from "../sources/SourceLink";
import { useOrganization } from "../../../shared/api/registry-queries";

const STATUS_COLOUR = { in_progress: "blue", granted: "teal", withdrawn: "gray", refused: "red" } as const;

function AccessionCard({ accession, stages }: { accession: Accession; stages: AccessionList["stages"] }) {
  const { t } = useTranslation();
  const { text, date } = useLocale();
  const organization = useOrganization();
  const tier = organization.data?.tiers.find((candidate) => candidate.code === accession.requestedTier);
  const stageName = (code: string) => {
    const stage = stages.find((candidate) => candidate.code === code);
    return stage ? text(stage.names) : code;
  };
  return (
    <Paper withBorder radius="lg" p="lg" component="article" data-testid="accession" aria-labelledby={`accession-${accession.id}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <div>
            <Title order={3} size="h4" id={`accession-${accession.id}`}>
              <Anchor component={Link} to={`/states/${accession.applicant.code}`} inherit>
                {text(accession.applicant.names)}
              </Anchor>
            </Title>
            <Text size="sm" c="dimmed">
              {t("accessions.requested", { tier: tier ? text(tier.names) : accession.requestedTier })}
            </Text>
          </div>
          <Badge color={STATUS_COLOUR[accession.status]} variant="light" style={{ flexShrink: 0 }}>
            {t(`accessions.status.${accession.status}`)}
          </Badge>
        </Group>
        <Timeline bulletSize={14} lineWidth={2} active={accession.steps.length + (accession.outcome ? 1 : 0)}>
          {accession.applied !== null && <Timeline.Item title={t("accessions.applied")}>{date(accession.applied)}</Timeline.Item>}
          {accession.steps.map((step, index) => (
            <Timeline.Item key={index} title={stageName(step.stage)}>
              <Text size="sm">{date(step.date)}</Text>
              {step.decision && text(step.decision.title) !== "" && (
                <Text size="sm" c="dimmed">
                  {text(step.decision.title)}
                </Text>
              )}
              <SourceLink sourceKey={step.source} />
            </Timeline.Item>
          ))}
          {accession.outcome && (
            <Timeline.Item title={t(`accessions.outcome.${accession.outcome.kind}`)}>
              <Text size="sm">{date(accession.outcome.date)}</Text>
              {accession.outcome.decision && (
                <Text size="sm" c="dimmed">
                  {text(accession.outcome.decision.title)}
                </Text>
              )}
            </Timeline.Item>
          )}
        </Timeline>
      </Stack>
    </Paper>
  );
}

export function AccessionsPage() {
  const { t } = useTranslation();
  const { text } = useLocale();
  usePageTitle(t("accessions.title"));
  const accessions = useQuery({ queryKey: ["registry", "accessions"], queryFn: ({ signal }) => fetchJson<AccessionList>("/accessions", signal), staleTime: 60 * 60 * 1000 });
  const header = (
    <div>
      <Title order={1}>{t("accessions.title")}</Title>
      <Text c="dimmed" mt="xs" maw={720}>
        {t("accessions.intro")}
      </Text>
    </div>
  );
  if (accessions.isError)
    return (
      <Stack gap="xl">
        {header}
        <LoadError onRetry={() => void accessions.refetch()} />
      </Stack>
    );
  if (!accessions.data)
    return (
      <Stack gap="xl">
        {header}
        <Loading />
      </Stack>
    );
  const { items, stages } = accessions.data;
  const inProgress = items.filter((a) => a.status === "in_progress");
  const completed = items.filter((a) => a.status !== "in_progress");
  return (
    <Stack gap="xl" data-testid="accessions-page">
      {header}
      {stages.length > 0 && (
        <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="stages-heading">
          <Title order={2} size="h4" id="stages-heading" mb="xs">
            {t("accessions.stagesHeading")}
          </Title>
          <Text component="ol" size="sm" m={0} pl="lg">
            {stages.map((stage) => (
              <li key={stage.code}>{text(stage.names)}</li>
            ))}
          </Text>
        </Paper>
      )}
      <section aria-labelledby="in-progress-heading">
        <Title order={2} size="h3" id="in-progress-heading" mb="sm">
          {t("accessions.inProgressHeading")}
        </Title>
        {inProgress.length === 0 ? (
          <Text c="dimmed" data-testid="no-accession-in-progress">
            {t("accessions.noneInProgress")}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            {inProgress.map((accession) => (
              <AccessionCard key={accession.id} accession={accession} stages={stages} />
            ))}
          </SimpleGrid>
        )}
      </section>
      <section aria-labelledby="completed-heading">
        <Title order={2} size="h3" id="completed-heading" mb="sm">
          {t("accessions.completedHeading")}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          {completed.map((accession) => (
            <AccessionCard key={accession.id} accession={accession} stages={stages} />
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}

