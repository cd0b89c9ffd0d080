// The secretariat's list of delegations (name, code, tier, active, members; cards on a phone); the administrator opens delegations for registry parties and (de)activates them.
import { Alert, Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useMemo, useState } from "react";
import type { TFunction } from "i18next";
import { Trans, useTranslation } from "react-i18next";
import { ActiveBadge } from "../ActiveBadge";
import classes from "../CardList.module.css";
import { Link } from "react-router";
import { CreateDelegationBody, DelegationSchema, type Delegation } from "../../../../contracts/identity";
import type { Organization } from "../../../../contracts/registry";
import { useLocale } from "../../../i18n/use-locale";
import { Loading } from "../../../shared/QueryFeedback";
import { usePageTitle } from "../../../shared/use-page-title";
import { holds, type SignedInSession } from "../../../shared/access/access-rules";
import { ADMIN_DELEGATIONS_ACCESS } from "../../../shared/access/page-access";
import { AccessGate } from "../../../shared/access/AccessGate";
import { QueryProblem } from "../../../shared/access/QueryProblem";
import { AdminHeader } from "../../../shared/admin/AdminHeader";
import { FormModal } from "../../../shared/forms/FormModal";
import { staleCurrent } from "../../../shared/api/stale-version";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { useContractForm } from "../../../shared/forms/use-contract-form";
import { useDelegations } from "../../../shared/directory/directory-queries";
import { useOpenDelegation, useSetDelegationActive } from "../identity-queries";
import { useIdentityLive } from "../use-identity-live";
import { useOrganization, useStatesToday } from "../../../shared/api/registry-queries";

/** The delegation's standing: its state's tier today, "partner organization" for an organization, or none. */
function standing(delegation: Delegation, organization: Organization | undefined, text: (value: Organization["names"]) => string, t: TFunction): string {
  const tier = delegation.tier === null ? undefined : organization?.tiers.find((item) => item.code === delegation.tier);
  if (tier) return text(tier.names);
  if (delegation.tier !== null) return delegation.tier;
  return delegation.partyKind === "organization" ? t("delegations.partnerOrganization") : t("delegations.noTier");
}

/** Registry parties that have no delegation yet: states holding a status today, then the organization's partners. */
function OpenDelegationForm({ open }: { open: readonly Delegation[] }) {
  const { t } = useTranslation();
  const { text, language } = useLocale();
  const organization = useOrganization();
  const states = useStatesToday();
  const openDelegation = useOpenDelegation();
  const [opened, setOpened] = useState<string | null>(null);
  const { form, body, showServerErrors } = useContractForm({
    schema: CreateDelegationBody,
    initialValues: { code: "" },
    // An unchosen party is a missing code (required), not a malformed one.
    toBody: (values: { code: string }) => ({ code: values.code === "" ? undefined : values.code }),
  });

  const isOpen = new Set(open.map((item) => item.code));
  const collator = new Intl.Collator(language);
  const byName = (a: { label: string }, b: { label: string }) => collator.compare(a.label, b.label);
  const stateOptions = (states.data?.items ?? [])
    .filter((state) => !isOpen.has(state.code))
    .map((state) => ({ value: state.code, label: text(state.names) }))
    .sort(byName);
  const organizationOptions = (organization.data?.partners ?? [])
    .filter((partner) => !isOpen.has(partner.code))
    .map((partner) => ({ value: partner.code, label: `${text(partner.shortNames)} — ${text(partner.names)}` }))
    .sort(byName);
  const hasCandidates = stateOptions.length + organizationOptions.length > 0;
  const isLoading = !states.data || !organization.data;

  const submit = form.onSubmit((values) => {
    const { code } = body(values);
    openDelegation.mutate(code, {
      onSuccess: () => {
        const all = [...stateOptions, ...organizationOptions];
        setOpened(all.find((option) => option.value === code)?.label ?? code);
        form.reset();
      },
      onError: showServerErrors,
    });
  });

  return (
    <Paper component="section" aria-labelledby="open-delegation-heading" withBorder radius="lg" p="lg">
      <Title order={2} size="h4" id="open-delegation-heading">
        {t("delegations.openHeading")}
      </Title>
      <Text size="sm" c="dimmed" mt={4} mb="sm">
        {t("delegations.openIntro")}
      </Text>
      {opened && (
        <Alert color="teal" variant="light" role="status" mb="sm" data-testid="delegation-opened">
          {t("delegations.opened", { name: opened })}
        </Alert>
      )}
      {openDelegation.isError && <FormProblem error={openDelegation.error} />}
      {isLoading ? (
        <Loading />
      ) : !hasCandidates ? (
        <Text size="sm">{t("delegations.noCandidates")}</Text>
      ) : (
        <form onSubmit={submit} noValidate aria-labelledby="open-delegation-heading">
          <Group align="flex-end" gap="sm" mt="xs">
            <NativeSelect
              label={t("delegations.party")}
              {...form.getInputProps("code")}
              data={[
                { value: "", label: t("delegations.chooseParty"), disabled: true },
                ...(stateOptions.length > 0 ? [{ group: t("delegations.groupStates"), items: stateOptions }] : []),
                ...(organizationOptions.length > 0 ? [{ group: t("delegations.groupOrganizations"), items: organizationOptions }] : []),
              ]}
              w={{ base: "100%", sm: 420 }}
              data-testid="open-delegation-party"
            />
            <Button type="submit" disabled={form.values.code === ""} loading={openDelegation.isPending}>
              {t("delegations.open")}
            </Button>
          </Group>
        </form>
      )}
    </Paper>
  );
}

