// A delegation's proposal to change the text: replace, insert or delete a span of a provision's base text (taken from the
// reader's selection, or found by quoting it), add a provision after this one, or delete it; with a justification.
import { Alert, Button, Group, NativeSelect, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateProposalRequestSchema, PROVISION_KINDS, type ProvisionDto } from "../../../../contracts/negotiation";
import { checkBalanced, textDirection } from "../../../shared/core-rules";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { FormLevelError, useContractForm } from "../../../shared/forms/use-contract-form";
import type { FieldMessages } from "../../../shared/forms/contract-form";
import classes from "../Negotiation.module.css";
import { currentVersion } from "../current-version";
import { useProposeChange } from "../negotiation-commands";
import { provisionLabel } from "../negotiation-format";
import { findQuote, type Span } from "../text/markup-segments";
import { changePreview, cutsThroughBracket, resolveSpan } from "./proposal-span";
import { TYPE_KEYS, isSpanType, type ProposalType } from "./proposal-types";
import { useRoom } from "./room-context";

interface Values extends Record<string, unknown> {
  quote: string;
  occurrence: string;
  text: string;
  kind: (typeof PROVISION_KINDS)[number];
  justification: string;
}

interface Props {
  readonly type: ProposalType;
  /** The provision the change is about (an added provision follows it); null to add a provision at the start. */
  readonly provision: ProvisionDto | null;
  /** The reader's selection in the provision's base text when the form was opened. */
  readonly selection: Span | null;
  readonly onDone: () => void;
}

function Preview({ source, span, added }: { source: string; span: Span; added: string }) {
  const { t } = useTranslation();
  const preview = changePreview(source, span, added);
  return (
    <div>
      <Text size="xs" c="dimmed" mb={2}>
        {t("negotiation.propose.preview")}
      </Text>
      <Text size="sm" className={classes.quote} data-testid="proposal-preview">
        {preview.before}
        {preview.removed && <del className={classes.del}>{preview.removed}</del>}
        {preview.added && <ins className={classes.ins}>{preview.added}</ins>}
        {preview.after}
      </Text>
    </div>
  );
}

