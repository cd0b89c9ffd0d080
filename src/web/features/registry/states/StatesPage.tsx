// The list of states holding a status today, filterable by tier (kept in the URL as ?tier=), and the rights each tier carries.
import { Alert, Anchor, Badge, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { Organization, StateListItem } from "../../../../contracts/registry";
import { RIGHTS } from "../../../shared/core-rules";
import { useLocale } from "../../../i18n/use-locale";
import { LoadError, Loading } from "../../../shared/QueryFeedback";
import { findTier, standingTiersOn } from "../tiers";
import { todayUtc } from "../../../i18n/date-format";
import { usePageTitle } from "../../../shared/use-page-title";
import { ScrollableTable } from "../../../shared/table/ScrollableTable";
import tables from "../../../shared/table/tables.module.css";
import classes from "./StatesPage.module.css";
import { TierBadge } from "./TierBadge";
import { useOrganization, useStates } from "../../../shared/api/registry-queries";

const ALL = "all";

function RightsTable({ organization, today }: { organization: Organization; today: string }) {
  const { t } = useTranslation();
  const { text } = useLocale();
  // The statuses in force today; a retired one's rights are history (its holders were reclassified).
  const tiers = standingTiersOn(organization, today);
  return (
    <section aria-labelledby="rights-heading">
      <Title order={2} size="h3" id="rights-heading" mb="sm">
        {t("states.rightsHeading")}
      </Title>
      <Paper withBorder radius="lg" p={0} style={{ overflow: "hidden" }}>
        <ScrollableTable label={t("states.rightsHeading")} minWidth={520}>
          <Table striped verticalSpacing="sm" horizontalSpacing="md" captionSide="bottom" data-testid="rights-table">
            <Table.Caption>{t("states.rightsCaption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("states.columnRight")}</Table.Th>
                {tiers.map((tier) => (
                  <Table.Th scope="col" key={tier.code} ta="center" className={tables.nowrap}>
                    {text(tier.tier.names)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {RIGHTS.map((right) => (
                <Table.Tr key={right}>
                  <Table.Th scope="row" fw={500} className={tables.name}>
                    {t(`rights.${right}`)}
                  </Table.Th>
                  {tiers.map((tier) => (
                    <Table.Td key={tier.code} ta="center" className={tables.nowrap}>
                      {tier.tier.rights[right] ? (
                        <Text span c="teal.8" fw={700}>
                          <span aria-hidden="true">✓ </span>
                          {t("states.yes")}
                        </Text>
                      ) : (
                        <Text span c="dimmed">
                          <span aria-hidden="true">– </span>
                          {t("states.no")}
                        </Text>
                      )}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollableTable>
      </Paper>
    </section>
  );
}

function StateRows({ organization, items }: { organization: Organization; items: readonly StateListItem[] }) {
  const { t } = useTranslation();
  const { text, date, dateAfterPreposition, language } = useLocale();
  const tierOrder = useMemo(() => new Map(organization.tiers.map((tier, index) => [tier.code, index])), [organization]);
  const sorted = useMemo(() => {
    const collator = new Intl.Collator(language);
    return [...items].sort(
      (a, b) => (tierOrder.get(a.tier) ?? 99) - (tierOrder.get(b.tier) ?? 99) || collator.compare(text(a.names), text(b.names)),
    );
  }, [items, tierOrder, language, text]);

  if (sorted.length === 0) return <Text c="dimmed">{t("states.empty")}</Text>;
  return (
    <Paper withBorder radius="lg" p={0} style={{ overflow: "hidden" }}>
      <ScrollableTable label={t("states.title")}>
        <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="sm" data-testid="states-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("states.columnName")}</Table.Th>
              <Table.Th scope="col">{t("states.columnStatus")}</Table.Th>
              <Table.Th scope="col" className={classes.sinceColumn}>
                {t("states.columnSince")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((item) => (
              <Table.Tr key={item.code}>
                <Table.Td className={tables.name}>
                  <Anchor component={Link} to={`/states/${item.code}`} fw={600}>
                    {text(item.names)}
                  </Anchor>
                </Table.Td>
                {/* A tier's name wraps at its spaces and hyphens ("Государство-наблюдатель") if it must, never between Chinese characters. */}
                <Table.Td className={tables.name}>
                  <TierBadge organization={organization} code={item.tier} />
                  <Text size="xs" c="dimmed" className={`${classes.sinceBelow} ${tables.nowrap}`}>
                    {t("state.since", { date: dateAfterPreposition(item.since) })}
                  </Text>
                </Table.Td>
                <Table.Td className={`${classes.sinceColumn} ${tables.nowrap}`}>
                  <Text size="sm">{date(item.since)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollableTable>
    </Paper>
  );
}

export function StatesPage() {
  const { t } = useTranslation();
  const { text, count, dateAfterPreposition } = useLocale();
  const today = useMemo(() => todayUtc(), []);
  const [searchParams, setSearchParams] = useSearchParams();
  const organization = useOrganization();
  const isNarrow = useMediaQuery("(max-width: 36em)");
  usePageTitle(t("states.title"));

  const requestedTier = searchParams.get("tier");
  const tier = organization.data && findTier(organization.data, requestedTier)?.isStanding ? requestedTier : null;
  const states = useStates(tier ? { tier } : {});

  if (organization.isError) return <LoadError onRetry={() => void organization.refetch()} />;
  if (!organization.data) return <Loading />;
  const org = organization.data;

  const inForce = standingTiersOn(org, today);
  const options = [{ value: ALL, label: t("states.all") }, ...inForce.map((view) => ({ value: view.code, label: text(view.tier.names) }))];
  // A tier asked for by an old address that is no longer in force: said so, with what replaced it.
  const retired = tier !== null && !inForce.some((view) => view.code === tier) ? findTier(org, tier) : undefined;
  const successor = retired?.successor ? findTier(org, retired.successor) : undefined;

  return (
    <Stack gap="xl">
      <div>
        <Title order={1}>{t("states.title")}</Title>
        <Text c="dimmed" mt="xs">
          {t("states.intro")}
        </Text>
      </div>

      <section aria-labelledby="states-filter-label">
        <Group justify="space-between" align="flex-end" mb="md" gap="sm">
          <Stack gap={6} w={isNarrow ? "100%" : undefined}>
            <Text id="states-filter-label" size="sm" fw={600}>
              {t("states.filterLabel")}
            </Text>
            <SegmentedControl
              aria-labelledby="states-filter-label"
              data={options}
              value={tier !== null && !retired ? tier : ALL}
              onChange={(value) => setSearchParams(value === ALL ? {} : { tier: value }, { replace: true })}
              orientation={isNarrow ? "vertical" : "horizontal"}
              fullWidth={Boolean(isNarrow)}
              data-testid="tier-filter"
            />
          </Stack>
          {states.data && !states.isPlaceholderData && (
            <Badge variant="light" size="lg" radius="sm" data-testid="states-shown">
              {t("states.shown", { total: count(states.data.items.length) })}
            </Badge>
          )}
        </Group>
        {retired && (
          <Alert color="blue" variant="light" mb="md" data-testid="retired-tier">
            {retired.retired
              ? successor
                ? t("states.tierRetiredInto", { tier: text(retired.names), date: dateAfterPreposition(retired.retired), successor: text(successor.names) })
                : t("states.tierRetired", { tier: text(retired.names), date: dateAfterPreposition(retired.retired) })
              : t("states.tierNotYet", { tier: text(retired.names) })}
          </Alert>
        )}
        {states.isError ? (
          <LoadError onRetry={() => void states.refetch()} />
        ) : !states.data || states.isPlaceholderData ? (
          <Loading />
        ) : (
          <StateRows organization={org} items={states.data.items} />
        )}
      </section>

      <RightsTable organization={org} today={today} />
    </Stack>
  );
}
