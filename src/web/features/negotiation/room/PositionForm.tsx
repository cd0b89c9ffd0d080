// A delegation's position on a proposal: support, oppose (each with an optional reason) or a comment; or the comment of a
// non-member delegation the chair invited to the draft, shown as a non-member's.
import { Alert, Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { InvitedCommentRequestSchema, PositionRequestSchema, type ProposalDto, type STANCES } from "../../../../contracts/negotiation";
import { FormProblem } from "../../../shared/forms/FormProblem";
import type { FieldMessages } from "../../../shared/forms/contract-form";
import { FormLevelError, useContractForm } from "../../../shared/forms/use-contract-form";
import { currentVersion } from "../current-version";
import { useInvitedComment, useTakePosition } from "../negotiation-commands";
import { useRoom } from "./room-context";

export type Stance = (typeof STANCES)[number];

/**
 * The proposal's version a form answers: the one when it opened, and after a stale-version refusal the version now
 * shown (the reader sees the change and sends again, knowingly).
 */
function useAnsweredVersion(opened: number) {
  const [version, setVersion] = useState(opened);
  const [isStale, setStale] = useState(false);
  const answered = (error: unknown, showServerErrors: (error: unknown) => void) => {
    showServerErrors(error);
    const current = currentVersion(error);
    if (current !== null) {
      setStale(true);
      setVersion(current);
    }
  };
  return { version, isStale, answered };
}

export function PositionForm({ proposal, stance, onDone }: { proposal: ProposalDto; stance: Stance; onDone: () => void }) {
  const { t } = useTranslation();
  const { document } = useRoom();
  const takePosition = useTakePosition(document.id);
  const { version, isStale, answered } = useAnsweredVersion(proposal.version);
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
        onError: (error) => answered(error, showServerErrors),
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

/** A comment under the chair's invitation: recorded as a non-member's, marked so for everyone, and never blocking. */
export function InvitedCommentForm({ proposal, onDone }: { proposal: ProposalDto; onDone: () => void }) {
  const { t } = useTranslation();
  const { document } = useRoom();
  const comment = useInvitedComment(document.id);
  const { version, isStale, answered } = useAnsweredVersion(proposal.version);
  const { form, body, showServerErrors } = useContractForm({
    schema: InvitedCommentRequestSchema,
    initialValues: { text: "" },
    toBody: (values: { text: string }) => ({ text: values.text, version }),
  });
  const submit = form.onSubmit((values) =>
    comment.mutate(
      { proposal: proposal.id, body: body(values) },
      {
        onSuccess: onDone,
        onError: (error) => answered(error, showServerErrors),
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate data-testid="invited-comment-form">
      <Stack gap="sm">
        <Text size="sm">{t("negotiation.position.intro.invited", { label: proposal.label })}</Text>
        {isStale && (
          <Alert color="orange" variant="light" role="alert">
            {t("negotiation.position.stale")}
          </Alert>
        )}
        <Textarea label={t("negotiation.position.comment")} autosize minRows={3} required {...form.getInputProps("text")} data-testid="invited-comment-text" />
        <FormLevelError form={form} />
        {!isStale && <FormProblem error={comment.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("forms.cancel")}
          </Button>
          <Button type="submit" color="violet" loading={comment.isPending} data-testid="confirm-invited-comment">
            {t("negotiation.position.submit.comment")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
