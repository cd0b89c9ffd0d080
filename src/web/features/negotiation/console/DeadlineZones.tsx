// A deadline as the same instant in the reader's own time zone and in UTC, each labelled. (The chair's own zone will
// come when the registry records time zones; a table of capitals in the code would be one organization's data.)
import { List, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { localTimeZone } from "../../../i18n/date-format";
import { useLocale } from "../../../i18n/use-locale";
import { deadlineInZones, type ZoneRole } from "./deadline";

export function DeadlineZones({ deadline }: { deadline: string }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const zones = deadlineInZones(deadline, language, { viewer: localTimeZone(), chair: null });
  const roleLabel = (role: ZoneRole) => (role === "viewer" ? t("negotiation.silence.yourTime") : "UTC");
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
