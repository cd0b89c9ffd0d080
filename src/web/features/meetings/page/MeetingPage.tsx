// A meeting's page (/meetings/:id), followed live: its header, then invitations, accreditation, agenda, the list of
// speakers and the outcome, each offered as far as the reader may act on it.
import { Alert, Anchor, Stack, Tabs, Text } from "@mantine/core";
import { useMemo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams, useSearchParams } from "react-router";
import { useLocale } from "../../../i18n/use-locale";
import { signInPath } from "../../../shared/access/access-rules";
import { QueryProblem } from "../../../shared/access/QueryProblem";
import { ApiProblem, isNotFound } from "../../../shared/api/fetch-json";
import { Loading } from "../../../shared/QueryFeedback";
import { useSession } from "../../../shared/session/session-query";
import { usePageTitle } from "../../../shared/use-page-title";
import { MEETING_TABS, meetingAbilities, meetingTabs, type MeetingTab } from "../meeting-abilities";
import { useMeeting } from "../meeting-queries";
import { usePartyName } from "../use-meeting-names";
import { useMeetingLive } from "../use-meeting-live";
import { AccreditationPanel } from "./AccreditationPanel";
import { AgendaPanel } from "./AgendaPanel";
import { InvitationsPanel } from "./InvitationsPanel";
import { MeetingContext, useMeetingView, type MeetingView } from "./meeting-context";
import { MeetingHeader } from "./MeetingHeader";
import { OutcomePanel } from "./OutcomePanel";
import { SpeakersPanel } from "./SpeakersPanel";

const isTab = (value: string | null): value is MeetingTab => (MEETING_TABS as readonly string[]).includes(value ?? "");

function Sections() {
  const { t } = useTranslation();
  const { meeting, abilities } = useMeetingView();
  const [params, setParams] = useSearchParams();
  const tabs = meetingTabs(meeting, abilities);
  const asked = params.get("tab");
  const tab = isTab(asked) && tabs.includes(asked) ? asked : "invitations";
  // The section is in the address, so that a link (or a reload) opens it.
  const choose = (value: string | null) => {
    const next = new URLSearchParams(params);
    next.set("tab", value ?? "invitations");
    setParams(next, { replace: true });
  };
  const panels: Record<MeetingTab, () => ReactNode> = {
    invitations: () => <InvitationsPanel />,
    accreditation: () => <AccreditationPanel />,
    agenda: () => <AgendaPanel />,
    speakers: () => <SpeakersPanel />,
    outcome: () => <OutcomePanel />,
  };
  return (
    <Tabs value={tab} onChange={choose} keepMounted={false}>
      <Tabs.List style={{ flexWrap: "wrap" }}>
        {tabs.map((item) => (
          <Tabs.Tab key={item} value={item} data-testid={`tab-${item}`}>
            {t(`meetings.tabs.${item}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {tabs.map((item) => (
        <Tabs.Panel key={item} value={item} pt="md">
          {panels[item]()}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}

function SignInToRead() {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Alert color="navy" variant="light" title={t("meetings.signInTitle")} data-testid="sign-in-to-read">
      <Text size="sm" mb="xs">
        {t("meetings.signInBody")}
      </Text>
      <Anchor component={Link} to={signInPath(location)}>
        {t("meetings.signIn")}
      </Anchor>
    </Alert>
  );
}

export function MeetingPage() {
  const { t } = useTranslation();
  const { text } = useLocale();
  const { id = "" } = useParams();
  const query = useMeeting(id);
  const session = useSession();
  useMeetingLive(id);
  const meeting = query.data;
  const partyName = usePartyName(meeting?.invitations);
  usePageTitle(meeting ? text(meeting.title) : t("meetings.list.title"));

  const view = useMemo((): MeetingView | null => {
    if (!meeting) return null;
    const delegation = session.data?.actor.delegation ?? null;
    const role = session.data?.actor.role ?? "public";
    return { meeting, delegation, abilities: meetingAbilities(meeting, { delegation, role }), partyName };
  }, [meeting, session.data, partyName]);

  if (query.isError) {
    const isSignedOut = session.data?.user === null;
    if (isSignedOut && query.error instanceof ApiProblem && (query.error.status === 401 || query.error.status === 403)) return <SignInToRead />;
    if (isNotFound(query.error)) {
      return (
        <Alert color="gray" variant="light" title={t("meetings.notFound")} data-testid="meeting-not-found">
          <Anchor component={Link} to="/meetings">
            {t("meetings.list.title")}
          </Anchor>
        </Alert>
      );
    }
    return <QueryProblem error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!view) return <Loading />;
  return (
    <MeetingContext.Provider value={view}>
      <Stack gap="lg">
        <MeetingHeader />
        <Sections />
        {view.meeting.isDemo && (
          <Text size="xs" c="dimmed" data-testid="demo-note">
            {t("meetings.demonstrationNote")}
          </Text>
        )}
      </Stack>
    </MeetingContext.Provider>
  );
}
