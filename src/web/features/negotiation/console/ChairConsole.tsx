// The chair's console: what stands between the text and adoption (in words), the next revision, who may read the draft,
// the silence procedure and adoption. Shown to the delegation chairing the body; the server decides anyway.
import { Alert, Button, Group, List, NativeSelect, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AdoptionRequestSchema, SilenceRequestSchema, VISIBILITIES, VisibilityRequestSchema } from "../../../../contracts/negotiation";
import { localTimeZone } from "../../../i18n/date-format";
import { useLocale } from "../../../i18n/use-locale";
import { FormProblem } from "../../../shared/forms/FormProblem";
import type { FieldMessages } from "../../../shared/forms/contract-form";
import { FormLevelError, useContractForm } from "../../../shared/forms/use-contract-form";
import { useAdoptDocument, useSetVisibility, useStartSilence } from "../negotiation-commands";
import { languageName } from "../negotiation-format";
import { mayUse, type NegotiationRight } from "../negotiation-roles";
import { blockerSentence } from "../room/blockers";
import { useRoom } from "../room/room-context";
import { DeadlineZones } from "./DeadlineZones";
import { instantToZonedLocal, zonedLocalToInstant } from "./deadline";
import { IssueRevisionForm } from "./IssueRevisionForm";
import { DateTimeField } from "../../../shared/forms/DateFields";
import { textDirection } from "../../../shared/core-rules";

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Paper component="section" withBorder radius="lg" p={{ base: "sm", sm: "md" }} aria-label={title} data-testid={testId}>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Blockers() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { document, partyName, provisionName } = useRoom();
  const list = (items: readonly string[]) => new Intl.ListFormat(language, { type: "conjunction" }).format(items);
  if (document.blockers.length === 0) {
    return (
      <Alert color="green" variant="light" data-testid="ready-for-adoption">
        {t("negotiation.blockers.none")}
      </Alert>
    );
  }
  return (
    <List size="sm" spacing={4} data-testid="blockers">
      {document.blockers.map((blocker) => (
        <List.Item key={blocker.code}>{blockerSentence(blocker, t, { provision: provisionName, party: partyName, list })}</List.Item>
      ))}
    </List>
  );
}

function VisibilityForm() {
  const { t } = useTranslation();
  const { document } = useRoom();
  const setVisibility = useSetVisibility(document.id);
  const { form, body, showServerErrors } = useContractForm({
    schema: VisibilityRequestSchema,
    initialValues: { visibility: document.visibility as string },
    toBody: (values: { visibility: string }) => ({ visibility: values.visibility, version: document.version }),
  });
  const submit = form.onSubmit((values) => setVisibility.mutate(body(values), { onError: showServerErrors }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Text size="sm">{t("negotiation.visibility.current", { visibility: t(`negotiation.visibility.${document.visibility}`) })}</Text>
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t("negotiation.visibility.label")}
            data={VISIBILITIES.map((value) => ({ value, label: t(`negotiation.visibility.${value}`) }))}
            {...form.getInputProps("visibility")}
            style={{ flex: "1 1 14rem" }}
            data-testid="visibility"
          />
          <Button type="submit" variant="light" loading={setVisibility.isPending} disabled={form.values.visibility === document.visibility} data-testid="submit-visibility">
            {t("negotiation.visibility.submit")}
          </Button>
        </Group>
        <FormLevelError form={form} />
        <FormProblem error={setVisibility.error} />
      </Stack>
    </form>
  );
}

const DAY = 24 * 60 * 60 * 1000;

