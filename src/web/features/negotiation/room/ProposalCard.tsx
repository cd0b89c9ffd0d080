// One open proposal under its provision: who made it, what it changes (struck and inserted text), why, who supports and
// who opposes it, the discussion, and the reader's own support, opposition or comment.
import { Badge, Button, Group, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProposalDto } from "../../../../contracts/negotiation";
import { localTimeZone } from "../../../i18n/date-format";
import { useLocale } from "../../../i18n/use-locale";
import { FormModal } from "../../../shared/forms/FormModal";
import classes from "../Negotiation.module.css";
import { formatInstantIn } from "../negotiation-format";
import { mayUse } from "../negotiation-roles";
import { PositionForm, type Stance } from "./PositionForm";
import { changePreview } from "./proposal-span";
import { TYPE_KEYS } from "./proposal-types";
import { useRoom } from "./room-context";
import { textDirection } from "../../../shared/core-rules";

/** A change to a span shown in its context: a few words around it, the words struck and the words inserted. */
function SpanChange({ proposal }: { proposal: ProposalDto }) {
  const { t } = useTranslation();
  const { document } = useRoom();
  const { change } = proposal;
  if (change.type !== "replace" && change.type !== "insert" && change.type !== "delete") return null;
  const source = document.provisions.find((provision) => provision.id === change.provision)?.texts[document.baseLanguage];
  const span = change.type === "insert" ? { start: change.at, end: change.at } : { start: change.start, end: change.end };
  const added = change.type === "delete" ? "" : change.text;
  // Proposals are re-anchored with every revision; one whose span no longer holds its quote is shown without context.
  const isAnchored = source !== undefined && span.end <= source.length && (change.type === "insert" || source.slice(span.start, span.end) === proposal.quote);
  const preview = isAnchored ? changePreview(source, span, added, 32) : { before: "", removed: proposal.quote, added, after: "" };
  return (
    <Text size="sm" className={classes.quote} lang={document.baseLanguage} dir={textDirection(document.baseLanguage)}>
      <Text span size="sm" c="dimmed">
        {preview.before}
      </Text>
      {preview.removed && <del className={classes.del}>{preview.removed}</del>}
      {preview.added ? <ins className={classes.ins}>{preview.added}</ins> : change.type === "replace" && <em>{t("negotiation.proposal.nothing")}</em>}
      <Text span size="sm" c="dimmed">
        {preview.after}
      </Text>
    </Text>
  );
}

/** What a proposal changes: struck and inserted text in context, or the provision added, deleted or moved. */
export function ChangeView({ proposal }: { proposal: ProposalDto }) {
  const { t } = useTranslation();
  const { provisionName, document } = useRoom();
  const { change } = proposal;
  switch (change.type) {
    case "replace":
    case "insert":
    case "delete":
      return <SpanChange proposal={proposal} />;
    case "add-provision":
      return (
        <Text size="sm" className={classes.quote}>
          {change.after ? t("negotiation.proposal.addAfter", { provision: provisionName(change.after) }) : t("negotiation.proposal.addAtStart")}{" "}
          <ins className={classes.ins} lang={document.baseLanguage} dir={textDirection(document.baseLanguage)}>
            {change.text}
          </ins>
        </Text>
      );
    case "delete-provision":
      return <Text size="sm">{t("negotiation.proposal.deleteProvision", { provision: provisionName(change.provision) })}</Text>;
    case "move-provision":
      return (
        <Text size="sm">
          {change.after
            ? t("negotiation.proposal.moveAfter", { provision: provisionName(change.provision), after: provisionName(change.after) })
            : t("negotiation.proposal.moveToStart", { provision: provisionName(change.provision) })}
        </Text>
      );
  }
}

function Standing({ label, codes, testId }: { label: string; codes: readonly string[]; testId: string }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { partyName } = useRoom();
  if (codes.length === 0) return null;
  return (
    <Text size="sm" data-testid={testId}>
      <Text span size="sm" fw={600}>
        {t("negotiation.label", { label })}
      </Text>{" "}
      {new Intl.ListFormat(language, { type: "conjunction" }).format(codes.map(partyName))}
    </Text>
  );
}

