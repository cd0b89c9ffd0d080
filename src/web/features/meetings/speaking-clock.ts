// The speaking-time clock every screen shows, and how far this browser's clock is from the server's. The clock is
// computed from the turn's start, stops and allotted time at a moment passed in; the offset from what the server's
// Date header allows, so that screens with wrong clocks still show the same time left. Nothing here reads a clock.
import { clockAt, type Speaking } from "../../shared/core-rules";

/** Whole seconds as "m:ss", or "h:mm:ss" from an hour on. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

export interface ClockView {
  /** Time used so far, stops not counted. */
  readonly elapsed: string;
  /** Time left, when time was allotted. */
  readonly remaining: string | null;
  /** Time spoken beyond the allotted time, once over. */
  readonly overtime: string | null;
  /** The big figure: time left (or over), or time used when none was allotted. */
  readonly main: string;
  readonly isOver: boolean;
  readonly isPaused: boolean;
  /** Share of the allotted time used, 0 to 1 (0 when none was allotted). */
  readonly used: number;
}

/** The clock as it reads at `nowMs` (server time). */
export function clockView(speaking: Speaking, nowMs: number): ClockView {
  const clock = clockAt(speaking, new Date(nowMs).toISOString());
  const elapsedSeconds = Math.floor(clock.elapsedSeconds);
  const allotted = speaking.allottedSeconds;
  const elapsed = formatDuration(elapsedSeconds);
  if (allotted === 0 || clock.remainingSeconds === null) {
    return { elapsed, remaining: null, overtime: null, main: elapsed, isOver: false, isPaused: clock.isPaused, used: 0 };
  }
  // Time left counts down whole seconds the way a wall clock does: 2:00 for the whole first second, 0:00 when it is up.
  const remaining = formatDuration(Math.max(0, allotted - elapsedSeconds));
  const overtime = clock.isOver ? formatDuration(elapsedSeconds - allotted) : null;
  return {
    elapsed,
    remaining,
    overtime,
    main: overtime === null ? remaining : `+${overtime}`,
    isOver: clock.isOver,
    isPaused: clock.isPaused,
    used: Math.min(1, elapsedSeconds / allotted),
  };
}

/**
 * What one answer tells about the server's clock: the server stamped its Date header (to the second, rounded down)
 * somewhere between sending the request and receiving the answer, so server time minus local time lies between these
 * bounds, in milliseconds.
 */
export interface OffsetBounds {
  readonly low: number;
  readonly high: number;
}

export function offsetBounds(sample: { readonly serverDate: string | null; readonly sentAt: number; readonly receivedAt: number }): OffsetBounds | null {
  if (sample.serverDate === null) return null;
  const stamped = Date.parse(sample.serverDate);
  if (Number.isNaN(stamped) || sample.receivedAt < sample.sentAt) return null;
  return { low: stamped - sample.receivedAt, high: stamped + 1000 - sample.sentAt };
}

/**
 * Narrows what is known with a new answer: the overlap of both, or the new one alone when they disagree (the local clock
 * was set in between).
 */
export function narrowBounds(known: OffsetBounds | null, next: OffsetBounds | null): OffsetBounds | null {
  if (next === null) return known;
  if (known === null) return next;
  const low = Math.max(known.low, next.low);
  const high = Math.min(known.high, next.high);
  return low <= high ? { low, high } : next;
}

/**
 * The correction to apply to the local clock: none when the local clock may well be right (a screen with a good clock is
 * not moved by the Date header's coarse second), else the smallest one the server's answers call for.
 */
export function clockOffset(bounds: OffsetBounds | null): number {
  if (bounds === null || (bounds.low <= 0 && bounds.high >= 0)) return 0;
  return bounds.low > 0 ? bounds.low : bounds.high;
}
