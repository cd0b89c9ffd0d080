// Statements of position: each member's recorded view on the document or one provision, annexed to the record when
// the document is adopted (they never block adoption); a form for the reader's delegation to make one.
import { Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { StatementRequestSchema, type DocumentDto } from "../../../../contracts/negotiation";
import { localTimeZone } from "../../../i18n/date-format";
import { useLocale } from "../../../i18n/use-locale";
import classes from "../Negotiation.module.css";
import { useMakeStatement } from "../negotiation-commands";
import { formatInstantIn } from "../negotiation-format";
import { mayUse } from "../negotiation-roles";
import { AnnotationForm } from "./AnnotationForm";
import { useRoom } from "./room-context";

function StatementForm() {
  const { t } = useTranslation();
  const { document } = useRoom();
  const makeStatement = useMakeStatement(document.id);
  return (
    <AnnotationForm schema={StatementRequestSchema} send={makeStatement} textLabel={t("negotiation.statements.text")} submitLabel={t("negotiation.statements.make")} minRows={3} name="statement" />
  );
}

/** The statements as a list: by whom, about what, when, and what they say. */
export function StatementList({ statements }: { statements: DocumentDto["statements"] }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { partyName, provisionName } = useRoom();
  if (statements.length === 0) return <Text c="dimmed">{t("negotiation.statements.none")}</Text>;
  return (
    <Stack gap="sm" component="ol" m={0} p={0} style={{ listStyle: "none" }} data-testid="statements">
      {statements.map((statement) => (
        <Paper key={statement.id} component="li" withBorder radius="md" p="sm">
          <Text size="sm" fw={600}>
            {statement.provision
              ? t("negotiation.statements.onProvision", { name: partyName(statement.delegation), provision: provisionName(statement.provision) })
              : t("negotiation.statements.onDocument", { name: partyName(statement.delegation) })}
          </Text>
          <Text size="xs" c="dimmed">
            {formatInstantIn(statement.at, language, localTimeZone())}
          </Text>
          <Text size="sm" mt={4} className={classes.quote}>
            {statement.text}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}

export function StatementsPanel() {
  const { t } = useTranslation();
  const { document, delegation, permissions } = useRoom();
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t("negotiation.statements.intro")}
      </Text>
      {delegation !== null && mayUse(permissions, "statement.create") && document.status !== "adopted" && (
        <Paper withBorder radius="lg" p={{ base: "sm", sm: "md" }}>
          <StatementForm />
        </Paper>
      )}
      <StatementList statements={document.statements} />
    </Stack>
  );
}
