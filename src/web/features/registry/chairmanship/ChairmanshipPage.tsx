// Chairmanship: the rotation rule, the recorded terms (current one marked) and the next five projected terms, set apart as projections.
import { Alert, Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ChairmanshipTerm } from "../../../../contracts/registry";
import { comparePartialDates } from "../../../shared/core-rules";
import { useLocale } from "../../../i18n/use-locale";
import { LoadError, Loading } from "../../../shared/QueryFeedback";
import { usePageTitle } from "../../../shared/use-page-title";
import { ScrollableTable } from "../../../shared/table/ScrollableTable";
import tables from "../../../shared/table/tables.module.css";
import { useChairmanship, useOrganization } from "../../../shared/api/registry-queries";

const PROJECTED_SHOWN = 5;

function TermsTable({ terms, currentId, testId, label }: { terms: readonly ChairmanshipTerm[]; currentId: string | null; testId: string; label: string }) {
  const { t } = useTranslation();
  const { text, termRange } = useLocale();
  return (
    <ScrollableTable label={label} minWidth={480}>
      <Table verticalSpacing="sm" horizontalSpacing="md" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("chairmanship.columnState")}</Table.Th>
            <Table.Th scope="col">{t("chairmanship.columnTerm")}</Table.Th>
            <Table.Th scope="col">{t("chairmanship.columnSlogan")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {terms.map((term) => {
            const isCurrent = term.id === currentId;
            return (
              <Table.Tr key={term.id} bg={isCurrent ? "navy.0" : undefined} aria-current={isCurrent ? "true" : undefined}>
                <Table.Td className={tables.name}>
                  <Group gap="xs" wrap="nowrap">
                    <Anchor component={Link} to={`/states/${term.state.code}`} fw={600}>
                      {text(term.state.names)}
                    </Anchor>
                    {isCurrent && (
                      <Badge size="sm" variant="filled" className={tables.nowrap} data-testid="current-term">
                        {t("app.current")}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td className={tables.nowrap}>
                  {term.basis === "recorded" ? (
                    // A recorded term has its own page: its programme of events and their progress.
                    <Anchor component={Link} to={`/chairmanship/${encodeURIComponent(term.id)}`} size="sm" data-testid="term-link">
                      {termRange(term.start, term.end)}
                    </Anchor>
                  ) : (
                    <Text size="sm">{termRange(term.start, term.end)}</Text>
                  )}
                </Table.Td>
                <Table.Td className={tables.prose}>
                  {term.slogan ? (
                    <Text size="sm">{text(term.slogan)}</Text>
                  ) : (
                    <Text size="sm" c="dimmed" fs="italic">
                      {term.basis === "projected" ? "—" : t("overview.noSlogan")}
                    </Text>
                  )}
                  {term.themedYear && (
                    <Text size="xs" c="dimmed" mt={2} data-testid="themed-year">
                      {t("chairmanship.themedYear", { name: text(term.themedYear) })}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollableTable>
  );
}

export function ChairmanshipPage() {
  const { t } = useTranslation();
  const { text, count } = useLocale();
  const organization = useOrganization();
  const chairmanship = useChairmanship();
  usePageTitle(t("chairmanship.title"));

  const header = <Title order={1}>{t("chairmanship.title")}</Title>;
  if (chairmanship.isError || organization.isError)
    return (
      <Stack gap="xl">
        {header}
        <LoadError
          onRetry={() => {
            void chairmanship.refetch();
            void organization.refetch();
          }}
        />
      </Stack>
    );
  if (!chairmanship.data || !organization.data)
    return (
      <Stack gap="xl">
        {header}
        <Loading />
      </Stack>
    );

  const byStart = (a: ChairmanshipTerm, b: ChairmanshipTerm) => comparePartialDates(a.start, b.start);
  const recorded = chairmanship.data.items.filter((term) => term.basis === "recorded").sort((a, b) => byStart(b, a));
  const projected = chairmanship.data.items.filter((term) => term.basis === "projected").sort(byStart).slice(0, PROJECTED_SHOWN);
  const { rotation } = organization.data;

  return (
    <Stack gap="xl">
      {header}
      <Paper component="section" aria-labelledby="rotation-heading" withBorder radius="lg" p="lg">
        <Title order={2} size="h3" id="rotation-heading" mb="xs">
          {t("chairmanship.rotationHeading")}
        </Title>
        <Text data-testid="rotation-rule">{text(rotation.description)}</Text>
        <Text size="sm" c="dimmed" mt="xs">
          {t("chairmanship.termLength", { years: count(rotation.termYears) })}
        </Text>
      </Paper>

      {projected.length > 0 && (
        <Paper
          component="section"
          aria-labelledby="projected-heading"
          radius="lg"
          p="lg"
          style={{ border: "1px dashed var(--mantine-color-navy-3)", background: "#fbfcfe" }}
        >
          <Group gap="xs" mb="xs">
            <Title order={2} size="h3" id="projected-heading">
              {t("chairmanship.projectedHeading")}
            </Title>
            <Badge variant="outline" color="gray">
              {t("app.projected")}
            </Badge>
          </Group>
          <Alert variant="light" color="yellow" mb="sm" p="xs">
            <Text size="sm">{t("chairmanship.projectedNote")}</Text>
          </Alert>
          <TermsTable terms={projected} currentId={null} testId="projected-terms" label={t("chairmanship.projectedHeading")} />
        </Paper>
      )}

      <Paper component="section" aria-labelledby="recorded-heading" withBorder radius="lg" p="lg">
        <Group gap="xs" mb="sm">
          <Title order={2} size="h3" id="recorded-heading">
            {t("chairmanship.recordedHeading")}
          </Title>
          <Badge variant="light">{t("app.recorded")}</Badge>
        </Group>
        <TermsTable terms={recorded} currentId={chairmanship.data.current} testId="recorded-terms" label={t("chairmanship.recordedHeading")} />
      </Paper>
    </Stack>
  );
}
