// Accreditation: a delegation's head submits its delegates (a name in the languages given, a function, a rank) within
// its quota; the secretariat approves a list or returns it with a reason; approved delegates have their badges, which the
// secretariat revokes (with a reason) or reissues. The lists of participants are downloaded from here.
import { ActionIcon, Alert, Anchor, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AccreditationRequestSchema, BADGE_REVOCATION_REASONS, RANKS, type AccreditationListView } from "../../../../contracts/meetings";
import { localTimeZone } from "../../../i18n/date-format";
import { useLocale } from "../../../i18n/use-locale";
import { dataLanguageOf } from "../../../i18n/language";
import type { FieldMessages } from "../../../shared/forms/contract-form";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { FormLevelError } from "../../../shared/forms/use-contract-form";
import { ScrollableTable } from "../../../shared/table/ScrollableTable";
import tables from "../../../shared/table/tables.module.css";
import { ListStateBadge } from "../badges";
import { FormModal } from "../../../shared/forms/FormModal";
import { useDecideAccreditation, useEditAccreditation, useReissueBadge, useRevokeBadge, useSubmitAccreditation } from "../meeting-commands";
import { badgeUrl, meetingFileUrl } from "../meeting-queries";
import { formatInstantAt } from "../meeting-time";
import { duplicateDelegates, quotaRefusal } from "../meeting-problems";
import { useMeetingForm } from "../use-meeting-form";
import { useMeetingView } from "./meeting-context";
import { type LanguageValues, compactText, hasText, useLanguageFields } from "../language-fields";

type Rank = (typeof RANKS)[number];

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

/** Every language a name was given in, the reader's first: "王毅 / Ван И / Wang Yi". */
function allLanguages(text: Readonly<Record<string, string>>, first: string): string {
  const values = [text[first], ...Object.entries(text).filter(([language]) => language !== first).map(([, value]) => value)];
  return [...new Set(values.filter((value): value is string => Boolean(value)))].join(" / ");
}

function ExportLinks() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { meeting } = useMeetingView();
  const files = [
    { file: "participants.pdf", label: t("meetings.accreditation.exportPdf") },
    { file: "participants.csv", label: t("meetings.accreditation.exportCsv") },
    { file: "participants.xlsx", label: t("meetings.accreditation.exportXlsx") },
  ];
  return (
    <Group gap="md" data-testid="participant-exports">
      <Text size="sm" fw={600}>
        {t("meetings.label", { label: t("meetings.accreditation.exports") })}
      </Text>
      {files.map(({ file, label }) => (
        <Anchor key={file} href={meetingFileUrl(meeting.id, file, dataLanguageOf(language))} size="sm" data-testid={`export-${file.split(".")[1]}`}>
          {label}
        </Anchor>
      ))}
    </Group>
  );
}

interface DelegateValues {
  name: LanguageValues;
  function: LanguageValues;
  rank: Rank;
}

interface ListValues extends Record<string, unknown> {
  delegates: DelegateValues[];
}

const emptyDelegate = (empty: () => LanguageValues): DelegateValues => ({ name: empty(), function: empty(), rank: "adviser" });

function toValues(list: AccreditationListView | null, empty: () => LanguageValues): ListValues {
  if (!list) return { delegates: [emptyDelegate(empty)] };
  return {
    delegates: list.delegates.map((delegate) => ({
      name: { ...empty(), ...delegate.name },
      function: { ...empty(), ...delegate.function },
      rank: delegate.rank,
    })),
  };
}