export function ProposalForm({ type, provision, selection: initialSelection, onDone }: Props) {
  const { t } = useTranslation();
  const { document } = useRoom();
  const propose = useProposeChange(document.id);
  const source = provision?.texts[document.baseLanguage] ?? "";
  // The provision's version the offsets were read against; after a stale-version refusal, the version now shown.
  const [provisionVersion, setProvisionVersion] = useState(provision?.version);
  const [selection, setSelection] = useState(initialSelection);
  const [isStale, setStale] = useState(false);

  const spanOf = (values: Values) => (isSpanType(type) ? resolveSpan(source, values.quote, Number(values.occurrence), selection) : null);

  const toBody = (values: Values) => {
    const span = spanOf(values);
    const start = span?.start;
    const end = span?.end;
    const id = provision?.id ?? "";
    const change =
      type === "replace"
        ? { type, provision: id, start, end, text: values.text }
        : type === "insert"
          ? { type, provision: id, at: end, text: values.text }
          : type === "delete"
            ? { type, provision: id, start, end }
            : type === "add-provision"
              ? { type, after: provision?.id ?? null, kind: values.kind, text: values.text }
              : { type, provision: id };
    return { change, justification: values.justification, ...(provision && type !== "add-provision" ? { provisionVersion } : {}) };
  };

  const check = (values: Values): FieldMessages => {
    const messages: Record<string, { key: string }> = {};
    if (isSpanType(type)) {
      const span = spanOf(values);
      if (!span) messages.quote = { key: values.quote === "" ? "negotiation.propose.quoteRequired" : "negotiation.propose.quoteNotFound" };
      else if (type !== "insert" && span.start === span.end) messages.quote = { key: "negotiation.propose.quoteRequired" };
      else if (cutsThroughBracket(source, span)) messages.quote = { key: "negotiation.propose.spanCutsBracket" };
    }
    if (type !== "delete" && type !== "delete-provision" && !checkBalanced(values.text)) messages["change.text"] = { key: "negotiation.propose.unbalanced" };
    return messages;
  };

  const { form, body, showServerErrors } = useContractForm({
    schema: CreateProposalRequestSchema,
    initialValues: {
      quote: initialSelection ? source.slice(initialSelection.start, initialSelection.end) : "",
      occurrence: "0",
      text: "",
      kind: provision?.kind === "preambular" ? "preambular" : "operative",
      justification: "",
    } as Values,
    toBody,
    check,
  });

  const submit = form.onSubmit((values) =>
    propose.mutate(body(values), {
      onSuccess: onDone,
      onError: (error) => {
        showServerErrors(error);
        // The provision changed meanwhile: the offsets are searched for again in its text as it is now.
        const current = currentVersion(error);
        if (current !== null) {
          setStale(true);
          setSelection(null);
          setProvisionVersion(current);
        }
      },
    }),
  );

  const matches = isSpanType(type) ? findQuote(source, form.values.quote) : [];
  const span = spanOf(form.values);
  const isSelected = span !== null && selection !== null && span.start === selection.start && span.end === selection.end;
  const target = provision ? provisionLabel(provision, t) : "";
  const quoteError = form.errors.quote ?? form.errors["change.start"] ?? form.errors["change.at"] ?? form.errors["change.end"];

  return (
    <form onSubmit={submit} noValidate data-testid="proposal-form">
      <Stack gap="sm">
        <Text size="sm">{t(provision ? `negotiation.propose.intro.${TYPE_KEYS[type]}` : "negotiation.propose.intro.addAtStart", { provision: target })}</Text>
        {isStale && (
          <Alert color="orange" variant="light" role="alert">
            {t("negotiation.propose.staleText")}
          </Alert>
        )}
        {isSpanType(type) && (
          <>
            <TextInput
              label={type === "insert" ? t("negotiation.propose.insertAfter") : t("negotiation.propose.quote")}
              description={isSelected ? t("negotiation.propose.fromSelection") : t("negotiation.propose.quoteHelp")}
              lang={document.baseLanguage} dir={textDirection(document.baseLanguage)}
              {...form.getInputProps("quote")}
              error={quoteError}
              data-testid="proposal-quote"
            />
            {matches.length > 1 && !isSelected && (
              <NativeSelect
                label={t("negotiation.propose.occurrence")}
                data={matches.map((match, index) => ({ value: String(index), label: changePreview(source, match, "", 18).before + "⟦" + form.values.quote + "⟧" }))}
                {...form.getInputProps("occurrence")}
              />
            )}
          </>
        )}
        {type === "add-provision" && (
          <NativeSelect
            label={t("negotiation.propose.kind")}
            data={PROVISION_KINDS.map((kind) => ({ value: kind, label: t(`negotiation.provisionKinds.${kind}`) }))}
            {...form.getInputProps("kind")}
          />
        )}
        {(type === "replace" || type === "insert" || type === "add-provision") && (
          <Textarea
            label={type === "replace" ? t("negotiation.propose.replacement") : type === "insert" ? t("negotiation.propose.insertion") : t("negotiation.propose.newText")}
            description={t("negotiation.propose.markupHelp")}
            autosize
            minRows={type === "add-provision" ? 4 : 2}
            lang={document.baseLanguage} dir={textDirection(document.baseLanguage)}
            {...form.getInputProps("text")}
            error={form.errors["change.text"]}
            data-testid="proposal-text"
          />
        )}
        {span && isSpanType(type) && <Preview source={source} span={span} added={type === "delete" ? "" : form.values.text} />}
        <Textarea label={t("negotiation.propose.justification")} autosize minRows={2} {...form.getInputProps("justification")} data-testid="proposal-justification" />
        <FormLevelError form={form} />
        {!isStale && <FormProblem error={propose.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("forms.cancel")}
          </Button>
          <Button type="submit" loading={propose.isPending} data-testid="submit-proposal">
            {t("negotiation.propose.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
