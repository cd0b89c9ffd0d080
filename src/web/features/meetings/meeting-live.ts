// What a live event on a meeting's stream means for the meeting on screen: a change to the list of speakers carries the
// list itself and is put in place at once (every screen shows the new speaker and clock without asking the server
// again); any other change has the meeting read again, unless the copy on screen is already as new.
import { SpeakersListSchema, type Meeting } from "../../../contracts/meetings";
import { cacheStep, versionOf } from "../../shared/live/live-cache";
import type { LiveChange } from "../../shared/live/live-protocol";

export type MeetingUpdate =
  /** Put this list of speakers in place on this agenda item. */
  | { readonly kind: "speakers"; readonly item: string; readonly speakers: Meeting["agenda"]["items"][number]["speakers"]; readonly version: number | null }
  | { readonly kind: "refetch" }
  | { readonly kind: "none" };

export function meetingUpdateFor(change: LiveChange, shownVersion: number | undefined): MeetingUpdate {
  if (change.kind === "reset") return { kind: "refetch" };
  const { type, payload } = change.event;
  const version = versionOf(payload);
  if (type === "meeting.floor") {
    const speakers = SpeakersListSchema.safeParse(payload.speakers);
    if (typeof payload.item === "string" && speakers.success) return { kind: "speakers", item: payload.item, speakers: speakers.data, version };
    return { kind: "refetch" };
  }
  // Any other change carries no delta: the meeting is read again unless the copy shown has it already.
  return cacheStep(shownVersion, version) === "none" ? { kind: "none" } : { kind: "refetch" };
}

/**
 * The meeting with one item's list of speakers replaced; the meeting itself unchanged when the item is not on it (the
 * agenda changed meanwhile: the page reads it again). The meeting's version follows the event's when it is newer, so a
 * form sent next carries it.
 */
export function withSpeakers(meeting: Meeting, item: string, speakers: Meeting["agenda"]["items"][number]["speakers"], version: number | null): Meeting | null {
  if (!meeting.agenda.items.some((entry) => entry.id === item)) return null;
  return {
    ...meeting,
    version: version !== null && version > meeting.version ? version : meeting.version,
    agenda: { ...meeting.agenda, items: meeting.agenda.items.map((entry) => (entry.id === item ? { ...entry, speakers } : entry)) },
  };
}