function DelegatesForm({ list, onDone }: { list: AccreditationListView | null; onDone?: () => void }) {
  const { t } = useTranslation();
  const { fields, empty, label } = useLanguageFields();
  const { meeting } = useMeetingView();
  const create = useSubmitAccreditation(meeting.id);
  const edit = useEditAccreditation(meeting.id);
  const mutation = list ? edit : create;
  const quota = quotaRefusal(mutation.error);
  // Which button sent the form: "submit" (for accreditation at once) or "draft".
  const [sentAs, setSentAs] = useState<"submit" | "draft">("submit");
  const { form, body, showServerErrors } = useMeetingForm({
    schema: AccreditationRequestSchema,
    initialValues: toValues(list, empty),
    toBody: (values: ListValues) => ({
      delegates: values.delegates.map((delegate) => ({ name: compactText(delegate.name), function: compactText(delegate.function), rank: delegate.rank })),
    }),
    check: (values): FieldMessages =>
      Object.fromEntries(values.delegates.flatMap((delegate, index) => (hasText(delegate.name) ? [] : [[`delegates.${index}.name`, { key: "meetings.accreditation.nameRequired" }]]))),
  });
  const submit = form.onSubmit((values, event) => {
    const mode = (event?.nativeEvent as SubmitEvent | undefined)?.submitter?.dataset.mode === "draft" ? "draft" : "submit";
    setSentAs(mode);
    const request = { ...body(values), submit: mode === "submit" };
    const options = {
      onSuccess: () => {
        if (!list) form.setValues({ delegates: [emptyDelegate(empty)] });
        onDone?.();
      },
      onError: (error: unknown) => {
        showServerErrors(error);
        // A person already accredited: marked on their own row.
        for (const index of duplicateDelegates(error)) form.setFieldError(`delegates.${index}.name`, t("problems.codes.already-accredited"));
      },
    };
    if (list) edit.mutate({ list: list.id, body: { ...request, version: list.version } }, options);
    else create.mutate(request, options);
  });
  return (
    <form onSubmit={submit} noValidate data-testid="delegates-form">
      <Stack gap="md">
        {form.values.delegates.map((_, index) => (
          <Paper key={index} withBorder radius="md" p="sm" data-testid="delegate-row">
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600} size="sm">
                  {t("meetings.accreditation.delegateNumber", { number: index + 1 })}
                </Text>
                {form.values.delegates.length > 1 && (
                  <ActionIcon variant="subtle" color="red" aria-label={t("meetings.accreditation.removeDelegate", { number: index + 1 })} onClick={() => form.removeListItem("delegates", index)}>
                    <span aria-hidden="true">✕</span>
                  </ActionIcon>
                )}
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                {fields.map(({ code, lang, dir }) => (
                  <TextInput
                    key={code}
                    lang={lang} dir={dir}
                    label={label(code, t("meetings.accreditation.name"))}
                    {...form.getInputProps(`delegates.${index}.name.${code}`)}
                    data-testid={`delegate-name-${code}`}
                  />
                ))}
              </SimpleGrid>
              {form.errors[`delegates.${index}.name`] && (
                <Text size="sm" c="red.7" role="alert" data-testid="delegate-name-problem">
                  {form.errors[`delegates.${index}.name`]}
                </Text>
              )}
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                {fields.map(({ code, lang, dir }) => (
                  <TextInput
                    key={code}
                    lang={lang} dir={dir}
                    label={label(code, t("meetings.accreditation.function"))}
                    {...form.getInputProps(`delegates.${index}.function.${code}`)}
                    data-testid={`delegate-function-${code}`}
                  />
                ))}
              </SimpleGrid>
              <NativeSelect
                label={t("meetings.accreditation.rank")}
                data={RANKS.map((rank) => ({ value: rank, label: t(`meetings.rank.${rank}`) }))}
                {...form.getInputProps(`delegates.${index}.rank`)}
                maw={360}
                data-testid="delegate-rank"
              />
            </Stack>
          </Paper>
        ))}
        <Group>
          <Button variant="subtle" onClick={() => form.insertListItem("delegates", emptyDelegate(empty))} data-testid="add-delegate">
            {t("meetings.accreditation.addDelegate")}
          </Button>
        </Group>
        <FormLevelError form={form} />
        {quota ? (
          <Alert color="red" variant="light" role="alert" data-testid="accreditation-problem">
            {t("meetings.accreditation.quotaExceeded", { count: quota.available, quota: quota.quota, held: quota.held })}
          </Alert>
        ) : (
          <FormProblem error={mutation.error} testId="accreditation-problem" />
        )}
        <Group justify="flex-end" gap="sm">
          {onDone && (
            <Button variant="default" onClick={onDone}>
              {t("meetings.cancel")}
            </Button>
          )}
          <Button type="submit" variant="default" loading={mutation.isPending && sentAs === "draft"} data-mode="draft" data-testid="save-draft">
            {t("meetings.accreditation.saveDraft")}
          </Button>
          <Button type="submit" loading={mutation.isPending && sentAs === "submit"} data-mode="submit" data-testid="submit-delegates">
            {t("meetings.accreditation.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Decision({ list }: { list: AccreditationListView }) {
  const { t } = useTranslation();
  const { meeting } = useMeetingView();
  const decide = useDecideAccreditation(meeting.id);
  const [isReturning, setReturning] = useState(false);
  const [reason, setReason] = useState("");
  return (
    <Stack gap="xs">
      {isReturning && (
        <Textarea label={t("meetings.accreditation.returnReason")} value={reason} onChange={(event) => setReason(event.currentTarget.value)} autosize minRows={2} data-testid="return-reason" />
      )}
      <FormProblem error={decide.error} testId="decision-problem" />
      <Group gap="sm" justify="flex-end">
        {isReturning ? (
          <>
            <Button variant="default" onClick={() => setReturning(false)}>
              {t("meetings.cancel")}
            </Button>
            <Button color="orange" loading={decide.isPending} onClick={() => decide.mutate({ list: list.id, body: { decision: "return", reason, version: list.version } })} data-testid="confirm-return">
              {t("meetings.accreditation.return")}
            </Button>
          </>
        ) : (
          <>
            <Button variant="light" color="orange" onClick={() => setReturning(true)} data-testid="return-list">
              {t("meetings.accreditation.returnWithReason")}
            </Button>
            <Button color="green" loading={decide.isPending} onClick={() => decide.mutate({ list: list.id, body: { decision: "approve", version: list.version } })} data-testid="approve-list">
              {t("meetings.accreditation.approve")}
            </Button>
          </>
        )}
      </Group>
    </Stack>
  );
}

type Delegate = AccreditationListView["delegates"][number];
/** The reasons the secretariat chooses from (a badge is revoked as "reissued" only by reissuing it). */
const REVOCATION_CHOICES = BADGE_REVOCATION_REASONS.filter((reason) => reason !== "reissued");

/** What the secretariat does with one badge: revoke it (saying why) or reissue it, each after a confirmation. */
function BadgeActions({ delegate, name }: { delegate: Delegate; name: string }) {
  const { t } = useTranslation();
  const { meeting } = useMeetingView();
  const revoke = useRevokeBadge(meeting.id);
  const reissue = useReissueBadge(meeting.id);
  const [dialog, setDialog] = useState<"revoke" | "reissue" | null>(null);
  const [reason, setReason] = useState<string>("");
  const token = delegate.badge;
  if (!token) return null;
  const close = () => {
    setDialog(null);
    setReason("");
    revoke.reset();
    reissue.reset();
  };
  return (
    <>
      <Group gap={6} wrap="nowrap">
        {!delegate.revocation && (
          <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDialog("revoke")} data-testid="revoke-badge">
            {t("meetings.badges.revoke")}
          </Button>
        )}
        <Button size="compact-xs" variant="subtle" onClick={() => setDialog("reissue")} data-testid="reissue-badge">
          {t("meetings.badges.reissue")}
        </Button>
      </Group>
      <FormModal opened={dialog === "revoke"} onClose={close} title={t("meetings.badges.revokeTitle", { name })}>
        <Stack gap="sm">
          <Text size="sm">{t("meetings.badges.revokeExplain")}</Text>
          <NativeSelect
            label={t("meetings.badges.reason")}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            data={[{ value: "", label: t("meetings.badges.chooseReason"), disabled: true }, ...REVOCATION_CHOICES.map((value) => ({ value, label: t(`meetings.badges.reasons.${value}`) }))]}
            data-testid="revocation-reason"
          />
          <FormProblem error={revoke.error} testId="revoke-problem" />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t("meetings.cancel")}
            </Button>
            <Button
              color="red"
              disabled={reason === ""}
              loading={revoke.isPending}
              onClick={() => revoke.mutate({ token, body: { reason } }, { onSuccess: close })}
              data-testid="confirm-revoke"
            >
              {t("meetings.badges.confirmRevoke")}
            </Button>
          </Group>
        </Stack>
      </FormModal>
      <FormModal opened={dialog === "reissue"} onClose={close} title={t("meetings.badges.reissueTitle", { name })}>
        <Stack gap="sm">
          <Text size="sm">{t("meetings.badges.reissueExplain")}</Text>
          <FormProblem error={reissue.error} testId="reissue-problem" />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t("meetings.cancel")}
            </Button>
            <Button loading={reissue.isPending} onClick={() => reissue.mutate(token, { onSuccess: close })} data-testid="confirm-reissue">
              {t("meetings.badges.confirmReissue")}
            </Button>
          </Group>
        </Stack>
      </FormModal>
    </>
  );
}

