// The chair's console: what stands between the text and adoption (in words), the decision rule, the next revision, who
// may read the draft (and which non-members the chair invited to it), the silence procedure, and the call for objections
// that adoption in the room closes. Shown to the delegation chairing the body; the server decides anyway.
import { Alert, Button, Group, List, NativeSelect, Paper, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AdoptionRequestSchema, InvitationRequestSchema, ReasonRequestSchema, RuleChangeRequestSchema, SilenceRequestSchema, VISIBILITIES, VisibilityRequestSchema } from "../../../../contracts/negotiation";
import { localTimeZone } from "../../../i18n/date-format";
import { useLocale } from "../../../i18n/use-locale";
import { useOrganization, useStatesToday } from "../../../shared/api/registry-queries";
import { FormModal } from "../../../shared/forms/FormModal";
import { FormProblem } from "../../../shared/forms/FormProblem";
import type { FieldMessages } from "../../../shared/forms/contract-form";
import { FormLevelError, useContractForm } from "../../../shared/forms/use-contract-form";
import { memberStates, namesConcerned, nonMemberParties } from "../decision-rule";
import {
  useAdoptDocument,
  useCancelSilence,
  useChangeRule,
  useEndInvitation,
  useInvite,
  useOpenCall,
  useSetVisibility,
  useStartSilence,
  useWithdrawCall,
} from "../negotiation-commands";
import { formatInstantIn, languageName, revisionLabel } from "../negotiation-format";
import { mayUse, type NegotiationRight } from "../negotiation-roles";
import { GENERAL_SUBJECT, useDescribeRule, useSubjectChoices } from "../use-decision-rule";
import { blockerSentence } from "../room/blockers";
import { countedObjections } from "../room/procedures";
import { useRoom } from "../room/room-context";
import { DeadlineZones } from "./DeadlineZones";
import { instantToZonedLocal, zonedLocalToInstant } from "./deadline";
import { IssueRevisionForm } from "./IssueRevisionForm";
import { DecisionSubjectFields } from "../DecisionSubjectFields";
import { DateTimeField } from "../../../shared/forms/DateFields";
import { textDirection } from "../../../shared/core-rules";

/** A button whose label wraps on a phone (Mantine keeps a label on one line and cuts it): "Начать процедуру умолчания по Rev.2". */
const WRAPS = { h: "auto", py: 8, maw: "100%", styles: { label: { whiteSpace: "normal", textAlign: "center" } } } as const;

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
  const revision = revisionLabel(document.revision, t);
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
        <List.Item key={blocker.code}>{blockerSentence(blocker, t, { provision: provisionName, party: partyName, list, revision })}</List.Item>
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

/**
 * The non-member delegations (observers, partners) the chair invited to see this draft and comment: the standing
 * invitations, each ended with a button; the ended ones below, small; and a form inviting another.
 */
