// The chair issues the next revision: every open proposal listed with who supports and who opposes it and its handling —
// suggested where some delegation supported it, to be chosen where nobody did or where it was carried over; not retained,
// or merged into another open proposal the chair picks — then a confirmation saying what the revision will do, as
// deactivating a delegation asks before it acts.
import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, Textarea } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { HANDLING_ACTIONS, IssueRevisionRequestSchema, type ProposalDto } from "../../../../contracts/negotiation";
import { useLocale } from "../../../i18n/use-locale";
import { FormModal } from "../../../shared/forms/FormModal";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { FormLevelError, useContractForm } from "../../../shared/forms/use-contract-form";
import { useIssueRevision } from "../negotiation-commands";
import { revisionLabel } from "../negotiation-format";
import { ChangeView } from "../room/ProposalCard";
import { HANDLING_KEYS } from "../room/proposal-status";
import { useRoom } from "../room/room-context";
import {
  defaultChoice,
  handlingPlan,
  mergeTargets,
  noDefaultReason,
  planSummary,
  proposalsToHandle,
  type HandlingAction,
  type HandlingChoice,
  type PlanSummary,
} from "./revision-handling";

interface Values extends Record<string, unknown> {
  choices: Record<string, HandlingChoice>;
}

/** Who stands where on a proposal: how many, and which delegations. */
function Standing({ proposal }: { proposal: ProposalDto }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { partyName } = useRoom();
  const list = (codes: readonly string[]) => new Intl.ListFormat(language, { type: "conjunction" }).format(codes.map(partyName));
  return (
    <Stack gap={0} data-testid="standing">
      <Text size="xs" c={proposal.supporters.length > 0 ? "teal.9" : "dimmed"} data-testid="supporters">
        {proposal.supporters.length > 0 ? t("negotiation.issue.supportedBy", { count: proposal.supporters.length, names: list(proposal.supporters) }) : t("negotiation.issue.noSupport")}
      </Text>
      <Text size="xs" c={proposal.opposers.length > 0 ? "red.8" : "dimmed"} data-testid="opposers">
        {proposal.opposers.length > 0 ? t("negotiation.issue.opposedBy", { count: proposal.opposers.length, names: list(proposal.opposers) }) : t("negotiation.issue.noOpposition")}
      </Text>
    </Stack>
  );
}

interface HandlingProps {
  readonly proposal: ProposalDto;
  readonly choice: HandlingChoice | null;
  readonly onChange: (choice: HandlingChoice) => void;
  readonly error: ReactNode;
  readonly textError: ReactNode;
  readonly intoError: ReactNode;
}

function ProposalHandling({ proposal, choice, onChange, error, textError, intoError }: HandlingProps) {
  const { t } = useTranslation();
  const { document, partyName, provisionName } = useRoom();
  const suggested = defaultChoice(proposal, document.revision)?.action ?? null;
  const reason = noDefaultReason(proposal, document.revision);
  const anchor = proposal.change.type === "add-provision" ? proposal.change.after : proposal.change.provision;
  const label = (action: HandlingAction) => t(`negotiation.handling.${HANDLING_KEYS[action]}`);
  const targets = mergeTargets(proposal, document.proposals);
  return (
    <Paper withBorder radius="md" p="sm" data-testid="handling" data-label={proposal.label}>
      <Stack gap={6}>
        <Text size="sm" fw={600}>
          {[proposal.label, partyName(proposal.delegation), anchor ? provisionName(anchor) : null].filter(Boolean).join(" · ")}
        </Text>
        <ChangeView proposal={proposal} />
        <Standing proposal={proposal} />
        <NativeSelect
          label={t("negotiation.issue.handling", { label: proposal.label })}
          description={reason ? t(`negotiation.issue.noDefault.${reason}`) : undefined}
          size="xs"
          maw={420}
          data={[
            // With no suggestion, nothing is chosen until the chair chooses.
            ...(choice === null ? [{ value: "", label: t("negotiation.issue.choose"), disabled: true }] : []),
            ...HANDLING_ACTIONS.map((action) => ({ value: action, label: action === suggested ? t("negotiation.issue.default", { action: label(action) }) : label(action) })),
          ]}
          value={choice?.action ?? ""}
          onChange={(event) => onChange({ text: choice?.text ?? "", into: choice?.into ?? "", action: event.currentTarget.value as HandlingAction })}
          error={error}
          data-testid="handling-action"
        />
        {choice?.action === "accept-modified" && (
          <Textarea label={t("negotiation.issue.modifiedText")} autosize minRows={2} size="xs" value={choice.text} onChange={(event) => onChange({ ...choice, text: event.currentTarget.value })} error={textError} />
        )}
        {choice?.action === "merge" && (
          <NativeSelect
            label={t("negotiation.issue.mergeInto", { label: proposal.label })}
            description={targets.length === 0 ? t("negotiation.issue.noMergeTarget") : t("negotiation.issue.mergeHelp")}
            size="xs"
            maw={420}
            required
            data={[
              { value: "", label: t("negotiation.issue.chooseProposal"), disabled: true },
              ...targets.map((target) => ({ value: target.id, label: [target.label, partyName(target.delegation)].join(" · ") })),
            ]}
            value={choice.into ?? ""}
            onChange={(event) => onChange({ ...choice, into: event.currentTarget.value })}
            error={intoError}
            data-testid="handling-into"
          />
        )}
      </Stack>
    </Paper>
  );
}

