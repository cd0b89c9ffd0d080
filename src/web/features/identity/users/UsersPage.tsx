// The secretariat's list of user accounts, filtered by delegation and role (kept in the address); the administrator creates and changes accounts, an officer reads.
import { Alert, Badge, Button, Group, NativeSelect, Stack, Text } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ASSIGNABLE_ROLES, type User } from "../../../../contracts/identity";
import { useLocale } from "../../../i18n/use-locale";
import { Loading } from "../../../shared/QueryFeedback";
import { usePageTitle } from "../../../shared/use-page-title";
import { holds, type SignedInSession } from "../../../shared/access/access-rules";
import { ADMIN_USERS_ACCESS } from "../../../shared/access/page-access";
import { AccessGate } from "../../../shared/access/AccessGate";
import { QueryProblem } from "../../../shared/access/QueryProblem";
import { AdminHeader } from "../../../shared/admin/AdminHeader";
import { FormModal } from "../../../shared/forms/FormModal";
import { accountName } from "../../../shared/directory/account-name";
import { useDelegations, useUsers } from "../../../shared/directory/directory-queries";
import { useIdentityLive } from "../use-identity-live";
import { EditUserForm } from "./EditUserForm";
import { NewUserForm } from "./NewUserForm";
import { rolesFitting } from "./roles";
import { UnlinkConfirm } from "./UnlinkSingleSignOn";
import { UsersTable } from "./UsersTable";

const ALL = "";
const DELEGATION_CODE = /^[A-Z0-9_-]{2,16}$/;

