// The top of a meeting's page: number and title, status, when (at the venue and in the reader's zone), where, format,
// host and chair; the calendar feed and the projector view; for the secretariat, the meeting's status.
import { Anchor, Button, Group, NativeSelect, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { MEETING_STATUSES } from "../../../../contracts/meetings";
import { nextStatuses } from "../../../shared/core-rules";
import { useLocale } from "../../../i18n/use-locale";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { DemoBadge, MeetingStatusBadge, PlainBadge } from "../badges";
import { useUpdateMeeting } from "../meeting-commands";
import { meetingFileUrl } from "../meeting-queries";
import { MeetingWhen } from "../MeetingWhen";
import { instantToVenueLocal, timeZoneChoices, venueLocalToInstant, zoneOffsetName } from "../meeting-time";
import { useBodyName } from "../use-meeting-names";
import { useMeetingView } from "./meeting-context";
import { DateTimeField } from "../../../shared/forms/DateFields";
import { useOrganization } from "../../../shared/api/registry-queries";

type Status = (typeof MEETING_STATUSES)[number];

function StatusChange() {
  const { t } = useTranslation();
  const { meeting } = useMeetingView();
  const update = useUpdateMeeting(meeting.id);
  const choices = nextStatuses(meeting.status);
  const [status, setStatus] = useState<Status | "">("");
  if (choices.length === 0) return null;
  return (
    <Stack gap={4}>
      <Group gap="xs" align="flex-end">
        <NativeSelect
          label={t("meetings.header.changeStatus")}
          data={[{ value: "", label: t("meetings.header.chooseStatus"), disabled: true }, ...choices.map((value) => ({ value, label: t(`meetings.status.${value}`) }))]}
          value={status}
          onChange={(event) => setStatus(event.currentTarget.value as Status | "")}
          data-testid="status-choice"
          style={{ flex: "0 1 16rem" }}
        />
        <Button
          variant="light"
          disabled={status === ""}
          loading={update.isPending}
          onClick={() => status !== "" && update.mutate({ version: meeting.version, status }, { onSuccess: () => setStatus("") })}
          data-testid="submit-status"
        >
          {t("meetings.header.applyStatus")}
        </Button>
      </Group>
      <FormProblem error={update.error} testId="status-problem" />
    </Stack>
  );
}

/**
 * New dates for a meeting whose times are known: at the venue, in its time zone (which may change too). A postponed
 * meeting comes back planned or confirmed with them, in the same request.
 */
function DatesChange() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { meeting } = useMeetingView();
  const update = useUpdateMeeting(meeting.id);
  const [isOpen, setOpen] = useState(false);
  const [openedAt] = useState(() => Date.now());
  const zones = useMemo(
    () => timeZoneChoices(meeting.timeZone ?? "UTC").map((zone) => ({ value: zone, label: `${zone.replaceAll("_", " ")} (${zoneOffsetName(zone, language, openedAt)})` })),
    [meeting.timeZone, language, openedAt],
  );
  const [timeZone, setTimeZone] = useState(meeting.timeZone ?? "UTC");
  const [start, setStart] = useState(meeting.start && meeting.timeZone ? instantToVenueLocal(meeting.start, meeting.timeZone) : "");
  const [end, setEnd] = useState(meeting.end && meeting.timeZone ? instantToVenueLocal(meeting.end, meeting.timeZone) : "");
  const isPostponed = meeting.status === "postponed";
  const [resumeAs, setResumeAs] = useState<"planned" | "confirmed">("planned");
  if (!meeting.start || !meeting.timeZone || meeting.status === "held" || meeting.status === "cancelled") return null;
  if (!isOpen) {
    return (
      <Group>
        <Button variant="subtle" size="compact-sm" onClick={() => setOpen(true)} data-testid="change-dates">
          {t(isPostponed ? "meetings.header.newDates" : "meetings.header.changeDates")}
        </Button>
      </Group>
    );
  }
  const submit = () =>
    update.mutate(
      {
        version: meeting.version,
        timeZone,
        start: venueLocalToInstant(start, timeZone) ?? start,
        end: venueLocalToInstant(end, timeZone) ?? end,
        ...(isPostponed ? { status: resumeAs } : {}),
      },
      { onSuccess: () => setOpen(false) },
    );
  return (
    <Stack gap="xs" maw={720} data-testid="dates-form">
      <Select label={t("meetings.create.timeZone")} data={zones} searchable limit={60} allowDeselect={false} value={timeZone} onChange={(value) => value && setTimeZone(value)} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <DateTimeField label={t("meetings.create.start")} description={t("meetings.atVenue", { zone: timeZone })} value={start} onChange={setStart} data-testid="dates-start" />
        <DateTimeField label={t("meetings.create.end")} description={t("meetings.atVenue", { zone: timeZone })} value={end} onChange={setEnd} data-testid="dates-end" />
      </SimpleGrid>
      {isPostponed && (
        <NativeSelect
          label={t("meetings.header.resumeAs")}
          data={(["planned", "confirmed"] as const).map((value) => ({ value, label: t(`meetings.status.${value}`) }))}
          value={resumeAs}
          onChange={(event) => setResumeAs(event.currentTarget.value as "planned" | "confirmed")}
          data-testid="dates-resume-as"
        />
      )}
      <Group gap="xs">
        <Button onClick={submit} loading={update.isPending} disabled={start === "" || end === ""} data-testid="submit-dates">
          {t("meetings.header.applyDates")}
        </Button>
        <Button variant="default" onClick={() => setOpen(false)}>
          {t("meetings.header.cancelDates")}
        </Button>
      </Group>
      <FormProblem error={update.error} testId="dates-problem" />
    </Stack>
  );
}

