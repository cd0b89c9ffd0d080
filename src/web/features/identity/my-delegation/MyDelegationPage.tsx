// The signed-in person's own delegation: its name, tier and members; a head of delegation adds delegates and deactivates them or resets their passwords.
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { DelegationDetail, User } from "../../../../contracts/identity";
import { useLocale } from "../../../i18n/use-locale";
import { Loading } from "../../../shared/QueryFeedback";
import { usePageTitle } from "../../../shared/use-page-title";
import { holds, mayActOn, type SignedInSession } from "../../../shared/access/access-rules";
import { MY_DELEGATION_ACCESS } from "../../../shared/access/page-access";
import { AccessGate } from "../../../shared/access/AccessGate";
import { QueryProblem } from "../../../shared/access/QueryProblem";
import { accountName } from "../../../shared/directory/account-name";
import { FormModal } from "../../../shared/forms/FormModal";
import { useDelegation } from "../identity-queries";
import { useIdentityLive } from "../use-identity-live";
import { EditUserForm } from "../users/EditUserForm";
import { NewUserForm } from "../users/NewUserForm";
import { UsersTable } from "../users/UsersTable";
import { useOrganization } from "../../../shared/api/registry-queries";

function NoDelegation({ session }: { session: SignedInSession }) {
  const { t } = useTranslation();
  usePageTitle(t("myDelegation.title"));
  return (
    <Stack gap="sm" maw={640}>
      <Title order={1}>{t("myDelegation.title")}</Title>
      <Text>{t("myDelegation.none")}</Text>
      {holds(session.permissions, "delegation.list", "all") && (
        <Anchor component={Link} to="/admin/delegations">
          {t("myDelegation.seeAll")}
        </Anchor>
      )}
    </Stack>
  );
}

function Members({ detail, session }: { detail: DelegationDetail; session: SignedInSession }) {
  const { t } = useTranslation();
  const { text, count, language } = useLocale();
  const canAdd = mayActOn(session, "user.create", detail.code);
  const canEdit = mayActOn(session, "user.update", detail.code);
  const [isAdding, setAdding] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Within a delegation, "own" reaches its delegates (docs/permissions.md): a head of delegation does not edit a fellow head, nor themselves here.
  const isManageable = (user: User) => canEdit && user.role === "delegate" && user.id !== session.user.id;
  const nameOf = (user: User) => accountName(user, t, () => text(detail.names));
  const members = [...detail.members].sort((a, b) => Number(a.role !== "head_of_delegation") - Number(b.role !== "head_of_delegation") || new Intl.Collator(language).compare(nameOf(a), nameOf(b)));

  return (
    <section aria-labelledby="members-heading">
      <Group justify="space-between" align="flex-end" mb="sm" gap="sm">
        <Title order={2} size="h3" id="members-heading">
          {t("myDelegation.membersHeading", { total: count(members.length) })}
        </Title>
        {canAdd && detail.isActive && (
          <Button onClick={() => setAdding(true)} data-testid="add-delegate">
            {t("myDelegation.addDelegate")}
          </Button>
        )}
      </Group>
      {notice && (
        <Alert color="teal" variant="light" role="status" mb="sm" withCloseButton closeButtonLabel={t("app.close")} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      <UsersTable
        users={members}
        delegationName={() => text(detail.names)}
        showDelegation={false}
        caption={t("myDelegation.membersHeading", { total: count(members.length) })}
        testId="members-table"
        action={
          canEdit
            ? (user) =>
                isManageable(user) ? (
                  <Button size="xs" variant="light" onClick={() => setEditing(user)} aria-label={t("users.editNamed", { name: nameOf(user) })}>
                    {t("users.edit")}
                  </Button>
                ) : null
            : undefined
        }
      />
      <FormModal opened={isAdding} onClose={() => setAdding(false)} title={t("myDelegation.addDelegateTitle", { name: text(detail.names) })}>
        <NewUserForm
          delegations={[]}
          fixed={{ role: "delegate", delegation: detail.code }}
          isPasswordRequired={!session.singleSignOn.enabled}
          onCancel={() => setAdding(false)}
          onCreated={(user) => {
            setAdding(false);
            setNotice(t("users.created", { email: user.email }));
          }}
        />
      </FormModal>
      <FormModal opened={editing !== null} onClose={() => setEditing(null)} title={t("users.editTitle", { name: editing ? nameOf(editing) : "" })}>
        {editing && (
          <EditUserForm
            user={editing}
            nameOf={nameOf}
            roles={[]}
            isOwnAccount={false}
            mayUnlinkSingleSignOn={mayActOn(session, "user.unlink-sso", detail.code)}
            onCancel={() => setEditing(null)}
            onSaved={(user) => {
              setEditing(null);
              setNotice(t("users.saved", { name: nameOf(user) }));
            }}
          />
        )}
      </FormModal>
    </section>
  );
}

function OwnDelegation({ session, code }: { session: SignedInSession; code: string }) {
  const { t } = useTranslation();
  const { text } = useLocale();
  const delegation = useDelegation(code);
  useIdentityLive();
  const organization = useOrganization();
  usePageTitle(delegation.data ? text(delegation.data.names) : t("myDelegation.title"));

  if (delegation.isError) return <QueryProblem error={delegation.error} onRetry={() => void delegation.refetch()} />;
  if (!delegation.data) return <Loading />;
  const detail = delegation.data;
  const tier = detail.tier ? organization.data?.tiers.find((item) => item.code === detail.tier) : undefined;

  return (
    <Stack gap="lg">
      <Paper withBorder radius="lg" p="lg">
        <Text size="sm" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: "0.04em" }}>
          {t("myDelegation.title")}
        </Text>
        <Title order={1} data-testid="delegation-name">
          {text(detail.names)}
        </Title>
        <Group gap="xs" mt="sm">
          <Badge variant="light" radius="sm" style={{ textTransform: "none" }} data-testid="delegation-tier">
            {tier ? text(tier.names) : (detail.tier ?? (detail.partyKind === "organization" ? t("delegations.partnerOrganization") : t("delegations.noTier")))}
          </Badge>
          <Badge variant="outline" color="gray" radius="sm" style={{ textTransform: "none" }}>
            {t("myDelegation.code", { code: detail.code })}
          </Badge>
          {session.actor.isChair && (
            <Badge variant="light" color="yellow" radius="sm" style={{ textTransform: "none" }}>
              {t("myDelegation.chair")}
            </Badge>
          )}
          {!detail.isActive && (
            <Badge variant="light" color="gray" radius="sm" style={{ textTransform: "none" }}>
              {t("users.inactive")}
            </Badge>
          )}
        </Group>
      </Paper>
      <Members detail={detail} session={session} />
    </Stack>
  );
}

export function MyDelegationPage() {
  return (
    <AccessGate access={MY_DELEGATION_ACCESS}>
      {(session) => (session.actor.delegation ? <OwnDelegation session={session} code={session.actor.delegation} /> : <NoDelegation session={session} />)}
    </AccessGate>
  );
}
