// The overview's membership panel: counts per tier and the map for a chosen day, with a keyboard-operable date slider and a year-by-year replay.
import { ActionIcon, Box, Group, Paper, SimpleGrid, Skeleton, Slider, Stack, Text, Title, Tooltip } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { Suspense, lazy, useCallback, useEffect, useMemo, useState, type CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import type { Organization, StateListItem } from "../../../../contracts/registry";
import { useLocale } from "../../../i18n/use-locale";
import { ErrorBoundary } from "../../../shared/ErrorBoundary";
import { LoadError } from "../../../shared/QueryFeedback";
import { NO_STATUS_COLOUR, findTier, standingTiersOn, tierCountName } from "../tiers";
import { dataLanguageOf } from "../../../i18n/language";
import { indexOfDay, stepAt, stepByYears, timelineOf, type TimelineStep } from "./membership-timeline";
import classes from "./Overview.module.css";
import { useStates } from "../../../shared/api/registry-queries";

const MembershipMap = lazy(() => import("./MembershipMap"));

const REPLAY_STEP_MS = 900;

function PlayIcon({ isPlaying }: { isPlaying: boolean }) {
  return isPlaying ? (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
      <rect x="6" y="5" width="4" height="14" rx="1" fill="currentColor" />
      <rect x="14" y="5" width="4" height="14" rx="1" fill="currentColor" />
    </svg>
  ) : (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
      <path d="M7 5.5v13a1 1 0 0 0 1.5.86l10.5-6.5a1 1 0 0 0 0-1.72L8.5 4.64A1 1 0 0 0 7 5.5z" fill="currentColor" />
    </svg>
  );
}

export function MembershipReplay({ organization, today, initialDay, onDayChange }: { organization: Organization; today: string; initialDay?: string | null; onDayChange?: (day: string | null) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const timeline = useMemo(() => timelineOf(organization.founded, today), [organization.founded, today]);
  const [index, setIndex] = useState(() => (initialDay ? indexOfDay(timeline, initialDay) : timeline.lastIndex));
  const [isPlaying, setIsPlaying] = useState(false);
  const step = stepAt(timeline, index);
  // The registry is asked once the slider rests, not for every month it passes through.
  const [settledDay] = useDebouncedValue(step.day, 120);
  const states = useStates({ on: settledDay });
  // The map is framed on the states holding a status today, whatever day it shows.
  const statesToday = useStates({ on: today });
  const frame = useMemo(() => (statesToday.data?.items ?? []).map((state) => state.isoNumeric), [statesToday.data]);
  // The address keeps the day shown (none for today), so a view of the past can be shared.
  useEffect(() => {
    onDayChange?.(index >= timeline.lastIndex ? null : settledDay);
  }, [settledDay, index, timeline.lastIndex, onDayChange]);

  // The replay stops by itself on reaching today.
  const isReplaying = isPlaying && index < timeline.lastIndex;

  useEffect(() => {
    if (!isReplaying) return;
    const timer = window.setInterval(() => setIndex((current) => stepByYears(timeline, current, 1)), REPLAY_STEP_MS);
    return () => window.clearInterval(timer);
  }, [isReplaying, timeline]);

  const togglePlay = () => {
    if (isReplaying) {
      setIsPlaying(false);
      return;
    }
    if (index >= timeline.lastIndex) setIndex(0);
    setIsPlaying(true);
  };

  const items: readonly StateListItem[] = useMemo(() => states.data?.items ?? [], [states.data]);
  const counts = useMemo(() => {
    const byTier = new Map<string, number>();
    for (const item of items) byTier.set(item.tier, (byTier.get(item.tier) ?? 0) + 1);
    return byTier;
  }, [items]);

  const { text, count, date, dateAfterPreposition, language } = locale;
  const tierName = useCallback((code: string) => {
    const tier = findTier(organization, code);
    return tier ? text(tier.names) : code;
  }, [organization, text]);
  const stateName = useCallback((state: StateListItem) => text(state.names), [text]);

  // The map shows the last answer until the next one arrives; its label describes that answer's step.
  const shownStep = stepAt(timeline, indexOfDay(timeline, states.data?.on ?? settledDay));
  // The tiers in force that day: a retired tier has no card, legend entry or colour after its retirement.
  const tiers = useMemo(() => standingTiersOn(organization, states.data?.on ?? settledDay), [organization, states.data?.on, settledDay]);
  const countName = (tier: (typeof tiers)[number], n: number) => tierCountName(tier.tier, n, language, dataLanguageOf(language), text(tier.tier.names));
  const summary = new Intl.ListFormat(language, { type: "unit", style: "long" }).format(
    tiers.map((tier) => `${count(counts.get(tier.code) ?? 0)} ${countName(tier, counts.get(tier.code) ?? 0)}`),
  );
  const organizationName = text(organization.shortNames);
  const mapLabel = shownStep.isMonthEnd
    ? t("overview.mapLabelMonthEnd", { organization: organizationName, month: dateAfterPreposition(shownStep.shown), summary })
    : t("overview.mapLabel", { organization: organizationName, date: date(shownStep.shown), summary });
  const countsHeading = (shown: TimelineStep) =>
    shown.isMonthEnd ? t("overview.countsAtMonthEnd", { month: dateAfterPreposition(shown.shown) }) : t("overview.countsOn", { date: date(shown.shown) });
  // The slider names a step no more precisely than it moves: a month, or the real day at either end.
  const stepText = (value: number) => date(stepAt(timeline, value).shown);

  const firstYear = Number(timeline.first.slice(0, 4));
  const lastYear = Number(timeline.last.slice(0, 4));
  const marks = [];
  for (let year = Math.ceil(firstYear / 5) * 5; year <= lastYear; year += 5) {
    const markIndex = (year - firstYear) * 12 - (Number(timeline.first.slice(5, 7)) - 1);
    if (markIndex > 0 && markIndex < timeline.lastIndex) marks.push({ value: markIndex, label: String(year) });
  }

  return (
    <Paper component="section" aria-labelledby="membership-heading" withBorder p={{ base: "md", sm: "lg" }} radius="lg" className={classes.panel}>
      <Group justify="space-between" align="flex-end" mb="md" wrap="wrap" gap="xs">
        <div>
          <Title order={2} id="membership-heading" size="h3">
            {t("overview.membershipHeading")}
          </Title>
          <Text c="dimmed" size="sm" data-testid="counts-date">
            {countsHeading(step)}
          </Text>
        </div>
      </Group>

      {states.isError && <LoadError onRetry={() => void states.refetch()} />}

      <SimpleGrid cols={{ base: 1, xs: tiers.length }} spacing={{ base: 6, sm: "sm" }} mb="lg" aria-live="polite">
        {tiers.map((tier) => (
          <div key={tier.code} className={classes.countCard} style={{ "--tier-colour": tier.colour } as CSSProperties} data-testid="tier-count">
            <Text className={classes.countValue} data-testid={`count-${tier.code}`}>
              {states.data ? count(counts.get(tier.code) ?? 0) : "–"}
            </Text>
            <Text size="sm" c="dimmed" fw={500}>
              {states.data ? countName(tier, counts.get(tier.code) ?? 0) : text(tier.tier.names)}
            </Text>
          </div>
        ))}
      </SimpleGrid>

      <Box className={classes.mapBox}>
        <ErrorBoundary fallback={<Text c="dimmed" ta="center" py="xl">{t("overview.mapError")}</Text>}>
          <Suspense fallback={<Skeleton h="100%" w="100%" aria-label={t("overview.mapLoading")} role="status" />}>
            <MembershipMap states={items} tiers={tiers} label={mapLabel} stateName={stateName} tierName={tierName} frame={frame} />
          </Suspense>
        </ErrorBoundary>
      </Box>

      <Group component="ul" aria-label={t("overview.legendLabel")} gap="lg" mt="sm" className={classes.legend}>
        {tiers.map((tier) => (
          <li key={tier.code}>
            <span className={classes.swatch} style={{ background: tier.colour }} aria-hidden="true" />
            {text(tier.tier.names)}
          </li>
        ))}
        <li>
          <span className={classes.swatch} style={{ background: NO_STATUS_COLOUR }} aria-hidden="true" />
          {t("overview.notAssociated")}
        </li>
      </Group>

      <Stack gap={4} mt="lg">
        <Group gap="md" wrap="nowrap" align="center">
          <Tooltip label={isReplaying ? t("overview.pause") : t("overview.play")}>
            <ActionIcon
              size="lg"
              radius="xl"
              variant="filled"
              onClick={togglePlay}
              aria-label={isReplaying ? t("overview.pause") : t("overview.play")}
              aria-pressed={isReplaying}
              data-testid="replay-toggle"
            >
              <PlayIcon isPlaying={isReplaying} />
            </ActionIcon>
          </Tooltip>
          <Slider
            className={classes.slider}
            min={0}
            max={timeline.lastIndex}
            step={1}
            value={index}
            onChange={(value) => {
              setIsPlaying(false);
              setIndex(value);
            }}
            onKeyDown={(event) => {
              if (event.key !== "PageUp" && event.key !== "PageDown") return;
              event.preventDefault();
              setIsPlaying(false);
              setIndex((current) => stepByYears(timeline, current, event.key === "PageUp" ? 1 : -1));
            }}
            marks={marks}
            label={stepText}
            thumbLabel={t("overview.sliderLabel")}
            thumbValueText={stepText}
            thumbProps={{ "aria-describedby": "slider-hint" }}
            data-testid="date-slider"
          />
        </Group>
        <Text id="slider-hint" size="xs" c="dimmed" ml={52}>
          {t("overview.sliderHint")}
        </Text>
      </Stack>
    </Paper>
  );
}
