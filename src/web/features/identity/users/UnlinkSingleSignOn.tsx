// Unlinking an account from the organization's single sign-on (a secretariat administrator's right, user.unlink-sso): asked once more before it is done, saying how the person will sign in afterwards.
import { Button, Group, Paper, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { User } from "../../../../contracts/identity";
import { useAccountName } from "../../../shared/directory/use-account-name";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { useUnlinkSingleSignOn } from "../identity-queries";

/** The question and its answer buttons; used in the edit form and in a dialog from the users table. */
export function UnlinkConfirm({ user, onUnlinked, onCancel }: { user: User; onUnlinked: (user: User) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const unlink = useUnlinkSingleSignOn();
  const nameOf = useAccountName();
  return (
    <Stack gap="sm" data-testid="unlink-sso-confirm">
      <Text size="sm">{t("users.unlinkBody", { name: nameOf(user) })}</Text>
      <Text size="sm" fw={500}>
        {user.hasPassword ? t("users.unlinkKeepsPassword") : t("users.unlinkNoPassword")}
      </Text>
      {unlink.isError && <FormProblem error={unlink.error} />}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" size="xs" onClick={onCancel}>
          {t("forms.cancel")}
        </Button>
        <Button
          color="red"
          size="xs"
          loading={unlink.isPending}
          onClick={() => unlink.mutate(user.id, { onSuccess: (unlinked) => unlinked && onUnlinked(unlinked) })}
          data-testid="confirm-unlink-sso"
        >
          {t("users.unlinkSingleSignOn")}
        </Button>
      </Group>
    </Stack>
  );
}

/** In the edit form: the account's single sign-on, and the way to unlink it. */
export function UnlinkSingleSignOn({ user, onUnlinked }: { user: User; onUnlinked: (user: User) => void }) {
  const { t } = useTranslation();
  const [isConfirming, setConfirming] = useState(false);
  return (
    <Paper withBorder radius="md" p="sm">
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          {t("app.labelValue", { label: t("users.columnSingleSignOn"), value: t("users.singleSignOnLinked") })}
        </Text>
        {!isConfirming && (
          <Button size="xs" variant="light" color="red" onClick={() => setConfirming(true)} data-testid="unlink-sso">
            {t("users.unlinkSingleSignOn")}
          </Button>
        )}
      </Group>
      {isConfirming && (
        <Stack mt="sm">
          <UnlinkConfirm
            user={user}
            onCancel={() => setConfirming(false)}
            onUnlinked={(unlinked) => {
              setConfirming(false);
              onUnlinked(unlinked);
            }}
          />
        </Stack>
      )}
    </Paper>
  );
}
