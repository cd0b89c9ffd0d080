// User accounts as a table (cards on a phone): name, email, role, delegation, whether active and linked to single sign-on, and an optional action per row.
import { Group, Paper, Table, Text, VisuallyHidden } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ActiveBadge } from "../ActiveBadge";
import classes from "../CardList.module.css";
import type { User } from "../../../../contracts/identity";
import { accountName } from "../../../shared/directory/account-name";

interface Props {
  readonly users: readonly User[];
  readonly delegationName: (code: string | null) => string;
  readonly showDelegation?: boolean;
  readonly caption: string;
  readonly action?: (user: User) => ReactNode;
  /** Shown beside "Linked" for an account linked to single sign-on (e.g. a button to unlink it). */
  readonly singleSignOnAction?: (user: User) => ReactNode;
  readonly testId?: string;
}

/** On a phone each account is a card: a table of seven columns would hide most of them off screen. */
function UserCards({ users, delegationName, showDelegation = true, caption, action, singleSignOnAction, testId = "users-table" }: Props) {
  const { t } = useTranslation();
  return (
    <ul className={classes.cards} aria-label={caption} data-testid={testId}>
      {users.map((user) => (
        <li key={user.id} className={classes.card} data-testid="user-row" data-email={user.email}>
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <div className={classes.cardText}>
              <Text fw={650}>{accountName(user, t, delegationName)}</Text>
              <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                {user.email}
              </Text>
            </div>
            {action && <div className={classes.cardAction}>{action(user)}</div>}
          </Group>
          <Text size="sm" mt={6}>
            {showDelegation
              ? t("account.roleOfDelegation", { role: t(`roles.${user.role}`), delegation: user.delegation ? delegationName(user.delegation) : t("users.secretariat") })
              : t(`roles.${user.role}`)}
          </Text>
          <Group gap="xs" mt={6}>
            <ActiveBadge isActive={user.isActive} />
            <Text size="xs" c="dimmed">
              {t("app.labelValue", { label: t("users.columnSingleSignOn"), value: user.hasSingleSignOn ? t("users.singleSignOnLinked") : t("users.singleSignOnNotLinked") })}
            </Text>
            {user.hasSingleSignOn && singleSignOnAction?.(user)}
          </Group>
        </li>
      ))}
    </ul>
  );
}

export function UsersTable(props: Props) {
  const isPhone = useMediaQuery("(max-width: 36em)");
  return isPhone ? <UserCards {...props} /> : <UserRows {...props} />;
}

function UserRows({ users, delegationName, showDelegation = true, caption, action, singleSignOnAction, testId = "users-table" }: Props) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="lg" p={0} style={{ overflow: "hidden" }}>
      <Table.ScrollContainer minWidth={showDelegation ? 860 : 680}>
        <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" aria-label={caption} data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("users.columnName")}</Table.Th>
              <Table.Th scope="col">{t("users.columnEmail")}</Table.Th>
              <Table.Th scope="col">{t("users.columnRole")}</Table.Th>
              {showDelegation && <Table.Th scope="col">{t("users.columnDelegation")}</Table.Th>}
              <Table.Th scope="col">{t("users.columnActive")}</Table.Th>
              <Table.Th scope="col">{t("users.columnSingleSignOn")}</Table.Th>
              {action && (
                <Table.Th scope="col">
                  <VisuallyHidden>{t("users.columnActions")}</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((user) => (
              <Table.Tr key={user.id} data-testid="user-row" data-email={user.email}>
                <Table.Th scope="row" fw={600}>
                  {accountName(user, t, delegationName)}
                </Table.Th>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                    {user.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`roles.${user.role}`)}</Text>
                </Table.Td>
                {showDelegation && (
                  <Table.Td>
                    <Text size="sm" c={user.delegation ? undefined : "dimmed"}>
                      {user.delegation ? delegationName(user.delegation) : t("users.secretariat")}
                    </Text>
                  </Table.Td>
                )}
                <Table.Td>
                  <ActiveBadge isActive={user.isActive} />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm" c={user.hasSingleSignOn ? undefined : "dimmed"}>
                      {user.hasSingleSignOn ? t("users.singleSignOnLinked") : t("users.singleSignOnNotLinked")}
                    </Text>
                    {user.hasSingleSignOn && singleSignOnAction?.(user)}
                  </Group>
                </Table.Td>
                {action && <Table.Td ta="right">{action(user)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
