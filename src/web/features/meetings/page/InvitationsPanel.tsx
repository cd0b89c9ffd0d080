// Who is invited and on what basis: members by right, observers and partners the chair invited, guests of this
// meeting; each delegation's quota, whether it may take the floor, its answer and its head's level. The chair and the
// secretariat invite and invite to speak; a delegation's head answers for it.
import { Button, Checkbox, Group, NativeSelect, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { InviteRequestSchema, ParticipationRequestSchema, RANKS, type Invitation } from "../../../../contracts/meetings";
import { useLocale } from "../../../i18n/use-locale";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { FormLevelError } from "../../../shared/forms/use-contract-form";
import { ScrollableTable } from "../../../shared/table/ScrollableTable";
import tables from "../../../shared/table/tables.module.css";
import { useSession } from "../../../shared/session/session-query";
import { useChangeInvitation, useInvite, useRespond } from "../meeting-commands";
import { floorRightOf } from "../meeting-abilities";
import { sortInvitations } from "../meeting-groups";
import { useMeetingForm } from "../use-meeting-form";
import { useMeetingView } from "./meeting-context";
import { type LanguageValues, compactText, useLanguageFields } from "../language-fields";
import { useOrganization, useStatesToday } from "../../../shared/api/registry-queries";

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

function MaySpeakSwitch({ invitation }: { invitation: Invitation }) {
  const { t } = useTranslation();
  const { meeting, partyName } = useMeetingView();
  const change = useChangeInvitation(meeting.id);
  return (
    <Stack gap={2}>
      <Switch
        checked={invitation.maySpeak}
        disabled={change.isPending}
        onChange={(event) => change.mutate({ party: invitation.party.code, body: { version: invitation.version, maySpeak: event.currentTarget.checked } })}
        label={invitation.maySpeak ? t("meetings.yes") : t("meetings.no")}
        aria-label={t("meetings.invitations.maySpeakFor", { name: partyName(invitation.party.code) })}
        data-testid={`may-speak-${invitation.party.code}`}
      />
      <FormProblem error={change.error} testId={`may-speak-problem-${invitation.party.code}`} />
    </Stack>
  );
}

function InvitationTable() {
  const { t } = useTranslation();
  const { text, language, count } = useLocale();
  const { meeting, partyName, abilities } = useMeetingView();
  const organization = useOrganization();
  const tiers = organization.data?.tiers ?? [];
  const tierName = (code: string | null) => {
    const tier = code ? organization.data?.tiers.find((item) => item.code === code) : undefined;
    return tier ? text(tier.names) : (code ?? "—");
  };
  const invitations = sortInvitations(meeting.invitations, partyName, language);
  if (invitations.length === 0) return <Text c="dimmed">{t("meetings.invitations.none")}</Text>;
  return (
    <Paper withBorder radius="lg" p={0} style={{ overflow: "hidden" }}>
      <ScrollableTable label={t("meetings.invitations.title")} minWidth={760}>
        <Table striped verticalSpacing="xs" horizontalSpacing="sm" data-testid="invitations-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("meetings.invitations.delegation")}</Table.Th>
              <Table.Th scope="col">{t("meetings.invitations.basis")}</Table.Th>
              <Table.Th scope="col">{t("meetings.invitations.tier")}</Table.Th>
              <Table.Th scope="col">{t("meetings.invitations.quota")}</Table.Th>
              <Table.Th scope="col">{t("meetings.invitations.maySpeak")}</Table.Th>
              <Table.Th scope="col">{t("meetings.invitations.response")}</Table.Th>
              <Table.Th scope="col">{t("meetings.invitations.headLevel")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invitations.map((invitation) => (
              <Table.Tr key={invitation.party.code} data-testid="invitation" data-party={invitation.party.code}>
                <Table.Th scope="row" fw={500} className={tables.name}>
                  {partyName(invitation.party.code)}
                </Table.Th>
                <Table.Td className={tables.nowrap}>{t(`meetings.basis.${invitation.basis}`)}</Table.Td>
                <Table.Td className={tables.name}>{tierName(invitation.tier)}</Table.Td>
                <Table.Td className={tables.nowrap}>{count(invitation.quota)}</Table.Td>
                <Table.Td className={tables.nowrap} data-testid="may-speak">
                  {abilities.mayInvite && invitation.basis !== "by_right" ? <MaySpeakSwitch invitation={invitation} /> : t(`meetings.floorRight.${floorRightOf(invitation, tiers)}`)}
                </Table.Td>
                <Table.Td className={tables.nowrap} data-testid="response">
                  {t(`meetings.response.${invitation.response}`)}
                </Table.Td>
                <Table.Td className={tables.name}>{invitation.headLevel ? t(`meetings.rank.${invitation.headLevel}`) : "—"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollableTable>
    </Paper>
  );
}

interface InviteValues extends Record<string, unknown> {
  basis: "invited" | "guest";
  party: string;
  names: LanguageValues;
  quota: number | string;
  maySpeak: boolean;
}

function InviteForm() {
  const { t } = useTranslation();
  const { fields, empty, label } = useLanguageFields();
  const { text, language } = useLocale();
  const { meeting, partyName } = useMeetingView();
  const states = useStatesToday();
  const invite = useInvite(meeting.id);
  // Quotas are the secretariat's: the chair invites with the meeting's default quota.
  const maySetQuota = useSession().data?.permissions["meeting.quota"] !== undefined;
  const invited = new Set(meeting.invitations.map((invitation) => invitation.party.code));
  const organization = useOrganization();
  const tierName = (code: string) => {
    const tier = organization.data?.tiers.find((item) => item.code === code);
    return tier ? text(tier.names) : code;
  };
  const collator = new Intl.Collator(language);
  const candidates = (states.data?.items ?? [])
    .filter((state) => !invited.has(state.code))
    .sort((a, b) => collator.compare(partyName(a.code), partyName(b.code)))
    .map((state) => ({ value: state.code, label: t("meetings.invitations.candidate", { name: partyName(state.code), tier: tierName(state.tier) }) }));
  const { form, body, showServerErrors } = useMeetingForm({
    schema: InviteRequestSchema,
    initialValues: { basis: "invited", party: "", names: empty(), quota: "", maySpeak: false } as InviteValues,
    toBody: (values: InviteValues) => ({
      party: values.party === "" ? undefined : values.party.trim().toUpperCase(),
      basis: values.basis,
      maySpeak: values.maySpeak,
      ...(values.quota === "" || !maySetQuota ? {} : { quota: Number(values.quota) }),
      ...(values.basis === "guest" ? { names: compactText(values.names) } : {}),
    }),
  });
  const submit = form.onSubmit((values) => invite.mutate(body(values), { onSuccess: () => form.reset(), onError: showServerErrors }));
  return (
    <form onSubmit={submit} noValidate data-testid="invite-form">
      <Stack gap="sm">
        <SegmentedControl
          data={[
            { value: "invited", label: t("meetings.invitations.inviteObserver") },
            { value: "guest", label: t("meetings.invitations.inviteGuest") },
          ]}
          {...form.getInputProps("basis")}
          onChange={(value) => {
            form.setFieldValue("basis", value as InviteValues["basis"]);
            form.setFieldValue("party", "");
          }}
          data-testid="invite-basis"
          fullWidth
        />
        {form.values.basis === "invited" ? (
          <NativeSelect
            label={t("meetings.invitations.party")}
            data={[{ value: "", label: t("meetings.invitations.chooseParty"), disabled: true }, ...candidates]}
            {...form.getInputProps("party")}
            data-testid="invite-party"
          />
        ) : (
          <>
            <TextInput label={t("meetings.invitations.guestCode")} description={t("meetings.invitations.guestCodeHelp")} {...form.getInputProps("party")} maw={240} data-testid="guest-code" />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              {fields.map(({ code, lang, dir }) => (
                <TextInput key={code} lang={lang} dir={dir} label={label(code, t("meetings.invitations.guestName"))} {...form.getInputProps(`names.${code}`)} />
              ))}
            </SimpleGrid>
          </>
        )}
        <Group gap="md" align="flex-end">
          {maySetQuota && (
            <NumberInput label={t("meetings.invitations.quota")} description={t("meetings.invitations.quotaHelp")} min={1} max={10_000} allowDecimal={false} {...form.getInputProps("quota")} maw={320} />
          )}
          <Checkbox label={t("meetings.invitations.alsoMaySpeak")} {...form.getInputProps("maySpeak", { type: "checkbox" })} mb={6} data-testid="invite-may-speak" />
        </Group>
        <FormLevelError form={form} />
        <FormProblem error={invite.error} form={form} labels={{ party: t("meetings.invitations.party"), quota: t("meetings.invitations.quota") }} testId="invite-problem" />
        <Group justify="flex-end">
          <Button type="submit" loading={invite.isPending} data-testid="submit-invite">
            {t("meetings.invitations.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface ResponseValues extends Record<string, unknown> {
  response: "confirmed" | "declined";
  headLevel: Rank | "";
}

function ParticipationForm({ invitation }: { invitation: Invitation }) {
  const { t } = useTranslation();
  const { meeting } = useMeetingView();
  const respond = useRespond(meeting.id);
  const [isSaved, setSaved] = useState(false);
  const { form, body, showServerErrors } = useMeetingForm({
    schema: ParticipationRequestSchema,
    initialValues: { response: invitation.response === "declined" ? "declined" : "confirmed", headLevel: invitation.headLevel ?? "" } as ResponseValues,
    toBody: (values: ResponseValues) => ({ response: values.response, headLevel: values.response === "declined" || values.headLevel === "" ? null : values.headLevel }),
  });
  const submit = form.onSubmit((values) => {
    setSaved(false);
    respond.mutate(body(values), { onSuccess: () => setSaved(true), onError: showServerErrors });
  });
  return (
    <form onSubmit={submit} noValidate data-testid="participation-form">
      <Stack gap="sm">
        <Text size="sm" data-testid="own-response">
          {t("meetings.invitations.yourResponse", { response: t(`meetings.response.${invitation.response}`) })}
        </Text>
        <SegmentedControl
          data={[
            { value: "confirmed", label: t("meetings.invitations.confirm") },
            { value: "declined", label: t("meetings.invitations.decline") },
          ]}
          {...form.getInputProps("response")}
          data-testid="participation-response"
        />
        {form.values.response === "confirmed" && (
          <NativeSelect
            label={t("meetings.invitations.headLevel")}
            data={[{ value: "", label: t("meetings.invitations.chooseLevel") }, ...RANKS.map((rank) => ({ value: rank, label: t(`meetings.rank.${rank}`) }))]}
            {...form.getInputProps("headLevel")}
            maw={360}
            data-testid="participation-level"
          />
        )}
        <FormLevelError form={form} />
        <FormProblem error={respond.error} form={form} labels={{ headLevel: t("meetings.invitations.headLevel") }} testId="participation-problem" />
        <Group justify="flex-end" gap="sm">
          {isSaved && !respond.isPending && (
            <Text size="sm" c="teal.8" role="status" data-testid="participation-saved">
              {t("meetings.saved")}
            </Text>
          )}
          <Button type="submit" loading={respond.isPending} data-testid="submit-participation">
            {t("meetings.invitations.submitResponse")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function InvitationsPanel() {
  const { t } = useTranslation();
  const { abilities } = useMeetingView();
  const own = abilities.ownInvitation;
  return (
    <Stack gap="md">
      {own && abilities.mayRespond && (
        <Section title={t("meetings.invitations.yourDelegation")} testId="participation">
          <ParticipationForm invitation={own} />
        </Section>
      )}
      <InvitationTable />
      {abilities.mayInvite && (
        <Section title={t("meetings.invitations.inviteTitle")} testId="invite">
          <Text size="sm" c="dimmed" mb="sm">
            {t("meetings.invitations.inviteIntro")}
          </Text>
          <InviteForm />
        </Section>
      )}
    </Stack>
  );
}
