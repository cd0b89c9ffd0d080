// The silence procedure as every participant sees it: the deadline in their zone, UTC and the chair's, the time left,
// and for members the way to break silence; or who broke the last one, or that the chair cancelled it, and why (unless
// a call for objections began since, which the room tells of instead).
import { Alert, Button, Group, NativeSelect, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { BreakSilenceRequestSchema } from "../../../../contracts/negotiation";
import { useLocale } from "../../../i18n/use-locale";
import { localTimeZone } from "../../../i18n/date-format";
import { FormModal } from "../../../shared/forms/FormModal";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { FormLevelError, useContractForm } from "../../../shared/forms/use-contract-form";
import classes from "../Negotiation.module.css";
import { DeadlineZones } from "../console/DeadlineZones";
import { timeLeft } from "../console/deadline";
import { useBreakSilence } from "../negotiation-commands";
import { formatInstantIn, provisionLabel, revisionLabel } from "../negotiation-format";
import { mayUse } from "../negotiation-roles";
import { latestProcedure } from "./procedures";
import { useRoom } from "./room-context";
import { useNow } from "./use-now";

function TimeLeft({ deadline }: { deadline: string }) {
  const { t } = useTranslation();
  const left = timeLeft(deadline, useNow(30_000));
  if (left.isPassed) return <Text size="sm">{t("negotiation.silence.deadlinePassed")}</Text>;
  const parts = [
    left.days > 0 ? t("negotiation.silence.days", { count: left.days }) : "",
    left.days > 0 || left.hours > 0 ? t("negotiation.silence.hours", { count: left.hours }) : "",
    t("negotiation.silence.minutes", { count: left.minutes }),
  ].filter(Boolean);
  return (
    <Text size="sm" fw={600} data-testid="silence-time-left">
      {t("negotiation.silence.timeLeft", { time: parts.join(" ") })}
    </Text>
  );
}

function BreakSilenceForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { document } = useRoom();
  const breakSilence = useBreakSilence(document.id);
  const { form, body, showServerErrors } = useContractForm({
    schema: BreakSilenceRequestSchema,
    initialValues: { reason: "", provision: "" },
    toBody: (values: { reason: string; provision: string }) => ({ reason: values.reason, provision: values.provision === "" ? null : values.provision }),
  });
  const submit = form.onSubmit((values) => breakSilence.mutate(body(values), { onSuccess: onDone, onError: showServerErrors }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t("negotiation.silence.breakIntro")}</Text>
        <Textarea label={t("negotiation.silence.reason")} autosize minRows={3} required {...form.getInputProps("reason")} data-testid="break-reason" />
        <NativeSelect
          label={t("negotiation.fields.provisionOptional")}
          data={[{ value: "", label: t("negotiation.fields.wholeDocument") }, ...document.provisions.map((p) => ({ value: p.id, label: provisionLabel(p, t) }))]}
          {...form.getInputProps("provision")}
        />
        <FormLevelError form={form} />
        <FormProblem error={breakSilence.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("forms.cancel")}
          </Button>
          <Button type="submit" color="red" loading={breakSilence.isPending} data-testid="confirm-break-silence">
            {t("negotiation.silence.break")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SilenceBanner() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { document, delegation, permissions, partyName } = useRoom();
  const [isBreaking, setBreaking] = useState(false);
  const { silence } = document;

  if (silence.state === "running" && silence.deadline) {
    return (
      <Alert color="violet" variant="light" title={t("negotiation.silence.runningTitle")} data-testid="silence-running">
        <Stack gap="xs">
          <Text size="sm">{t("negotiation.silence.runningBody")}</Text>
          {silence.revision !== undefined && <Text size="sm">{t("negotiation.silence.onRevision", { revision: revisionLabel(silence.revision, t) })}</Text>}
          <DeadlineZones deadline={silence.deadline} />
          <TimeLeft deadline={silence.deadline} />
          {delegation !== null && mayUse(permissions, "silence.break") && (
            <Group>
              <Button color="red" variant="light" size="xs" onClick={() => setBreaking(true)} data-testid="break-silence">
                {t("negotiation.silence.break")}
              </Button>
            </Group>
          )}
        </Stack>
        <FormModal opened={isBreaking} onClose={() => setBreaking(false)} title={t("negotiation.silence.breakTitle")}>
          <BreakSilenceForm onDone={() => setBreaking(false)} />
        </FormModal>
      </Alert>
    );
  }
  if (latestProcedure(document) !== "silence") return null;
  if (silence.state === "broken" && silence.brokenBy) {
    return (
      <Alert color="orange" variant="light" title={t("negotiation.silence.brokenTitle")} data-testid="silence-broken">
        <Text size="sm">
          {t("negotiation.silence.brokenBody", {
            name: partyName(silence.brokenBy),
            date: silence.brokenAt ? formatInstantIn(silence.brokenAt, language, localTimeZone()) : "",
          })}
        </Text>
        {silence.reason && (
          <Text size="sm" mt={4} className={classes.quote}>
            {t("negotiation.quoted", { text: silence.reason })}
          </Text>
        )}
      </Alert>
    );
  }
  if (silence.state === "cancelled") {
    return (
      <Alert color="gray" variant="light" title={t("negotiation.silence.cancelledTitle")} data-testid="silence-cancelled">
        <Text size="sm">{t("negotiation.silence.cancelledBody", { date: silence.cancelledAt ? formatInstantIn(silence.cancelledAt, language, localTimeZone()) : "" })}</Text>
        {silence.reason && (
          <Text size="sm" mt={4} className={classes.quote}>
            {t("negotiation.quoted", { text: silence.reason })}
          </Text>
        )}
      </Alert>
    );
  }
  return null;
}
