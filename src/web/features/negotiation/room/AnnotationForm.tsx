// A text about the whole document or one of its provisions: a private note's form, and the choice of the provision a
// note or a statement of position is about.
import { Button, Group, NativeSelect, Stack, Textarea } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { GetInputPropsReturnType } from "@mantine/form";
import type { UseMutationResult } from "@tanstack/react-query";
import type { z } from "zod";
import type { NoteRequestSchema } from "../../../../contracts/negotiation";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { FormLevelError, useContractForm } from "../../../shared/forms/use-contract-form";
import { provisionLabel } from "../negotiation-format";
import { useRoom } from "./room-context";

type AnnotationBody = z.infer<typeof NoteRequestSchema>;

export interface AnnotationFormProps<Answer> {
  /** The contract's request schema (notes and statements have the same shape). */
  readonly schema: typeof NoteRequestSchema;
  readonly send: UseMutationResult<Answer, unknown, AnnotationBody>;
  readonly textLabel: string;
  readonly submitLabel: string;
  readonly minRows: number;
  /** Test ids: `<name>-text` for the text, `submit-<name>` for the button. */
  readonly name: string;
}

/** The provision a text is about, or the whole document (""). */
export function ProvisionSelect({ input }: { input: GetInputPropsReturnType }) {
  const { t } = useTranslation();
  const { document } = useRoom();
  return (
    <NativeSelect
      label={t("negotiation.fields.provisionOptional")}
      data={[{ value: "", label: t("negotiation.fields.wholeDocument") }, ...document.provisions.map((p) => ({ value: p.id, label: provisionLabel(p, t) }))]}
      {...input}
      style={{ flex: "1 1 10rem" }}
    />
  );
}

export function AnnotationForm<Answer>({ schema, send, textLabel, submitLabel, minRows, name }: AnnotationFormProps<Answer>) {
  const { form, body, showServerErrors } = useContractForm({
    schema,
    initialValues: { text: "", provision: "" },
    toBody: (values: { text: string; provision: string }) => ({ text: values.text, provision: values.provision === "" ? null : values.provision }),
  });
  const submit = form.onSubmit((values) => send.mutate(body(values), { onSuccess: () => form.reset(), onError: showServerErrors }));
  return (
    <form onSubmit={submit} noValidate aria-label={submitLabel}>
      <Stack gap="xs">
        <Textarea label={textLabel} autosize minRows={minRows} {...form.getInputProps("text")} data-testid={`${name}-text`} />
        <Group align="flex-end" gap="sm">
          <ProvisionSelect input={form.getInputProps("provision")} />
          <Button type="submit" loading={send.isPending} data-testid={`submit-${name}`}>
            {submitLabel}
          </Button>
        </Group>
        <FormLevelError form={form} />
        <FormProblem error={send.error} />
      </Stack>
    </form>
  );
}
