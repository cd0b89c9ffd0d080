// The list of speakers of an agenda item, live on every screen: who has the floor and the clock everyone sees, who waits
// (points of order first, then replies, then speeches as asked), who has spoken. A delegation asks for the floor here
// (and is told the server's reason when it may not); the chair gives it, stops and restarts the clock, closes the list.
import { Alert, Anchor, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FLOOR_KINDS, type AgendaItem } from "../../../../contracts/meetings";
import { useLocale } from "../../../i18n/use-locale";
import { problemMessage } from "../../../shared/api/problem-message";
import { FloorKindBadge } from "../badges";
import { useAskFloor, useFloorAction } from "../meeting-commands";
import { followedItem, speakingOrder } from "../meeting-groups";
import { formatDuration } from "../speaking-clock";
import { SpeakingClock } from "../SpeakingClock";
import { useMeetingView } from "./meeting-context";

type FloorKind = (typeof FLOOR_KINDS)[number];

/** The times the chair gives a speaker, in seconds (0: no limit). */
const ALLOTTED_TIMES = [0, 60, 120, 180, 300, 600, 900] as const;
/** Five minutes, as the server gives when the chair names no time. */
const DEFAULT_SECONDS = 300;

function Block({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Paper component="section" withBorder radius="lg" p={{ base: "sm", sm: "md" }} aria-label={title} data-testid={testId}>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function CurrentSpeaker({ item }: { item: AgendaItem }) {
  const { t } = useTranslation();
  const { partyName } = useMeetingView();
  const { current } = item.speakers;
  return (
    <Block title={t("meetings.speakers.hasFloor")} testId="current-speaker">
      {current ? (
        <Stack gap="xs">
          <Group gap="sm">
            <Text fw={700} fz={{ base: "1.4rem", sm: "1.8rem" }} data-testid="current-delegation" data-delegation={current.delegation}>
              {partyName(current.delegation)}
            </Text>
            <FloorKindBadge kind={current.kind} />
          </Group>
          <SpeakingClock speaking={current} />
        </Stack>
      ) : (
        <Text c="dimmed" data-testid="nobody-speaking">
          {t("meetings.speakers.nobody")}
        </Text>
      )}
    </Block>
  );
}

function Queue({ item, seconds }: { item: AgendaItem; seconds: number }) {
  const { t } = useTranslation();
  const { meeting, partyName, abilities, delegation } = useMeetingView();
  const action = useFloorAction(meeting.id);
  const order = speakingOrder(item.speakers);
  return (
    <Block title={order.length === 0 ? t("meetings.speakers.waitingTitle") : t("meetings.speakers.queueTitle", { count: order.length })} testId="speakers-queue">
      {order.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="queue-empty">
          {t("meetings.speakers.queueEmpty")}
        </Text>
      ) : (
        <Stack component="ol" gap={6} p={0} m={0}>
          {order.map((request, index) => (
            <Group component="li" key={request.id} justify="space-between" gap="xs" wrap="wrap" data-testid="queued" data-delegation={request.delegation} style={{ listStyle: "none" }}>
              <Group gap="xs" wrap="nowrap">
                <Text span c="dimmed" fw={600} miw="1.6em">
                  {t("meetings.speakers.place", { number: index + 1 })}
                </Text>
                <Text span fw={600}>
                  {partyName(request.delegation)}
                </Text>
                <FloorKindBadge kind={request.kind} />
              </Group>
              <Group gap={4}>
                {abilities.mayConduct && (
                  <Button size="xs" variant="light" onClick={() => action.mutate({ item: item.id, body: { action: "give", request: request.id, seconds } })} data-testid="give-to">
                    {t("meetings.speakers.giveTo")}
                  </Button>
                )}
                {(abilities.mayConduct || request.delegation === delegation) && (
                  <Button size="xs" variant="subtle" color="gray" onClick={() => action.mutate({ item: item.id, body: { action: "withdraw", request: request.id } })} data-testid="withdraw">
                    {request.delegation === delegation ? t("meetings.speakers.withdraw") : t("meetings.speakers.strike")}
                  </Button>
                )}
              </Group>
            </Group>
          ))}
        </Stack>
      )}
      {action.error !== null && (
        <Alert color="red" variant="light" role="alert" mt="xs" data-testid="queue-problem">
          {problemMessage(action.error, t)}
        </Alert>
      )}
    </Block>
  );
}

function AskForFloor({ item }: { item: AgendaItem }) {
  const { t } = useTranslation();
  const { meeting, abilities, delegation } = useMeetingView();
  const ask = useAskFloor(meeting.id);
  const [asked, setAsked] = useState<FloorKind | null>(null);
  const waiting = item.speakers.queue.filter((request) => request.delegation === delegation);
  const send = (kind: FloorKind) => {
    setAsked(kind);
    ask.mutate({ item: item.id, body: { kind } });
  };
  return (
    <Block title={t("meetings.speakers.askTitle")} testId="ask-floor">
      <Stack gap="xs">
        {!abilities.mayAskFloor && (
          <Text size="sm" c="dimmed" data-testid="ask-floor-note">
            {t("meetings.speakers.needInvitation")}
          </Text>
        )}
        {!item.speakers.isOpen && (
          <Text size="sm" c="dimmed">
            {t("meetings.speakers.closedNote")}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
          {FLOOR_KINDS.map((kind) => (
            <Button
              key={kind}
              variant={kind === "speech" ? "filled" : "light"}
              color={kind === "point_of_order" ? "red" : undefined}
              loading={ask.isPending && asked === kind}
              disabled={waiting.some((request) => request.kind === kind)}
              onClick={() => send(kind)}
              data-testid={`ask-${kind}`}
            >
              {t(`meetings.speakers.ask.${kind}`)}
            </Button>
          ))}
        </SimpleGrid>
        {waiting.length > 0 && (
          <Text size="sm" c="teal.8" data-testid="own-waiting">
            {t("meetings.speakers.youWait", { kinds: waiting.map((request) => t(`meetings.floorKind.${request.kind}`)).join(t("meetings.listSeparator")) })}
          </Text>
        )}
        {ask.error !== null && (
          <Alert color="red" variant="light" role="alert" data-testid="floor-refused">
            {problemMessage(ask.error, t)}
          </Alert>
        )}
      </Stack>
    </Block>
  );
}

/** The chair's controls; the speaking time chosen here is also what "give the floor" in the queue gives. */
function ChairControls({ item, seconds, setSeconds }: { item: AgendaItem; seconds: number; setSeconds: (seconds: number) => void }) {
  const { t } = useTranslation();
  const { meeting } = useMeetingView();
  const action = useFloorAction(meeting.id);
  const { current, isOpen, queue } = item.speakers;
  const act = (body: Parameters<typeof action.mutate>[0]["body"]) => action.mutate({ item: item.id, body });
  return (
    <Block title={t("meetings.speakers.chairTitle")} testId="chair-controls">
      <Stack gap="sm">
        <Group gap="sm" align="flex-end">
          <NativeSelect
            label={t("meetings.speakers.allotted")}
            data={ALLOTTED_TIMES.map((value) => ({ value: String(value), label: value === 0 ? t("meetings.speakers.noLimit") : t("meetings.speakers.minutes", { count: value / 60 }) }))}
            value={String(seconds)}
            onChange={(event) => setSeconds(Number(event.currentTarget.value))}
            maw={200}
            data-testid="allotted-time"
          />
          <Button disabled={queue.length === 0} loading={action.isPending} onClick={() => act({ action: "give", seconds })} data-testid="give-next">
            {current ? t("meetings.speakers.next") : t("meetings.speakers.giveNext")}
          </Button>
        </Group>
        <Group gap="xs">
          <Button variant="light" disabled={!current} onClick={() => act({ action: "end" })} data-testid="end-turn">
            {t("meetings.speakers.end")}
          </Button>
          {current?.pausedAt ? (
            <Button variant="light" onClick={() => act({ action: "resume" })} data-testid="resume-clock">
              {t("meetings.speakers.resume")}
            </Button>
          ) : (
            <Button variant="light" disabled={!current} onClick={() => act({ action: "pause" })} data-testid="pause-clock">
              {t("meetings.speakers.pause")}
            </Button>
          )}
          {isOpen ? (
            <Button variant="subtle" color="gray" onClick={() => act({ action: "close" })} data-testid="close-list">
              {t("meetings.speakers.close")}
            </Button>
          ) : (
            <Button variant="subtle" onClick={() => act({ action: "reopen" })} data-testid="reopen-list">
              {t("meetings.speakers.reopen")}
            </Button>
          )}
        </Group>
        {action.error !== null && (
          <Alert color="red" variant="light" role="alert" data-testid="chair-problem">
            {problemMessage(action.error, t)}
          </Alert>
        )}
      </Stack>
    </Block>
  );
}

function Spoken({ item }: { item: AgendaItem }) {
  const { t } = useTranslation();
  const { partyName } = useMeetingView();
  if (item.speakers.spoken.length === 0) return null;
  return (
    <Block title={t("meetings.speakers.spokenTitle")} testId="spoken">
      <Stack component="ol" gap={4} p={0} m={0}>
        {item.speakers.spoken.map((turn, index) => (
          <Group component="li" key={index} gap="xs" style={{ listStyle: "none" }}>
            <Text span size="sm">
              {partyName(turn.delegation)}
            </Text>
            <FloorKindBadge kind={turn.kind} />
            <Text span size="sm" c="dimmed" style={{ fontVariantNumeric: "tabular-nums" }}>
              {formatDuration(turn.seconds)}
            </Text>
          </Group>
        ))}
      </Stack>
    </Block>
  );
}

export function SpeakersPanel() {
  const { t } = useTranslation();
  const { text } = useLocale();
  const { meeting, abilities } = useMeetingView();
  const [chosen, setChosen] = useState<string | null>(null);
  const [seconds, setSeconds] = useState<number>(DEFAULT_SECONDS);
  const items = meeting.agenda.items;
  const item = items.find((entry) => entry.id === chosen) ?? followedItem(items);
  if (!item) {
    return (
      <Text c="dimmed" data-testid="speakers-no-agenda">
        {t("meetings.speakers.noAgenda")}
      </Text>
    );
  }
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <NativeSelect
          label={t("meetings.speakers.item")}
          data={items.map((entry) => ({ value: entry.id, label: t("meetings.agenda.numbered", { number: entry.number, title: text(entry.title) }) }))}
          value={item.id}
          onChange={(event) => setChosen(event.currentTarget.value)}
          style={{ flex: "1 1 16rem", maxWidth: "40rem" }}
          data-testid="speakers-item"
        />
        <Anchor component={Link} to={`/meetings/${encodeURIComponent(meeting.id)}/projector?item=${encodeURIComponent(item.id)}`} target="_blank" size="sm">
          {t("meetings.header.projector")}
          <span aria-hidden="true"> ↗</span>
        </Anchor>
      </Group>
      {!item.speakers.isOpen && (
        <Alert color="gray" variant="light" data-testid="list-closed">
          {t("meetings.speakers.closed")}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <CurrentSpeaker item={item} />
        <Queue item={item} seconds={seconds} />
      </SimpleGrid>
      {abilities.mayConduct && <ChairControls item={item} seconds={seconds} setSeconds={setSeconds} />}
      {abilities.offersFloorRequest && <AskForFloor item={item} />}
      <Spoken item={item} />
    </Stack>
  );
}