function Invitations() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { document, partyName } = useRoom();
  const organization = useOrganization().data;
  const states = useStatesToday();
  const invite = useInvite(document.id);
  const end = useEndInvitation(document.id);
  const date = (instant: string) => formatInstantIn(instant, language, localTimeZone());
  const standing = document.invited.filter((grant) => grant.endedAt === undefined);
  const ended = document.invited.filter((grant) => grant.endedAt !== undefined);
  const collator = new Intl.Collator(language);
  const parties = nonMemberParties(states.data?.items ?? [], organization?.tiers ?? [], organization?.partners ?? [], standing.map((grant) => grant.party))
    .map((code) => ({ value: code, label: partyName(code) }))
    .sort((a, b) => collator.compare(a.label, b.label));
  const { form, body, showServerErrors } = useContractForm({
    schema: InvitationRequestSchema,
    initialValues: { party: "" },
    toBody: (values: { party: string }) => ({ party: values.party, version: document.version }),
    check: (values): FieldMessages => (values.party === "" ? { party: { code: "required" } } : {}),
  });
  const submit = form.onSubmit((values) => invite.mutate(body(values), { onSuccess: () => form.reset(), onError: showServerErrors }));
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t("negotiation.invitations.intro")}
      </Text>
      {standing.length === 0 ? (
        <Text size="sm" data-testid="no-invitations">
          {t("negotiation.invitations.none")}
        </Text>
      ) : (
        <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: "none" }} aria-label={t("negotiation.invitations.current")} data-testid="invitations">
          {standing.map((grant) => (
            <Group component="li" key={grant.party} gap="xs" justify="space-between" wrap="wrap" data-testid="invitation" data-party={grant.party}>
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600}>
                  {partyName(grant.party)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t("negotiation.invitations.since", { date: date(grant.grantedAt) })}
                </Text>
              </div>
              <Button
                size="xs"
                variant="light"
                color="red"
                loading={end.isPending && end.variables.party === grant.party}
                onClick={() => end.mutate({ party: grant.party, version: document.version })}
                {...WRAPS}
                data-testid="end-invitation"
              >
                {t("negotiation.invitations.end")}
              </Button>
            </Group>
          ))}
        </Stack>
      )}
      <FormProblem error={end.error} />
      {ended.length > 0 && (
        <Stack gap={0} data-testid="past-invitations">
          <Text size="xs" fw={600} c="dimmed">
            {t("negotiation.invitations.past")}
          </Text>
          {ended.map((grant) => (
            <Text key={`${grant.party}:${grant.grantedAt}`} size="xs" c="dimmed">
              {t("negotiation.invitations.pastGrant", { name: partyName(grant.party), from: date(grant.grantedAt), to: date(grant.endedAt ?? grant.grantedAt) })}
            </Text>
          ))}
        </Stack>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Group align="flex-end" gap="sm">
            <NativeSelect
              label={t("negotiation.invitations.party")}
              description={t("negotiation.invitations.partyHelp")}
              data={[{ value: "", label: t("negotiation.invitations.choose"), disabled: true }, ...parties]}
              {...form.getInputProps("party")}
              style={{ flex: "1 1 14rem", minWidth: 0 }}
              data-testid="invite-party"
            />
            <Button type="submit" variant="light" loading={invite.isPending} {...WRAPS} data-testid="invite">
              {t("negotiation.invitations.submit")}
            </Button>
          </Group>
          <FormLevelError form={form} />
          <FormProblem error={invite.error} />
        </Stack>
      </form>
    </Stack>
  );
}