function Users({ session }: { session: SignedInSession }) {
  const { t } = useTranslation();
  const { text, language, count } = useLocale();
  usePageTitle(t("users.title"));
  const [params, setParams] = useSearchParams();
  const requestedDelegation = params.get("delegation") ?? ALL;
  const delegationFilter = DELEGATION_CODE.test(requestedDelegation) ? requestedDelegation : ALL;
  const requestedRole = params.get("role") ?? ALL;
  const roleFilter = (ASSIGNABLE_ROLES as readonly string[]).includes(requestedRole) ? requestedRole : ALL;

  const users = useUsers(delegationFilter || null);
  useIdentityLive();
  const delegations = useDelegations();
  const canCreate = holds(session.permissions, "user.create", "all");
  const canEdit = holds(session.permissions, "user.update", "all");
  const canUnlink = holds(session.permissions, "user.unlink-sso", "all");
  const [isCreating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [unlinking, setUnlinking] = useState<User | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const delegationName = useMemo(() => {
    const names = new Map((delegations.data?.items ?? []).map((item) => [item.code, text(item.names)]));
    return (code: string | null) => (code === null ? "" : (names.get(code) ?? code));
  }, [delegations.data, text]);
  const nameOf = (user: User) => accountName(user, t, delegationName);

  const shown = useMemo(() => {
    const collator = new Intl.Collator(language);
    return (users.data?.items ?? [])
      .filter((user) => roleFilter === ALL || user.role === roleFilter)
      .sort(
        (a, b) =>
          Number(a.delegation !== null) - Number(b.delegation !== null) ||
          collator.compare(delegationName(a.delegation), delegationName(b.delegation)) ||
          collator.compare(accountName(a, t, delegationName), accountName(b, t, delegationName)),
      );
  }, [users.data, roleFilter, language, delegationName, t]);

  const setFilter = (name: "delegation" | "role", value: string) => {
    const next = new URLSearchParams(params);
    if (value === ALL) next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: true });
  };

  const collator = new Intl.Collator(language);
  const delegationOptions = [
    { value: ALL, label: t("users.allDelegations") },
    ...[...(delegations.data?.items ?? [])]
      .sort((a, b) => collator.compare(text(a.names), text(b.names)))
      .map((item) => ({ value: item.code, label: text(item.names) })),
  ];
  const roleOptions = [{ value: ALL, label: t("users.allRoles") }, ...ASSIGNABLE_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))];

  return (
    <Stack gap="lg">
      <AdminHeader title={t("users.title")} session={session} />
      <Group justify="space-between" align="flex-start" gap="sm">
        <Text c="dimmed" maw={640}>
          {canCreate || canEdit ? t("users.intro") : t("users.readOnly")}
        </Text>
        {canCreate && (
          <Button onClick={() => setCreating(true)} data-testid="new-user">
            {t("users.new")}
          </Button>
        )}
      </Group>

      {notice && (
        <Alert color="teal" variant="light" role="status" withCloseButton closeButtonLabel={t("app.close")} onClose={() => setNotice(null)} data-testid="users-notice">
          {notice}
        </Alert>
      )}

      <section aria-label={t("users.filtersLabel")}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <NativeSelect
            label={t("users.filterDelegation")}
            value={delegationFilter}
            onChange={(event) => setFilter("delegation", event.currentTarget.value)}
            data={delegationOptions}
            w={{ base: "100%", xs: 260 }}
            data-testid="filter-delegation"
          />
          <NativeSelect
            label={t("users.filterRole")}
            value={roleFilter}
            onChange={(event) => setFilter("role", event.currentTarget.value)}
            data={roleOptions}
            w={{ base: "100%", xs: 260 }}
            data-testid="filter-role"
          />
          {users.data && (
            <Badge variant="light" size="lg" radius="sm" data-testid="users-shown" style={{ textTransform: "none" }}>
              {t("users.shown", { total: count(shown.length) })}
            </Badge>
          )}
        </Group>
      </section>

      {users.isError ? (
        <QueryProblem error={users.error} onRetry={() => void users.refetch()} />
      ) : !users.data ? (
        <Loading />
      ) : shown.length === 0 ? (
        <Text c="dimmed">{t("users.empty")}</Text>
      ) : (
        <UsersTable
          users={shown}
          delegationName={delegationName}
          caption={t("users.title")}
          action={
            canEdit
              ? (user) => (
                  <Button size="xs" variant="light" onClick={() => setEditing(user)} aria-label={t("users.editNamed", { name: nameOf(user) })}>
                    {t("users.edit")}
                  </Button>
                )
              : undefined
          }
          singleSignOnAction={
            canUnlink
              ? (user) => (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => setUnlinking(user)}
                    aria-label={t("users.unlinkNamed", { name: nameOf(user) })}
                    data-testid="unlink-sso"
                  >
                    {t("users.unlinkSingleSignOn")}
                  </Button>
                )
              : undefined
          }
        />
      )}

      <FormModal opened={isCreating} onClose={() => setCreating(false)} title={t("users.new")}>
        <NewUserForm
          delegations={delegations.data?.items ?? []}
          isPasswordRequired={!session.singleSignOn.enabled}
          onCancel={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false);
            setNotice(t("users.created", { email: user.email }));
          }}
        />
      </FormModal>
      <FormModal opened={editing !== null} onClose={() => setEditing(null)} title={t("users.editTitle", { name: editing ? nameOf(editing) : "" })}>
        {editing && (
          <EditUserForm
            user={editing}
            nameOf={nameOf}
            roles={rolesFitting(editing.delegation)}
            isOwnAccount={editing.id === session.user.id}
            mayUnlinkSingleSignOn={canUnlink}
            onCancel={() => setEditing(null)}
            onSaved={(user) => {
              setEditing(null);
              setNotice(t("users.saved", { name: nameOf(user) }));
            }}
          />
        )}
      </FormModal>
      <FormModal opened={unlinking !== null} onClose={() => setUnlinking(null)} title={t("users.unlinkTitle", { name: unlinking ? nameOf(unlinking) : "" })}>
        {unlinking && (
          <UnlinkConfirm
            user={unlinking}
            onCancel={() => setUnlinking(null)}
            onUnlinked={(user) => {
              setUnlinking(null);
              setNotice(t("users.unlinked", { name: nameOf(user) }));
            }}
          />
        )}
      </FormModal>
    </Stack>
  );
}

export function UsersPage() {
  return <AccessGate access={ADMIN_USERS_ACCESS}>{(session) => <Users session={session} />}</AccessGate>;
}
