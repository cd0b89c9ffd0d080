// How meetings and their parts are ordered on screen: meetings by time (in progress and upcoming first, soonest first;
// then the past, latest first), invitations by basis, the list of speakers in the order the floor is
// given, and the agenda item a screen follows when none is chosen.
import type { AgendaItem, Invitation, MeetingSummary } from "../../../contracts/meetings";
import { inOrder, type FloorRequest, earliestDay, latestDay } from "../../shared/core-rules";

export type MeetingTiming = "in_progress" | "upcoming" | "past";

type Timed = Pick<MeetingSummary, "start" | "end" | "startDate" | "endDate">;

/**
 * Where a meeting stands at `now` (ms) on `today` ("YYYY-MM-DD"): by its instants when they are known, else by its dates
 * at the precision known (a meeting of "2025-07" is past once July 2025 is).
 */
export function meetingTiming(meeting: Timed, now: number, today: string): MeetingTiming {
  if (meeting.start !== null && meeting.end !== null) {
    if (Date.parse(meeting.end) <= now) return "past";
    return Date.parse(meeting.start) <= now ? "in_progress" : "upcoming";
  }
  if (latestDay(meeting.endDate) < today) return "past";
  return earliestDay(meeting.startDate) <= today ? "in_progress" : "upcoming";
}

/** The instant a meeting begins, or its first possible day's start (UTC), to order meetings of either kind together. */
function startsAt(meeting: Timed): number {
  return meeting.start !== null ? Date.parse(meeting.start) : Date.parse(`${earliestDay(meeting.startDate)}T00:00:00Z`);
}

export interface MeetingsByTime {
  /** In progress first, then upcoming; each by when it begins, soonest first. */
  readonly current: readonly (MeetingSummary & { readonly timing: "in_progress" | "upcoming" })[];
  /** Meetings that have ended, the latest first. */
  readonly past: readonly MeetingSummary[];
}

export function meetingsByTime(meetings: readonly MeetingSummary[], now: number, today: string): MeetingsByTime {
  const current: (MeetingSummary & { timing: "in_progress" | "upcoming" })[] = [];
  const past: MeetingSummary[] = [];
  for (const meeting of meetings) {
    const timing = meetingTiming(meeting, now, today);
    if (timing === "past") past.push(meeting);
    else current.push({ ...meeting, timing });
  }
  const byId = (a: MeetingSummary, b: MeetingSummary) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  current.sort((a, b) => Number(b.timing === "in_progress") - Number(a.timing === "in_progress") || startsAt(a) - startsAt(b) || byId(a, b));
  past.sort((a, b) => startsAt(b) - startsAt(a) || byId(a, b));
  return { current, past };
}

const BASIS_ORDER: Readonly<Record<Invitation["basis"], number>> = { by_right: 0, invited: 1, guest: 2 };

/** Members by right first, then those the chair invited, then guests; each group by name in the reader's language. */
export function sortInvitations(invitations: readonly Invitation[], nameOf: (code: string) => string, locale: string): Invitation[] {
  const collator = new Intl.Collator(locale);
  return [...invitations].sort((a, b) => BASIS_ORDER[a.basis] - BASIS_ORDER[b.basis] || collator.compare(nameOf(a.party.code), nameOf(b.party.code)));
}

/** The waiting requests in the order the chair gives the floor: points of order, replies, then speeches as asked. */
export function speakingOrder(speakers: AgendaItem["speakers"]): FloorRequest[] {
  return inOrder(speakers.queue);
}

/**
 * The agenda item a screen follows when the reader has not chosen one: the one where someone has the floor, else the
 * first where someone waits, else the first item; null for an empty agenda.
 */
export function followedItem(items: readonly AgendaItem[]): AgendaItem | null {
  return items.find((item) => item.speakers.current !== null) ?? items.find((item) => item.speakers.queue.length > 0) ?? items[0] ?? null;
}
