// Who may do what, for everyone signed in: each right against each role (a delegation's roles per tier and as the chair), as
// the server's policies decide it, and what each of the organization's tiers allows in its meetings. Composed here from the
// access rules (identity) and the organization's tiers (registry).
import { Code, Paper, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PermissionMatrix } from "../../../contracts/identity";
import type { Organization } from "../../../contracts/registry";
import { RIGHTS as TIER_RIGHTS, isTierInForce } from "../../shared/core-rules";
import { useLocale } from "../../i18n/use-locale";
import { LoadError, Loading } from "../../shared/QueryFeedback";
import { AccessGate } from "../../shared/access/AccessGate";
import { QueryProblem } from "../../shared/access/QueryProblem";
import { RIGHTS } from "../../shared/access/access-rules";
import { RIGHT_KEYS } from "../../shared/api/problem-message";
import { ScrollableTable } from "../../shared/table/ScrollableTable";
import { usePageTitle } from "../../shared/use-page-title";
import { orderedRights, roleGroups, tierRightKeys, type MatrixColumn } from "./permission-table";
import { usePermissionMatrix } from "./permissions-query";
import classes from "./PermissionsPage.module.css";
import { todayUtc } from "../../i18n/date-format";
import { useOrganization } from "../../shared/api/registry-queries";

type Cell = PermissionMatrix["rights"][number]["cells"][number];

function Allowed() {
  const { t } = useTranslation();
  return (
    <Text span c="teal.8" fw={700}>
      <span aria-hidden="true">✓</span>
      <VisuallyHidden>{t("permissions.cell.all")}</VisuallyHidden>
    </Text>
  );
}

function Refused() {
  const { t } = useTranslation();
  return (
    <Text span c="dimmed">
      <span aria-hidden="true">–</span>
      <VisuallyHidden>{t("permissions.cell.none")}</VisuallyHidden>
    </Text>
  );
}

function MatrixCell({ cell }: { cell: Cell }) {
  const { t } = useTranslation();
  if (cell === "all") return <Allowed />;
  if (cell === "own")
    return (
      <Text span size="sm" c="blue.8" fw={600} style={{ whiteSpace: "nowrap" }}>
        {t("permissions.cell.own")}
      </Text>
    );
  return <Refused />;
}