function Discussion({ proposal }: { proposal: ProposalDto }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { partyName } = useRoom();
  const spoken = proposal.positions.filter((position) => position.text.trim() !== "");
  if (spoken.length === 0) return null;
  return (
    <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: "none" }} aria-label={t("negotiation.proposal.discussion")}>
      {spoken.map((position) => (
        <li key={`${position.delegation}-${position.at}`}>
          <Text size="sm">
            <Text span size="sm" fw={600}>
              {t(`negotiation.proposal.said.${position.stance}`, { name: partyName(position.delegation) })}
            </Text>{" "}
            <Text span size="xs" c="dimmed">
              {formatInstantIn(position.at, language, localTimeZone())}
            </Text>
          </Text>
          <Text size="sm" className={classes.quote}>
            {position.text}
          </Text>
        </li>
      ))}
    </Stack>
  );
}

export function ProposalCard({ proposal }: { proposal: ProposalDto }) {
  const { t } = useTranslation();
  const { delegation, permissions, partyName } = useRoom();
  const [stance, setStance] = useState<Stance | null>(null);
  const isMine = delegation !== null && proposal.delegation === delegation;
  const isOpen = proposal.status === "open" || proposal.status === "colliding";
  const mySupport = delegation !== null && proposal.supporters.includes(delegation);
  const myOpposition = delegation !== null && proposal.opposers.includes(delegation);
  const may = (right: "position.support" | "position.oppose" | "position.comment") => delegation !== null && isOpen && mayUse(permissions, right);

  return (
    <div className={isMine ? `${classes.proposal} ${classes.proposalMine}` : classes.proposal} data-testid="proposal" data-label={proposal.label}>
      <Stack gap={6}>
        <Group gap={6}>
          <Text fw={700} size="sm">
            {proposal.label}
          </Text>
          <Text size="sm">{partyName(proposal.delegation)}</Text>
          <Badge size="sm" variant="outline" color="gray" radius="sm" styles={{ root: { textTransform: "none" } }}>
            {t(`negotiation.proposalTypes.${TYPE_KEYS[proposal.change.type]}`)}
          </Badge>
          {proposal.status === "colliding" && (
            <Badge size="sm" color="red" variant="light" radius="sm" styles={{ root: { textTransform: "none" } }}>
              {t("negotiation.proposal.colliding")}
            </Badge>
          )}
        </Group>
        <ChangeView proposal={proposal} />
        {proposal.justification && (
          <Text size="sm" c="dimmed" className={classes.quote}>
            {t("negotiation.proposal.justification", { text: proposal.justification })}
          </Text>
        )}
        <Standing label={t("negotiation.proposal.supportedBy")} codes={proposal.supporters} testId="supporters" />
        <Standing label={t("negotiation.proposal.opposedBy")} codes={proposal.opposers} testId="opposers" />
        {proposal.supporters.length === 0 && proposal.opposers.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("negotiation.proposal.noPositions")}
          </Text>
        )}
        <Discussion proposal={proposal} />
        {(mySupport || myOpposition) && (
          <Text size="xs" c={mySupport ? "teal.8" : "red.8"} fw={600}>
            {mySupport ? t("negotiation.proposal.youSupport") : t("negotiation.proposal.youOppose")}
          </Text>
        )}
        <Group gap={6}>
          {!isMine && may("position.support") && (
            <Button size="compact-sm" variant={mySupport ? "filled" : "light"} color="teal" onClick={() => setStance("support")} data-testid="support">
              {t("negotiation.proposal.support")}
            </Button>
          )}
          {!isMine && may("position.oppose") && (
            <Button size="compact-sm" variant={myOpposition ? "filled" : "light"} color="red" onClick={() => setStance("oppose")} data-testid="oppose">
              {t("negotiation.proposal.oppose")}
            </Button>
          )}
          {may("position.comment") && (
            <Button size="compact-sm" variant="subtle" onClick={() => setStance("comment")} data-testid="comment">
              {t("negotiation.proposal.comment")}
            </Button>
          )}
        </Group>
      </Stack>
      <FormModal opened={stance !== null} onClose={() => setStance(null)} title={t(`negotiation.position.title.${stance ?? "comment"}`, { label: proposal.label })}>
        {stance && <PositionForm proposal={proposal} stance={stance} onDone={() => setStance(null)} />}
      </FormModal>
    </div>
  );
}