function ActivationConfirm({ delegation: opened, onClose }: { delegation: Delegation; onClose: () => void }) {
  const { t } = useTranslation();
  const { count } = useLocale();
  const setActive = useSetDelegationActive();
  // The delegation as the decision is made about: as opened, or as someone else left it meanwhile (a stale-version answer).
  const [delegation, setDelegation] = useState(opened);
  const [isStale, setStale] = useState(false);
  const willActivate = !delegation.isActive;
  const confirm = () =>
    setActive.mutate(
      { code: delegation.code, change: { isActive: willActivate, version: delegation.version } },
      {
        onSuccess: onClose,
        onError: (error) => {
          const current = staleCurrent(error, DelegationSchema);
          if (current) setDelegation(current);
          setStale(current !== null);
        },
      },
    );
  return (
    <Stack gap="md">
      {isStale && (
        <Alert color="orange" variant="light" role="alert" data-testid="stale-delegation">
          {delegation.isActive ? t("delegations.staleNowActive") : t("delegations.staleNowInactive")}
        </Alert>
      )}
      <Text>{willActivate ? t("delegations.activateBody") : t("delegations.deactivateBody", { total: count(delegation.users) })}</Text>
      {setActive.isError && !isStale && <FormProblem error={setActive.error} />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t("forms.cancel")}
        </Button>
        <Button color={willActivate ? "teal" : "red"} loading={setActive.isPending} onClick={confirm} data-testid="confirm-activation">
          {willActivate ? t("delegations.activate") : t("delegations.deactivate")}
        </Button>
      </Group>
    </Stack>
  );
}

