// Creating an account: the secretariat chooses role and delegation; a head of delegation adds a delegate to their own delegation. Checked by the contract's CreateUserBody before sending.
import { Button, Group, NativeSelect, Stack, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ASSIGNABLE_ROLES, CreateUserBody, PASSWORD_MIN_LENGTH, type AssignableRole, type Delegation, type User } from "../../../../contracts/identity";
import { useLocale } from "../../../i18n/use-locale";
import type { FieldMessages } from "../../../shared/forms/contract-form";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { PasswordField } from "../../../shared/forms/PasswordField";
import { FormLevelError, useContractForm } from "../../../shared/forms/use-contract-form";
import { useCreateUser } from "../identity-queries";
import { isDelegationRole } from "./roles";

interface Props {
  /** Active delegations to choose from (secretariat); ignored when the delegation is fixed. */
  readonly delegations: readonly Delegation[];
  /** A head of delegation adds delegates of their own delegation only. */
  readonly fixed?: { readonly role: AssignableRole; readonly delegation: string };
  /** Without single sign-on an account without a password could never sign in. */
  readonly isPasswordRequired: boolean;
  readonly onCreated: (user: User) => void;
  readonly onCancel: () => void;
}

interface Values extends Record<string, unknown> {
  email: string;
  displayName: string;
  role: AssignableRole;
  delegation: string;
  password: string;
}

export function NewUserForm({ delegations, fixed, isPasswordRequired, onCreated, onCancel }: Props) {
  const { t } = useTranslation();
  const { text, language } = useLocale();
  const create = useCreateUser();
  const { form, body, showServerErrors } = useContractForm({
    schema: CreateUserBody,
    initialValues: { email: "", displayName: "", role: fixed?.role ?? "delegate", delegation: fixed?.delegation ?? "", password: "" } as Values,
    toBody: (values: Values) => ({
      email: values.email,
      displayName: values.displayName,
      role: values.role,
      delegation: isDelegationRole(values.role) && values.delegation !== "" ? values.delegation : null,
      ...(values.password !== "" ? { password: values.password } : {}),
    }),
    // The server's own rules beyond the schema, told before sending (same codes as its answers).
    check: (values: Values): FieldMessages => ({
      ...(isDelegationRole(values.role) && values.delegation === "" ? { delegation: { code: "delegation-required" } } : {}),
      ...(isPasswordRequired && values.password === "" ? { password: { code: "required" } } : {}),
    }),
  });

  const needsDelegation = isDelegationRole(form.values.role);
  const collator = new Intl.Collator(language);
  const delegationOptions = [...delegations]
    .filter((item) => item.isActive)
    .sort((a, b) => collator.compare(text(a.names), text(b.names)))
    .map((item) => ({ value: item.code, label: text(item.names) }));

  const submit = form.onSubmit((values) => {
    create.mutate(body(values), { onSuccess: (user) => user && onCreated(user), onError: showServerErrors });
  });

  return (
    <form onSubmit={submit} noValidate data-testid="new-user-form">
      <Stack gap="sm">
        <FormProblem
          error={create.error}
          form={form}
          labels={{ email: t("users.email"), displayName: t("users.displayName"), role: t("users.role"), delegation: t("users.delegation"), password: t("users.initialPassword") }}
        />
        <FormLevelError form={form} />
        <TextInput label={t("users.email")} type="email" name="email" autoComplete="off" required {...form.getInputProps("email")} />
        <TextInput label={t("users.displayName")} name="displayName" autoComplete="off" required {...form.getInputProps("displayName")} />
        {!fixed && (
          <NativeSelect
            label={t("users.role")}
            name="role"
            data={ASSIGNABLE_ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
            {...form.getInputProps("role")}
          />
        )}
        {!fixed && needsDelegation && (
          <NativeSelect
            label={t("users.delegation")}
            name="delegation"
            required
            data={[{ value: "", label: t("users.chooseDelegation"), disabled: true }, ...delegationOptions]}
            {...form.getInputProps("delegation")}
          />
        )}
        <PasswordField
          label={t("users.initialPassword")}
          description={
            isPasswordRequired ? t("forms.passwordRule", { count: PASSWORD_MIN_LENGTH }) : t("users.initialPasswordOptional", { count: PASSWORD_MIN_LENGTH })
          }
          name="password"
          autoComplete="new-password"
          required={isPasswordRequired}
          {...form.getInputProps("password")}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t("forms.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t("users.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
