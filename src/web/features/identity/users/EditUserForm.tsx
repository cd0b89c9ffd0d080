// Changing an account: name, role (within its affiliation), active or not, a new password, and unlinking single sign-on. Only what changed is sent, with the version it was made against; if someone else changed the account meanwhile, the reader sees its current values.
import { Alert, Button, Group, List, NativeSelect, Stack, Switch, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { PASSWORD_MIN_LENGTH, UpdateUserBody, UserSchema, type AssignableRole, type User } from "../../../../contracts/identity";
import { staleCurrent } from "../../../shared/api/stale-version";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { PasswordField } from "../../../shared/forms/PasswordField";
import { FormLevelError, useContractForm } from "../../../shared/forms/use-contract-form";
import { useUpdateUser, type UserChanges } from "../identity-queries";
import { UnlinkSingleSignOn } from "./UnlinkSingleSignOn";

interface Props {
  readonly user: User;
  /** The roles the editor may give this account; one or none means the role is not offered. */
  readonly roles: readonly AssignableRole[];
  /** One's own account: the server refuses deactivating it or changing its role. */
  readonly isOwnAccount: boolean;
  /** The editor may unlink the account from single sign-on (user.unlink-sso). */
  readonly mayUnlinkSingleSignOn: boolean;
  readonly onSaved: (user: User) => void;
  readonly onCancel: () => void;
}

interface Values extends Record<string, unknown> {
  displayName: string;
  role: AssignableRole;
  isActive: boolean;
  password: string;
}

const valuesOf = (user: User): Values => ({
  displayName: user.displayName,
  role: user.role === "public" ? "delegate" : user.role,
  isActive: user.isActive,
  password: "",
});

/** The changes the values make to the account as it was loaded (nothing for what is unchanged), with that version. */
function changesTo(base: User, values: Values): UserChanges {
  return {
    ...(values.displayName.trim() !== base.displayName ? { displayName: values.displayName } : {}),
    ...(values.role !== base.role ? { role: values.role } : {}),
    ...(values.isActive !== base.isActive ? { isActive: values.isActive } : {}),
    ...(values.password !== "" ? { password: values.password } : {}),
    version: base.version,
  };
}

/** What the account holds now, after someone else's change. */
function CurrentValues({ user, onUse }: { user: User; onUse: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" variant="light" role="alert" title={t("users.staleTitle")} data-testid="stale-user">
      <Text size="sm">{t("users.staleBody")}</Text>
      <List size="sm" mt="xs" spacing={2}>
        <List.Item>
          {t("users.displayName")}: <strong>{user.displayName}</strong>
        </List.Item>
        <List.Item>
          {t("users.role")}: <strong>{t(`roles.${user.role}`)}</strong>
        </List.Item>
        <List.Item>
          {t("users.columnActive")}: <strong>{user.isActive ? t("users.active") : t("users.inactive")}</strong>
        </List.Item>
        <List.Item>
          {t("users.columnSingleSignOn")}: <strong>{user.hasSingleSignOn ? t("users.singleSignOnLinked") : t("users.singleSignOnNotLinked")}</strong>
        </List.Item>
      </List>
      <Button size="xs" variant="white" color="orange" mt="sm" onClick={onUse}>
        {t("users.useCurrent")}
      </Button>
    </Alert>
  );
}

export function EditUserForm({ user, roles, isOwnAccount, mayUnlinkSingleSignOn, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  // The account as the edit is made against: as opened, or as someone else left it (a stale-version answer, an unlink here).
  const [base, setBase] = useState(user);
  const [current, setCurrent] = useState<User | null>(null);
  const { form, body, showServerErrors } = useContractForm({
    schema: UpdateUserBody,
    initialValues: valuesOf(user),
    toBody: (values: Values) => changesTo(base, values),
  });

  const hasChanges = Object.keys(changesTo(base, form.values)).some((key) => key !== "version");
  const save = form.onSubmit((values) => {
    setCurrent(null);
    update.mutate(
      { id: base.id, changes: body(values) },
      {
        onSuccess: (saved) => saved && onSaved(saved),
        onError: (error) => {
          const now = staleCurrent(error, UserSchema);
          if (now) {
            setBase(now);
            setCurrent(now);
          }
          showServerErrors(error);
        },
      },
    );
  });
  // Saving without a change just closes the form, as Cancel would.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    if (hasChanges) return save(event);
    event.preventDefault();
    onCancel();
  };
  const startFromCurrent = () => {
    if (current) form.setValues(valuesOf(current));
    setCurrent(null);
    update.reset();
  };

  return (
    <form onSubmit={submit} noValidate data-testid="edit-user-form">
      <Stack gap="sm">
        {current ? <CurrentValues user={current} onUse={startFromCurrent} /> : update.isError && <FormProblem error={update.error} />}
        <FormLevelError form={form} />
        <TextInput label={t("users.email")} value={base.email} readOnly variant="filled" />
        <TextInput label={t("users.displayName")} name="displayName" autoComplete="off" required {...form.getInputProps("displayName")} />
        {roles.length > 1 && (
          <NativeSelect
            label={t("users.role")}
            name="role"
            disabled={isOwnAccount}
            description={isOwnAccount ? t("users.ownAccountNote") : undefined}
            data={roles.map((value) => ({ value, label: t(`roles.${value}`) }))}
            {...form.getInputProps("role")}
          />
        )}
        <Switch
          label={t("users.isActive")}
          description={isOwnAccount ? t("users.ownAccountNote") : t("users.deactivateNote")}
          disabled={isOwnAccount}
          {...form.getInputProps("isActive", { type: "checkbox" })}
        />
        <PasswordField
          label={t("users.resetPassword")}
          description={t("users.resetPasswordNote", { min: PASSWORD_MIN_LENGTH })}
          name="password"
          autoComplete="new-password"
          {...form.getInputProps("password")}
        />
        {!form.values.isActive && base.isActive && (
          <Alert color="orange" variant="light">
            {t("users.deactivateWarning")}
          </Alert>
        )}
        {base.hasSingleSignOn && mayUnlinkSingleSignOn && <UnlinkSingleSignOn user={base} onUnlinked={setBase} />}
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
