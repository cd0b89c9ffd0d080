// A meeting's live events: the list of speakers is put in place at once on every screen, other changes have the meeting
// read again only when they are newer than what is shown.
import { describe, expect, it } from "vitest";
import type { AgendaItem, Meeting } from "../../../contracts/meetings";
import type { LiveChange } from "../../shared/live/live-protocol";
import { meetingUpdateFor, withSpeakers } from "./meeting-live";

const event = (type: string, payload: Record<string, unknown>): LiveChange => ({ kind: "event", event: { stream: "meeting:m1", seq: 4, type, at: "2025-07-15T04:00:00Z", payload } });
const speakers: AgendaItem["speakers"] = {
  queue: [{ id: "r2", delegation: "IN", kind: "speech", requestedAt: "2025-07-15T03:59:00Z" }],
  current: { requestId: "r1", delegation: "MN", kind: "speech", startedAt: "2025-07-15T04:00:00Z", allottedSeconds: 120, pausedAt: null, pausedSeconds: 0 },
  spoken: [],
  isOpen: true,
};
const item = (id: string): AgendaItem => ({ id, number: 1, title: { en: id }, rapporteur: null, start: null, end: null, documents: [], speakers: { queue: [], current: null, spoken: [], isOpen: true }, version: 1 });
const meeting = { version: 7, agenda: { adoptedAt: null, items: [item("a1"), item("a2")], changes: [] } } as unknown as Meeting;

describe("meetingUpdateFor", () => {
  it("puts a new list of speakers in place without reading the meeting again", () => {
    expect(meetingUpdateFor(event("meeting.floor", { item: "a2", speakers, version: 8 }), 7)).toEqual({ kind: "speakers", item: "a2", speakers, version: 8 });
  });

  it("reads the meeting again for a floor event it cannot read", () => {
    expect(meetingUpdateFor(event("meeting.floor", { item: "a2", speakers: { queue: "?" } }), 7)).toEqual({ kind: "refetch" });
    expect(meetingUpdateFor(event("meeting.floor", { speakers }), 7)).toEqual({ kind: "refetch" });
  });

  it("reads the meeting again after a newer change, and not after one already on screen", () => {
    expect(meetingUpdateFor(event("meeting.changed", { version: 8 }), 7)).toEqual({ kind: "refetch" });
    expect(meetingUpdateFor(event("meeting.changed", { version: 7 }), 7)).toEqual({ kind: "none" });
    expect(meetingUpdateFor(event("meeting.changed", {}), 7)).toEqual({ kind: "refetch" });
    expect(meetingUpdateFor(event("meeting.changed", { version: 3 }), undefined)).toEqual({ kind: "refetch" });
    expect(meetingUpdateFor({ kind: "reset", stream: "meeting:m1" }, 7)).toEqual({ kind: "refetch" });
  });
});

describe("withSpeakers", () => {
  it("replaces one item's list and nothing else", () => {
    const next = withSpeakers(meeting, "a2", speakers, 8);
    expect(next?.agenda.items[1]?.speakers).toEqual(speakers);
    expect(next?.agenda.items[0]).toBe(meeting.agenda.items[0]);
    expect(next?.version).toBe(8);
  });

  it("keeps the newer version on screen, and gives nothing for an item the meeting no longer has", () => {
    expect(withSpeakers(meeting, "a1", speakers, 5)?.version).toBe(7);
    expect(withSpeakers(meeting, "a1", speakers, null)?.version).toBe(7);
    expect(withSpeakers(meeting, "gone", speakers, 9)).toBeNull();
  });
});
