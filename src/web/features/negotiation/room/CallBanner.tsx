// The chair's call for objections as every participant sees it: on which revision, since when, and every objection made
// (named, with its reason; withdrawn ones kept, struck through; one the rule does not count, marked so). A member
// delegation objects here, or withdraws its own objection. A call the chair withdrew is told of briefly, with the reason,
// while it is the last procedure.
import { Alert, Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ObjectionRequestSchema, type DocumentDto } from "../../../../contracts/negotiation";
import { localTimeZone } from "../../../i18n/date-format";
import { useLocale } from "../../../i18n/use-locale";
import { FormModal } from "../../../shared/forms/FormModal";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { FormLevelError, useContractForm } from "../../../shared/forms/use-contract-form";
import classes from "../Negotiation.module.css";
import { PlainBadge } from "../badges";
import { useObject, useWithdrawObjection } from "../negotiation-commands";
import { formatInstantIn, revisionLabel } from "../negotiation-format";
import { mayUse } from "../negotiation-roles";
import { hasStandingObjection, latestProcedure } from "./procedures";
import { useRoom } from "./room-context";

/** A button whose label wraps on a phone rather than being cut. */
const WRAPS = { h: "auto", py: 6, maw: "100%", styles: { label: { whiteSpace: "normal", textAlign: "center" } } } as const;

type Objection = NonNullable<DocumentDto["call"]>["objections"][number];

function ObjectionForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { document } = useRoom();
  const object = useObject(document.id);
  const { form, body, showServerErrors } = useContractForm({
    schema: ObjectionRequestSchema,
    initialValues: { reason: "" },
    toBody: (values: { reason: string }) => ({ reason: values.reason }),
  });
  const submit = form.onSubmit((values) => object.mutate(body(values), { onSuccess: onDone, onError: showServerErrors }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t("negotiation.call.objectIntro")}</Text>
        <Textarea label={t("negotiation.call.reason")} autosize minRows={3} required {...form.getInputProps("reason")} data-testid="objection-reason" />
        <FormLevelError form={form} />
        <FormProblem error={object.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("forms.cancel")}
          </Button>
          <Button type="submit" color="red" loading={object.isPending} data-testid="confirm-objection">
            {t("negotiation.call.object")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ObjectionItem({ objection }: { objection: Objection }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { partyName } = useRoom();
  const isWithdrawn = objection.withdrawnAt !== undefined;
  return (
    <Stack component="li" gap={2} data-testid="call-objection" data-delegation={objection.delegation} data-withdrawn={isWithdrawn} data-counts={objection.counts}>
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={600} td={isWithdrawn ? "line-through" : undefined}>
          {t("negotiation.call.objectionBy", { name: partyName(objection.delegation), date: formatInstantIn(objection.at, language, localTimeZone()) })}
        </Text>
        {isWithdrawn && (
          <PlainBadge>{t("negotiation.call.withdrawnAt", { date: formatInstantIn(objection.withdrawnAt ?? objection.at, language, localTimeZone()) })}</PlainBadge>
        )}
        {!objection.counts && (
          <PlainBadge color="orange">{t("negotiation.call.notCounted")}</PlainBadge>
        )}
      </Group>
      <Text size="sm" className={classes.quote} td={isWithdrawn ? "line-through" : undefined} c={isWithdrawn ? "dimmed" : undefined}>
        {t("negotiation.quoted", { text: objection.reason })}
      </Text>
    </Stack>
  );
}

function OpenCall({ call }: { call: NonNullable<DocumentDto["call"]> }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { document, delegation, permissions } = useRoom();
  const [isObjecting, setObjecting] = useState(false);
  const withdraw = useWithdrawObjection(document.id);
  const hasObjected = hasStandingObjection(call, delegation);
  return (
    <Alert color="navy" variant="light" title={t("negotiation.call.openTitle", { revision: revisionLabel(call.revision, t) })} data-testid="call-open">
      <Stack gap="xs">
        <Text size="sm">{t("negotiation.call.openBody", { date: formatInstantIn(call.openedAt, language, localTimeZone()) })}</Text>
        {call.objections.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="no-objections">
            {t("negotiation.call.noObjections")}
          </Text>
        ) : (
          <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: "none" }} aria-label={t("negotiation.call.objections")}>
            {call.objections.map((objection) => (
              <ObjectionItem key={`${objection.delegation}:${objection.at}`} objection={objection} />
            ))}
          </Stack>
        )}
        {delegation !== null && !hasObjected && mayUse(permissions, "call.object") && (
          <Group>
            <Button color="red" variant="light" size="xs" onClick={() => setObjecting(true)} {...WRAPS} data-testid="object">
              {t("negotiation.call.object")}
            </Button>
          </Group>
        )}
        {hasObjected && mayUse(permissions, "call.withdraw-objection") && (
          <Stack gap={4}>
            <Group>
              <Button variant="default" size="xs" loading={withdraw.isPending} onClick={() => withdraw.mutate()} {...WRAPS} data-testid="withdraw-objection">
                {t("negotiation.call.withdrawObjection")}
              </Button>
            </Group>
            <FormProblem error={withdraw.error} />
          </Stack>
        )}
      </Stack>
      <FormModal opened={isObjecting} onClose={() => setObjecting(false)} title={t("negotiation.call.objectTitle", { revision: revisionLabel(call.revision, t) })}>
        <ObjectionForm onDone={() => setObjecting(false)} />
      </FormModal>
    </Alert>
  );
}

export function CallBanner() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { document } = useRoom();
  const { call } = document;
  if (call === null || document.status === "adopted") return null;
  if (call.state === "open") return <OpenCall call={call} />;
  if (call.state !== "withdrawn" || latestProcedure(document) !== "call") return null;
  return (
    <Alert color="gray" variant="light" title={t("negotiation.call.withdrawnTitle")} data-testid="call-withdrawn">
      <Text size="sm">
        {t("negotiation.call.withdrawnBody", { revision: revisionLabel(call.revision, t), date: call.closedAt ? formatInstantIn(call.closedAt, language, localTimeZone()) : "" })}
      </Text>
      {call.reason && (
        <Text size="sm" mt={4} className={classes.quote}>
          {t("negotiation.quoted", { text: call.reason })}
        </Text>
      )}
    </Alert>
  );
}
