// The speaking-time clock as every screen shows it, ticking each second of server time: time left (red once over,
// then the time over), or time used when none was allotted; stopped while the chair holds it.
import { Group, Progress, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Speaking } from "../../shared/core-rules";
import { clockView, formatDuration } from "./speaking-clock";
import { useServerNow } from "./server-clock";
import classes from "./SpeakingClock.module.css";

export function SpeakingClock({ speaking, variant = "page" }: { speaking: Speaking; variant?: "page" | "projector" }) {
  const { t } = useTranslation();
  const now = useServerNow();
  const view = clockView(speaking, now);
  const caption = view.isPaused
    ? t("meetings.clock.paused")
    : view.remaining === null
      ? t("meetings.clock.noLimit")
      : view.isOver
        ? t("meetings.clock.over")
        : t("meetings.clock.left");
  return (
    <Stack gap={4} className={variant === "projector" ? classes.projector : classes.page} data-testid="speaking-clock" data-over={view.isOver || undefined} data-paused={view.isPaused || undefined}>
      {/* The caption goes under the figure when both do not fit on one line; the figure itself never wraps. */}
      <Group gap="sm" align="baseline" wrap="wrap">
        <span role="timer" aria-label={caption} className={classes.figure} data-over={view.isOver || undefined} data-testid="clock-main">
          {view.main}
        </span>
        <Text span className={classes.caption} data-over={view.isOver || undefined}>
          {caption}
        </Text>
      </Group>
      {view.remaining !== null && (
        <>
          <Progress value={view.used * 100} color={view.isOver ? "red" : view.used > 0.8 ? "orange" : "teal"} size={variant === "projector" ? "xl" : "sm"} aria-hidden />
          <Text className={classes.caption} data-testid="clock-detail">
            {t("meetings.clock.usedOf", { used: view.elapsed, allotted: formatDuration(speaking.allottedSeconds) })}
          </Text>
        </>
      )}
    </Stack>
  );
}

