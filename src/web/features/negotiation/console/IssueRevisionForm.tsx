// The chair issues the next revision: every open proposal listed with its default handling (bracketed if opposed,
// otherwise accepted), which the chair may override, with wording for one accepted with modifications.
import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, Textarea } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { HANDLING_ACTIONS, IssueRevisionRequestSchema, type ProposalDto } from "../../../../contracts/negotiation";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { FormLevelError, useContractForm } from "../../../shared/forms/use-contract-form";
import { useIssueRevision } from "../negotiation-commands";
import { revisionLabel } from "../negotiation-format";
import { ChangeView } from "../room/ProposalCard";
import { useRoom } from "../room/room-context";
import { defaultChoice, handlingPlan, planSummary, proposalsToHandle, type HandlingAction, type HandlingChoice } from "./revision-handling";

interface Values extends Record<string, unknown> {
  choices: Record<string, HandlingChoice>;
}

const ACTION_KEYS: Readonly<Record<HandlingAction, string>> = {
  accept: "accept",
  "accept-modified": "acceptModified",
  bracket: "bracket",
  withdraw: "withdraw",
  supersede: "supersede",
  defer: "defer",
};

function ProposalHandling({ proposal, choice, onChange, error }: { proposal: ProposalDto; choice: HandlingChoice; onChange: (choice: HandlingChoice) => void; error: ReactNode }) {
  const { t } = useTranslation();
  const { partyName, provisionName } = useRoom();
  const fallback = defaultChoice(proposal).action;
  const anchor = proposal.change.type === "add-provision" ? proposal.change.after : proposal.change.provision;
  return (
    <Paper withBorder radius="md" p="sm" data-testid="handling" data-label={proposal.label}>
      <Stack gap={6}>
        <Text size="sm" fw={600}>
          {[proposal.label, partyName(proposal.delegation), anchor ? provisionName(anchor) : null].filter(Boolean).join(" · ")}
        </Text>
        <ChangeView proposal={proposal} />
        <Text size="xs" c="dimmed">
          {t("negotiation.issue.supporters", { count: proposal.supporters.length })} · {t("negotiation.issue.opposers", { count: proposal.opposers.length })}
        </Text>
        <NativeSelect
          label={t("negotiation.issue.handling")}
          size="xs"
          maw={360}
          data={HANDLING_ACTIONS.map((action) => ({
            value: action,
            label: action === fallback ? t("negotiation.issue.default", { action: t(`negotiation.handling.${ACTION_KEYS[action]}`) }) : t(`negotiation.handling.${ACTION_KEYS[action]}`),
          }))}
          value={choice.action}
          onChange={(event) => onChange({ ...choice, action: event.currentTarget.value as HandlingAction })}
          data-testid="handling-action"
        />
        {choice.action === "accept-modified" && (
          <Textarea label={t("negotiation.issue.modifiedText")} autosize minRows={2} size="xs" value={choice.text} onChange={(event) => onChange({ ...choice, text: event.currentTarget.value })} error={error} />
        )}
      </Stack>
    </Paper>
  );
}

export function IssueRevisionForm() {
  const { t } = useTranslation();
  const { document } = useRoom();
  const issue = useIssueRevision(document.id);
  const [issued, setIssued] = useState<number | null>(null);
  const toHandle = proposalsToHandle(document.proposals);
  const { form, body, showServerErrors } = useContractForm({
    schema: IssueRevisionRequestSchema,
    initialValues: { choices: {} } as Values,
    // Proposals made while the chair works are handled by default; the version sent is the document's as shown.
    toBody: (values: Values) => ({ version: document.version, handlings: handlingPlan(document.proposals, values.choices).handlings }),
    check: (values) => Object.fromEntries(handlingPlan(document.proposals, values.choices).missingText.map((id) => [`choices.${id}.text`, { code: "required" as const }])),
  });
  const plan = handlingPlan(document.proposals, form.values.choices);
  const summary = planSummary(plan);
  const submit = form.onSubmit((values) =>
    issue.mutate(body(values), {
      onSuccess: (revision) => {
        setIssued(revision?.number ?? null);
        form.reset();
      },
      onError: showServerErrors,
    }),
  );
  return (
    <form onSubmit={submit} noValidate data-testid="issue-revision-form">
      <Stack gap="sm">
        <Text size="sm">{t("negotiation.issue.intro", { next: revisionLabel(document.revision + 1, t) })}</Text>
        {issued !== null && (
          <Alert color="teal" variant="light" role="status" data-testid="revision-issued">
            {t("negotiation.issue.issued", { revision: revisionLabel(issued, t) })}
          </Alert>
        )}
        {toHandle.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("negotiation.issue.noProposals")}
          </Text>
        ) : (
          toHandle.map((proposal) => (
            <ProposalHandling
              key={proposal.id}
              proposal={proposal}
              choice={form.values.choices[proposal.id] ?? defaultChoice(proposal)}
              onChange={(choice) => form.setFieldValue("choices", { ...form.values.choices, [proposal.id]: choice })}
              error={form.errors[`choices.${proposal.id}.text`]}
            />
          ))
        )}
        <Text size="sm" data-testid="issue-summary">
          {t("negotiation.issue.summary", {
            accepted: t("negotiation.issue.acceptedCount", { count: summary.accepted }),
            bracketed: t("negotiation.issue.bracketedCount", { count: summary.bracketed }),
            other: t("negotiation.issue.otherCount", { count: summary.other }),
          })}
        </Text>
        <FormLevelError form={form} />
        <FormProblem error={issue.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={issue.isPending} data-testid="submit-revision">
            {t("negotiation.issue.submit", { revision: revisionLabel(document.revision + 1, t) })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
