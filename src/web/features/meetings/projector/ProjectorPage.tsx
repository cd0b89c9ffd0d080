// The room's screen (/meetings/:id/projector), without the portal around it: the meeting, the agenda item, who has the
// floor and the speaking clock in very large type, and who speaks next; live, so that it follows the chair unattended.
// The item is the one in the address (?item=), else the one where someone speaks or waits.
import { Anchor, Button, Stack, Text } from "@mantine/core";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams, useSearchParams } from "react-router";
import { useLocale } from "../../../i18n/use-locale";
import { signInPath } from "../../../shared/access/access-rules";
import { ApiProblem } from "../../../shared/api/fetch-json";
import { Loading } from "../../../shared/QueryFeedback";
import { usePageTitle } from "../../../shared/use-page-title";
import { FloorKindBadge } from "../badges";
import { followedItem, speakingOrder } from "../meeting-groups";
import { useMeeting } from "../meeting-queries";
import { SpeakingClock } from "../SpeakingClock";
import { useBodyName, usePartyName } from "../use-meeting-names";
import { useMeetingLive } from "../use-meeting-live";
import classes from "./Projector.module.css";

/** How many of those waiting the screen lists. */
const NEXT_SHOWN = 5;

function FullScreenButton() {
  const { t } = useTranslation();
  const [isFull, setFull] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const update = () => setFull(document.fullscreenElement !== null);
    document.addEventListener("fullscreenchange", update);
    return () => document.removeEventListener("fullscreenchange", update);
  }, []);
  if (isFull || !document.fullscreenEnabled) return null;
  return (
    <Button className={classes.fullScreen} variant="outline" color="gray.3" size="xs" onClick={() => void document.documentElement.requestFullscreen()}>
      {t("meetings.projector.fullScreen")}
    </Button>
  );
}

function Message({ children }: { children: ReactNode }) {
  return (
    <div className={classes.screen}>
      <Stack className={classes.message} gap="md" align="center">
        {children}
      </Stack>
    </div>
  );
}

export function ProjectorPage() {
  const { t } = useTranslation();
  const { text } = useLocale();
  const { id = "" } = useParams();
  const [params] = useSearchParams();
  const location = useLocation();
  const query = useMeeting(id);
  useMeetingLive(id);
  const meeting = query.data;
  const partyName = usePartyName(meeting?.invitations);
  const bodyName = useBodyName("short");
  usePageTitle(meeting ? t("meetings.projector.pageTitle", { title: text(meeting.title) }) : t("meetings.list.title"));

  if (query.isError) {
    const needsSignIn = query.error instanceof ApiProblem && (query.error.status === 401 || query.error.status === 403);
    return (
      <Message>
        <Text className={classes.messageText}>{needsSignIn ? t("meetings.signInTitle") : t("meetings.notFound")}</Text>
        {needsSignIn && (
          <Anchor component={Link} to={signInPath(location)} c="yellow.3">
            {t("meetings.signIn")}
          </Anchor>
        )}
      </Message>
    );
  }
  if (!meeting) {
    return (
      <Message>
        <Loading />
      </Message>
    );
  }
  const items = meeting.agenda.items;
  const item = items.find((entry) => entry.id === params.get("item")) ?? followedItem(items);
  const current = item?.speakers.current ?? null;
  const next = item ? speakingOrder(item.speakers).slice(0, NEXT_SHOWN) : [];
  return (
    <div className={classes.screen} data-testid="projector">
      <header className={classes.head}>
        <div className={classes.titles}>
          <p className={classes.meeting} data-testid="projector-meeting">
            {bodyName(meeting.body)} · {text(meeting.title)}
          </p>
          {item && (
            <p className={classes.item} data-testid="projector-item">
              {t("meetings.agenda.numbered", { number: item.number, title: text(item.title) })}
            </p>
          )}
        </div>
        <FullScreenButton />
      </header>
      <main className={classes.floor}>
        {current ? (
          <>
            <p className={classes.caption}>{t("meetings.speakers.hasFloor")}</p>
            <p className={classes.speaker} data-testid="projector-speaker" data-delegation={current.delegation}>
              {partyName(current.delegation)}
            </p>
            {current.kind !== "speech" && <FloorKindBadge kind={current.kind} size="xl" />}
            <SpeakingClock speaking={current} variant="projector" />
          </>
        ) : (
          <p className={classes.speaker} data-testid="projector-nobody">
            {item ? t("meetings.speakers.nobody") : t("meetings.speakers.noAgenda")}
          </p>
        )}
      </main>
      <footer className={classes.next} data-testid="projector-next">
        {next.length > 0 && (
          <>
            <p className={classes.caption}>{t("meetings.projector.next")}</p>
            <ol className={classes.nextList}>
              {next.map((request) => (
                <li key={request.id} data-testid="projector-queued">
                  {partyName(request.delegation)}
                  {request.kind !== "speech" && <span className={classes.kind}>{t(`meetings.floorKind.${request.kind}`)}</span>}
                </li>
              ))}
            </ol>
          </>
        )}
        {item && !item.speakers.isOpen && <p className={classes.caption}>{t("meetings.speakers.closed")}</p>}
      </footer>
    </div>
  );
}
