// A chairmanship term's page: its slogan, themed year and priorities, the count of events the sources report (as they
// report it, cited), the progress of its programme by month and by track (no empty charts: a note says nothing is recorded
// yet), the events, the meetings its chair chairs under it, the exports of a programme that has events, and for the
// secretariat and the chair the import of a spreadsheet.
import { Anchor, Badge, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { lazy, Suspense, useMemo, type ComponentType } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { EVENT_STATUSES, type Programme, type ProgrammeEventDto, type ProgrammeMeetingDto } from "../../../contracts/programme";
import { mayActOn } from "../../shared/access/access-rules";
import { API_BASE, isNotFound } from "../../shared/api/fetch-json";
import { LoadError, Loading } from "../../shared/QueryFeedback";
import { useSession } from "../../shared/session/session-query";
import { ScrollableTable } from "../../shared/table/ScrollableTable";
import tables from "../../shared/table/tables.module.css";
import { usePageTitle } from "../../shared/use-page-title";
import { useLocale } from "../../i18n/use-locale";
import { dataLanguageOf } from "../../i18n/language";
import { useOrganizationLanguages } from "../../shared/api/registry-queries";
import { NotFoundNotice } from "./NotFoundNotice";
import { ProgrammeImport } from "./ProgrammeImport";
import { monthLabel, reportedCount } from "./programme-format";
import { useProgramme } from "./programme-queries";

const ProgressChart = lazy(() => import("./ProgressChart"));

/** Each status's colour in the charts and badges: held stands out against what is still planned. */
export const STATUS_COLOURS = { held: "#2f9e44", planned: "#17427c", postponed: "#e8590c", cancelled: "#adb5bd" } as const;
const BADGE_COLOURS = { held: "green", planned: "navy", postponed: "orange", cancelled: "gray" } as const;
/** Held first, at the foot of each bar, so that it stands against what was planned. */
const CHART_ORDER = ["held", "planned", "postponed", "cancelled"] as const;

/** A source cited where a fact is shown: given by the app, which composes the registry's citation with this feature. */
export type SourceCitation = ComponentType<{ sourceKey: string }>;

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

function Charts({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const { language, count } = useLocale();
  const { progress } = programme;
  const series = (buckets: readonly { byStatus: Readonly<Record<(typeof EVENT_STATUSES)[number], number>> }[]) =>
    CHART_ORDER.map((status) => ({ name: t(`programme.statuses.${status}`), color: STATUS_COLOURS[status], data: buckets.map((b) => b.byStatus[status]) }));
  const months = useMemo(() => progress.months.map((m) => monthLabel(m.month, language)), [progress.months, language]);
  const byMonth = useMemo(() => series(progress.months), [progress.months, t]); // eslint-disable-line react-hooks/exhaustive-deps
  const tracks = useMemo(() => progress.tracks.map((tr) => t(`programme.tracks.${tr.track}`)), [progress.tracks, t]);
  const byTrack = useMemo(() => series(progress.tracks), [progress.tracks, t]); // eslint-disable-line react-hooks/exhaustive-deps
  const label = (what: string) => t("programme.chart.label", { what, held: count(progress.held), total: count(progress.total) });
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <div>
        <Title order={3} size="h5" mb="xs">
          {t("programme.chart.byMonth")}
        </Title>
        <div style={{ height: 280 }}>
          <Suspense fallback={<Loading />}>
            <ProgressChart categories={months} series={byMonth} label={label(t("programme.chart.byMonth"))} testId="progress-by-month" />
          </Suspense>
        </div>
      </div>
      <div>
        <Title order={3} size="h5" mb="xs">
          {t("programme.chart.byTrack")}
        </Title>
        <div style={{ height: 280 }}>
          <Suspense fallback={<Loading />}>
            <ProgressChart categories={tracks} series={byTrack} isHorizontal label={label(t("programme.chart.byTrack"))} testId="progress-by-track" />
          </Suspense>
        </div>
      </div>
    </SimpleGrid>
  );
}

/** In place of charts with nothing in them: that nothing is recorded yet, and what the sources report. */
function NothingRecorded({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const { count } = useLocale();
  const reported = programme.term.reportedEvents;
  return (
    <Paper withBorder radius="md" p="md" bg="gray.0" data-testid="programme-empty">
      <Text fw={600}>{t("programme.empty.title")}</Text>
      <Text size="sm" c="dimmed" mt={4}>
        {t("programme.empty.charts")}
      </Text>
      <Text size="sm" mt={4} data-testid="programme-empty-reported">
        {reported ? t("programme.empty.reported", { reported: reportedCount(reported.count, reported.qualifier, t, count) }) : t("programme.empty.noneReported")}
      </Text>
    </Paper>
  );
}

/** The meetings the term's chair chairs under it, from the meetings (counted in the progress beside the events). */
function ChairedMeetings({ meetings }: { meetings: readonly ProgrammeMeetingDto[] }) {
  const { t } = useTranslation();
  const { text, dateRange } = useLocale();
  return (
    <div data-testid="programme-meetings">
      <Title order={3} size="h4" mb={4}>
        {t("programme.meetings.heading")}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t("programme.meetings.note")}
      </Text>
      <Stack gap="xs">
        {meetings.map((meeting) => (
          <Group key={meeting.id} gap="xs" wrap="wrap" data-testid="programme-meeting" data-meeting={meeting.id}>
            <Text size="sm" c="dimmed" className={tables.nowrap}>
              {dateRange(meeting.start, meeting.end === meeting.start ? null : meeting.end)}
            </Text>
            <Anchor component={Link} to={`/meetings/${encodeURIComponent(meeting.id)}`} size="sm" style={{ overflowWrap: "break-word", minWidth: 0 }}>
              {text(meeting.title)}
            </Anchor>
            <Badge variant="light" color="gray" radius="sm" styles={{ root: { textTransform: "none" } }}>
              {t(`meetings.status.${meeting.status}`)}
            </Badge>
            {meeting.isDemo && (
              <Badge variant="outline" color="yellow" radius="sm" styles={{ root: { textTransform: "none" } }}>
                {t("app.demonstration")}
              </Badge>
            )}
          </Group>
        ))}
      </Stack>
    </div>
  );
}

/** What is said of an event under its title: its kind, city and organizer, and where it comes from. */
function EventDetails({ event, Source }: { event: ProgrammeEventDto; Source: SourceCitation }) {
  const { t } = useTranslation();
  const { text } = useLocale();
  return (
    <>
      <Text size="sm" fw={600} data-testid="programme-event-title">
        {text(event.title)}
      </Text>
      <Text size="xs" c="dimmed">
        {[t(`programme.kinds.${event.kind}`), event.city ? text(event.city) : null, event.organizer ? text(event.organizer) : null].filter(Boolean).join(" · ")}
      </Text>
      {event.origin === "dataset" ? (
        event.source && <Source sourceKey={event.source} />
      ) : (
        <Text size="xs" c="dimmed" mt={2}>
          {t("programme.events.imported", { file: event.origin })}
        </Text>
      )}
    </>
  );
}

function StatusBadge({ status }: { status: ProgrammeEventDto["status"] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={BADGE_COLOURS[status]} className={tables.nowrap}>
      {t(`programme.statuses.${status}`)}
    </Badge>
  );
}

/** The events: a table on a wide screen, one card per event on a phone (a table there would scroll sideways). */
function EventsTable({ events, Source }: { events: readonly ProgrammeEventDto[]; Source: SourceCitation }) {
  const { t } = useTranslation();
  const { dateRange } = useLocale();
  const isPhone = useMediaQuery("(max-width: 48em)");
  if (events.length === 0) return <Text c="dimmed">{t("programme.events.none")}</Text>;
  if (isPhone)
    return (
      <Stack gap="xs" data-testid="programme-events">
        {events.map((event) => (
          <Paper key={event.id} withBorder radius="md" p="sm" data-testid="programme-event">
            <Group justify="space-between" gap="xs" mb={4} wrap="nowrap">
              <Text size="sm" c="dimmed">
                {dateRange(event.start, event.end)}
              </Text>
              <StatusBadge status={event.status} />
            </Group>
            <EventDetails event={event} Source={Source} />
            <Text size="xs" mt={4}>
              {t(`programme.tracks.${event.track}`)}
            </Text>
          </Paper>
        ))}
      </Stack>
    );
  return (
    <ScrollableTable label={t("programme.events.heading")} minWidth={640}>
      <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="programme-events">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("programme.events.date")}</Table.Th>
            <Table.Th scope="col">{t("programme.events.event")}</Table.Th>
            <Table.Th scope="col">{t("programme.events.track")}</Table.Th>
            <Table.Th scope="col">{t("programme.events.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.id} data-testid="programme-event">
              <Table.Td className={tables.nowrap}>
                <Text size="sm">{dateRange(event.start, event.end)}</Text>
              </Table.Td>
              <Table.Td className={tables.prose}>
                <EventDetails event={event} Source={Source} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`programme.tracks.${event.track}`)}</Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={event.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollableTable>
  );
}

export function ProgrammePage({ Source }: { Source: SourceCitation }) {
  const { term = "" } = useParams();
  const { t } = useTranslation();
  const { text, termRange, count, language } = useLocale();
  const programme = useProgramme(term);
  const session = useSession().data;
  const organizationLanguages = useOrganizationLanguages();
  const stateName = programme.data ? text(programme.data.term.state.names) : null;
  usePageTitle(stateName ? t("programme.title", { state: stateName }) : t("programme.titleLoading"));

  const back = (
    <Anchor component={Link} to="/chairmanship" size="sm">
      {t("programme.back")}
    </Anchor>
  );
  if (programme.isError)
    return (
      <Stack gap="xl">
        {back}
        {isNotFound(programme.error) ? <NotFoundNotice /> : <LoadError onRetry={() => void programme.refetch()} />}
      </Stack>
    );
  if (!programme.data)
    return (
      <Stack gap="xl">
        {back}
        <Loading />
      </Stack>
    );

  const { term: record, events, meetings, progress } = programme.data;
  const mayImport = session !== undefined && mayActOn(session, "programme.import", record.state.code);
  const exportBase = `${API_BASE}/chairmanship/${encodeURIComponent(record.id)}/programme`;
  // The calendar is written in one of the organization's languages: the reader's when it is one, else the organization's first.
  const dataLanguage = dataLanguageOf(language);
  const calendarQuery = organizationLanguages?.includes(dataLanguage) ? `?lang=${dataLanguage}` : "";

  return (
    <Stack gap="xl">
      <div>
        {back}
        <Title order={1} mt="xs">
          {t("programme.title", { state: stateName })}
        </Title>
        <Text c="dimmed" mt={4} data-testid="term-range">
          {termRange(record.start, record.end)}
        </Text>
      </div>

      <Paper component="section" aria-labelledby="term-heading" withBorder radius="lg" p="lg">
        <Title order={2} size="h3" id="term-heading" mb="sm">
          {t("programme.termHeading")}
        </Title>
        <Stack gap="sm">
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t("programme.slogan")}
            </Text>
            <Text size="lg" data-testid="term-slogan">
              {record.slogan ? text(record.slogan) : t("programme.noSlogan")}
            </Text>
          </div>
          {record.themedYear && (
            <div>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t("programme.themedYear")}
              </Text>
              <Text data-testid="term-themed-year">{text(record.themedYear)}</Text>
            </div>
          )}
          {record.priorities.length > 0 && (
            <div>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t("programme.priorities")}
              </Text>
              <List size="sm" data-testid="term-priorities">
                {record.priorities.map((priority, index) => (
                  <List.Item key={index}>{text(priority)}</List.Item>
                ))}
              </List>
            </div>
          )}
          {record.source && <Source sourceKey={record.source} />}
        </Stack>
      </Paper>

      <Paper component="section" aria-labelledby="programme-heading" withBorder radius="lg" p="lg">
        <Title order={2} size="h3" id="programme-heading" mb="sm">
          {t("programme.heading")}
        </Title>
        <Stack gap="lg">
          {record.reportedEvents && (
            <div data-testid="programme-reported">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t("programme.reported.heading")}
              </Text>
              <Text size="lg" fw={600} data-testid="programme-reported-count">
                {reportedCount(record.reportedEvents.count, record.reportedEvents.qualifier, t, count)}
              </Text>
              <Text size="xs" c="dimmed">
                {t("programme.reported.note")}
              </Text>
              <Source sourceKey={record.reportedEvents.source} />
            </div>
          )}
          <Group gap="xl" data-testid="programme-figures">
            <Figure label={t("programme.figures.recorded")} value={count(progress.total)} testId="programme-total" />
            {EVENT_STATUSES.map((status) => (
              <Figure key={status} label={t(`programme.statuses.${status}`)} value={count(progress.byStatus[status])} testId={`programme-${status}`} />
            ))}
          </Group>
          {progress.total > 0 ? <Charts programme={programme.data} /> : <NothingRecorded programme={programme.data} />}
          {progress.yearOnly.map((year) => (
            <Text key={year.year} size="sm" c="dimmed" data-testid="programme-year-only">
              {t("programme.chart.yearOnly", { year: String(year.year), total: count(year.total), held: count(year.held) })}
            </Text>
          ))}
          {/* With nothing recorded, the note above says so once. */}
          {progress.total > 0 && (
            <div>
              <Title order={3} size="h4" mb="xs">
                {t("programme.events.heading")}
              </Title>
              <EventsTable events={events} Source={Source} />
            </div>
          )}
          {meetings.length > 0 && <ChairedMeetings meetings={meetings} />}
          {/* A programme with no events has nothing to download: the import below offers a blank template instead. */}
          {events.length > 0 && (
            <>
              <Group gap="md" data-testid="programme-exports">
                <Text size="sm" fw={600}>
                  {t("programme.export.heading")}
                </Text>
                <Anchor href={`${exportBase}.csv`} size="sm" data-testid="export-csv">
                  {t("programme.export.csv")}
                </Anchor>
                <Anchor href={`${exportBase}.xlsx`} size="sm" data-testid="export-xlsx">
                  {t("programme.export.xlsx")}
                </Anchor>
                <Anchor href={`${exportBase}.ics${calendarQuery}`} size="sm" data-testid="export-ics">
                  {t("programme.export.ics")}
                </Anchor>
              </Group>
              <Text size="xs" c="dimmed" mt={-12}>
                {t("programme.export.icsNote")}
              </Text>
            </>
          )}
        </Stack>
      </Paper>

      {mayImport && (
        <Paper component="section" aria-labelledby="import-heading" withBorder radius="lg" p="lg">
          <ProgrammeImport term={record.id} templateBase={exportBase} />
        </Paper>
      )}
    </Stack>
  );
}
