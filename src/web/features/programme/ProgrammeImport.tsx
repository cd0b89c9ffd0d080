// Importing a term's programme from a spreadsheet: the file is checked first (each error named by its row and column, in
// the reader's language), then imported; an import replaces the events imported before, never the organization's own.
import { Alert, Anchor, Button, FileInput, Group, List, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProgrammeImportResult } from "../../../contracts/programme";
import type { FieldError } from "../../../contracts/problems";
import { programmeColumns, requiredColumns } from "../../shared/core-rules";
import { useOrganizationLanguages } from "../../shared/api/registry-queries";
import { useLocale } from "../../i18n/use-locale";
import { ApiProblem } from "../../shared/api/fetch-json";
import { problemMessage } from "../../shared/api/problem-message";
import { cellPlace, cellProblem } from "./programme-format";
import { programmeKey, useSendSpreadsheet } from "./programme-queries";

type Outcome =
  | { readonly kind: "checked"; readonly result: ProgrammeImportResult }
  | { readonly kind: "imported"; readonly result: ProgrammeImportResult }
  | { readonly kind: "refused"; readonly errors: readonly FieldError[]; readonly message: string }
  | { readonly kind: "failed"; readonly message: string };

/** `templateBase`: the programme's export address, whose CSV and XLSX of a term with no events are the columns alone. */
export function ProgrammeImport({ term, templateBase }: { term: string; templateBase: string }) {
  const { t } = useTranslation();
  // The columns follow the organization's languages: a title, city and organizer column per language.
  const languages = useOrganizationLanguages() ?? [];
  const columns = programmeColumns(languages);
  const required = requiredColumns(languages);
  const { count } = useLocale();
  const queryClient = useQueryClient();
  const sendSpreadsheet = useSendSpreadsheet();
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [isBusy, setBusy] = useState(false);

  async function send(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    try {
      const result = await sendSpreadsheet(term, file, { dryRun });
      setOutcome({ kind: dryRun ? "checked" : "imported", result });
      if (!dryRun) await queryClient.invalidateQueries({ queryKey: programmeKey(term) });
    } catch (error) {
      const errors = error instanceof ApiProblem ? (error.problem?.errors ?? []) : [];
      if (error instanceof ApiProblem && errors.length > 0) setOutcome({ kind: "refused", errors, message: problemMessage(error, t) });
      else setOutcome({ kind: "failed", message: problemMessage(error, t) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="sm" data-testid="programme-import">
      <Title order={2} size="h3" id="import-heading">
        {t("programme.import.heading")}
      </Title>
      <Text size="sm">{t("programme.import.intro")}</Text>
      <Text size="xs" c="dimmed">
        {t("programme.import.columns", { required: required.join(", "), optional: columns.filter((c) => !required.includes(c)).join(", ") })}
      </Text>
      <Group gap="md" data-testid="programme-template">
        <Text size="sm" fw={600}>
          {t("programme.import.template")}
        </Text>
        <Anchor href={`${templateBase}.csv?template=true`} size="sm" data-testid="template-csv">
          {t("programme.export.csv")}
        </Anchor>
        <Anchor href={`${templateBase}.xlsx?template=true`} size="sm" data-testid="template-xlsx">
          {t("programme.export.xlsx")}
        </Anchor>
      </Group>
      <FileInput
        label={t("programme.import.file")}
        placeholder={t("programme.import.choose")}
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        value={file}
        onChange={(chosen) => {
          setFile(chosen);
          setOutcome(null);
        }}
        clearable
        maw={480}
        data-testid="import-file"
      />
      <Group gap="sm">
        <Button variant="light" disabled={!file} loading={isBusy && outcome?.kind !== "checked"} onClick={() => void send(true)} data-testid="import-check">
          {t("programme.import.check")}
        </Button>
        <Button disabled={!file || outcome?.kind !== "checked"} loading={isBusy && outcome?.kind === "checked"} onClick={() => void send(false)} data-testid="import-submit">
          {t("programme.import.submit")}
        </Button>
      </Group>

      {outcome?.kind === "checked" && (
        <Alert color="teal" variant="light" data-testid="import-valid">
          <Text size="sm">{t("programme.import.valid", { count: outcome.result.events })}</Text>
          <Text size="sm">{t("programme.import.replaces", { count: outcome.result.replaced })}</Text>
        </Alert>
      )}
      {outcome?.kind === "imported" && (
        <Alert color="teal" variant="light" role="status" data-testid="import-done">
          <Text size="sm">{t("programme.import.done", { count: outcome.result.events })}</Text>
        </Alert>
      )}
      {outcome?.kind === "failed" && (
        <Alert color="red" variant="light" role="alert" data-testid="import-failed">
          <Text size="sm">{outcome.message}</Text>
        </Alert>
      )}
      {outcome?.kind === "refused" && (
        <Alert color="red" variant="light" role="alert" title={outcome.message} data-testid="import-errors">
          <Text size="sm" mb="xs">
            {t("programme.import.errorCount", { count: outcome.errors.length })}
          </Text>
          <Stack gap={6} component="ul" aria-label={t("programme.import.errorsLabel")} style={{ listStyle: "none", margin: 0, padding: 0 }}>
            {outcome.errors.map((error, index) => (
              <li key={`${error.field}-${index}`} data-testid="import-error">
                <Text size="sm" fw={600} data-testid="import-error-place">
                  {cellPlace(error.field, t)}
                </Text>
                <Text size="sm" data-testid="import-error-problem">
                  {cellProblem(error, t, count)}
                </Text>
              </li>
            ))}
          </Stack>
        </Alert>
      )}
      <List size="xs" c="dimmed" spacing={2}>
        <List.Item>{t("programme.import.noteDates")}</List.Item>
        <List.Item>{t("programme.import.noteCodes")}</List.Item>
      </List>
    </Stack>
  );
}
