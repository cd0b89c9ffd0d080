// The rolling text: filters (contested provisions only, my delegation's proposals only), a clean-text preview, and the
// provisions in order with their brackets and open proposals.
import { Button, Group, NativeSelect, Stack, Switch, Text } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../../shared/forms/FormModal";
import classes from "../Negotiation.module.css";
import { mayUse } from "../negotiation-roles";
import type { TextView } from "../text/ProvisionText";
import { ProposalCard } from "./ProposalCard";
import { ProposalForm } from "./ProposalForm";
import { proposalsAtStart, visibleProvisions } from "./provision-filters";
import { ProvisionCard } from "./ProvisionCard";
import { useRoom } from "./room-context";

const VIEWS: readonly TextView[] = ["markup", "first", "none"];

export function TextTab() {
  const { t } = useTranslation();
  const { document, delegation, permissions } = useRoom();
  const [onlyContested, setOnlyContested] = useState(false);
  const [onlyMine, setOnlyMine] = useState(false);
  const [view, setView] = useState<TextView>("markup");
  const [isAddingAtStart, setAddingAtStart] = useState(false);
  const filters = useMemo(() => ({ onlyContested, onlyMine, delegation }), [onlyContested, onlyMine, delegation]);
  const shown = useMemo(() => visibleProvisions(document, filters), [document, filters]);
  const atStart = proposalsAtStart(document.proposals, filters);
  const canPropose = delegation !== null && mayUse(permissions, "proposal.create") && document.status === "negotiation";

  return (
    <Stack gap="md">
      <div className={classes.toolbar} role="group" aria-label={t("negotiation.filters.label")}>
        <Switch label={t("negotiation.filters.contested")} checked={onlyContested} onChange={(event) => setOnlyContested(event.currentTarget.checked)} data-testid="filter-contested" />
        {delegation !== null && (
          <Switch label={t("negotiation.filters.mine")} checked={onlyMine} onChange={(event) => setOnlyMine(event.currentTarget.checked)} data-testid="filter-mine" />
        )}
        <NativeSelect
          label={t("negotiation.views.label")}
          size="xs"
          data={VIEWS.map((value) => ({ value, label: t(`negotiation.views.${value}`) }))}
          value={view}
          onChange={(event) => setView(event.currentTarget.value as TextView)}
          data-testid="text-view"
        />
      </div>
      {view === "markup" ? (
        canPropose && (
          <Text size="xs" c="dimmed">
            {t("negotiation.selection.help")}
          </Text>
        )
      ) : (
        <Text size="xs" c="dimmed" data-testid="clean-preview-note">
          {t("negotiation.views.previewNote")}
        </Text>
      )}
      {canPropose && (
        <Group>
          <Button size="compact-sm" variant="subtle" onClick={() => setAddingAtStart(true)} data-testid="propose-at-start">
            {t("negotiation.propose.atStart")}
          </Button>
        </Group>
      )}
      {atStart.map((proposal) => (
        <ProposalCard key={proposal.id} proposal={proposal} />
      ))}
      {shown.length === 0 ? (
        <Text c="dimmed" data-testid="no-provisions">
          {t("negotiation.filters.nothing")}
        </Text>
      ) : (
        shown.map(({ provision, proposals, closed }) => <ProvisionCard key={provision.id} provision={provision} proposals={proposals} closed={closed} view={view} />)
      )}
      <FormModal opened={isAddingAtStart} onClose={() => setAddingAtStart(false)} title={t("negotiation.propose.atStart")}>
        {isAddingAtStart && <ProposalForm type="add-provision" provision={null} selection={null} onDone={() => setAddingAtStart(false)} />}
      </FormModal>
    </Stack>
  );
}
