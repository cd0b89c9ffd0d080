// A delegation's position on a proposal: support, oppose (each with an optional reason) or a comment.
import { Alert, Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PositionRequestSchema, type ProposalDto, type STANCES } from "../../../../contracts/negotiation";
import { FormProblem } from "../../../shared/forms/FormProblem";
import type { FieldMessages } from "../../../shared/forms/contract-form";
import { FormLevelError, useContractForm } from "../../../shared/forms/use-contract-form";
import { currentVersion } from "../current-version";
import { useTakePosition } from "../negotiation-commands";
import { useRoom } from "./room-context";

export type Stance = (typeof STANCES)[number];

export function PositionForm({ proposal, stance, onDone }: { proposal: ProposalDto; stance: Stance; onDone: () => void }) {
  const { t } = useTranslation();
  const { document } = useRoom();
  const takePosition = useTakePosition(document.id);
  // The proposal's version when the form opened; after a stale-version refusal, the version now shown.
  const [version, setVersion] = useState(proposal.version);
  const [isStale, setStale] = useState(false);
  const { form, body, showServerErrors } = useContractForm({
    schema: PositionRequestSchema,
    initialValues: { text: "" },
    toBody: (values: { text: string }) => ({ stance, text: values.text, version }),
    check: (values): FieldMessages => (stance === "comment" && values.text.trim() === "" ? { text: { code: "required" } } : {}),
  });
  const submit = form.onSubmit((values) =>
    takePosition.mutate(
      { proposal: proposal.id, body: body(values) },
      {
        onSuccess: onDone,
        onError: (error) => {
          showServerErrors(error);
          const current = currentVersion(error);
          if (current !== null) {
            setStale(true);
            setVersion(current);
          }
        },
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate data-testid="position-form">
      <Stack gap="sm">
        <Text size="sm">{t(`negotiation.position.intro.${stance}`, { label: proposal.label })}</Text>
        {isStale && (
          <Alert color="orange" variant="light" role="alert">
            {t("negotiation.position.stale")}
          </Alert>
        )}
        <Textarea
          label={stance === "comment" ? t("negotiation.position.comment") : t("negotiation.position.reasonOptional")}
          autosize
          minRows={3}
          {...form.getInputProps("text")}
          data-testid="position-text"
        />
        <FormLevelError form={form} />
        {!isStale && <FormProblem error={takePosition.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("forms.cancel")}
          </Button>
          <Button type="submit" color={stance === "oppose" ? "red" : stance === "support" ? "teal" : undefined} loading={takePosition.isPending} data-testid="submit-position">
            {t(`negotiation.position.submit.${stance}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