/** The chair or the secretariat opens the meeting to the public (its page, agenda, list of speakers and outcome), or closes it again. */
function VisibilityChange() {
  const { t } = useTranslation();
  const { meeting } = useMeetingView();
  const update = useUpdateMeeting(meeting.id);
  const next = meeting.visibility === "public" ? "participants" : "public";
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Button
          variant="subtle"
          size="compact-sm"
          loading={update.isPending}
          onClick={() => update.mutate({ version: meeting.version, visibility: next })}
          data-testid="change-visibility"
        >
          {t(next === "public" ? "meetings.header.makePublic" : "meetings.header.makeParticipantsOnly")}
        </Button>
      </Group>
      <FormProblem error={update.error} testId="visibility-problem" />
    </Stack>
  );
}

export function MeetingHeader() {
  const { t } = useTranslation();
  const { text } = useLocale();
  const { meeting, partyName, abilities } = useMeetingView();
  const bodyName = useBodyName("full");
  const organization = useOrganization();
  const source = meeting.source ? organization.data?.sources.find((item) => item.key === meeting.source) : undefined;
  const city = meeting.city ? text(meeting.city) : null;
  const venueState = meeting.venueState ? partyName(meeting.venueState) : null;
  const venue = [city, venueState].filter((part): part is string => Boolean(part));
  const facts = [
    t("meetings.header.body", { name: bodyName(meeting.body) }),
    ...(venue.length > 0 ? [t("meetings.header.venue", { venue: venue.join(t("meetings.header.venueSeparator")) })] : []),
    ...(meeting.format ? [t("meetings.header.format", { format: t(`meetings.format.${meeting.format}`) })] : []),
    ...(meeting.host ? [t("meetings.header.host", { name: partyName(meeting.host) })] : []),
    meeting.chair ? t("meetings.header.chair", { name: partyName(meeting.chair) }) : t("meetings.header.noChair"),
  ];
  return (
    <Stack gap={6}>
      <Anchor component={Link} to="/meetings" size="sm">
        <span aria-hidden="true">← </span>
        {t("meetings.list.title")}
      </Anchor>
      {meeting.number && (
        <Text size="sm" c="dimmed" data-testid="meeting-number">
          {t("meetings.header.number", { number: meeting.number })}
        </Text>
      )}
      <Title order={1} fz={{ base: "1.45rem", sm: "2rem" }} lh={1.3} data-testid="meeting-title" style={{ overflowWrap: "break-word" }}>
        {text(meeting.title)}
      </Title>
      <Group gap={6}>
        <MeetingStatusBadge status={meeting.status} />
        {meeting.isDemo && <DemoBadge />}
        <PlainBadge color="navy">{t(`meetings.visibility.${meeting.visibility}`)}</PlainBadge>
      </Group>
      <MeetingWhen meeting={meeting} />
      <Text size="sm" c="dimmed" data-testid="meeting-facts">
        {facts.join(" · ")}
      </Text>
      {meeting.note && (
        <Text size="sm" data-testid="meeting-note">
          {text(meeting.note)}
        </Text>
      )}
      {source && (
        <Text size="sm" c="dimmed" data-testid="meeting-source">
          {t("meetings.label", { label: t("meetings.header.source") })}{" "}
          {source.url ? (
            <Anchor href={source.url} target="_blank" rel="noopener noreferrer" size="sm">
              {text(source.title)}
            </Anchor>
          ) : (
            text(source.title)
          )}
        </Text>
      )}
      <Group gap="md">
        <Anchor component={Link} to={`/meetings/${encodeURIComponent(meeting.id)}/projector`} target="_blank" size="sm" data-testid="projector-link">
          {t("meetings.header.projector")}
          <span aria-hidden="true"> ↗</span>
        </Anchor>
        <Anchor href={meetingFileUrl(meeting.id, "calendar.ics")} size="sm" data-testid="calendar-link">
          {t("meetings.header.calendar")}
        </Anchor>
      </Group>
      {abilities.mayManage && <StatusChange />}
      {abilities.mayManage && <DatesChange />}
      {abilities.mayManage && <VisibilityChange />}
    </Stack>
  );
}
