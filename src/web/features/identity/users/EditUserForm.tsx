// Changing an account: name, role (within its affiliation), active or not, and a new password; only what changed is sent.
import { Alert, Button, Group, NativeSelect, Stack, Switch, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { User } from "../../../../contracts/identity";
import { fieldErrors } from "../../../shared/api/problem-message";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { PasswordField } from "../../../shared/forms/PasswordField";
import { PASSWORD_MIN_LENGTH as MIN_PASSWORD_LENGTH } from "../../../../contracts/identity";
import { useUpdateUser, type AssignableRole, type UserChanges } from "../identity-queries";

interface Props {
  readonly user: User;
  /** The roles the editor may give this account; one or none means the role is not offered. */
  readonly roles: readonly AssignableRole[];
  /** One's own account: the server refuses deactivating it or changing its role. */
  readonly isOwnAccount: boolean;
  readonly onSaved: (user: User) => void;
  readonly onCancel: () => void;
}

export function EditUserForm({ user, roles, isOwnAccount, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<AssignableRole>(user.role === "public" ? "delegate" : user.role);
  const [isActive, setActive] = useState(user.isActive);
  const [password, setPassword] = useState("");
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors(update.error, t), ...localErrors };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (displayName.trim() === "") problems.displayName = t("problems.field.required");
    if (password !== "" && password.length < MIN_PASSWORD_LENGTH) problems.password = t("problems.field.passwordTooShort");
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const changes: UserChanges = {
      ...(displayName.trim() !== user.displayName ? { displayName: displayName.trim() } : {}),
      ...(role !== user.role ? { role } : {}),
      ...(isActive !== user.isActive ? { isActive } : {}),
      ...(password !== "" ? { password } : {}),
    };
    if (Object.keys(changes).length === 0) return onCancel();
    update.mutate({ id: user.id, changes }, { onSuccess: (saved) => saved && onSaved(saved) });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="edit-user-form">
      <Stack gap="sm">
        {update.isError && <FormProblem error={update.error} />}
        <TextInput label={t("users.email")} value={user.email} readOnly variant="filled" />
        <TextInput
          label={t("users.displayName")}
          name="displayName"
          autoComplete="off"
          required
          value={displayName}
          onChange={(event) => setDisplayName(event.currentTarget.value)}
          error={errors.displayName}
        />
        {roles.length > 1 && (
          <NativeSelect
            label={t("users.role")}
            name="role"
            value={role}
            disabled={isOwnAccount}
            description={isOwnAccount ? t("users.ownAccountNote") : undefined}
            onChange={(event) => setRole(event.currentTarget.value as AssignableRole)}
            data={roles.map((value) => ({ value, label: t(`roles.${value}`) }))}
            error={errors.role}
          />
        )}
        <Switch
          label={t("users.isActive")}
          description={isOwnAccount ? t("users.ownAccountNote") : t("users.deactivateNote")}
          checked={isActive}
          disabled={isOwnAccount}
          onChange={(event) => setActive(event.currentTarget.checked)}
        />
        <PasswordField
          label={t("users.resetPassword")}
          description={t("users.resetPasswordNote", { min: MIN_PASSWORD_LENGTH })}
          name="password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={errors.password}
        />
        {!isActive && user.isActive && (
          <Alert color="orange" variant="light">
            {t("users.deactivateWarning")}
          </Alert>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t("forms.cancel")}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t("forms.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
