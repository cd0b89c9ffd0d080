// Opening a negotiation: the document's title, kind, body and languages, and its zero draft (Rev.0) typed as paragraphs.
// A decision may be of a kind the organization's rules name (suspending a member…), which sets the rule it is decided by;
// the rule itself is never chosen here.
import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { CreateDocumentRequestSchema, DOCUMENT_KINDS } from "../../../../contracts/negotiation";
import type { Organization } from "../../../../contracts/registry";
import { dataLanguageOf } from "../../../i18n/language";
import { useLocale } from "../../../i18n/use-locale";
import type { FieldMessages } from "../../../shared/forms/contract-form";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { FormLevelError, useContractForm } from "../../../shared/forms/use-contract-form";
import { useCreateDocument } from "../negotiation-commands";
import { languageName } from "../negotiation-format";
import { zeroDraft } from "./zero-draft";
import { useBodies, useOrganization, useStatesToday } from "../../../shared/api/registry-queries";
import { memberStates, namesConcerned } from "../decision-rule";
import { DecisionSubjectFields } from "../DecisionSubjectFields";
import { GENERAL_SUBJECT, useSubjectChoices } from "../use-decision-rule";
import { usePartyNames } from "../use-party-names";
import { Loading } from "../../../shared/QueryFeedback";
import { organizationLanguages, textDirection } from "../../../shared/core-rules";

interface Values extends Record<string, unknown> {
  title: string;
  kind: string;
  body: string;
  baseLanguage: string;
  languages: string[];
  /** The kind of decision ("" for any other: the general rule). */
  subject: string;
  concerning: string;
  preambular: string;
  operative: string;
}

/** Kinds of decision the organization's rules name apply only to a decision (as the server checks). */
const SUBJECT_KIND = "decision";

/** The form, once the organization's languages are known: a document is negotiated in some of them. */
export function NewDocumentForm({ onDone }: { onDone: () => void }) {
  const organization = useOrganization().data;
  const reader = dataLanguageOf(useLocale().language);
  if (!organization) return <Loading />;
  // The base language proposed: the reader's when it is an official language, else the organization's first.
  const official = organization.officialLanguages;
  const base = official.includes(reader) ? reader : (official[0] ?? reader);
  return <DocumentForm onDone={onDone} languages={organizationLanguages(organization)} baseLanguage={base} organization={organization} />;
}

function DocumentForm({ onDone, languages, baseLanguage, organization }: { onDone: () => void; languages: readonly string[]; baseLanguage: string; organization: Organization }) {
  const { t } = useTranslation();
  const { text, language } = useLocale();
  const bodies = useBodies();
  const states = useStatesToday();
  const partyName = usePartyNames();
  const rules = organization.decisionRules;
  const choices = useSubjectChoices();
  const subjectOf = (values: Values) => (values.kind === SUBJECT_KIND && values.subject !== GENERAL_SUBJECT ? values.subject : null);
  const navigate = useNavigate();
  const create = useCreateDocument();
  const { form, body, showServerErrors } = useContractForm({
    schema: CreateDocumentRequestSchema,
    initialValues: { title: "", kind: "declaration", body: "", baseLanguage, languages: [...languages], subject: GENERAL_SUBJECT, concerning: "", preambular: "", operative: "" } as Values,
    toBody: (values: Values) => {
      const subject = subjectOf(values);
      return {
        title: { [values.baseLanguage]: values.title },
        kind: values.kind,
        body: values.body === "" ? undefined : values.body,
        baseLanguage: values.baseLanguage,
        languages: [...new Set([values.baseLanguage, ...values.languages])],
        subject: subject ?? undefined,
        concerning: namesConcerned(rules, subject) && values.concerning !== "" ? values.concerning : undefined,
        provisions: zeroDraft(values.preambular, values.operative, values.baseLanguage),
      };
    },
    check: (values): FieldMessages => (namesConcerned(rules, subjectOf(values)) && values.concerning === "" ? { concerning: { code: "required" } } : {}),
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
  const asksConcerned = namesConcerned(rules, subjectOf(form.values));
  const collator = new Intl.Collator(language);
  const members = memberStates(states.data?.items ?? [], organization.tiers)
    .map((state) => ({ value: state.code, label: partyName(state.code) }))
    .sort((a, b) => collator.compare(a.label, b.label));
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
        {form.values.kind === SUBJECT_KIND && rules.some((rule) => (rule.subjects ?? []).length > 0) && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <DecisionSubjectFields
              choices={choices}
              subject={form.values.subject}
              subjectInput={form.getInputProps("subject")}
              concerningInput={form.getInputProps("concerning")}
              asksConcerned={asksConcerned}
              members={members}
              testId="document"
            />
          </SimpleGrid>
        )}
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
