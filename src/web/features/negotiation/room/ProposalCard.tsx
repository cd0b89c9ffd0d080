// One proposal under its provision: who made it and who joined it as co-sponsors, what it changes (struck and inserted
// text), why, who supports and who opposes it, the discussion (a non-member's comment marked so), what became of it once
// closed, and the reader's own acts: support, oppose, comment (or comment as an invited non-member), co-sponsor, take back
// the delegation's position, or withdraw the delegation's own proposal.
import { Badge, Button, Group, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProposalDto } from "../../../../contracts/negotiation";
import { localTimeZone } from "../../../i18n/date-format";
import { useLocale } from "../../../i18n/use-locale";
import { FormModal } from "../../../shared/forms/FormModal";
import { FormProblem } from "../../../shared/forms/FormProblem";
import classes from "../Negotiation.module.css";
import { PlainBadge, ProposalStatusBadge } from "../badges";
import { useCosponsor, useTakePosition, useWithdrawProposal } from "../negotiation-commands";
import { formatInstantIn } from "../negotiation-format";
import { commentsAsInvited, mayUse } from "../negotiation-roles";
import { InvitedCommentForm, PositionForm, type Stance } from "./PositionForm";
import { proposalStatusWords } from "./proposal-status";
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
  // Proposals are re-anchored with every revision; one whose span no longer holds its quote is shown without context, and
  // so is a closed one (the text around it has moved on, an applied one's words are in it).
  const isPending = proposal.status === "open" || proposal.status === "colliding";
  const isAnchored =
    isPending && source !== undefined && span.end <= source.length && (change.type === "insert" || source.slice(span.start, span.end) === proposal.quote);
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

/** Who joined the proposal, and when; one who joined because the chair merged its proposal into this one says which. */
function Cosponsors({ proposal }: { proposal: ProposalDto }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { document, partyName } = useRoom();
  if (proposal.cosponsors.length === 0) return null;
  const labelOf = (id: string) => document.proposals.find((other) => other.id === id)?.label;
  return (
    <div data-testid="cosponsors">
      <Text size="sm" fw={600}>
        {t("negotiation.proposal.cosponsoredBy")}
      </Text>
      <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: "none" }}>
        {proposal.cosponsors.map((cosponsor) => {
          const date = formatInstantIn(cosponsor.at, language, localTimeZone());
          const via = cosponsor.via !== undefined ? labelOf(cosponsor.via) : undefined;
          return (
            <Text component="li" size="sm" key={cosponsor.delegation} data-testid="cosponsor" data-delegation={cosponsor.delegation}>
              {partyName(cosponsor.delegation)}{" "}
              <Text span size="xs" c="dimmed">
                {via !== undefined ? t("negotiation.proposal.joinedVia", { date, label: via }) : t("negotiation.proposal.joined", { date })}
              </Text>
            </Text>
          );
        })}
      </Stack>
    </div>
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
        <li key={`${position.delegation}-${position.at}`} data-non-member={position.nonMember}>
          <Group gap={6} wrap="wrap">
            <Text size="sm" fw={600}>
              {t(`negotiation.proposal.said.${position.stance}`, { name: partyName(position.delegation) })}
            </Text>
            {/* A non-member's comment, on the chair's invitation: never a member's position, never blocking. */}
            {position.nonMember && (
              <PlainBadge color="violet" testId="non-member-comment">
                {t("negotiation.proposal.nonMember")}
              </PlainBadge>
            )}
            <Text size="xs" c="dimmed">
              {formatInstantIn(position.at, language, localTimeZone())}
            </Text>
          </Group>
          <Text size="sm" className={classes.quote}>
            {position.text}
          </Text>
        </li>
      ))}
    </Stack>
  );
}

/** A button whose label wraps on a phone rather than being cut ("Снять наше предложение"). */
const WRAPS = { h: "auto", py: 4, maw: "100%", styles: { label: { whiteSpace: "normal", textAlign: "center" } } } as const;

