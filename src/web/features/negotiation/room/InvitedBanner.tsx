// Told to a non-member delegation the chair invited to the draft: why it sees it, and how its comments count (shown as a
// non-member's, never blocking). Gone once the invitation ends (and with it the draft, unless it is open to the reader).
import { Alert, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { localTimeZone } from "../../../i18n/date-format";
import { useLocale } from "../../../i18n/use-locale";
import { formatInstantIn } from "../negotiation-format";
import { commentsAsInvited } from "../negotiation-roles";
import { useRoom } from "./room-context";

export function InvitedBanner() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { document, delegation, permissions } = useRoom();
  if (document.status === "adopted" || !commentsAsInvited(delegation, document, permissions)) return null;
  const grant = document.invited.find((item) => item.party === delegation && item.endedAt === undefined);
  return (
    <Alert color="violet" variant="light" title={t("negotiation.invited.title")} data-testid="invited-banner">
      <Text size="sm">{t("negotiation.invited.body")}</Text>
      {grant && (
        <Text size="xs" c="dimmed" mt={4}>
          {t("negotiation.invited.since", { date: formatInstantIn(grant.grantedAt, language, localTimeZone()) })}
        </Text>
      )}
    </Alert>
  );
}