function RolesTable({ matrix, organization }: { matrix: PermissionMatrix; organization: Organization }) {
  const { t } = useTranslation();
  const { text } = useLocale();
  const groups = roleGroups(matrix);
  const tierName = (column: MatrixColumn) => {
    if (column.isChair) return t("permissions.asChair");
    const tier = organization.tiers.find((item) => item.code === column.tier);
    return tier ? text(tier.names) : (column.tier ?? "");
  };
  const rightName = (right: string) => {
    const key = (RIGHT_KEYS as Readonly<Record<string, string>>)[right];
    return key ? t(key) : right;
  };
  return (
    <Paper withBorder radius="lg" p={0} style={{ overflow: "hidden" }}>
      <ScrollableTable label={t("permissions.rolesHeading")} minWidth={Math.max(640, 200 + matrix.columns.length * 84)}>
        <Table verticalSpacing="xs" horizontalSpacing="sm" fz="sm" withColumnBorders highlightOnHover data-testid="roles-table">
          <Table.Caption>{t("permissions.rolesCaption")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" rowSpan={2} className={classes.rightCell}>
                {t("permissions.columnRight")}
              </Table.Th>
              {groups.map((group, index) =>
                group.columns.length === 1 && group.columns[0]?.tier === null ? (
                  <Table.Th key={`${group.role}-${index}`} scope="col" rowSpan={2} ta="center" data-testid="role-heading">
                    {t(`roles.${group.role}`)}
                  </Table.Th>
                ) : (
                  <Table.Th key={`${group.role}-${index}`} scope="colgroup" colSpan={group.columns.length} ta="center" data-testid="role-heading">
                    {t(`roles.${group.role}`)}
                  </Table.Th>
                ),
              )}
            </Table.Tr>
            <Table.Tr>
              {groups.flatMap((group) =>
                group.columns.length === 1 && group.columns[0]?.tier === null
                  ? []
                  : group.columns.map((column) => (
                      <Table.Th key={`${group.role}-${column.tier}-${column.isChair}`} scope="col" ta="center" fw={500}>
                        {tierName(column)}
                      </Table.Th>
                    )),
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {orderedRights(matrix, RIGHTS).map((row) => (
              <Table.Tr key={row.right} data-testid="right-row" data-right={row.right}>
                <Table.Th scope="row" fw={500} className={classes.rightCell}>
                  {rightName(row.right)}
                  <Text size="xs" c="dimmed">
                    <Code fz="xs" className={classes.code}>
                      {row.right}
                    </Code>
                  </Text>
                </Table.Th>
                {row.cells.map((cell, index) => (
                  <Table.Td key={index} ta="center" className={classes.cell}>
                    <MatrixCell cell={cell} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollableTable>
    </Paper>
  );
}

function TiersTable({ organization: all }: { organization: Organization }) {
  const { t } = useTranslation();
  const { text } = useLocale();
  // The statuses in force today (a retired one's holders were reclassified).
  const organization = { ...all, tiers: all.tiers.filter((tier) => isTierInForce(tier, todayUtc())) };
  const keys = tierRightKeys(organization.tiers, TIER_RIGHTS);
  return (
    <Paper withBorder radius="lg" p={0} style={{ overflow: "hidden" }}>
      <ScrollableTable label={t("permissions.tiersHeading")} minWidth={Math.max(480, 200 + organization.tiers.length * 110)}>
        <Table verticalSpacing="xs" horizontalSpacing="sm" fz="sm" withColumnBorders highlightOnHover data-testid="tiers-table">
          <Table.Caption>{t("states.rightsCaption")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" className={classes.rightCell}>
                {t("states.columnRight")}
              </Table.Th>
              {organization.tiers.map((tier) => (
                <Table.Th key={tier.code} scope="col" ta="center" data-testid="tier-heading">
                  {text(tier.names)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.map((key) => (
              <Table.Tr key={key}>
                <Table.Th scope="row" fw={500} className={classes.rightCell}>
                  {t(`rights.${key}`)}
                </Table.Th>
                {organization.tiers.map((tier) => (
                  <Table.Td key={tier.code} ta="center" className={classes.cell}>
                    {(tier.rights as Readonly<Record<string, boolean>>)[key] ? <Allowed /> : <Refused />}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollableTable>
    </Paper>
  );
}

function Permissions() {
  const { t } = useTranslation();
  usePageTitle(t("permissions.title"));
  const matrix = usePermissionMatrix();
  const organization = useOrganization();
  return (
    <Stack gap="lg" data-testid="permissions-page">
      <div>
        <Title order={1}>{t("permissions.title")}</Title>
        <Text c="dimmed" mt="xs" maw={720}>
          {t("permissions.intro")}
        </Text>
      </div>
      <section aria-labelledby="roles-heading">
        <Title order={2} size="h3" id="roles-heading">
          {t("permissions.rolesHeading")}
        </Title>
        <Text size="sm" c="dimmed" mt={4} mb="sm" maw={720} data-testid="permissions-legend">
          {t("permissions.legend")}
        </Text>
        {matrix.isError ? (
          <QueryProblem error={matrix.error} onRetry={() => void matrix.refetch()} />
        ) : organization.isError ? (
          <LoadError onRetry={() => void organization.refetch()} />
        ) : !matrix.data || !organization.data ? (
          <Loading />
        ) : (
          <RolesTable matrix={matrix.data} organization={organization.data} />
        )}
      </section>
      <section aria-labelledby="tiers-heading">
        <Title order={2} size="h3" id="tiers-heading" mb="sm">
          {t("permissions.tiersHeading")}
        </Title>
        {organization.isError ? <LoadError onRetry={() => void organization.refetch()} /> : !organization.data ? <Loading /> : <TiersTable organization={organization.data} />}
      </section>
    </Stack>
  );
}

export function PermissionsPage() {
  // Open to everyone signed in: it names rights and roles, not anyone's data.
  return <AccessGate access={null}>{() => <Permissions />}</AccessGate>;
}
