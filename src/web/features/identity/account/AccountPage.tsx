// The signed-in person's own account: who they are here, and changing their password (which ends their other sessions).
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ChangePasswordBody, PASSWORD_MIN_LENGTH, type Session } from "../../../../contracts/identity";
import { usePageTitle } from "../../../shared/use-page-title";
import { ACCOUNT_ACCESS } from "../../../shared/access/page-access";
import { AccessGate } from "../../../shared/access/AccessGate";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { PasswordField } from "../../../shared/forms/PasswordField";
import type { FieldMessages } from "../../../shared/forms/contract-form";
import { useContractForm } from "../../../shared/forms/use-contract-form";
import { useChangePassword } from "../../../shared/session/session-mutations";
import { accountName } from "../../../shared/directory/account-name";
import { useDelegationNames } from "../../../shared/directory/use-delegation-names";

function Profile({ user }: { user: NonNullable<Session["user"]> }) {
  const { t } = useTranslation();
  const delegationName = useDelegationNames({ enabled: user.delegation !== null });
  const rows = [
    { label: t("account.name"), value: accountName(user, t, delegationName) },
    { label: t("account.email"), value: user.email },
    { label: t("account.role"), value: t(`roles.${user.role}`) },
    ...(user.delegation ? [{ label: t("account.delegation"), value: delegationName(user.delegation) }] : []),
  ];
  return (
    <Paper component="section" aria-labelledby="profile-heading" withBorder radius="lg" p="lg">
      <Title order={2} size="h3" id="profile-heading" mb="md">
        {t("account.profileHeading")}
      </Title>
      <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} spacing="md" m={0}>
        {rows.map((row) => (
          <div key={row.label}>
            <Text component="dt" size="sm" c="dimmed">
              {row.label}
            </Text>
            <Text component="dd" m={0} fw={500} style={{ overflowWrap: "anywhere" }}>
              {row.value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

function ChangePasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const { form, body, showServerErrors } = useContractForm({
    schema: ChangePasswordBody,
    initialValues: { currentPassword: "", newPassword: "", confirmation: "" },
    toBody: ({ currentPassword, newPassword }) => ({ currentPassword, newPassword }),
    check: (values): FieldMessages => (values.confirmation !== values.newPassword ? { confirmation: { key: "account.mismatch" } } : {}),
  });

  const submit = form.onSubmit((values) => {
    change.mutate(body(values), { onSuccess: () => form.reset(), onError: showServerErrors });
  });

  return (
    <Paper component="section" aria-labelledby="password-heading" withBorder radius="lg" p="lg">
      <Title order={2} size="h3" id="password-heading">
        {t("account.passwordHeading")}
      </Title>
      <Text size="sm" c="dimmed" mt={4} mb="md">
        {t("account.passwordIntro")}
      </Text>
      <form onSubmit={submit} noValidate aria-labelledby="password-heading" data-testid="change-password-form">
        <Stack gap="sm" maw={420}>
          {change.isSuccess && (
            <Alert color="teal" variant="light" role="status" data-testid="password-changed">
              {t("account.passwordChanged")}
            </Alert>
          )}
          <FormProblem
            error={change.error}
            form={form}
            labels={{ currentPassword: t("account.currentPassword"), newPassword: t("account.newPassword"), confirmation: t("account.confirmPassword") }}
          />
          <PasswordField
            label={t("account.currentPassword")}
            autoComplete="current-password"
            required
            {...form.getInputProps("currentPassword")}
          />
          <PasswordField
            label={t("account.newPassword")}
            description={t("forms.passwordRule", { count: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            required
            {...form.getInputProps("newPassword")}
          />
          <PasswordField
            label={t("account.confirmPassword")}
            autoComplete="new-password"
            required
            {...form.getInputProps("confirmation")}
          />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t("account.changePassword")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function Account({ user }: { user: NonNullable<Session["user"]> }) {
  const { t } = useTranslation();
  usePageTitle(t("account.title"));
  return (
    <Stack gap="lg">
      <Title order={1}>{t("account.title")}</Title>
      <Profile user={user} />
      <ChangePasswordForm />
    </Stack>
  );
}

export function AccountPage() {
  return <AccessGate access={ACCOUNT_ACCESS}>{(session) => <Account user={session.user} />}</AccessGate>;
}
