// The states meeting pages show as badges: a meeting's status, an accreditation list's state, the kind of a floor request.
import { useTranslation } from "react-i18next";
import type { AccreditationListView, FLOOR_KINDS, MEETING_STATUSES } from "../../../contracts/meetings";
import { StateBadge } from "../../shared/badges";

export { DemoBadge, PlainBadge } from "../../shared/badges";

const STATUS_COLOURS: Readonly<Record<(typeof MEETING_STATUSES)[number], string>> = {
  planned: "navy",
  confirmed: "teal",
  held: "green",
  postponed: "orange",
  cancelled: "red",
};

export function MeetingStatusBadge({ status }: { status: (typeof MEETING_STATUSES)[number] }) {
  const { t } = useTranslation();
  return <StateBadge state={status} colours={STATUS_COLOURS} filled={status === "held"} label={t(`meetings.status.${status}`)} testId="meeting-status" dataKey="status" />;
}

const LIST_COLOURS: Readonly<Record<AccreditationListView["state"], string>> = { draft: "gray", submitted: "navy", approved: "green", returned: "orange" };

export function ListStateBadge({ state }: { state: AccreditationListView["state"] }) {
  const { t } = useTranslation();
  return <StateBadge state={state} colours={LIST_COLOURS} filled={state === "approved"} label={t(`meetings.listState.${state}`)} testId="list-state" dataKey="state" />;
}

const KIND_COLOURS: Readonly<Record<(typeof FLOOR_KINDS)[number], string>> = { speech: "gray", reply: "violet", point_of_order: "red" };

export function FloorKindBadge({ kind, size = "sm" }: { kind: (typeof FLOOR_KINDS)[number]; size?: "sm" | "lg" | "xl" }) {
  const { t } = useTranslation();
  return <StateBadge state={kind} colours={KIND_COLOURS} label={t(`meetings.floorKind.${kind}`)} testId="floor-kind" dataKey="kind" size={size} />;
}
