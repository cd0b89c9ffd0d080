// Convening a meeting (the secretariat): the body, the title in the organization's languages, the start and end as
// wall-clock times at the venue with the venue's IANA time zone, the format, the city and the host state. The server's
// refusals (an end before the start, an unknown zone…) are shown under their fields in the reader's language.
import { Button, Group, NativeSelect, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { CreateMeetingRequestSchema, MEETING_FORMATS } from "../../../../contracts/meetings";
import { localTimeZone } from "../../../i18n/date-format";
import { dataLanguageOf } from "../../../i18n/language";
import { useLocale } from "../../../i18n/use-locale";
import type { FieldMessages } from "../../../shared/forms/contract-form";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { FormLevelError } from "../../../shared/forms/use-contract-form";
import { useCreateMeeting } from "../meeting-commands";
import { formatSpan, timeZoneChoices, venueLocalToInstant, zoneOffsetName } from "../meeting-time";
import { useMeetingForm } from "../use-meeting-form";
import { type LanguageValues, compactText, hasText, useLanguageFields } from "../language-fields";
import { DateTimeField } from "../../../shared/forms/DateFields";
import { useBodies, useStatesToday } from "../../../shared/api/registry-queries";

interface Values extends Record<string, unknown> {
  body: string;
  number: string;
  title: LanguageValues;
  start: string;
  end: string;
  timeZone: string;
  format: (typeof MEETING_FORMATS)[number];
  city: LanguageValues;
  host: string;
  quota: number | string;
}

export function NewMeetingForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { text, language } = useLocale();
  const { fields, empty, label } = useLanguageFields();
  const bodies = useBodies();
  const states = useStatesToday();
  const navigate = useNavigate();
  const create = useCreateMeeting();
  const [readerZone] = useState(localTimeZone);
  // Offsets as they are when the form opens (a zone's offset changes with its summer time).
  const [openedAt] = useState(() => Date.now());
  const zones = useMemo(
    () => timeZoneChoices(readerZone).map((zone) => ({ value: zone, label: `${zone.replaceAll("_", " ")} (${zoneOffsetName(zone, language, openedAt)})` })),
    [readerZone, language, openedAt],
  );
  const ownTitleField = `title.${dataLanguageOf(language)}`;
  const { form, body, showServerErrors } = useMeetingForm({
    schema: CreateMeetingRequestSchema,
    initialValues: { body: "", number: "", title: empty(), start: "", end: "", timeZone: readerZone, format: "in_person", city: empty(), host: "", quota: "" } as Values,
    toBody: (values: Values) => ({
      body: values.body === "" ? undefined : values.body,
      number: values.number.trim() === "" ? undefined : values.number,
      title: compactText(values.title),
      start: values.start === "" ? undefined : (venueLocalToInstant(values.start, values.timeZone) ?? values.start),
      end: values.end === "" ? undefined : (venueLocalToInstant(values.end, values.timeZone) ?? values.end),
      timeZone: values.timeZone,
      format: values.format,
      city: hasText(values.city) ? compactText(values.city) : undefined,
      host: values.host === "" ? undefined : values.host,
      ...(values.quota === "" ? {} : { quota: Number(values.quota) }),
    }),
    check: (values): FieldMessages => (hasText(values.title) ? {} : { [ownTitleField]: { key: "meetings.create.titleRequired" } }),
  });
  const submit = form.onSubmit((values) =>
    create.mutate(body(values), {
      onSuccess: (meeting) => {
        onDone();
        if (meeting) void navigate(`/meetings/${encodeURIComponent(meeting.id)}`);
      },
      onError: showServerErrors,
    }),
  );
  const collator = new Intl.Collator(language);
  const stateOptions = (states.data?.items ?? []).map((state) => ({ value: state.code, label: text(state.names) })).sort((a, b) => collator.compare(a.label, b.label));
  const start = venueLocalToInstant(form.values.start, form.values.timeZone);
  const end = venueLocalToInstant(form.values.end, form.values.timeZone);
  const labels = {
    body: t("meetings.create.body"),
    [ownTitleField]: t("meetings.create.title"),
    start: t("meetings.create.start"),
    end: t("meetings.create.end"),
    timeZone: t("meetings.create.timeZone"),
    format: t("meetings.create.format"),
    host: t("meetings.create.host"),
  };
  return (
    <form onSubmit={submit} noValidate data-testid="new-meeting-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label={t("meetings.create.body")}
            data={[{ value: "", label: t("meetings.create.chooseBody"), disabled: true }, ...(bodies.data?.items ?? []).map((item) => ({ value: item.code, label: text(item.shortNames) }))]}
            {...form.getInputProps("body")}
            data-testid="meeting-body"
          />
          <TextInput label={t("meetings.create.number")} description={t("meetings.create.numberHelp")} {...form.getInputProps("number")} />
        </SimpleGrid>
        {fields.map(({ code, lang, dir }) => (
          <TextInput key={code} lang={lang} dir={dir} label={label(code, t("meetings.create.title"))} {...form.getInputProps(`title.${code}`)} data-testid={`meeting-title-${code}`} />
        ))}
        <Select
          label={t("meetings.create.timeZone")}
          description={t("meetings.create.timeZoneHelp")}
          data={zones}
          searchable
          limit={60}
          nothingFoundMessage={t("meetings.create.noZone")}
          allowDeselect={false}
          {...form.getInputProps("timeZone")}
          data-testid="meeting-zone"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <DateTimeField label={t("meetings.create.start")} description={t("meetings.atVenue", { zone: form.values.timeZone })} {...form.getInputProps("start")} data-testid="meeting-start" />
          <DateTimeField label={t("meetings.create.end")} description={t("meetings.atVenue", { zone: form.values.timeZone })} {...form.getInputProps("end")} data-testid="meeting-end" />
        </SimpleGrid>
        {start && end && Date.parse(end) > Date.parse(start) && form.values.timeZone !== readerZone && (
          <Text size="sm" c="dimmed" data-testid="meeting-your-time">
            {t("meetings.create.yourTime", { span: formatSpan(start, end, language, readerZone), zone: readerZone })}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect label={t("meetings.create.format")} data={MEETING_FORMATS.map((format) => ({ value: format, label: t(`meetings.format.${format}`) }))} {...form.getInputProps("format")} data-testid="meeting-format" />
          <NativeSelect label={t("meetings.create.host")} data={[{ value: "", label: t("meetings.create.noHost") }, ...stateOptions]} {...form.getInputProps("host")} data-testid="meeting-host" />
          <NumberInput label={t("meetings.create.quota")} description={t("meetings.create.quotaHelp")} min={1} max={10_000} allowDecimal={false} {...form.getInputProps("quota")} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {fields.map(({ code, lang, dir }) => (
            <TextInput key={code} lang={lang} dir={dir} label={label(code, t("meetings.create.city"))} {...form.getInputProps(`city.${code}`)} data-testid={`meeting-city-${code}`} />
          ))}
        </SimpleGrid>
        <FormLevelError form={form} />
        <FormProblem error={create.error} form={form} labels={labels} testId="new-meeting-problem" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("meetings.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="submit-meeting">
            {t("meetings.create.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
