// When a meeting takes place: at the venue and in the reader's own zone, each zone named; a meeting known only by its
// dates shows those.
import { List, Text } from "@mantine/core";
import { Trans, useTranslation } from "react-i18next";
import type { MeetingSummary } from "../../../contracts/meetings";
import { localTimeZone } from "../../i18n/date-format";
import { useLocale } from "../../i18n/use-locale";
import { meetingWhen, type ZonedSpan } from "./meeting-time";

function Reading({ label, span, testId }: { label: string; span: ZonedSpan; testId: string }) {
  const { t } = useTranslation();
  return (
    <List.Item data-testid={testId}>
      <Text span size="sm">
        <Trans
          i18nKey="meetings.reading"
          values={{ label }}
          components={{
            label: <Text span size="sm" fw={600} />,
            value: (
              <Text span size="sm">
                {span.text}{" "}
                <Text span size="xs" c="dimmed">
                  {t("meetings.when.zone", { name: span.zoneName, offset: span.offsetName })}
                </Text>
              </Text>
            ),
          }}
        />
      </Text>
    </List.Item>
  );
}

export function MeetingWhen({ meeting }: { meeting: Pick<MeetingSummary, "start" | "end" | "timeZone" | "startDate" | "endDate"> }) {
  const { t } = useTranslation();
  const { language, dateRange } = useLocale();
  const when = meetingWhen(meeting, language, localTimeZone());
  if (!when.venue) {
    return (
      <Text size="sm" data-testid="meeting-dates">
        {dateRange(meeting.startDate, meeting.endDate === meeting.startDate ? null : meeting.endDate)}
      </Text>
    );
  }
  return (
    <List size="sm" spacing={2} listStyleType="none" ms={0} ps={0} data-testid="meeting-when">
      <Reading label={when.reader ? t("meetings.when.venue") : t("meetings.when.venueAndYours")} span={when.venue} testId="when-venue" />
      {when.reader && <Reading label={t("meetings.when.yours")} span={when.reader} testId="when-reader" />}
    </List>
  );
}
