// How meetings and their parts are ordered on screen: meetings grouped by body (in the registry's order of bodies, then
// by date), invitations by basis, the list of speakers in the order the floor is given, and the agenda item a screen
// follows when none is chosen.
import type { AgendaItem, Invitation, MeetingSummary } from "../../../contracts/meetings";
import { inOrder, type FloorRequest } from "../../../domain/meetings/speakers";

export interface BodyGroup {
  readonly body: string;
  readonly meetings: MeetingSummary[];
}

/** Meetings by body: bodies in `bodyOrder` (the registry's), any other after them by code; each body's meetings latest first. */
export function groupByBody(meetings: readonly MeetingSummary[], bodyOrder: readonly string[]): BodyGroup[] {
  const groups = new Map<string, MeetingSummary[]>();
  for (const meeting of meetings) groups.set(meeting.body, [...(groups.get(meeting.body) ?? []), meeting]);
  const rank = (body: string) => (bodyOrder.includes(body) ? bodyOrder.indexOf(body) : bodyOrder.length);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([body, items]) => ({ body, meetings: [...items].sort((a, b) => b.startDate.localeCompare(a.startDate) || a.id.localeCompare(b.id)) }));
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
