// The replay slider's scale: one step per month from the founding day to today, each step a calendar day to ask the registry about.
import { earliestDay } from "../../../../domain/partial-date";

export interface Timeline {
  readonly first: string;
  readonly last: string;
  /** The number of steps after the first; the slider runs from 0 to this. */
  readonly lastIndex: number;
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
  return { first, last: today < first ? first : today, lastIndex };
}

/** Step 0 is the founding day, the last step today; between them the same day of the month as the founding (clamped to short months). */
export function dayAt(timeline: Timeline, index: number): string {
  if (index <= 0) return timeline.first;
  if (index >= timeline.lastIndex) return timeline.last;
  const [fy, fm, fd] = parts(timeline.first);
  const months = fm - 1 + index;
  const year = fy + Math.floor(months / 12);
  const month = (months % 12) + 1;
  return `${year}-${pad(month)}-${pad(Math.min(fd, daysInMonth(year, month)))}`;
}

/** The step one year further (or back), kept on the scale. */
export function stepByYears(timeline: Timeline, index: number, years: number): number {
  return Math.min(timeline.lastIndex, Math.max(0, index + years * 12));
}
