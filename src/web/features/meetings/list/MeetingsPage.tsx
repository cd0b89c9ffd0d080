// The organization's meetings (/meetings), by body: when each takes place (at the venue and in the reader's zone), its
// status, demonstrations marked as such; filtered by body and status, following meetings created or changed. The
// secretariat convenes a new meeting here.
import { Alert, Anchor, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useSearchParams } from "react-router";
import { MEETING_STATUSES, type MeetingSummary } from "../../../../contracts/meetings";
import { SECRETARIAT_ROLES } from "../../../../domain/access";
import { useLocale } from "../../../i18n/use-locale";
import { signInPath } from "../../../shared/access/access-rules";
import { QueryProblem } from "../../../shared/access/QueryProblem";
import { FormModal } from "../../../shared/forms/FormModal";
import { Loading } from "../../../shared/QueryFeedback";
import { useSession } from "../../../shared/session/session-query";
import { usePageTitle } from "../../../shared/use-page-title";
import { DemoBadge, MeetingStatusBadge, PlainBadge } from "../badges";
import { groupByBody } from "../meeting-groups";
import { useBodies, useMeetings } from "../meeting-queries";
import { MeetingWhen } from "../MeetingWhen";
import { useBodyName, usePartyName } from "../use-meeting-names";
import { useMeetingsLive } from "../use-meeting-live";
import { NewMeetingForm } from "./NewMeetingForm";

function MeetingCard({ meeting }: { meeting: MeetingSummary }) {
  const { t } = useTranslation();
  const { text } = useLocale();
  const partyName = usePartyName();
  const city = meeting.city ? text(meeting.city) : null;
  const venue = [city, meeting.venueState ? partyName(meeting.venueState) : null].filter((part): part is string => Boolean(part));
  return (
    <Paper component="article" withBorder radius="lg" p={{ base: "sm", sm: "md" }} data-testid="meeting-card" data-meeting={meeting.id}>
      <Stack gap={6}>
        {meeting.number && (
          <Text size="xs" c="dimmed">
            {t("meetings.header.number", { number: meeting.number })}
          </Text>
        )}
        <Anchor component={Link} to={`/meetings/${encodeURIComponent(meeting.id)}`} fw={650} size="lg" style={{ overflowWrap: "anywhere" }}>
          {text(meeting.title)}
        </Anchor>
        <Group gap={6}>
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

export function MeetingsPage() {
  const { t } = useTranslation();
  const { text, count } = useLocale();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const body = params.get("body");
  const status = params.get("status");
  const meetings = useMeetings({ body, status });
  const bodies = useBodies();
  const bodyName = useBodyName("full");
  const session = useSession();
  const [isCreating, setCreating] = useState(false);
  useMeetingsLive();
  usePageTitle(t("meetings.list.title"));

  const setFilter = (name: "body" | "status", value: string) => {
    const next = new URLSearchParams(params);
    if (value === "") next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: true });
  };
  const isSignedOut = session.data?.user === null;
  const mayConvene = session.data ? SECRETARIAT_ROLES.includes(session.data.actor.role) : false;
  const groups = groupByBody(meetings.data?.items ?? [], (bodies.data?.items ?? []).map((item) => item.code));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={1}>{t("meetings.list.title")}</Title>
          <Text c="dimmed" mt="xs" maw={640}>
            {t("meetings.list.intro")}
          </Text>
        </div>
        {mayConvene && (
          <Button onClick={() => setCreating(true)} data-testid="new-meeting">
            {t("meetings.create.open")}
          </Button>
        )}
      </Group>
      {isSignedOut && (
        <Alert color="navy" variant="light" data-testid="sign-in-for-meetings">
          <Text size="sm">
            {t("meetings.list.signedOut")}{" "}
            <Anchor component={Link} to={signInPath(location)} size="sm">
              {t("meetings.signIn")}
            </Anchor>
          </Text>
        </Alert>
      )}
      <Group gap="sm" align="flex-end" role="search" aria-label={t("meetings.list.filters")}>
        <NativeSelect
          label={t("meetings.list.body")}
          data={[{ value: "", label: t("meetings.list.allBodies") }, ...(bodies.data?.items ?? []).map((item) => ({ value: item.code, label: text(item.shortNames) }))]}
          value={body ?? ""}
          onChange={(event) => setFilter("body", event.currentTarget.value)}
          style={{ flex: "1 1 12rem", maxWidth: "24rem" }}
          data-testid="filter-body"
        />
        <NativeSelect
          label={t("meetings.list.status")}
          data={[{ value: "", label: t("meetings.list.allStatuses") }, ...MEETING_STATUSES.map((value) => ({ value, label: t(`meetings.status.${value}`) }))]}
          value={status ?? ""}
          onChange={(event) => setFilter("status", event.currentTarget.value)}
          style={{ flex: "1 1 10rem", maxWidth: "16rem" }}
          data-testid="filter-status"
        />
      </Group>
      {meetings.isError ? (
        <QueryProblem error={meetings.error} onRetry={() => void meetings.refetch()} />
      ) : !meetings.data ? (
        <Loading />
      ) : groups.length === 0 ? (
        <Text c="dimmed" data-testid="no-meetings">
          {t("meetings.list.none")}
        </Text>
      ) : (
        groups.map((group) => (
          <Stack component="section" key={group.body} gap="sm" aria-label={bodyName(group.body)} data-testid="body-group" data-body={group.body}>
            <Group gap="xs" align="baseline">
              <Title order={2} size="h3">
                {bodyName(group.body)}
              </Title>
              <Text c="dimmed" size="sm">
                {t("meetings.list.count", { count: group.meetings.length, total: count(group.meetings.length) })}
              </Text>
            </Group>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              {group.meetings.map((meeting) => (
                <MeetingCard key={meeting.id} meeting={meeting} />
              ))}
            </SimpleGrid>
          </Stack>
        ))
      )}
      <FormModal opened={isCreating} onClose={() => setCreating(false)} title={t("meetings.create.open")}>
        {isCreating && <NewMeetingForm onDone={() => setCreating(false)} />}
      </FormModal>
    </Stack>
  );
}
