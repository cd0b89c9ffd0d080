// The organization's meetings (/meetings): those in progress and coming up first, soonest first, then the past ones, the
// latest first and only the most recent few until the reader asks for all; when each takes place (at the venue and in the
// reader's zone), its body and status, demonstrations marked as such; filtered by body and status, following meetings
// created or changed. The secretariat convenes a new meeting here.
import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { MEETING_STATUSES, type MeetingSummary } from "../../../../contracts/meetings";
import { SECRETARIAT_ROLES } from "../../../shared/core-rules";
import { todayUtc } from "../../../i18n/date-format";
import { useLocale } from "../../../i18n/use-locale";
import { QueryProblem } from "../../../shared/access/QueryProblem";
import { FormModal } from "../../../shared/forms/FormModal";
import { Loading } from "../../../shared/QueryFeedback";
import { useSession } from "../../../shared/session/session-query";
import { usePageTitle } from "../../../shared/use-page-title";
import { DemoBadge, MeetingStatusBadge, PlainBadge } from "../badges";
import { meetingsByTime, type MeetingTiming } from "../meeting-groups";
import { useMeetings } from "../meeting-queries";
import { MeetingWhen } from "../MeetingWhen";
import { useBodyName, usePartyName } from "../use-meeting-names";
import { useMeetingsLive } from "../use-meeting-live";
import { NewMeetingForm } from "./NewMeetingForm";
import { BodyStatusFilters, ListHeader, SignInNote, useListFilters } from "../../../shared/list-page";

/** How many past meetings show until the reader asks for all of them. */
const PAST_SHOWN = 6;

function MeetingCard({ meeting, timing }: { meeting: MeetingSummary; timing: MeetingTiming }) {
  const { t } = useTranslation();
  const { text } = useLocale();
  const partyName = usePartyName();
  const bodyName = useBodyName("full");
  const city = meeting.city ? text(meeting.city) : null;
  const title = text(meeting.title);
  const body = bodyName(meeting.body);
  const venue = [city, meeting.venueState ? partyName(meeting.venueState) : null].filter((part): part is string => Boolean(part));
  return (
    <Paper component="article" withBorder radius="lg" p={{ base: "sm", sm: "md" }} data-testid="meeting-card" data-meeting={meeting.id} data-timing={timing}>
      <Stack gap={6}>
        {/* Meetings of every body are listed together: the body is named unless the title already does. */}
        {(!title.includes(body) || meeting.number) && (
          <Text size="xs" c="dimmed" data-testid="meeting-body">
            {[title.includes(body) ? null : body, meeting.number ? t("meetings.header.number", { number: meeting.number }) : null].filter(Boolean).join(" · ")}
          </Text>
        )}
        <Anchor component={Link} to={`/meetings/${encodeURIComponent(meeting.id)}`} fw={650} size="lg" style={{ overflowWrap: "break-word" }}>
          {title}
        </Anchor>
        <Group gap={6}>
          {timing === "in_progress" && (
            <Badge color="teal" variant="filled" radius="sm" styles={{ root: { textTransform: "none" } }} data-testid="in-progress">
              {t("meetings.list.inProgress")}
            </Badge>
          )}
          <MeetingStatusBadge status={meeting.status} />
          {meeting.isDemo && <DemoBadge />}
          {meeting.format && <PlainBadge>{t(`meetings.format.${meeting.format}`)}</PlainBadge>}
        </Group>
        <MeetingWhen meeting={meeting} />
        {venue.length > 0 && (
          <Text size="sm" c="dimmed">
            {venue.join(t("meetings.header.venueSeparator"))}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** The time, renewed every minute: a meeting moves from "coming up" to "in progress" to "past" while the page is open. */
function useMinute(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

function Section({ testId, title, total, children }: { testId: string; title: string; total: number; children: ReactNode }) {
  const { t } = useTranslation();
  const { count } = useLocale();
  return (
    <Stack component="section" gap="sm" aria-label={title} data-testid={testId}>
      <Group gap="xs" align="baseline">
        <Title order={2} size="h3">
          {title}
        </Title>
        <Text c="dimmed" size="sm">
          {t("meetings.list.count", { count: total, total: count(total) })}
        </Text>
      </Group>
      {children}
    </Stack>
  );
}

export function MeetingsPage() {
  const { t } = useTranslation();
  const { count } = useLocale();
  const filters = useListFilters();
  const { body, status } = filters;
  const meetings = useMeetings({ body, status });
  const session = useSession();
  const [isCreating, setCreating] = useState(false);
  const [isAllPast, setAllPast] = useState(false);
  const now = useMinute();
  useMeetingsLive();
  usePageTitle(t("meetings.list.title"));

  const isSignedOut = session.data?.user === null;
  const mayConvene = session.data ? SECRETARIAT_ROLES.includes(session.data.actor.role) : false;
  const { current, past } = meetingsByTime(meetings.data?.items ?? [], now, todayUtc(new Date(now)));
  const pastShown = isAllPast ? past : past.slice(0, PAST_SHOWN);

  return (
    <Stack gap="lg">
      <ListHeader
        title={t("meetings.list.title")}
        intro={t("meetings.list.intro")}
        action={mayConvene ? { label: t("meetings.create.open"), testId: "new-meeting", onClick: () => setCreating(true) } : null}
      />
      {isSignedOut && (
        <SignInNote testId="sign-in-for-meetings" link={t("meetings.signIn")}>
          {t("meetings.list.signedOut")}
        </SignInNote>
      )}
      <BodyStatusFilters
        filters={filters}
        list="meetings.list"
        statuses={MEETING_STATUSES.map((value) => ({ value, label: t(`meetings.status.${value}`) }))}
      />
      {meetings.isError ? (
        <QueryProblem error={meetings.error} onRetry={() => void meetings.refetch()} />
      ) : !meetings.data ? (
        <Loading />
      ) : current.length === 0 && past.length === 0 ? (
        <Text c="dimmed" data-testid="no-meetings">
          {t("meetings.list.none")}
        </Text>
      ) : (
        <>
          <Section testId="meetings-current" title={t("meetings.list.currentHeading")} total={current.length}>
            {current.length === 0 ? (
              <Text c="dimmed" data-testid="no-current-meetings">
                {t("meetings.list.noneCurrent")}
              </Text>
            ) : (
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                {current.map((meeting) => (
                  <MeetingCard key={meeting.id} meeting={meeting} timing={meeting.timing} />
                ))}
              </SimpleGrid>
            )}
          </Section>
          {past.length > 0 && (
            <Section testId="meetings-past" title={t("meetings.list.pastHeading")} total={past.length}>
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" id="past-meetings">
                {pastShown.map((meeting) => (
                  <MeetingCard key={meeting.id} meeting={meeting} timing="past" />
                ))}
              </SimpleGrid>
              {past.length > PAST_SHOWN && (
                <Group>
                  <Button
                    variant="light"
                    h="auto"
                    py={8}
                    styles={{ label: { whiteSpace: "normal", textAlign: "center" } }}
                    onClick={() => setAllPast(!isAllPast)}
                    aria-expanded={isAllPast}
                    aria-controls="past-meetings"
                    data-testid="toggle-past"
                  >
                    {isAllPast ? t("meetings.list.showLatestPast") : t("meetings.list.showAllPast", { count: past.length, total: count(past.length) })}
                  </Button>
                </Group>
              )}
            </Section>
          )}
        </>
      )}
      <FormModal opened={isCreating} onClose={() => setCreating(false)} title={t("meetings.create.open")}>
        {isCreating && <NewMeetingForm onDone={() => setCreating(false)} />}
      </FormModal>
    </Stack>
  );
}
