// The small labels negotiation pages share: a document's and a provision's status, and the demonstration mark.
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { DOCUMENT_STATUSES, PROVISION_STATUSES } from "../../../contracts/negotiation";

const NO_CAPS = { root: { textTransform: "none" as const, flex: "none" as const } };

const PROVISION_COLOURS: Readonly<Record<(typeof PROVISION_STATUSES)[number], string>> = {
  open: "gray",
  bracketed: "orange",
  "agreed-ad-ref": "teal",
  agreed: "green",
};

export function ProvisionStatusBadge({ status }: { status: (typeof PROVISION_STATUSES)[number] }) {
  const { t } = useTranslation();
  return (
    <Badge color={PROVISION_COLOURS[status]} variant={status === "agreed" ? "filled" : "light"} radius="sm" styles={NO_CAPS} data-testid="provision-status" data-status={status}>
      {t(`negotiation.provisionStatus.${status}`)}
    </Badge>
  );
}

const DOCUMENT_COLOURS: Readonly<Record<(typeof DOCUMENT_STATUSES)[number], string>> = { negotiation: "navy", silence: "violet", adopted: "green" };

export function DocumentStatusBadge({ status }: { status: (typeof DOCUMENT_STATUSES)[number] }) {
  const { t } = useTranslation();
  return (
    <Badge color={DOCUMENT_COLOURS[status]} variant="light" radius="sm" styles={NO_CAPS} data-testid="document-status">
      {t(`negotiation.documentStatus.${status}`)}
    </Badge>
  );
}

export function DemoBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="yellow" variant="outline" radius="sm" styles={NO_CAPS} data-testid="demo-badge">
      {t("negotiation.demonstration")}
    </Badge>
  );
}

export function PlainBadge({ children, color = "gray" }: { children: string; color?: string }) {
  return (
    <Badge color={color} variant="light" radius="sm" styles={NO_CAPS}>
      {children}
    </Badge>
  );
}
