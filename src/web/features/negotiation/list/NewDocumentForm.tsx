// Opening a negotiation: the document's title, kind, body and languages, and its zero draft (Rev.0) typed as paragraphs.
import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { CreateDocumentRequestSchema, DOCUMENT_KINDS } from "../../../../contracts/negotiation";
import { dataLanguageOf } from "../../../i18n/language";
import { useLocale } from "../../../i18n/use-locale";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { FormLevelError, useContractForm } from "../../../shared/forms/use-contract-form";
import { useCreateDocument } from "../negotiation-commands";
import { languageName } from "../negotiation-format";
import { zeroDraft } from "./zero-draft";
import { useBodies, useOrganization } from "../../../shared/api/registry-queries";
import { Loading } from "../../../shared/QueryFeedback";
import { organizationLanguages, textDirection } from "../../../shared/core-rules";

interface Values extends Record<string, unknown> {
  title: string;
  kind: string;
  body: string;
  baseLanguage: string;
  languages: string[];
  preambular: string;
  operative: string;
}

/** The form, once the organization's languages are known: a document is negotiated in some of them. */
export function NewDocumentForm({ onDone }: { onDone: () => void }) {
  const organization = useOrganization().data;
  const reader = dataLanguageOf(useLocale().language);
  if (!organization) return <Loading />;
  // The base language proposed: the reader's when it is an official language, else the organization's first.
  const official = organization.officialLanguages;
  const base = official.includes(reader) ? reader : (official[0] ?? reader);
  return <DocumentForm onDone={onDone} languages={organizationLanguages(organization)} baseLanguage={base} />;
}

function DocumentForm({ onDone, languages, baseLanguage }: { onDone: () => void; languages: readonly string[]; baseLanguage: string }) {
  const { t } = useTranslation();
  const { text, language } = useLocale();
  const bodies = useBodies();
  const navigate = useNavigate();
  const create = useCreateDocument();
  const { form, body, showServerErrors } = useContractForm({
    schema: CreateDocumentRequestSchema,
    initialValues: { title: "", kind: "declaration", body: "", baseLanguage, languages: [...languages], preambular: "", operative: "" } as Values,
    toBody: (values: Values) => ({
      title: { [values.baseLanguage]: values.title },
      kind: values.kind,
      body: values.body === "" ? undefined : values.body,
      baseLanguage: values.baseLanguage,
      languages: [...new Set([values.baseLanguage, ...values.languages])],
      provisions: zeroDraft(values.preambular, values.operative, values.baseLanguage),
    }),
  });
  const submit = form.onSubmit((values) =>
    create.mutate(body(values), {
      onSuccess: (document) => {
        onDone();
        if (document) void navigate(`/negotiation/${encodeURIComponent(document.id)}`);
      },
      onError: showServerErrors,
    }),
  );
  const bodyOptions = (bodies.data?.items ?? []).map((item) => ({ value: item.code, label: text(item.shortNames) }));
  return (
    <form onSubmit={submit} noValidate data-testid="new-document-form">
      <Stack gap="sm">
        <TextInput label={t("negotiation.create.title")} lang={form.values.baseLanguage} dir={textDirection(form.values.baseLanguage)} {...form.getInputProps("title")} error={form.errors[`title.${form.values.baseLanguage}`]} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect label={t("negotiation.create.kind")} data={DOCUMENT_KINDS.map((kind) => ({ value: kind, label: t(`negotiation.kinds.${kind}`) }))} {...form.getInputProps("kind")} />
          <NativeSelect label={t("negotiation.create.body")} data={[{ value: "", label: t("negotiation.create.chooseBody"), disabled: true }, ...bodyOptions]} {...form.getInputProps("body")} />
          <NativeSelect
            label={t("negotiation.create.baseLanguage")}
            data={languages.map((code) => ({ value: code, label: languageName(code, language, "label") }))}
            {...form.getInputProps("baseLanguage")}
          />
        </SimpleGrid>
        <Checkbox.Group label={t("negotiation.create.languages")} {...form.getInputProps("languages")}>
          <Group gap="md" mt={4}>
            {languages.map((code) => (
              <Checkbox key={code} value={code} label={languageName(code, language, "label")} />
            ))}
          </Group>
        </Checkbox.Group>
        <Textarea label={t("negotiation.create.preambular")} description={t("negotiation.create.paragraphHelp")} autosize minRows={3} lang={form.values.baseLanguage} dir={textDirection(form.values.baseLanguage)} {...form.getInputProps("preambular")} />
        <Textarea label={t("negotiation.create.operative")} description={t("negotiation.create.paragraphHelp")} autosize minRows={5} lang={form.values.baseLanguage} dir={textDirection(form.values.baseLanguage)} {...form.getInputProps("operative")} />
        <FormLevelError form={form} />
        <FormProblem error={create.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("forms.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="submit-document">
            {t("negotiation.create.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
