// The agenda: ordered items with their titles, rapporteur, time slot and the documents negotiated under them. Whoever
// leads the meeting adds, changes and removes items and adopts the agenda at the opening; after that every change is
// made by the chair (or the secretariat) with a reason, and the changes are listed.
import { Alert, Anchor, Button, Group, List, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { AgendaItemChangeRequestSchema, AgendaItemRequestSchema, type AgendaItem } from "../../../../contracts/meetings";
import { localTimeZone } from "../../../i18n/date-format";
import { useLocale } from "../../../i18n/use-locale";
import type { FieldMessages } from "../../../shared/forms/contract-form";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { FormLevelError } from "../../../shared/forms/use-contract-form";
import { ScrollableTable } from "../../../shared/table/ScrollableTable";
import tables from "../../../shared/table/tables.module.css";
import { useAddAgendaItem, useAdoptAgenda, useChangeAgendaItem } from "../meeting-commands";
import { formatInstantAt, formatSpan, instantToVenueLocal, venueLocalToInstant } from "../meeting-time";
import { useMeetingForm } from "../use-meeting-form";
import { useMeetingView } from "./meeting-context";
import { type LanguageValues, compactText, hasText, useLanguageFields } from "../language-fields";
import { DateTimeField } from "../../../shared/forms/DateFields";

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

interface ItemValues extends Record<string, unknown> {
  title: LanguageValues;
  rapporteur: string;
  start: string;
  end: string;
  reason: string;
}

function ItemForm({ item, onDone }: { item: AgendaItem | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { fields, empty, label } = useLanguageFields();
  const { meeting } = useMeetingView();
  const add = useAddAgendaItem(meeting.id);
  const change = useChangeAgendaItem(meeting.id);
  const mutation = item ? change : add;
  const isAdopted = meeting.agenda.adoptedAt !== null;
  const zone = meeting.timeZone;
  const local = (instant: string | null) => (instant && zone ? instantToVenueLocal(instant, zone) : "");
  const instant = (value: string) => (value === "" ? null : zone ? (venueLocalToInstant(value, zone) ?? value) : value);
  const { form, body, showServerErrors } = useMeetingForm({
    schema: item ? AgendaItemChangeRequestSchema : AgendaItemRequestSchema,
    initialValues: {
      title: { ...empty(), ...(item?.title ?? {}) },
      rapporteur: item?.rapporteur ?? "",
      start: local(item?.start ?? null),
      end: local(item?.end ?? null),
      reason: "",
    } as ItemValues,
    toBody: (values: ItemValues) => ({
      title: compactText(values.title),
      rapporteur: values.rapporteur.trim() === "" ? null : values.rapporteur,
      start: instant(values.start),
      end: instant(values.end),
      version: meeting.version,
      ...(isAdopted ? { reason: values.reason } : {}),
    }),
    check: (values): FieldMessages => ({
      ...(hasText(values.title) ? {} : { "title.en": { key: "meetings.agenda.titleRequired" } }),
      ...(isAdopted && values.reason.trim() === "" ? { reason: { key: "meetings.agenda.reasonRequired" } } : {}),
    }),
  });
  const submit = form.onSubmit((values) => {
    const request = body(values);
    const options = { onSuccess: onDone, onError: showServerErrors };
    if (item) change.mutate({ item: item.id, body: request }, options);
    else add.mutate(request as Parameters<typeof add.mutate>[0], options);
  });
  return (
    <form onSubmit={submit} noValidate data-testid="agenda-item-form">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          {fields.map(({ code, lang, dir }) => (
            <TextInput key={code} lang={lang} dir={dir} label={label(code, t("meetings.agenda.itemTitle"))} {...form.getInputProps(`title.${code}`)} data-testid={`agenda-title-${code}`} />
          ))}
        </SimpleGrid>
        <TextInput label={t("meetings.agenda.rapporteur")} {...form.getInputProps("rapporteur")} maw={420} />
        {zone && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <DateTimeField label={t("meetings.agenda.start")} description={t("meetings.atVenue", { zone })} {...form.getInputProps("start")} data-testid="agenda-start" />
            <DateTimeField label={t("meetings.agenda.end")} description={t("meetings.atVenue", { zone })} {...form.getInputProps("end")} data-testid="agenda-end" />
          </SimpleGrid>
        )}
        {isAdopted && <Textarea label={t("meetings.agenda.reason")} description={t("meetings.agenda.reasonHelp")} autosize minRows={2} {...form.getInputProps("reason")} data-testid="agenda-reason" />}
        <FormLevelError form={form} />
        <FormProblem error={mutation.error} form={form} labels={{ "title.en": t("meetings.agenda.itemTitle"), reason: t("meetings.agenda.reason") }} testId="agenda-problem" />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t("meetings.cancel")}
          </Button>
          <Button type="submit" loading={mutation.isPending} data-testid="submit-agenda-item">
            {item ? t("meetings.agenda.saveItem") : t("meetings.agenda.addItem")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RemoveItem({ item, onDone }: { item: AgendaItem; onDone: () => void }) {
  const { t } = useTranslation();
  const { meeting } = useMeetingView();
  const change = useChangeAgendaItem(meeting.id);
  const [reason, setReason] = useState("");
  const isAdopted = meeting.agenda.adoptedAt !== null;
  return (
    <Stack gap="xs" data-testid="remove-item-form">
      {isAdopted && <Textarea label={t("meetings.agenda.reason")} value={reason} onChange={(event) => setReason(event.currentTarget.value)} autosize minRows={2} />}
      <FormProblem error={change.error} testId="remove-problem" />
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onDone}>
          {t("meetings.cancel")}
        </Button>
        <Button
          color="red"
          loading={change.isPending}
          onClick={() => change.mutate({ item: item.id, body: { remove: true, version: meeting.version, ...(isAdopted ? { reason } : {}) } }, { onSuccess: onDone })}
          data-testid="confirm-remove-item"
        >
          {t("meetings.agenda.remove")}
        </Button>
      </Group>
    </Stack>
  );
}

function ItemCard({ item }: { item: AgendaItem }) {
  const { t } = useTranslation();
  const { text, language } = useLocale();
  const { meeting, abilities } = useMeetingView();
  const [mode, setMode] = useState<"view" | "edit" | "remove">("view");
  const slot = item.start && item.end && meeting.timeZone ? formatSpan(item.start, item.end, language, meeting.timeZone) : null;
  return (
    <Paper component="li" withBorder radius="md" p="sm" data-testid="agenda-item" data-item={item.id} style={{ listStyle: "none" }}>
      {mode === "edit" ? (
        <ItemForm item={item} onDone={() => setMode("view")} />
      ) : (
        <Stack gap={4}>
          <Text fw={650} style={{ overflowWrap: "anywhere" }}>
            {t("meetings.agenda.numbered", { number: item.number, title: text(item.title) })}
          </Text>
          {(item.rapporteur || slot) && (
            <Text size="sm" c="dimmed">
              {[item.rapporteur ? t("meetings.agenda.rapporteurIs", { name: item.rapporteur }) : null, slot].filter(Boolean).join(" · ")}
            </Text>
          )}
          {item.documents.length > 0 && (
            <List size="sm" spacing={2}>
              {item.documents.map((document) => (
                <List.Item key={document.id}>
                  <Anchor component={Link} to={`/negotiation/${encodeURIComponent(document.id)}`} size="sm">
                    {document.title ? text(document.title) : document.id}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          )}
          {mode === "remove" && <RemoveItem item={item} onDone={() => setMode("view")} />}
          {abilities.mayEditAgenda && mode === "view" && (
            <Group gap="xs" justify="flex-end">
              <Button size="xs" variant="subtle" onClick={() => setMode("edit")} data-testid="edit-item">
                {t("meetings.agenda.edit")}
              </Button>
              <Button size="xs" variant="subtle" color="red" onClick={() => setMode("remove")} data-testid="remove-item">
                {t("meetings.agenda.remove")}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Paper>
  );
}

function Changes() {
  const { t, i18n } = useTranslation();
  const { text, language } = useLocale();
  const { meeting, partyName } = useMeetingView();
  const titleOf = (id: string) => {
    const item = meeting.agenda.items.find((entry) => entry.id === id);
    return item ? t("meetings.agenda.numbered", { number: item.number, title: text(item.title) }) : id;
  };
  const changeName = (change: string) => (i18n.exists(`meetings.agenda.changeKinds.${change}`) ? t(`meetings.agenda.changeKinds.${change}`) : change);
  return (
    <Section title={t("meetings.agenda.changesTitle")} testId="agenda-changes">
      {meeting.agenda.changes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("meetings.agenda.noChanges")}
        </Text>
      ) : (
        <ScrollableTable label={t("meetings.agenda.changesTitle")} minWidth={620}>
          <Table verticalSpacing="xs" horizontalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("meetings.agenda.changeAt")}</Table.Th>
                <Table.Th scope="col">{t("meetings.agenda.changeItem")}</Table.Th>
                <Table.Th scope="col">{t("meetings.agenda.change")}</Table.Th>
                <Table.Th scope="col">{t("meetings.agenda.reason")}</Table.Th>
                <Table.Th scope="col">{t("meetings.agenda.changeBy")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {meeting.agenda.changes.map((change, index) => (
                <Table.Tr key={index} data-testid="agenda-change">
                  <Table.Td className={tables.nowrap}>{formatInstantAt(change.at, language, localTimeZone())}</Table.Td>
                  <Table.Td className={tables.prose}>{titleOf(change.item)}</Table.Td>
                  <Table.Td className={tables.nowrap}>{changeName(change.change)}</Table.Td>
                  <Table.Td className={tables.prose}>{change.reason ?? "—"}</Table.Td>
                  <Table.Td className={tables.name}>{change.by ? partyName(change.by) : t("meetings.agenda.secretariat")}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollableTable>
      )}
    </Section>
  );
}

export function AgendaPanel() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { meeting, abilities } = useMeetingView();
  const adopt = useAdoptAgenda(meeting.id);
  const [isAdding, setAdding] = useState(false);
  const { adoptedAt, items } = meeting.agenda;
  return (
    <Stack gap="md">
      {adoptedAt ? (
        <Alert color="green" variant="light" data-testid="agenda-adopted">
          {t("meetings.agenda.adoptedOn", { date: formatInstantAt(adoptedAt, language, localTimeZone()) })}
        </Alert>
      ) : (
        <Text size="sm" c="dimmed" data-testid="agenda-not-adopted">
          {t("meetings.agenda.notAdopted")}
        </Text>
      )}
      {items.length === 0 ? (
        <Text c="dimmed" data-testid="agenda-empty">
          {t("meetings.agenda.empty")}
        </Text>
      ) : (
        <Stack component="ol" gap="xs" p={0} m={0} data-testid="agenda">
          {items.map((item) => (
            <ItemCard key={`${item.id}-${item.version}`} item={item} />
          ))}
        </Stack>
      )}
      {abilities.mayEditAgenda && (
        <Group gap="sm">
          {!isAdding && (
            <Button variant="light" onClick={() => setAdding(true)} data-testid="add-agenda-item">
              {t("meetings.agenda.addItem")}
            </Button>
          )}
          {!adoptedAt && items.length > 0 && (
            <Button loading={adopt.isPending} onClick={() => adopt.mutate({ version: meeting.version })} data-testid="adopt-agenda">
              {t("meetings.agenda.adopt")}
            </Button>
          )}
        </Group>
      )}
      <FormProblem error={adopt.error} testId="adopt-problem" />
      {isAdding && (
        <Section title={t("meetings.agenda.addItem")} testId="add-item">
          <ItemForm item={null} onDone={() => setAdding(false)} />
        </Section>
      )}
      {adoptedAt && <Changes />}
    </Stack>
  );
}
