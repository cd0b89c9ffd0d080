// The chair's (or a provision's facilitator's) forms on one provision: compromise text for a bracket (or the whole
// text), its status (agreed ad ref, agreed), and the facilitator the chair designates. Each sends the provision's version.
import { Button, Group, NativeSelect, Radio, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CompromiseRequestSchema, FacilitatorRequestSchema, MarkRequestSchema, type ProvisionDto } from "../../../../contracts/negotiation";
import { useLocale } from "../../../i18n/use-locale";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { FormLevelError, useContractForm } from "../../../shared/forms/use-contract-form";
import { currentVersion } from "../current-version";
import { useDesignateFacilitator, useMarkProvision, useOfferCompromise } from "../negotiation-commands";
import { useRoom } from "../room/room-context";
import { useStatesToday } from "../../../shared/api/registry-queries";
import { textDirection } from "../../../shared/core-rules";

function Actions({ onCancel, pending, label, testId }: { onCancel: () => void; pending: boolean; label: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t("forms.cancel")}
      </Button>
      <Button type="submit" loading={pending} data-testid={testId}>
        {label}
      </Button>
    </Group>
  );
}

/**
 * The forms send the provision's version as they were opened (what the chair decided on). After a stale-version refusal
 * they take the version the server reports, so that sending again, having seen the change, goes through.
 */
function retryAgainst(error: unknown, showServerErrors: (error: unknown) => void, setVersion: (version: number) => void): void {
  showServerErrors(error);
  const current = currentVersion(error);
  if (current !== null) setVersion(current);
}

const WHOLE_TEXT = "whole";

export function CompromiseForm({ provision, onDone }: { provision: ProvisionDto; onDone: () => void }) {
  const { t } = useTranslation();
  const { document } = useRoom();
  const offer = useOfferCompromise(document.id);
  const base = provision.texts[document.baseLanguage] ?? "";
  const [version, setVersion] = useState(provision.version);
  const { form, body, showServerErrors } = useContractForm({
    schema: CompromiseRequestSchema,
    initialValues: { bracket: provision.brackets[0] ? String(provision.brackets[0].index) : WHOLE_TEXT, text: provision.brackets.length > 0 ? "" : base },
    toBody: (values: { bracket: string; text: string }) => ({ bracket: values.bracket === WHOLE_TEXT ? null : Number(values.bracket), text: values.text, version }),
  });
  const submit = form.onSubmit((values) => offer.mutate({ provision: provision.id, body: body(values) }, { onSuccess: onDone, onError: (error) => retryAgainst(error, showServerErrors, setVersion) }));
  const options = [
    ...provision.brackets.map((bracket) => ({
      value: String(bracket.index),
      label: t("negotiation.compromise.bracketOption", { number: bracket.index + 1, text: bracket.alternatives.map((a) => a.text).join(" / ") }),
    })),
    { value: WHOLE_TEXT, label: t("negotiation.compromise.wholeText") },
  ];
  return (
    <form onSubmit={submit} noValidate data-testid="compromise-form">
      <Stack gap="sm">
        <Text size="sm">{t("negotiation.compromise.intro")}</Text>
        <NativeSelect
          label={t("negotiation.compromise.replaces")}
          data={options}
          {...form.getInputProps("bracket")}
          onChange={(event) => {
            form.setFieldValue("bracket", event.currentTarget.value);
            if (event.currentTarget.value === WHOLE_TEXT && form.values.text === "") form.setFieldValue("text", base);
          }}
        />
        <Textarea
          label={t("negotiation.compromise.text")}
          description={t("negotiation.propose.markupHelp")}
          autosize
          minRows={3}
          lang={document.baseLanguage} dir={textDirection(document.baseLanguage)}
          {...form.getInputProps("text")}
          data-testid="compromise-text"
        />
        <FormLevelError form={form} />
        <FormProblem error={offer.error} />
        <Actions onCancel={onDone} pending={offer.isPending} label={t("negotiation.compromise.submit")} testId="submit-compromise" />
      </Stack>
    </form>
  );
}

const NO_MARK = "none";

export function MarkForm({ provision, onDone }: { provision: ProvisionDto; onDone: () => void }) {
  const { t } = useTranslation();
  const { document } = useRoom();
  const mark = useMarkProvision(document.id);
  const current = provision.status === "agreed" || provision.status === "agreed-ad-ref" ? provision.status : NO_MARK;
  const [version, setVersion] = useState(provision.version);
  const { form, body, showServerErrors } = useContractForm({
    schema: MarkRequestSchema,
    initialValues: { mark: current === NO_MARK ? "agreed-ad-ref" : current },
    toBody: (values: { mark: string }) => ({ mark: values.mark === NO_MARK ? null : values.mark, version }),
  });
  const submit = form.onSubmit((values) => mark.mutate({ provision: provision.id, body: body(values) }, { onSuccess: onDone, onError: (error) => retryAgainst(error, showServerErrors, setVersion) }));
  return (
    <form onSubmit={submit} noValidate data-testid="mark-form">
      <Stack gap="sm">
        <Text size="sm">{provision.brackets.length > 0 ? t("negotiation.mark.bracketedWarning") : t("negotiation.mark.intro")}</Text>
        <Radio.Group {...form.getInputProps("mark")} label={t("negotiation.mark.label")}>
          <Stack gap={6} mt={6}>
            <Radio value="agreed-ad-ref" label={t("negotiation.provisionStatus.agreed-ad-ref")} description={t("negotiation.mark.adRefHelp")} />
            <Radio value="agreed" label={t("negotiation.provisionStatus.agreed")} />
            <Radio value={NO_MARK} label={t("negotiation.mark.clear")} />
          </Stack>
        </Radio.Group>
        <FormLevelError form={form} />
        <FormProblem error={mark.error} />
        <Actions onCancel={onDone} pending={mark.isPending} label={t("negotiation.mark.submit")} testId="submit-mark" />
      </Stack>
    </form>
  );
}

const NOBODY = "";

export function FacilitatorForm({ provision, onDone }: { provision: ProvisionDto; onDone: () => void }) {
  const { t } = useTranslation();
  const { text, language } = useLocale();
  const { document } = useRoom();
  const states = useStatesToday();
  const designate = useDesignateFacilitator(document.id);
  const [version, setVersion] = useState(provision.version);
  const { form, body, showServerErrors } = useContractForm({
    schema: FacilitatorRequestSchema,
    initialValues: { delegation: provision.facilitator ?? NOBODY },
    toBody: (values: { delegation: string }) => ({ delegation: values.delegation === NOBODY ? null : values.delegation, version }),
  });
  const submit = form.onSubmit((values) => designate.mutate({ provision: provision.id, body: body(values) }, { onSuccess: onDone, onError: (error) => retryAgainst(error, showServerErrors, setVersion) }));
  const collator = new Intl.Collator(language);
  const options = (states.data?.items ?? []).map((state) => ({ value: state.code, label: text(state.names) })).sort((a, b) => collator.compare(a.label, b.label));
  return (
    <form onSubmit={submit} noValidate data-testid="facilitator-form">
      <Stack gap="sm">
        <Text size="sm">{t("negotiation.facilitator.intro")}</Text>
        <NativeSelect label={t("negotiation.facilitator.label")} data={[{ value: NOBODY, label: t("negotiation.facilitator.none") }, ...options]} {...form.getInputProps("delegation")} />
        <FormLevelError form={form} />
        <FormProblem error={designate.error} />
        <Actions onCancel={onDone} pending={designate.isPending} label={t("negotiation.facilitator.submit")} testId="submit-facilitator" />
      </Stack>
    </form>
  );
}