/** What the revision will do, in counts: accepted, bracketed, deferred, not retained (and merged, when any). */
function summaryParts(summary: PlanSummary, t: (key: string, options: Record<string, unknown>) => string): string[] {
  return [
    t("negotiation.issue.acceptedCount", { count: summary.accepted }),
    t("negotiation.issue.bracketedCount", { count: summary.bracketed }),
    t("negotiation.issue.deferredCount", { count: summary.deferred }),
    t("negotiation.issue.notRetainedCount", { count: summary.notRetained }),
    ...(summary.merged > 0 ? [t("negotiation.issue.mergedCount", { count: summary.merged })] : []),
  ];
}

export function IssueRevisionForm() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { document } = useRoom();
  const issue = useIssueRevision(document.id);
  const [issued, setIssued] = useState<number | null>(null);
  const [isConfirming, setConfirming] = useState(false);
  const [wasRefused, setRefused] = useState(false);
  const toHandle = proposalsToHandle(document.proposals);
  const next = revisionLabel(document.revision + 1, t);
  const { form, body, showServerErrors } = useContractForm({
    schema: IssueRevisionRequestSchema,
    initialValues: { choices: {} } as Values,
    // Every proposal's handling is sent, so the server's default never applies; the version sent is the document's as shown.
    toBody: (values: Values) => ({ version: document.version, handlings: handlingPlan(document.proposals, values.choices, document.revision).handlings }),
    check: (values) => {
      const plan = handlingPlan(document.proposals, values.choices, document.revision);
      return {
        ...Object.fromEntries(plan.unchosen.map((id) => [`choices.${id}.action`, { key: "negotiation.issue.chooseRequired" }])),
        ...Object.fromEntries(plan.missingText.map((id) => [`choices.${id}.text`, { code: "required" as const }])),
        ...Object.fromEntries(plan.missingInto.map((id) => [`choices.${id}.into`, { code: "required" as const }])),
        ...Object.fromEntries(plan.invalidInto.map((id) => [`choices.${id}.into`, { key: "negotiation.issue.invalidMerge" }])),
      };
    },
  });
  const plan = handlingPlan(document.proposals, form.values.choices, document.revision);
  const summary = planSummary(plan);
  const parts = summaryParts(summary, t);
  const list = (items: readonly string[]) => new Intl.ListFormat(language, { type: "conjunction" }).format(items);
  const unchosenLabels = toHandle.filter((proposal) => plan.unchosen.includes(proposal.id)).map((proposal) => proposal.label);

  const submit = form.onSubmit(
    () => {
      setRefused(false);
      issue.reset();
      setConfirming(true);
    },
    () => setRefused(true),
  );
  const confirm = () =>
    issue.mutate(body(form.values), {
      onSuccess: (revision) => {
        setIssued(revision?.number ?? null);
        setConfirming(false);
        form.reset();
      },
      onError: (error) => {
        showServerErrors(error);
      },
    });

  return (
    <form onSubmit={submit} noValidate data-testid="issue-revision-form">
      <Stack gap="sm">
        <Text size="sm">{t("negotiation.issue.intro", { next })}</Text>
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
              choice={form.values.choices[proposal.id] ?? defaultChoice(proposal, document.revision)}
              onChange={(choice) => {
                form.setFieldValue("choices", { ...form.values.choices, [proposal.id]: choice });
                form.clearFieldError(`choices.${proposal.id}.action`);
                form.clearFieldError(`choices.${proposal.id}.into`);
              }}
              error={form.errors[`choices.${proposal.id}.action`]}
              textError={form.errors[`choices.${proposal.id}.text`]}
              intoError={form.errors[`choices.${proposal.id}.into`]}
            />
          ))
        )}
        <div>
          <Text size="sm" data-testid="issue-summary">
            {t("negotiation.issue.summary", { revision: next, parts: list(parts) })}
          </Text>
          {summary.unchosen > 0 && (
            <Text size="sm" c="orange.9" data-testid="unchosen-count">
              {t("negotiation.issue.unchosenCount", { count: summary.unchosen })}
            </Text>
          )}
        </div>
        {wasRefused && unchosenLabels.length > 0 && (
          <Alert color="red" variant="light" role="alert" data-testid="unchosen">
            {t("negotiation.issue.chooseFirst", { count: unchosenLabels.length, labels: list(unchosenLabels), revision: next })}
          </Alert>
        )}
        <FormLevelError form={form} />
        <Group justify="flex-end">
          <Button type="submit" data-testid="submit-revision">
            {t("negotiation.issue.submit", { revision: next })}
          </Button>
        </Group>
      </Stack>
      <FormModal opened={isConfirming} onClose={() => setConfirming(false)} title={t("negotiation.issue.confirmTitle", { revision: next })}>
        <Stack gap="md" data-testid="confirm-revision">
          <Text>{t("negotiation.issue.confirmBody", { revision: next, count: plan.handlings.length })}</Text>
          <Text fw={600} data-testid="confirm-summary">
            {list(parts)}
          </Text>
          <FormProblem error={issue.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t("forms.cancel")}
            </Button>
            <Button loading={issue.isPending} onClick={confirm} data-testid="confirm-issue">
              {t("negotiation.issue.submit", { revision: next })}
            </Button>
          </Group>
        </Stack>
      </FormModal>
    </form>
  );
}
