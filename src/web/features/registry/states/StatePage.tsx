// One state's page: current status, the history of its status with the decisions behind each change, summits hosted, chairmanship terms.
import { Alert, Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Timeline, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { ChairmanshipTerm, Organization, StateDetail, StatusChangeDto } from "../../../../contracts/registry";
import { comparePartialDates } from "../../../shared/core-rules";
import { useLocale } from "../../../i18n/use-locale";
import { isNotFound } from "../../../shared/api/fetch-json";
import { LoadError, Loading } from "../../../shared/QueryFeedback";
import { findTier } from "../tiers";
import { usePageTitle } from "../../../shared/use-page-title";
import { ScrollableTable } from "../../../shared/table/ScrollableTable";
import tables from "../../../shared/table/tables.module.css";
import { SourceLink } from "../sources/SourceLink";
import { TierBadge } from "./TierBadge";
import { useOrganization, useStateDetail } from "../../../shared/api/registry-queries";

function ChangeTitle({ change, organization }: { change: StatusChangeDto; organization: Organization }) {
  const { t } = useTranslation();
  const { text } = useLocale();
  const tier = findTier(organization, change.tier);
  const tierName = tier ? text(tier.names) : (change.tier ?? "");
  const keys = { admitted: "state.kindAdmitted", changed: "state.kindChanged", suspended: "state.kindSuspended", reinstated: "state.kindReinstated", left: "state.kindLeft" } as const;
  return <>{t(keys[change.kind], { tier: tierName })}</>;
}

function StatusHistory({ detail, organization }: { detail: StateDetail; organization: Organization }) {
  const { t } = useTranslation();
  const { text, date } = useLocale();
  // In the registry's one order (by date; on the same day, the state's own changes before a reclassification).
  const history = detail.history;
  return (
    <Paper component="section" aria-labelledby="history-heading" withBorder radius="lg" p="lg">
      <Title order={2} size="h3" id="history-heading" mb="md">
        {t("state.historyHeading")}
      </Title>
      {history.length === 0 ? (
        <Text c="dimmed">{t("state.noHistory")}</Text>
      ) : (
        <Timeline active={history.length - 1} bulletSize={16} lineWidth={2} data-testid="status-history">
          {history.map((change) => (
            <Timeline.Item key={change.id} title={<ChangeTitle change={change} organization={organization} />}>
              <Text size="sm" fw={600} c="navy.8" data-testid="change-date">
                {date(change.date)}
              </Text>
              <Text size="sm" c="dimmed" mt={2}>
                {t("state.decision", { title: text(change.decision.title), date: date(change.decision.date) })}
              </Text>
              {change.reclassification !== null && (
                <Text size="sm" c="dimmed" mt={2} data-testid="by-reclassification">
                  {t("state.byReclassification")}
                </Text>
              )}
              {change.reason !== null && text(change.reason) !== "" && (
                <Text size="sm" mt={2}>
                  {text(change.reason)}
                </Text>
              )}
              <SourceLink sourceKey={change.source} />
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Paper>
  );
}

function ChairmanshipTerms({ terms }: { terms: readonly ChairmanshipTerm[] }) {
  const { t } = useTranslation();
  const { text, termRange } = useLocale();
  if (terms.length === 0) return <Text c="dimmed">{t("state.noChairmanship")}</Text>;
  const sorted = [...terms].sort((a, b) => comparePartialDates(a.start, b.start));
  return (
    <ScrollableTable label={t("state.chairmanshipHeading")}>
      <Table verticalSpacing="xs" data-testid="state-terms">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("chairmanship.columnTerm")}</Table.Th>
            <Table.Th scope="col">{t("chairmanship.columnSlogan")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((term) => (
            <Table.Tr key={term.id}>
              <Table.Td className={tables.nowrap}>
                <Stack gap={2} align="flex-start">
                  <Text size="sm">{termRange(term.start, term.end)}</Text>
                  <Badge size="xs" variant={term.basis === "projected" ? "outline" : "light"} color={term.basis === "projected" ? "gray" : "navy"}>
                    {term.basis === "projected" ? t("app.projected") : t("app.recorded")}
                  </Badge>
                </Stack>
              </Table.Td>
              <Table.Td className={tables.prose}>
                <Text size="sm" c={term.slogan ? undefined : "dimmed"} fs={term.slogan ? undefined : "italic"}>
                  {term.slogan ? text(term.slogan) : t("overview.noSlogan")}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollableTable>
  );
}

function StateNotFound({ code }: { code: string }) {
  const { t } = useTranslation();
  usePageTitle(t("state.notFoundTitle"));
  return (
    <Alert color="gray" variant="light" title={<Title order={1} size="h3">{t("state.notFoundTitle")}</Title>} data-testid="state-not-found">
      <Text mb="sm">{t("state.notFoundBody", { code })}</Text>
      <Anchor component={Link} to="/states">
        {t("state.backToStates")}
      </Anchor>
    </Alert>
  );
}

function StateView({ detail, organization }: { detail: StateDetail; organization: Organization }) {
  const { t } = useTranslation();
  const { text, dateAfterPreposition, dateRange } = useLocale();
  usePageTitle(text(detail.names));
  return (
    <Stack gap="xl">
      <div>
        <Anchor component={Link} to="/states" size="sm">
          <span aria-hidden="true">← </span>
          {t("state.backToStates")}
        </Anchor>
        <Title order={1} mt="xs" data-testid="state-name">
          {text(detail.names)}
        </Title>
        <Group gap="sm" mt="sm" data-testid="current-status">
          <Text c="dimmed" size="sm">
            {t("app.label", { label: t("state.currentStatus") })}
          </Text>
          {detail.status ? (
            <>
              <TierBadge organization={organization} code={detail.status.tier} />
              <Text size="sm">{t("state.since", { date: dateAfterPreposition(detail.status.since) })}</Text>
            </>
          ) : (
            <Text size="sm">{t("state.noStatus")}</Text>
          )}
        </Group>
      </div>

      <StatusHistory detail={detail} organization={organization} />

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper component="section" aria-labelledby="hosted-heading" withBorder radius="lg" p="lg">
          <Title order={2} size="h3" id="hosted-heading" mb="md">
            {t("state.summitsHostedHeading")}
          </Title>
          {detail.summitsHosted.length === 0 ? (
            <Text c="dimmed">{t("state.noSummitsHosted")}</Text>
          ) : (
            <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
              {[...detail.summitsHosted]
                .sort((a, b) => comparePartialDates(a.start, b.start))
                .map((summit) => (
                  <li key={summit.id}>
                    <Text fw={600} span>
                      {text(summit.city)}
                    </Text>
                    <Text c="dimmed" size="sm" span>
                      {" · "}
                      {dateRange(summit.start, summit.end)}
                    </Text>
                  </li>
                ))}
            </Stack>
          )}
        </Paper>

        <Paper component="section" aria-labelledby="terms-heading" withBorder radius="lg" p="lg">
          <Title order={2} size="h3" id="terms-heading" mb="xs">
            {t("state.chairmanshipHeading")}
          </Title>
          <Text size="sm" c="dimmed" mb="sm" data-testid="rotation">
            {detail.inRotationFrom ? t("state.inRotationFrom", { date: dateAfterPreposition(detail.inRotationFrom) }) : t("state.notInRotation")}
          </Text>
          <ChairmanshipTerms terms={detail.chairmanshipTerms} />
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}

export function StatePage() {
  const { code = "" } = useParams();
  const organization = useOrganization();
  const detail = useStateDetail(code);
  if (isNotFound(detail.error)) return <StateNotFound code={code} />;
  if (detail.isError) return <LoadError onRetry={() => void detail.refetch()} />;
  if (organization.isError) return <LoadError onRetry={() => void organization.refetch()} />;
  if (!detail.data || !organization.data) return <Loading />;
  return <StateView detail={detail.data} organization={organization.data} />;
}
