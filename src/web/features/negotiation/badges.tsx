// The states negotiation pages show as badges: a document's, a provision's and a closed proposal's status.
import { useTranslation } from "react-i18next";
import type { DOCUMENT_STATUSES, PROPOSAL_STATUSES, PROVISION_STATUSES } from "../../../contracts/negotiation";
import { StateBadge } from "../../shared/badges";

export { DemoBadge, PlainBadge } from "../../shared/badges";

const PROVISION_COLOURS: Readonly<Record<(typeof PROVISION_STATUSES)[number], string>> = {
  open: "gray",
  bracketed: "orange",
  "agreed-ad-ref": "teal",
  agreed: "green",
};

export function ProvisionStatusBadge({ status }: { status: (typeof PROVISION_STATUSES)[number] }) {
  const { t } = useTranslation();
  return <StateBadge state={status} colours={PROVISION_COLOURS} filled={status === "agreed"} label={t(`negotiation.provisionStatus.${status}`)} testId="provision-status" dataKey="status" />;
}

const DOCUMENT_COLOURS: Readonly<Record<(typeof DOCUMENT_STATUSES)[number], string>> = { negotiation: "navy", silence: "violet", adopted: "green" };

export function DocumentStatusBadge({ status }: { status: (typeof DOCUMENT_STATUSES)[number] }) {
  const { t } = useTranslation();
  return <StateBadge state={status} colours={DOCUMENT_COLOURS} label={t(`negotiation.documentStatus.${status}`)} testId="document-status" />;
}

const PROPOSAL_COLOURS: Readonly<Record<(typeof PROPOSAL_STATUSES)[number], string>> = {
  open: "gray",
  colliding: "red",
  applied: "green",
  bracketed: "orange",
  "not-retained": "gray",
  merged: "grape",
  withdrawn: "gray",
  superseded: "gray",
};

/** A proposal's status; its words (`label`) say more than the status does: merged into which, withdrawn by whom. */
export function ProposalStatusBadge({ status, label }: { status: (typeof PROPOSAL_STATUSES)[number]; label: string }) {
  return <StateBadge state={status} colours={PROPOSAL_COLOURS} label={label} testId="proposal-status" dataKey="status" />;
}
