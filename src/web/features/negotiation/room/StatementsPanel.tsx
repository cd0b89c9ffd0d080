// Statements of position: each member's recorded view on the document or one provision — an explanation of position
// before or after adoption, a reservation, an interpretative statement — in the language it chose, numbered, annexed to
// the record when the document is adopted (they never block adoption); a form for the reader's delegation to make one.
import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { STATEMENT_KINDS, StatementRequestSchema, type DocumentDto } from "../../../../contracts/negotiation";
import { useOrganizationLanguages } from "../../../shared/api/registry-queries";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { FormLevelError, useContractForm } from "../../../shared/forms/use-contract-form";
import { localTimeZone } from "../../../i18n/date-format";
import { useLocale } from "../../../i18n/use-locale";
import classes from "../Negotiation.module.css";
import { useMakeStatement } from "../negotiation-commands";
import { formatInstantIn, languageAttributes, languageName } from "../negotiation-format";
import { mayUse } from "../negotiation-roles";
import { ProvisionSelect } from "./AnnotationForm";
import { useRoom } from "./room-context";

/** The kinds a statement may be of now: an explanation of position is before adoption until the document is adopted. */
function kindsNow(isAdopted: boolean): (typeof STATEMENT_KINDS)[number][] {
  return STATEMENT_KINDS.filter((kind) => kind !== (isAdopted ? "explanation-before" : "explanation-after"));
}

export function StatementForm() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { document } = useRoom();
  const makeStatement = useMakeStatement(document.id);
  const languages = useOrganizationLanguages() ?? document.languages;
  const kinds = kindsNow(document.status === "adopted");
  const { form, body, showServerErrors } = useContractForm({
    schema: StatementRequestSchema,
    initialValues: { text: "", provision: "", kind: kinds[0]!, language: document.baseLanguage },
    toBody: (values: { text: string; provision: string; kind: string; language: string }) => ({
      text: values.text,
      provision: values.provision === "" ? null : values.provision,
      kind: values.kind,
      language: values.language,
    }),
  });
  const submit = form.onSubmit((values) => makeStatement.mutate(body(values), { onSuccess: () => form.reset(), onError: showServerErrors }));
  return (
    <form onSubmit={submit} noValidate aria-label={t("negotiation.statements.make")}>
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect label={t("negotiation.statements.kind")} data={kinds.map((kind) => ({ value: kind, label: t(`negotiation.statements.kinds.${kind}`) }))} {...form.getInputProps("kind")} data-testid="statement-kind" />
          <NativeSelect
            label={t("negotiation.statements.language")}
            data={languages.map((code) => ({ value: code, label: languageName(code, language, "label") }))}
            {...form.getInputProps("language")}
            data-testid="statement-language"
          />
        </SimpleGrid>
        <Textarea label={t("negotiation.statements.text")} autosize minRows={3} {...form.getInputProps("text")} {...languageAttributes(form.values.language)} data-testid="statement-text" />
        <Group align="flex-end" gap="sm">
          <ProvisionSelect input={form.getInputProps("provision")} />
          <Button type="submit" loading={makeStatement.isPending} data-testid="submit-statement">
            {t("negotiation.statements.make")}
          </Button>
        </Group>
        <FormLevelError form={form} />
        <FormProblem error={makeStatement.error} />
      </Stack>
    </form>
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
          <Text size="xs" c="dimmed" data-testid="statement-kind-label">
            {t("negotiation.statements.numbered", { number: statement.number, kind: t(`negotiation.statements.kinds.${statement.kind}`), language: languageName(statement.language, language) })}
          </Text>
          <Text size="sm" fw={600}>
            {statement.provision
              ? t("negotiation.statements.onProvision", { name: partyName(statement.delegation), provision: provisionName(statement.provision) })
              : t("negotiation.statements.onDocument", { name: partyName(statement.delegation) })}
          </Text>
          <Text size="xs" c="dimmed">
            {formatInstantIn(statement.at, language, localTimeZone())}
          </Text>
          <Text size="sm" mt={4} className={classes.quote} {...languageAttributes(statement.language)}>
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
