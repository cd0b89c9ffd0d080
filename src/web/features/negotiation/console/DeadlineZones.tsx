// A deadline the same instant three ways: the reader's time, UTC and the chair's time, each labelled.
import { List, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { localTimeZone } from "../../../i18n/date-format";
import { useLocale } from "../../../i18n/use-locale";
import { capitalTimeZone } from "../capital-time-zones";
import { deadlineInZones, type ZoneRole } from "./deadline";

export function DeadlineZones({ deadline, chair, chairName }: { deadline: string; chair: string | null; chairName: string }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const zones = deadlineInZones(deadline, language, { viewer: localTimeZone(), chair: capitalTimeZone(chair) });
  const roleLabel = (role: ZoneRole) => (role === "viewer" ? t("negotiation.silence.yourTime") : role === "utc" ? "UTC" : t("negotiation.silence.chairTime", { name: chairName }));
  return (
    <List size="sm" spacing={2} listStyleType="none" ms={0} ps={0} data-testid="deadline-zones">
      {zones.map((zone) => (
        <List.Item key={zone.timeZone}>
          <Text span size="sm" fw={600}>
            {t("negotiation.label", { label: zone.roles.map(roleLabel).join(" · ") })}
          </Text>{" "}
          <Text span size="sm" style={{ whiteSpace: "nowrap" }}>
            {zone.text}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
