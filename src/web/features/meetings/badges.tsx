// The small labels meeting pages share: a meeting's status, an accreditation list's state, the kind of a floor request
// and the demonstration mark.
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { AccreditationListView, MEETING_STATUSES, FLOOR_KINDS } from "../../../contracts/meetings";

const NO_CAPS = { root: { textTransform: "none" as const, flex: "none" as const } };

const STATUS_COLOURS: Readonly<Record<(typeof MEETING_STATUSES)[number], string>> = {
  planned: "navy",
  confirmed: "teal",
  held: "green",
  postponed: "orange",
  cancelled: "red",
};

export function MeetingStatusBadge({ status }: { status: (typeof MEETING_STATUSES)[number] }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOURS[status]} variant={status === "held" ? "filled" : "light"} radius="sm" styles={NO_CAPS} data-testid="meeting-status" data-status={status}>
      {t(`meetings.status.${status}`)}
    </Badge>
  );
}

const LIST_COLOURS: Readonly<Record<AccreditationListView["state"], string>> = { draft: "gray", submitted: "navy", approved: "green", returned: "orange" };

export function ListStateBadge({ state }: { state: AccreditationListView["state"] }) {
  const { t } = useTranslation();
  return (
    <Badge color={LIST_COLOURS[state]} variant={state === "approved" ? "filled" : "light"} radius="sm" styles={NO_CAPS} data-testid="list-state" data-state={state}>
      {t(`meetings.listState.${state}`)}
    </Badge>
  );
}

const KIND_COLOURS: Readonly<Record<(typeof FLOOR_KINDS)[number], string>> = { speech: "gray", reply: "violet", point_of_order: "red" };

export function FloorKindBadge({ kind, size = "sm" }: { kind: (typeof FLOOR_KINDS)[number]; size?: "sm" | "lg" | "xl" }) {
  const { t } = useTranslation();
  return (
    <Badge color={KIND_COLOURS[kind]} variant="light" radius="sm" size={size} styles={NO_CAPS} data-testid="floor-kind" data-kind={kind}>
      {t(`meetings.floorKind.${kind}`)}
    </Badge>
  );
}

export function DemoBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="yellow" variant="outline" radius="sm" styles={NO_CAPS} data-testid="demo-badge">
      {t("meetings.demonstration")}
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