/** The badge cell: the PDF to print, or that it is revoked and why; the secretariat's actions beside it. */
function BadgeCell({ delegate, name }: { delegate: Delegate; name: string }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { abilities } = useMeetingView();
  const first = language === "zh-CN" ? "zh" : language;
  if (!delegate.badge) return <>—</>;
  return (
    <Stack gap={2} align="flex-start">
      {delegate.revocation ? (
        <Text size="sm" c="red.8" data-testid="badge-revoked">
          {t("meetings.badges.revoked", { reason: t(`meetings.badges.reasons.${delegate.revocation.reason}`) })}
        </Text>
      ) : (
        <Anchor href={badgeUrl(delegate.badge, first)} size="sm" data-testid="badge-link">
          {t("meetings.accreditation.badgePdf")}
        </Anchor>
      )}
      {abilities.mayRevokeBadges && <BadgeActions delegate={delegate} name={name} />}
    </Stack>
  );
}

function ListCard({ list }: { list: AccreditationListView }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { partyName, abilities, delegation } = useMeetingView();
  const [isEditing, setEditing] = useState(false);
  const first = language === "zh-CN" ? "zh" : language;
  const isOwn = delegation !== null && list.delegation === delegation;
  const isEditable = isOwn && abilities.mayAccredit && (list.state === "draft" || list.state === "returned");
  return (
    <Paper withBorder radius="lg" p={{ base: "sm", sm: "md" }} data-testid="accreditation-list" data-delegation={list.delegation} data-state={list.state}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <Text fw={650}>{partyName(list.delegation)}</Text>
            <ListStateBadge state={list.state} />
          </Group>
          <Text size="xs" c="dimmed">
            {t("meetings.accreditation.updated", { date: formatInstantAt(list.updatedAt, language, localTimeZone()) })}
          </Text>
        </Group>
        {list.state === "returned" && list.returnReason && (
          <Alert color="orange" variant="light" title={t("meetings.accreditation.returnedTitle")} data-testid="returned-reason">
            {list.returnReason}
          </Alert>
        )}
        {isEditing ? (
          <DelegatesForm key={`${list.id}-${list.version}`} list={list} onDone={() => setEditing(false)} />
        ) : (
          <ScrollableTable label={t("meetings.accreditation.delegates")} minWidth={560}>
            <Table verticalSpacing="xs" horizontalSpacing="sm" data-testid="delegates-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("meetings.accreditation.name")}</Table.Th>
                  <Table.Th scope="col">{t("meetings.accreditation.function")}</Table.Th>
                  <Table.Th scope="col">{t("meetings.accreditation.rank")}</Table.Th>
                  <Table.Th scope="col">{t("meetings.accreditation.badge")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.delegates.map((delegate, index) => (
                  <Table.Tr key={index} data-testid="delegate">
                    <Table.Td className={tables.name}>{allLanguages(delegate.name, first)}</Table.Td>
                    <Table.Td className={tables.prose}>{allLanguages(delegate.function, first) || "—"}</Table.Td>
                    <Table.Td className={tables.nowrap}>{t(`meetings.rank.${delegate.rank}`)}</Table.Td>
                    <Table.Td className={tables.nowrap}>
                      <BadgeCell delegate={delegate} name={delegate.name[first] ?? Object.values(delegate.name)[0] ?? ""} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollableTable>
        )}
        {isEditable && !isEditing && (
          <Group justify="flex-end">
            <Button variant="light" onClick={() => setEditing(true)} data-testid="edit-list">
              {list.state === "returned" ? t("meetings.accreditation.correct") : t("meetings.accreditation.edit")}
            </Button>
          </Group>
        )}
        {abilities.mayApprove && list.state === "submitted" && <Decision list={list} />}
      </Stack>
    </Paper>
  );
}

export function AccreditationPanel() {
  const { t } = useTranslation();
  const { meeting, abilities, delegation } = useMeetingView();
  const own = meeting.accreditation.filter((list) => list.delegation === delegation);
  const others = meeting.accreditation.filter((list) => list.delegation !== delegation);
  const held = own.filter((list) => list.state === "approved" || list.state === "submitted").reduce((sum, list) => sum + list.delegates.length, 0);
  const quota = abilities.ownInvitation?.quota ?? null;
  return (
    <Stack gap="md">
      {abilities.mayExport && <ExportLinks />}
      {abilities.mayAccredit && (
        <Section title={t("meetings.accreditation.yourTitle")} testId="own-accreditation">
          {quota !== null && (
            <Text size="sm" mb="sm" data-testid="quota">
              {t("meetings.accreditation.quota", { count: quota, held })}
            </Text>
          )}
          <DelegatesForm list={null} />
        </Section>
      )}
      {own.map((list) => (
        <ListCard key={list.id} list={list} />
      ))}
      {others.length > 0 && (
        <Title order={2} size="h4" mt="sm">
          {t("meetings.accreditation.listsTitle")}
        </Title>
      )}
      {others.map((list) => (
        <ListCard key={list.id} list={list} />
      ))}
      {meeting.accreditation.length === 0 && !abilities.mayAccredit && (
        <Text c="dimmed" data-testid="no-lists">
          {t("meetings.accreditation.none")}
        </Text>
      )}
    </Stack>
  );
}