function ActivationDialog({ delegation, onClose }: { delegation: Delegation | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { text } = useLocale();
  const name = delegation ? text(delegation.names) : "";
  const title = delegation?.isActive === false ? t("delegations.activateTitle", { name }) : t("delegations.deactivateTitle", { name });
  return (
    <FormModal opened={delegation !== null} onClose={onClose} title={title}>
      {delegation && <ActivationConfirm delegation={delegation} onClose={onClose} />}
    </FormModal>
  );
}

interface DelegationListProps {
  readonly delegations: readonly Delegation[];
  readonly organization: Organization | undefined;
  readonly canManage: boolean;
  readonly onChange: (delegation: Delegation) => void;
}

function ActivationButton({ delegation, onChange }: { delegation: Delegation; onChange: (delegation: Delegation) => void }) {
  const { t } = useTranslation();
  const { text } = useLocale();
  return (
    <Button
      size="xs"
      variant="light"
      color={delegation.isActive ? "red" : "teal"}
      onClick={() => onChange(delegation)}
      aria-label={delegation.isActive ? t("delegations.deactivateNamed", { name: text(delegation.names) }) : t("delegations.activateNamed", { name: text(delegation.names) })}
      style={{ flex: "none" }}
    >
      {delegation.isActive ? t("delegations.deactivate") : t("delegations.activate")}
    </Button>
  );
}

function UsersLink({ delegation }: { delegation: Delegation }) {
  const { t } = useTranslation();
  const { text, count } = useLocale();
  return (
    <Anchor
      component={Link}
      to={`/admin/users?delegation=${encodeURIComponent(delegation.code)}`}
      size="sm"
      aria-label={t("delegations.usersOf", { count: delegation.users, total: count(delegation.users), name: text(delegation.names) })}
    >
      {count(delegation.users)}
    </Anchor>
  );
}

/** On a phone each delegation is a card: the table's six columns would not fit. */
function DelegationCards({ delegations, organization, canManage, onChange }: DelegationListProps) {
  const { t } = useTranslation();
  const { text } = useLocale();
  return (
    <ul className={classes.cards} aria-label={t("delegations.title")} data-testid="delegations-table">
      {delegations.map((delegation) => (
        <li key={delegation.code} className={classes.card} data-testid="delegation-row" data-code={delegation.code}>
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <div>
              <Text fw={650}>
                {text(delegation.names)}{" "}
                <Text span size="sm" c="dimmed" ff="monospace">
                  {delegation.code}
                </Text>
              </Text>
              <Text size="sm">{standing(delegation, organization, text, t)}</Text>
            </div>
            {canManage && <ActivationButton delegation={delegation} onChange={onChange} />}
          </Group>
          <Group gap="sm" mt={6}>
            <ActiveBadge isActive={delegation.isActive} />
            <Text size="sm">
              <Trans i18nKey="app.labelElement" values={{ label: t("delegations.columnUsers") }} components={{ value: <UsersLink delegation={delegation} /> }} />
            </Text>
          </Group>
        </li>
      ))}
    </ul>
  );
}

function DelegationTable({ delegations, organization, canManage, onChange }: DelegationListProps) {
  const { t } = useTranslation();
  const { text } = useLocale();
  return (
    <Paper withBorder radius="lg" p={0} style={{ overflow: "hidden" }}>
      <Table.ScrollContainer minWidth={720}>
        <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" aria-label={t("delegations.title")} data-testid="delegations-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("delegations.columnName")}</Table.Th>
              <Table.Th scope="col">{t("delegations.columnCode")}</Table.Th>
              <Table.Th scope="col">{t("delegations.columnTier")}</Table.Th>
              <Table.Th scope="col">{t("delegations.columnActive")}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t("delegations.columnUsers")}
              </Table.Th>
              {canManage && <Table.Th scope="col">{t("delegations.columnActions")}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {delegations.map((delegation) => (
              <Table.Tr key={delegation.code} data-testid="delegation-row" data-code={delegation.code}>
                <Table.Th scope="row" fw={600}>
                  {text(delegation.names)}
                </Table.Th>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {delegation.code}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{standing(delegation, organization, text, t)}</Text>
                </Table.Td>
                <Table.Td>
                  <ActiveBadge isActive={delegation.isActive} />
                </Table.Td>
                <Table.Td ta="right">
                  <UsersLink delegation={delegation} />
                </Table.Td>
                {canManage && (
                  <Table.Td>
                    <ActivationButton delegation={delegation} onChange={onChange} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function DelegationList(props: DelegationListProps) {
  const isPhone = useMediaQuery("(max-width: 36em)");
  return isPhone ? <DelegationCards {...props} /> : <DelegationTable {...props} />;
}

function Delegations({ session }: { session: SignedInSession }) {
  const { t } = useTranslation();
  const { text, language } = useLocale();
  usePageTitle(t("delegations.title"));
  const delegations = useDelegations();
  const organization = useOrganization();
  useIdentityLive();
  const canManage = holds(session.permissions, "delegation.update", "all");
  const canOpen = holds(session.permissions, "delegation.create", "all");
  const [changing, setChanging] = useState<Delegation | null>(null);

  const sorted = useMemo(() => {
    const collator = new Intl.Collator(language);
    return [...(delegations.data?.items ?? [])].sort(
      (a, b) => Number(a.partyKind === "organization") - Number(b.partyKind === "organization") || collator.compare(text(a.names), text(b.names)),
    );
  }, [delegations.data, language, text]);

  return (
    <Stack gap="lg">
      <AdminHeader title={t("delegations.title")} session={session} />
      <Text c="dimmed" maw={640}>
        {canManage || canOpen ? t("delegations.intro") : t("delegations.readOnly")}
      </Text>
      {canOpen && delegations.data && <OpenDelegationForm open={delegations.data.items} />}

      {delegations.isError ? (
        <QueryProblem error={delegations.error} onRetry={() => void delegations.refetch()} />
      ) : !delegations.data ? (
        <Loading />
      ) : (
        <DelegationList delegations={sorted} organization={organization.data} canManage={canManage} onChange={setChanging} />
      )}
      <ActivationDialog delegation={changing} onClose={() => setChanging(null)} />
    </Stack>
  );
}

export function DelegationsPage() {
  return <AccessGate access={ADMIN_DELEGATIONS_ACCESS}>{(session) => <Delegations session={session} />}</AccessGate>;
}