function SilenceForm({ isReady }: { isReady: boolean }) {
  const { t } = useTranslation();
  const { document } = useRoom();
  const startSilence = useStartSilence(document.id);
  const [zone] = useState(localTimeZone);
  // A day from now, on the hour, in the reader's zone.
  const [suggested] = useState(() => instantToZonedLocal(new Date(Math.ceil((Date.now() + DAY) / 3_600_000) * 3_600_000), zone));
  const { form, body, showServerErrors } = useContractForm({
    schema: SilenceRequestSchema,
    initialValues: { deadline: suggested },
    toBody: (values: { deadline: string }) => ({ deadline: zonedLocalToInstant(values.deadline, zone) ?? undefined, version: document.version }),
    check: (values): FieldMessages => {
      const instant = zonedLocalToInstant(values.deadline, zone);
      if (!instant) return { deadline: { code: "required" } };
      return Date.parse(instant) <= Date.now() ? { deadline: { code: "deadline-in-past" } } : {};
    },
  });
  const submit = form.onSubmit((values) => startSilence.mutate(body(values), { onError: showServerErrors }));
  const instant = zonedLocalToInstant(form.values.deadline, zone);
  if (document.silence.state === "running") return <Text size="sm">{t("negotiation.silence.alreadyRunning")}</Text>;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Text size="sm">{t("negotiation.silence.startIntro")}</Text>
        <DateTimeField
          label={t("negotiation.silence.deadline")}
          description={t("negotiation.silence.deadlineZone", { zone })}
          {...form.getInputProps("deadline")}
          maw={320}
          data-testid="silence-deadline"
        />
        {instant && <DeadlineZones deadline={instant} />}
        {!isReady && (
          <Text size="sm" c="orange.8">
            {t("negotiation.silence.notReady")}
          </Text>
        )}
        <FormLevelError form={form} />
        <FormProblem error={startSilence.error} />
        <Group>
          <Button type="submit" color="violet" loading={startSilence.isPending} disabled={!isReady} data-testid="start-silence">
            {t("negotiation.silence.start")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AdoptionForm({ isReady }: { isReady: boolean }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { document } = useRoom();
  const adopt = useAdoptDocument(document.id);
  const initialPlace = Object.fromEntries(document.languages.map((code) => [code, document.place?.[code] ?? ""]));
  const { form, body, showServerErrors } = useContractForm({
    schema: AdoptionRequestSchema,
    initialValues: initialPlace,
    toBody: (values: Record<string, string>) => {
      const place = Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ""));
      return { version: document.version, place: Object.keys(place).length > 0 ? place : null };
    },
  });
  const submit = form.onSubmit((values) => adopt.mutate(body(values), { onError: showServerErrors }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Text size="sm">{isReady ? t("negotiation.adopt.intro") : t("negotiation.adopt.notReady")}</Text>
        <Group gap="sm" align="flex-start">
          {document.languages.map((code) => (
            <TextInput
              key={code}
              label={t("negotiation.adopt.place", { language: languageName(code, language) })}
              lang={code} dir={textDirection(code)}
              {...form.getInputProps(code)}
              error={form.errors[`place.${code}`]}
              style={{ flex: "1 1 12rem" }}
            />
          ))}
        </Group>
        <FormLevelError form={form} />
        <FormProblem error={adopt.error} />
        <Group>
          <Button type="submit" color="green" loading={adopt.isPending} disabled={!isReady} data-testid="adopt">
            {t("negotiation.adopt.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ChairConsole() {
  const { t } = useTranslation();
  const { document, permissions } = useRoom();
  const may = (right: NegotiationRight) => mayUse(permissions, right);
  const isReady = document.blockers.length === 0;
  const isNegotiating = document.status === "negotiation";
  return (
    <Stack gap="md" data-testid="chair-console">
      <Text size="sm" c="dimmed">
        {t("negotiation.console.intro")}
      </Text>
      <Section title={t("negotiation.console.blockers")} testId="console-blockers">
        <Blockers />
      </Section>
      {may("revision.issue") && isNegotiating && (
        <Section title={t("negotiation.console.revision")} testId="console-revision">
          <IssueRevisionForm />
        </Section>
      )}
      {may("document.visibility") && (
        <Section title={t("negotiation.console.visibility")} testId="console-visibility">
          <VisibilityForm />
        </Section>
      )}
      {may("silence.start") && (
        <Section title={t("negotiation.console.silence")} testId="console-silence">
          <SilenceForm isReady={isReady} />
        </Section>
      )}
      {may("document.adopt") && isNegotiating && (
        <Section title={t("negotiation.console.adoption")} testId="console-adoption">
          <AdoptionForm isReady={isReady} />
        </Section>
      )}
    </Stack>
  );
}
