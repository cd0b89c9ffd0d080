// One provision in the rolling text: its number and status, its base text with brackets drawn (the reader's selection
// there starts a proposal), who backs which alternative, its open proposals (the closed ones on request, with what
// became of them), and the chair's or facilitator's actions.
import { Button, Group, Menu, Paper, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProposalDto, ProvisionDto } from "../../../../contracts/negotiation";
import { useLocale } from "../../../i18n/use-locale";
import { FormModal } from "../../../shared/forms/FormModal";
import { PlainBadge, ProvisionStatusBadge } from "../badges";
import classes from "../Negotiation.module.css";
import { provisionLabel } from "../negotiation-format";
import { mayFacilitate, mayUse } from "../negotiation-roles";
import type { Span } from "../text/markup-segments";
import { ProvisionText, type TextView } from "../text/ProvisionText";
import { BracketBackers } from "./BracketBackers";
import { ProposalCard } from "./ProposalCard";
import { ProposalForm } from "./ProposalForm";
import { PROPOSAL_TYPES, TYPE_KEYS, type ProposalType } from "./proposal-types";
import { ProvisionChairMenu } from "./ProvisionChairMenu";
import { useRoom } from "./room-context";

function SelectionHint({ source, span, onClear }: { source: string; span: Span; onClear: () => void }) {
  const { t } = useTranslation();
  const selected = source.slice(span.start, span.end);
  return (
    <Group gap="xs" wrap="nowrap" data-testid="selection-hint">
      <Text size="xs" c="dimmed" className={classes.quote} style={{ minWidth: 0 }}>
        {selected ? t("negotiation.selection.selected", { text: selected.length > 80 ? `${selected.slice(0, 79)}…` : selected }) : t("negotiation.selection.caret")}
      </Text>
      <Button size="compact-xs" variant="subtle" color="gray" onClick={onClear} style={{ flex: "none" }}>
        {t("negotiation.selection.clear")}
      </Button>
    </Group>
  );
}

function ProposeMenu({ onChoose }: { onChoose: (type: ProposalType) => void }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="compact-sm" variant="light" data-testid="propose-menu">
          {t("negotiation.propose.menu")}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {PROPOSAL_TYPES.map((type) => (
          <Menu.Item key={type} onClick={() => onChoose(type)} data-testid={`propose-${type}`}>
            {t(`negotiation.propose.choose.${TYPE_KEYS[type]}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** Proposals closed on this provision, folded away until asked for: what the chair or their proposers did with them. */
function ClosedProposals({ proposals, provision }: { proposals: readonly ProposalDto[]; provision: string }) {
  const { t } = useTranslation();
  const [isShown, setShown] = useState(false);
  if (proposals.length === 0) return null;
  const listId = `closed-${provision}`;
  return (
    <Stack gap="sm">
      <Group>
        <Button
          size="compact-xs"
          variant="subtle"
          color="gray"
          onClick={() => setShown(!isShown)}
          aria-expanded={isShown}
          aria-controls={listId}
          data-testid="show-closed-proposals"
        >
          {isShown ? t("negotiation.proposal.hideClosed") : t("negotiation.proposal.showClosed", { count: proposals.length })}
        </Button>
      </Group>
      {isShown && (
        <Stack gap="sm" id={listId} component="section" aria-label={t("negotiation.proposal.closedLabel")} data-testid="closed-proposals">
          {proposals.map((proposal) => (
            <ProposalCard key={proposal.id} proposal={proposal} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

interface Props {
  readonly provision: ProvisionDto;
  readonly proposals: readonly ProposalDto[];
  /** Its closed proposals (none when not given). */
  readonly closed?: readonly ProposalDto[];
  readonly view: TextView;
}

export function ProvisionCard({ provision, proposals, closed = [], view }: Props) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { document, delegation, permissions, isChair, partyName, presence, presentName, setDrafting } = useRoom();
  const [span, setSpan] = useState<Span | null>(null);
  const [proposing, setProposingType] = useState<ProposalType | null>(null);
  // While the reader writes a proposal on this provision, the others in the room see it.
  const setProposing = (type: ProposalType | null) => {
    setProposingType(type);
    setDrafting(type === null ? null : provision.id);
  };
  const draftingHere = presence.drafting.get(provision.id) ?? [];
  const source = provision.texts[document.baseLanguage] ?? "";
  const canPropose = delegation !== null && mayUse(permissions, "proposal.create") && document.status === "negotiation";
  const hasChairActions = document.status === "negotiation" && (mayFacilitate(delegation, document, provision) || (isChair && mayUse(permissions, "provision.facilitator")));
  const label = provisionLabel(provision, t);
  const headingId = `provision-${provision.id}`;

  return (
    <Paper component="article" withBorder radius="lg" p={{ base: "sm", sm: "md" }} className={classes.card} aria-labelledby={headingId} data-testid="provision" data-provision={provision.id}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Group gap={6}>
            <Text id={headingId} className={classes.provisionNumber} data-testid="provision-number">
              {label}
            </Text>
            <ProvisionStatusBadge status={provision.status} />
            {provision.facilitator && <PlainBadge color="grape">{t("negotiation.provision.facilitator", { name: partyName(provision.facilitator) })}</PlainBadge>}
            {provision.outdated.length > 0 && <PlainBadge color="orange">{t("negotiation.provision.outdatedCount", { count: provision.outdated.length })}</PlainBadge>}
            {draftingHere.length > 0 && (
              <PlainBadge color="cyan">{t("negotiation.provision.drafting", { names: new Intl.ListFormat(language, { type: "conjunction" }).format(draftingHere.map(presentName)) })}</PlainBadge>
            )}
          </Group>
          <Group gap={6}>
            {hasChairActions && <ProvisionChairMenu provision={provision} />}
            {canPropose && <ProposeMenu onChoose={setProposing} />}
          </Group>
        </Group>
        <ProvisionText source={source} view={view} language={document.baseLanguage} onSelectSpan={canPropose ? setSpan : undefined} testId="provision-text" />
        {canPropose && span && <SelectionHint source={source} span={span} onClear={() => setSpan(null)} />}
        {provision.brackets.length > 0 && view === "markup" && <BracketBackers provision={provision} />}
        {proposals.length > 0 && (
          <Stack gap="sm" mt={4} component="section" aria-label={t("negotiation.proposal.listLabel", { provision: label })}>
            {proposals.map((proposal) => (
              <ProposalCard key={proposal.id} proposal={proposal} />
            ))}
          </Stack>
        )}
        <ClosedProposals proposals={closed} provision={provision.id} />
      </Stack>
      <FormModal
        opened={proposing !== null}
        onClose={() => setProposing(null)}
        title={proposing ? t(`negotiation.propose.title.${TYPE_KEYS[proposing]}`, { provision: label }) : ""}
      >
        {proposing && (
          <ProposalForm
            type={proposing}
            provision={provision}
            selection={span}
            onDone={() => {
              setProposing(null);
              setSpan(null);
            }}
          />
        )}
      </FormModal>
    </Paper>
  );
}
