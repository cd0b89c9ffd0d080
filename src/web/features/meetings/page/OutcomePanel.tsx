// What the meeting produced: the documents adopted at it (number and title) and who attended. The secretariat records
// them; documents adopted through Concord's negotiation are listed by themselves.
import { ActionIcon, Anchor, Button, Checkbox, Group, List, Paper, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { OutcomeRequestSchema } from "../../../../contracts/meetings";
import { useLocale } from "../../../i18n/use-locale";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { FormLevelError } from "../../../shared/forms/use-contract-form";
import { useRecordOutcome } from "../meeting-commands";
import { sortInvitations } from "../meeting-groups";
import { useMeetingForm } from "../use-meeting-form";
import { useMeetingView } from "./meeting-context";
import { type LanguageValues, compactText, useLanguageFields } from "../language-fields";

interface OutcomeValues extends Record<string, unknown> {
  attendance: string[];
  documents: { number: string; title: LanguageValues }[];
}

function OutcomeForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { fields, empty, label } = useLanguageFields();
  const { language } = useLocale();
  const { meeting, partyName } = useMeetingView();
  const record = useRecordOutcome(meeting.id);
  const recorded = meeting.outcome.documents.filter((document) => document.id === null);
  const { form, body, showServerErrors } = useMeetingForm({
    schema: OutcomeRequestSchema,
    initialValues: {
      attendance: [...meeting.outcome.attendance],
      documents: recorded.map((document) => ({ number: document.number ?? "", title: { ...empty(), ...document.title } })),
    } as OutcomeValues,
    toBody: (values: OutcomeValues) => ({
      version: meeting.version,
      attendance: values.attendance,
      documents: values.documents.map((document) => ({ number: document.number, title: compactText(document.title) })),
    }),
  });
  const submit = form.onSubmit((values) => record.mutate(body(values), { onSuccess: onDone, onError: showServerErrors }));
  const invited = sortInvitations(meeting.invitations, partyName, language);
  return (
    <form onSubmit={submit} noValidate data-testid="outcome-form">
      <Stack gap="md">
        <Checkbox.Group label={t("meetings.outcome.attendance")} {...form.getInputProps("attendance")}>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing={6} mt={6}>
            {invited.map((invitation) => (
              <Checkbox key={invitation.party.code} value={invitation.party.code} label={partyName(invitation.party.code)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t("meetings.outcome.documents")}
          </Text>
          {form.values.documents.map((_, index) => (
            <Paper key={index} withBorder radius="md" p="sm">
              <Group justify="space-between" wrap="nowrap" mb={4}>
                <TextInput label={t("meetings.outcome.number")} {...form.getInputProps(`documents.${index}.number`)} maw={220} />
                <ActionIcon variant="subtle" color="red" aria-label={t("meetings.outcome.removeDocument")} onClick={() => form.removeListItem("documents", index)}>
                  <span aria-hidden="true">✕</span>
                </ActionIcon>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                {fields.map(({ code, lang, dir }) => (
                  <TextInput key={code} lang={lang} dir={dir} label={label(code, t("meetings.outcome.title"))} {...form.getInputProps(`documents.${index}.title.${code}`)} />
                ))}
              </SimpleGrid>
            </Paper>
          ))}
          <Group>
            <Button variant="subtle" onClick={() => form.insertListItem("documents", { number: "", title: empty() })}>
              {t("meetings.outcome.addDocument")}
            </Button>
          </Group>
        </Stack>
        <FormLevelError form={form} />
        <FormProblem error={record.error} testId="outcome-problem" />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t("meetings.cancel")}
          </Button>
          <Button type="submit" loading={record.isPending} data-testid="submit-outcome">
            {t("meetings.outcome.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function OutcomePanel() {
  const { t } = useTranslation();
  const { text, language } = useLocale();
  const { meeting, partyName, abilities } = useMeetingView();
  const [isEditing, setEditing] = useState(false);
  const { documents, attendance } = meeting.outcome;
  const collator = new Intl.Collator(language);
  const present = [...attendance].sort((a, b) => collator.compare(partyName(a), partyName(b)));
  return (
    <Stack gap="md">
      <Paper component="section" withBorder radius="lg" p={{ base: "sm", sm: "md" }} aria-label={t("meetings.outcome.documents")} data-testid="outcome-documents">
        <Title order={2} size="h4" mb="xs">
          {t("meetings.outcome.documents")}
        </Title>
        {documents.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("meetings.outcome.noDocuments")}
          </Text>
        ) : (
          <List size="sm" spacing={4}>
            {documents.map((document, index) => (
              <List.Item key={document.id ?? index}>
                {document.number && (
                  <Text span fw={600}>
                    {document.number}{" "}
                  </Text>
                )}
                {document.id ? (
                  <Anchor component={Link} to={`/negotiation/${encodeURIComponent(document.id)}`} size="sm">
                    {text(document.title)}
                  </Anchor>
                ) : (
                  text(document.title)
                )}
              </List.Item>
            ))}
          </List>
        )}
      </Paper>
      <Paper component="section" withBorder radius="lg" p={{ base: "sm", sm: "md" }} aria-label={t("meetings.outcome.attendance")} data-testid="outcome-attendance">
        <Title order={2} size="h4" mb="xs">
          {t("meetings.outcome.attendanceCount", { count: present.length })}
        </Title>
        {present.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("meetings.outcome.noAttendance")}
          </Text>
        ) : (
          <Text size="sm">{new Intl.ListFormat(language, { type: "conjunction" }).format(present.map(partyName))}</Text>
        )}
      </Paper>
      {abilities.mayRecordOutcome &&
        (isEditing ? (
          <OutcomeForm onDone={() => setEditing(false)} />
        ) : (
          <Group>
            <Button variant="light" onClick={() => setEditing(true)} data-testid="edit-outcome">
              {t("meetings.outcome.edit")}
            </Button>
          </Group>
        ))}
    </Stack>
  );
}
