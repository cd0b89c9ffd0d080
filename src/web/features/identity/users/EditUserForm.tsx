// Changing an account: name, role (within its affiliation), active or not, a new password, and unlinking single sign-on. Only what changed is sent, with the version it was made against; if someone else changed the account meanwhile, the reader sees its current values.
import { Alert, Button, Group, List, NativeSelect, Stack, Switch, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Trans, useTranslation } from "react-i18next";
import { PASSWORD_MIN_LENGTH, UpdateUserBody, UserSchema, type AssignableRole, type User } from "../../../../contracts/identity";
import { staleCurrent } from "../../../shared/api/stale-version";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { PasswordField } from "../../../shared/forms/PasswordField";
import { FormLevelError, useContractForm } from "../../../shared/forms/use-contract-form";
import { useUpdateUser, type UserChanges } from "../identity-queries";
import { UnlinkSingleSignOn } from "./UnlinkSingleSignOn";

interface Props {
  readonly user: User;
  /** How the interface names an account (a demo account in the reader's language): the name field starts from it. */
  readonly nameOf: (user: User) => string;
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

const valuesOf = (user: User, name: string): Values => ({
  displayName: name,
  role: user.role === "public" ? "delegate" : user.role,
  isActive: user.isActive,
  password: "",
});

/**
 * The changes the values make to the account as it was loaded (nothing for what is unchanged), with that version. The name
 * is compared with the name as shown: a demo account's translated name left as it is stays a demo account's name.
 */
function changesTo(base: User, baseName: string, values: Values): UserChanges {
  return {
    ...(values.displayName.trim() !== baseName ? { displayName: values.displayName } : {}),
    ...(values.role !== base.role ? { role: values.role } : {}),
    ...(values.isActive !== base.isActive ? { isActive: values.isActive } : {}),
    ...(values.password !== "" ? { password: values.password } : {}),
    version: base.version,
  };
}

/** What the account holds now, after someone else's change. */
function CurrentValues({ user, name, onUse }: { user: User; name: string; onUse: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" variant="light" role="alert" title={t("users.staleTitle")} data-testid="stale-user">
      <Text size="sm">{t("users.staleBody")}</Text>
      <List size="sm" mt="xs" spacing={2}>
        <List.Item>
          <LabelledValue label={t("users.displayName")} value={name} />
        </List.Item>
        <List.Item>
          <LabelledValue label={t("users.role")} value={t(`roles.${user.role}`)} />
        </List.Item>
        <List.Item>
          <LabelledValue label={t("users.columnActive")} value={user.isActive ? t("users.active") : t("users.inactive")} />
        </List.Item>
        <List.Item>
          <LabelledValue label={t("users.columnSingleSignOn")} value={user.hasSingleSignOn ? t("users.singleSignOnLinked") : t("users.singleSignOnNotLinked")} />
        </List.Item>
      </List>
      <Button size="xs" variant="white" color="orange" mt="sm" onClick={onUse}>
        {t("users.useCurrent")}
      </Button>
    </Alert>
  );
}

/** "Role: Delegate", the value in bold, with the language's own colon. */
function LabelledValue({ label, value }: { label: string; value: string }) {
  return <Trans i18nKey="app.labelStrongValue" values={{ label, value }} components={{ strong: <strong /> }} />;
}

export function EditUserForm({ user, nameOf, roles, isOwnAccount, mayUnlinkSingleSignOn, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  // The account as the edit is made against: as opened, or as someone else left it (a stale-version answer, an unlink here).
  const [base, setBase] = useState(user);
  const [current, setCurrent] = useState<User | null>(null);
  const { form, body, showServerErrors } = useContractForm({
    schema: UpdateUserBody,
    initialValues: valuesOf(user, nameOf(user)),
    toBody: (values: Values) => changesTo(base, nameOf(base), values),
  });

  const hasChanges = Object.keys(changesTo(base, nameOf(base), form.values)).some((key) => key !== "version");
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
    if (current) form.setValues(valuesOf(current, nameOf(current)));
    setCurrent(null);
    update.reset();
  };

  return (
    <form onSubmit={submit} noValidate data-testid="edit-user-form">
      <Stack gap="sm">
        {current ? (
          <CurrentValues user={current} name={nameOf(current)} onUse={startFromCurrent} />
        ) : (
          <FormProblem
            error={update.error}
            form={form}
            labels={{ displayName: t("users.displayName"), role: t("users.role"), isActive: t("users.isActive"), password: t("users.resetPassword") }}
          />
        )}
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
          description={t("users.resetPasswordNote", { count: PASSWORD_MIN_LENGTH })}
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