/** A reason the chair gives for ending a procedure (cancelling silence, withdrawing the call), asked for in a dialog. */
function ReasonForm(props: {
  command: ReturnType<typeof useCancelSilence>;
  intro: string;
  submit: string;
  reasonTestId: string;
  confirmTestId: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { command, onDone } = props;
  const { form, body, showServerErrors } = useContractForm({
    schema: ReasonRequestSchema,
    initialValues: { reason: "" },
    toBody: (values: { reason: string }) => ({ reason: values.reason }),
  });
  const submit = form.onSubmit((values) => command.mutate(body(values), { onSuccess: onDone, onError: showServerErrors }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{props.intro}</Text>
        <Textarea label={t("negotiation.console.reason")} description={t("negotiation.console.reasonShown")} autosize minRows={3} required {...form.getInputProps("reason")} data-testid={props.reasonTestId} />
        <FormLevelError form={form} />
        <FormProblem error={command.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("forms.cancel")}
          </Button>
          <Button type="submit" color="red" loading={command.isPending} data-testid={props.confirmTestId}>
            {props.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface RuleValues extends Record<string, unknown> {
  subject: string;
  concerning: string;
  reason: string;
}

/** The chair records that the decision is of another kind (and so under another of the organization's rules), saying why. */
function RuleForm() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { document, partyName } = useRoom();
  const organization = useOrganization().data;
  const rules = organization?.decisionRules ?? [];
  const states = useStatesToday();
  const describe = useDescribeRule();
  const choices = useSubjectChoices();
  const changeRule = useChangeRule(document.id);
  const { form, body, showServerErrors } = useContractForm({
    schema: RuleChangeRequestSchema,
    initialValues: { subject: document.subject ?? GENERAL_SUBJECT, concerning: document.concerning ?? "", reason: "" } as RuleValues,
    toBody: (values: RuleValues) => {
      const subject = values.subject === GENERAL_SUBJECT ? null : values.subject;
      return { subject, concerning: namesConcerned(rules, subject) && values.concerning !== "" ? values.concerning : null, reason: values.reason, version: document.version };
    },
    check: (values): FieldMessages => (namesConcerned(rules, values.subject === GENERAL_SUBJECT ? null : values.subject) && values.concerning === "" ? { concerning: { code: "required" } } : {}),
  });
  const submit = form.onSubmit((values) => changeRule.mutate(body(values), { onSuccess: () => form.setFieldValue("reason", ""), onError: showServerErrors }));
  const current = describe({ rule: document.decisionRule, subject: document.subject, concerning: document.concerning });
  if (document.status === "silence" || document.call?.state === "open") {
    return (
      <Stack gap="xs">
        <Text size="sm">{t("negotiation.rule.current", { rule: current })}</Text>
        <Text size="sm" c="dimmed">
          {t("negotiation.rule.frozen")}
        </Text>
      </Stack>
    );
  }
  const subject = form.values.subject === GENERAL_SUBJECT ? null : form.values.subject;
  const asksConcerned = namesConcerned(rules, subject);
  const collator = new Intl.Collator(language);
  const members = memberStates(states.data?.items ?? [], organization?.tiers ?? [])
    .map((state) => ({ value: state.code, label: partyName(state.code) }))
    .sort((a, b) => collator.compare(a.label, b.label));
  const isUnchanged = subject === document.subject && (asksConcerned ? form.values.concerning : "") === (document.concerning ?? "");
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Text size="sm">{t("negotiation.rule.current", { rule: current })}</Text>
        <Text size="sm" c="dimmed">
          {t("negotiation.rule.intro")}
        </Text>
        <DecisionSubjectFields
          choices={choices}
          subject={form.values.subject}
          subjectInput={form.getInputProps("subject")}
          concerningInput={form.getInputProps("concerning")}
          asksConcerned={asksConcerned}
          members={members}
          testId="rule"
        />
        <Textarea label={t("negotiation.console.reason")} description={t("negotiation.console.reasonShown")} autosize minRows={2} required {...form.getInputProps("reason")} data-testid="rule-reason" />
        <FormLevelError form={form} />
        <FormProblem error={changeRule.error} />
        <Group>
          <Button type="submit" variant="light" loading={changeRule.isPending} disabled={isUnchanged} {...WRAPS} data-testid="change-rule">
            {t("negotiation.rule.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

function CancelSilence() {
  const { t } = useTranslation();
  const { document } = useRoom();
  const cancel = useCancelSilence(document.id);
  const [isCancelling, setCancelling] = useState(false);
  return (
    <>
      <Group>
        <Button color="red" variant="light" onClick={() => setCancelling(true)} {...WRAPS} data-testid="cancel-silence">
          {t("negotiation.silence.cancel")}
        </Button>
      </Group>
      <FormModal opened={isCancelling} onClose={() => setCancelling(false)} title={t("negotiation.silence.cancel")}>
        <ReasonForm
          command={cancel}
          intro={t("negotiation.silence.cancelIntro")}
          submit={t("negotiation.silence.cancel")}
          reasonTestId="cancel-silence-reason"
          confirmTestId="confirm-cancel-silence"
          onDone={() => setCancelling(false)}
        />
      </FormModal>
    </>
  );
}

function SilenceForm({ isReady }: { isReady: boolean }) {
  const { t } = useTranslation();
  const { document } = useRoom();
  const startSilence = useStartSilence(document.id);
  const minimumHours = useOrganization().data?.negotiation.minimumSilenceHours ?? 0;
  const [zone] = useState(localTimeZone);
  // A day from now (or the organization's minimum, when longer), on the hour, in the reader's zone.
  const [suggested] = useState(() => instantToZonedLocal(new Date(Math.ceil((Date.now() + Math.max(DAY, minimumHours * HOUR)) / HOUR) * HOUR), zone));
  const { form, body, showServerErrors } = useContractForm({
    schema: SilenceRequestSchema,
    initialValues: { deadline: suggested },
    toBody: (values: { deadline: string }) => ({ deadline: zonedLocalToInstant(values.deadline, zone) ?? undefined, version: document.version }),
    check: (values): FieldMessages => {
      const instant = zonedLocalToInstant(values.deadline, zone);
      if (!instant) return { deadline: { code: "required" } };
      if (Date.parse(instant) <= Date.now()) return { deadline: { code: "deadline-in-past" } };
      // The server refuses a shorter procedure too; said here before sending.
      return Date.parse(instant) - Date.now() < minimumHours * HOUR ? { deadline: { key: "negotiation.silence.tooShort" } } : {};
    },
  });
  const submit = form.onSubmit((values) => startSilence.mutate(body(values), { onError: showServerErrors }));
  const instant = zonedLocalToInstant(form.values.deadline, zone);
  const isCallOpen = document.call?.state === "open";
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Text size="sm">{t("negotiation.silence.startIntro")}</Text>
        <DateTimeField
          label={t("negotiation.silence.deadline")}
          description={[t("negotiation.silence.deadlineZone", { zone }), minimumHours > 0 ? t("negotiation.silence.minimum", { count: minimumHours }) : ""].filter(Boolean).join(" ")}
          {...form.getInputProps("deadline")}
          maw={320}
          data-testid="silence-deadline"
        />
        {instant && <DeadlineZones deadline={instant} />}
        {isCallOpen ? (
          <Text size="sm" c="orange.8">
            {t("negotiation.silence.callOpen")}
          </Text>
        ) : (
          !isReady && (
            <Text size="sm" c="orange.8">
              {t("negotiation.silence.notReady")}
            </Text>
          )
        )}
        <FormLevelError form={form} />
        <FormProblem error={startSilence.error} />
        <Group>
          <Button type="submit" color="violet" loading={startSilence.isPending} disabled={!isReady || isCallOpen} {...WRAPS} data-testid="start-silence">
            {t("negotiation.silence.start", { revision: revisionLabel(document.revision, t) })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SilenceSection({ isReady }: { isReady: boolean }) {
  const { t } = useTranslation();
  const { document, permissions } = useRoom();
  if (document.silence.state !== "running") return mayUse(permissions, "silence.start") ? <SilenceForm isReady={isReady} /> : null;
  return (
    <Stack gap="xs">
      <Text size="sm">{t("negotiation.silence.alreadyRunning")}</Text>
      {document.silence.deadline && <DeadlineZones deadline={document.silence.deadline} />}
      {mayUse(permissions, "silence.cancel") && <CancelSilence />}
    </Stack>
  );
}

/** Closes the open call: the document is adopted, unless an objection that counts stands (then the button waits). */
function AdoptionForm() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { document, partyName } = useRoom();
  const adopt = useAdoptDocument(document.id);
  const blocking = countedObjections(document.call);
  const others = document.blockers.filter((blocker) => blocker.code !== "objections");
  const isReady = blocking.length === 0 && others.length === 0;
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
  const names = new Intl.ListFormat(language, { type: "conjunction" }).format(blocking.map((objection) => partyName(objection.delegation)));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        {blocking.length > 0 ? (
          <Text size="sm" c="red.8" data-testid="objections-stand">
            {t("negotiation.adopt.objectionsStand", { delegations: names })}
          </Text>
        ) : (
          <Text size="sm">{others.length === 0 ? t("negotiation.adopt.intro") : t("negotiation.adopt.notReady")}</Text>
        )}
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
          <Button type="submit" color="green" loading={adopt.isPending} disabled={!isReady} {...WRAPS} data-testid="adopt">
            {t("negotiation.adopt.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function WithdrawCall() {
  const { t } = useTranslation();
  const { document } = useRoom();
  const withdraw = useWithdrawCall(document.id);
  const [isWithdrawing, setWithdrawing] = useState(false);
  return (
    <>
      <Group>
        <Button color="red" variant="light" onClick={() => setWithdrawing(true)} {...WRAPS} data-testid="withdraw-call">
          {t("negotiation.call.withdraw")}
        </Button>
      </Group>
      <FormModal opened={isWithdrawing} onClose={() => setWithdrawing(false)} title={t("negotiation.call.withdraw")}>
        <ReasonForm
          command={withdraw}
          intro={t("negotiation.call.withdrawIntro")}
          submit={t("negotiation.call.withdraw")}
          reasonTestId="withdraw-call-reason"
          confirmTestId="confirm-withdraw-call"
          onDone={() => setWithdrawing(false)}
        />
      </FormModal>
    </>
  );
}

/** Adoption in the room: the chair calls for objections on the issued revision, then closes the call or withdraws it. */
function CallSection({ isReady }: { isReady: boolean }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { document, permissions } = useRoom();
  const openCall = useOpenCall(document.id);
  const { call } = document;
  const revision = revisionLabel(document.revision, t);
  if (call?.state === "open") {
    return (
      <Stack gap="md">
        <Text size="sm">{t("negotiation.call.openSince", { revision: revisionLabel(call.revision, t), date: formatInstantIn(call.openedAt, language, localTimeZone()) })}</Text>
        {mayUse(permissions, "document.adopt") && <AdoptionForm />}
        {mayUse(permissions, "call.withdraw") && <WithdrawCall />}
      </Stack>
    );
  }
  const isSilence = document.silence.state === "running";
  return (
    <Stack gap="xs">
      <Text size="sm">{t("negotiation.call.intro")}</Text>
      {isSilence ? (
        <Text size="sm" c="orange.8">
          {t("negotiation.call.silenceRunning")}
        </Text>
      ) : (
        !isReady && (
          <Text size="sm" c="orange.8">
            {t("negotiation.adopt.notReady")}
          </Text>
        )
      )}
      <FormProblem error={openCall.error} />
      {mayUse(permissions, "call.open") && (
        <Group>
          <Button color="green" variant="light" loading={openCall.isPending} disabled={!isReady || isSilence} onClick={() => openCall.mutate({ version: document.version })} {...WRAPS} data-testid="open-call">
            {t("negotiation.call.open", { revision })}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

export function ChairConsole() {
  const { t } = useTranslation();
  const { document, permissions } = useRoom();
  const may = (right: NegotiationRight) => mayUse(permissions, right);
  const isReady = document.blockers.length === 0;
  const isNegotiating = document.status === "negotiation";
  const isCallOpen = document.call?.state === "open";
  return (
    <Stack gap="md" data-testid="chair-console">
      <Text size="sm" c="dimmed">
        {t("negotiation.console.intro")}
      </Text>
      <Section title={t("negotiation.console.blockers")} testId="console-blockers">
        <Blockers />
      </Section>
      {may("document.rule") && document.kind === "decision" && document.status !== "adopted" && (
        <Section title={t("negotiation.console.rule")} testId="console-rule">
          <RuleForm />
        </Section>
      )}
      {may("revision.issue") && isNegotiating && (
        <Section title={t("negotiation.console.revision")} testId="console-revision">
          {isCallOpen ? <Text size="sm">{t("negotiation.call.frozen")}</Text> : <IssueRevisionForm />}
        </Section>
      )}
      {may("document.visibility") && (
        <Section title={t("negotiation.console.visibility")} testId="console-visibility">
          <VisibilityForm />
        </Section>
      )}
      {may("document.invite") && document.status !== "adopted" && (
        <Section title={t("negotiation.console.invitations")} testId="console-invitations">
          <Invitations />
        </Section>
      )}
      {(may("silence.start") || may("silence.cancel")) && document.status !== "adopted" && (
        <Section title={t("negotiation.console.silence")} testId="console-silence">
          <SilenceSection isReady={isReady} />
        </Section>
      )}
      {(may("call.open") || may("document.adopt") || may("call.withdraw")) && document.status !== "adopted" && (
        <Section title={t("negotiation.console.call")} testId="console-call">
          <CallSection isReady={isReady} />
        </Section>
      )}
    </Stack>
  );
}
