// Creating an account: the secretariat chooses role and delegation; a head of delegation adds a delegate to their own delegation.
import { Button, Group, NativeSelect, Stack, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Delegation, User } from "../../../../contracts/identity";
import { DELEGATION_ROLES } from "../../../../domain/access";
import { useLocale } from "../../../i18n/use-locale";
import { fieldErrors } from "../../../shared/api/problem-message";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { PasswordField } from "../../../shared/forms/PasswordField";
import { PASSWORD_MIN_LENGTH as MIN_PASSWORD_LENGTH } from "../../../../contracts/identity";
import { useCreateUser, type AssignableRole } from "../identity-queries";
import { ASSIGNABLE_ROLES } from "./roles";

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

export function NewUserForm({ delegations, fixed, isPasswordRequired, onCreated, onCancel }: Props) {
  const { t } = useTranslation();
  const { text, language } = useLocale();
  const create = useCreateUser();
  const [email, setEmail] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [role, setRole] = useState<AssignableRole>(fixed?.role ?? "delegate");
  const [delegation, setDelegation] = useState(fixed?.delegation ?? "");
  const [password, setPassword] = useState("");
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const needsDelegation = DELEGATION_ROLES.includes(role);
  const errors = { ...fieldErrors(create.error, t), ...localErrors };
  const collator = new Intl.Collator(language);
  const delegationOptions = [...delegations]
    .filter((item) => item.isActive)
    .sort((a, b) => collator.compare(text(a.names), text(b.names)))
    .map((item) => ({ value: item.code, label: text(item.names) }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (email.trim() === "") problems.email = t("problems.field.required");
    if (displayName.trim() === "") problems.displayName = t("problems.field.required");
    if (needsDelegation && delegation === "") problems.delegation = t("problems.field.delegationRequired");
    if (isPasswordRequired && password === "") problems.password = t("problems.field.required");
    if (password !== "" && password.length < MIN_PASSWORD_LENGTH) problems.password = t("problems.field.passwordTooShort");
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return;
    create.mutate(
      {
        email: email.trim(),
        displayName: displayName.trim(),
        role,
        delegation: needsDelegation ? delegation : null,
        ...(password !== "" ? { password } : {}),
      },
      { onSuccess: (user) => user && onCreated(user) },
    );
  };

  const clearError = (field: string) => setLocalErrors(({ [field]: _, ...rest }) => rest);

  return (
    <form onSubmit={submit} noValidate data-testid="new-user-form">
      <Stack gap="sm">
        {create.isError && <FormProblem error={create.error} />}
        <TextInput
          label={t("users.email")}
          type="email"
          name="email"
          autoComplete="off"
          required
          value={email}
          onChange={(event) => {
            setEmail(event.currentTarget.value);
            clearError("email");
          }}
          error={errors.email}
        />
        <TextInput
          label={t("users.displayName")}
          name="displayName"
          autoComplete="off"
          required
          value={displayName}
          onChange={(event) => {
            setDisplayName(event.currentTarget.value);
            clearError("displayName");
          }}
          error={errors.displayName}
        />
        {!fixed && (
          <NativeSelect
            label={t("users.role")}
            name="role"
            value={role}
            onChange={(event) => setRole(event.currentTarget.value as AssignableRole)}
            data={ASSIGNABLE_ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
            error={errors.role}
          />
        )}
        {!fixed && needsDelegation && (
          <NativeSelect
            label={t("users.delegation")}
            name="delegation"
            required
            value={delegation}
            onChange={(event) => {
              setDelegation(event.currentTarget.value);
              clearError("delegation");
            }}
            data={[{ value: "", label: t("users.chooseDelegation"), disabled: true }, ...delegationOptions]}
            error={errors.delegation}
          />
        )}
        <PasswordField
          label={t("users.initialPassword")}
          description={
            isPasswordRequired
              ? t("forms.passwordRule", { min: MIN_PASSWORD_LENGTH })
              : t("users.initialPasswordOptional", { min: MIN_PASSWORD_LENGTH })
          }
          name="password"
          autoComplete="new-password"
          required={isPasswordRequired}
          value={password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            clearError("password");
          }}
          error={errors.password}
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
