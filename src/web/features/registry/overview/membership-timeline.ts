// The replay slider's scale: one step per month from the founding to today, each step the calendar day asked about and the date it may show.
import { earliestDay } from "../../../shared/core-rules";

export interface Timeline {
  /** The founding as recorded (a partial date), shown at the first step. */
  readonly founded: string;
  readonly first: string;
  readonly last: string;
  /** The number of steps after the first; the slider runs from 0 to this. */
  readonly lastIndex: number;
}

/**
 * One position of the slider. The ends are real days (the founding, today); a step between them stands for a whole
 * month, so it shows only the month, and asks the registry about the month's last day ("at the end of June 2016").
 */
export interface TimelineStep {
  /** The calendar day the registry is asked about. */
  readonly day: string;
  /** The date shown, as a partial date no more precise than the step: the founding as recorded, "YYYY-MM", or today. */
  readonly shown: string;
  readonly isMonthEnd: boolean;
}

function parts(day: string): [number, number, number] {
  const [y = "0", m = "1", d = "1"] = day.split("-");
  return [Number(y), Number(m), Number(d)];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** From the founding (a partial date: its first possible day) to today; today before the founding collapses to one step. */
export function timelineOf(founded: string, today: string): Timeline {
  const first = earliestDay(founded);
  const [fy, fm] = parts(first);
  const [ty, tm] = parts(today);
  const lastIndex = Math.max(0, (ty - fy) * 12 + (tm - fm));
  return { founded, first, last: today < first ? first : today, lastIndex };
}

/** Step 0 is the founding, the last step today; each step between them is a later month, read at its last day. */
export function stepAt(timeline: Timeline, index: number): TimelineStep {
  if (index <= 0) return { day: timeline.first, shown: timeline.founded, isMonthEnd: false };
  if (index >= timeline.lastIndex) return { day: timeline.last, shown: timeline.last, isMonthEnd: false };
  const [fy, fm] = parts(timeline.first);
  const months = fm - 1 + index;
  const year = fy + Math.floor(months / 12);
  const month = (months % 12) + 1;
  return { day: `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`, shown: `${year}-${pad(month)}`, isMonthEnd: true };
}

/** The step whose day this is (a day asked about by one of the steps), so an answer can be described as its step was. */
export function indexOfDay(timeline: Timeline, day: string): number {
  if (day <= timeline.first) return 0;
  if (day >= timeline.last) return timeline.lastIndex;
  const [fy, fm] = parts(timeline.first);
  const [y, m] = parts(day);
  return Math.min(timeline.lastIndex, Math.max(0, (y - fy) * 12 + (m - fm)));
}

/** The step one year further (or back), kept on the scale. */
export function stepByYears(timeline: Timeline, index: number, years: number): number {
  return Math.min(timeline.lastIndex, Math.max(0, index + years * 12));
}