export function ProposalCard({ proposal }: { proposal: ProposalDto }) {
  const { t } = useTranslation();
  const { document, delegation, permissions, partyName } = useRoom();
  const [stance, setStance] = useState<Stance | null>(null);
  const [isCommentingInvited, setCommentingInvited] = useState(false);
  const withdraw = useWithdrawProposal(document.id);
  const cosponsor = useCosponsor(document.id);
  const retract = useTakePosition(document.id);
  const isMine = delegation !== null && proposal.delegation === delegation;
  const isOpen = proposal.status === "open" || proposal.status === "colliding";
  const mySupport = delegation !== null && proposal.supporters.includes(delegation);
  const myOpposition = delegation !== null && proposal.opposers.includes(delegation);
  const isCosponsor = delegation !== null && proposal.cosponsors.some((item) => item.delegation === delegation);
  const may = (right: "position.support" | "position.oppose" | "position.comment" | "position.retract" | "proposal.withdraw" | "proposal.cosponsor") =>
    delegation !== null && isOpen && mayUse(permissions, right);
  const mayCommentInvited = isOpen && commentsAsInvited(delegation, document, permissions);
  const words = proposalStatusWords(proposal, (id) => document.proposals.find((other) => other.id === id)?.label);
  // Whichever of the card's direct acts failed (the dialogs show their own).
  const failed = [withdraw, cosponsor, retract].find((command) => command.isError)?.error ?? null;

  return (
    <div className={isMine ? `${classes.proposal} ${classes.proposalMine}` : classes.proposal} data-testid="proposal" data-label={proposal.label} data-status={proposal.status}>
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
          {words && <ProposalStatusBadge status={proposal.status} label={t(`negotiation.proposalStatus.${words.key}`, words.values)} />}
        </Group>
        <ChangeView proposal={proposal} />
        {proposal.justification && (
          <Text size="sm" c="dimmed" className={classes.quote}>
            {t("negotiation.proposal.justification", { text: proposal.justification })}
          </Text>
        )}
        <Cosponsors proposal={proposal} />
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
        {isCosponsor && (
          <Text size="xs" c="navy.8" fw={600}>
            {t("negotiation.proposal.youCosponsor")}
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
          {mayCommentInvited && (
            <Button size="compact-sm" variant="subtle" color="violet" onClick={() => setCommentingInvited(true)} {...WRAPS} data-testid="invited-comment">
              {t("negotiation.proposal.commentInvited")}
            </Button>
          )}
          {!isMine && !isCosponsor && may("proposal.cosponsor") && (
            <Button size="compact-sm" variant="light" loading={cosponsor.isPending} onClick={() => cosponsor.mutate({ proposal: proposal.id })} {...WRAPS} data-testid="cosponsor">
              {t("negotiation.proposal.cosponsor")}
            </Button>
          )}
          {(mySupport || myOpposition) && may("position.retract") && (
            <Button
              size="compact-sm"
              variant="default"
              loading={retract.isPending}
              onClick={() => retract.mutate({ proposal: proposal.id, body: { stance: "retract", text: "", version: proposal.version } })}
              {...WRAPS}
              data-testid="retract-position"
            >
              {t("negotiation.proposal.retractPosition")}
            </Button>
          )}
          {isMine && may("proposal.withdraw") && (
            <Button size="compact-sm" variant="outline" color="red" loading={withdraw.isPending} onClick={() => withdraw.mutate({ proposal: proposal.id })} {...WRAPS} data-testid="withdraw-proposal">
              {t("negotiation.proposal.withdraw")}
            </Button>
          )}
        </Group>
        <FormProblem error={failed} />
      </Stack>
      <FormModal opened={stance !== null} onClose={() => setStance(null)} title={t(`negotiation.position.title.${stance ?? "comment"}`, { label: proposal.label })}>
        {stance && <PositionForm proposal={proposal} stance={stance} onDone={() => setStance(null)} />}
      </FormModal>
      <FormModal opened={isCommentingInvited} onClose={() => setCommentingInvited(false)} title={t("negotiation.position.title.comment", { label: proposal.label })}>
        {isCommentingInvited && <InvitedCommentForm proposal={proposal} onDone={() => setCommentingInvited(false)} />}
      </FormModal>
    </div>
  );
}
