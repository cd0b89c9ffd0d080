// Meetings by time (in progress, upcoming, past), invitations by basis then name, the floor in the order it is given, and
// the agenda item a screen follows.
import { describe, expect, it } from "vitest";
import type { AgendaItem, Invitation, MeetingSummary } from "../../../contracts/meetings";
import { followedItem, meetingsByTime, meetingTiming, sortInvitations, speakingOrder } from "./meeting-groups";

const invitation = (code: string, basis: Invitation["basis"]) => ({ party: { code, names: {} }, basis }) as Invitation;
const EMPTY = { queue: [], current: null, spoken: [], isOpen: true };
const item = (id: string, speakers: Partial<AgendaItem["speakers"]> = {}) => ({ id, speakers: { ...EMPTY, ...speakers } }) as AgendaItem;

describe("meetingsByTime", () => {
  const NOW = Date.parse("2026-12-07T09:30:00Z");
  const TODAY = "2026-12-07";
  const timed = (id: string, start: string, end: string) => ({ id, start, end, startDate: start.slice(0, 10), endDate: end.slice(0, 10) }) as MeetingSummary;
  const dated = (id: string, startDate: string, endDate = startDate) => ({ id, start: null, end: null, startDate, endDate }) as MeetingSummary;

  it("puts meetings in progress first, then the upcoming soonest first, and the past below, the latest first", () => {
    const { current, past } = meetingsByTime(
      [
        dated("tianjin", "2025-08-31", "2025-09-01"),
        timed("next-month", "2027-01-12T08:00:00Z", "2027-01-12T12:00:00Z"),
        timed("now", "2026-12-07T08:00:00Z", "2026-12-07T12:00:00Z"),
        dated("cmfa", "2025-07"),
        timed("this-afternoon", "2026-12-07T13:00:00Z", "2026-12-07T17:00:00Z"),
        timed("this-morning", "2026-12-07T06:00:00Z", "2026-12-07T09:30:00Z"),
        dated("shanghai", "2001-06-15"),
        dated("next-week", "2026-12-14"),
      ],
      NOW,
      TODAY,
    );
    expect(current.map((m) => [m.id, m.timing])).toEqual([
      ["now", "in_progress"],
      ["this-afternoon", "upcoming"],
      ["next-week", "upcoming"],
      ["next-month", "upcoming"],
    ]);
    // A meeting whose end has come is past; one known only to the month is past once that month is.
    expect(past.map((m) => m.id)).toEqual(["this-morning", "tianjin", "cmfa", "shanghai"]);
  });

  it("reads a meeting known only by its dates by the days they may mean", () => {
    expect(meetingTiming(dated("a", "2026-12"), NOW, TODAY)).toBe("in_progress");
    expect(meetingTiming(dated("b", "2026-12-07"), NOW, TODAY)).toBe("in_progress");
    expect(meetingTiming(dated("c", "2026-12-06"), NOW, TODAY)).toBe("past");
    expect(meetingTiming(dated("d", "2027"), NOW, TODAY)).toBe("upcoming");
  });
});

describe("sortInvitations", () => {
  it("puts members by right first, then the invited, then guests, each by name in the reader's language", () => {
    const names: Record<string, string> = { KZ: "Казахстан", IN: "Индия", MN: "Монголия", BY: "Беларусь", UN: "ООН" };
    const sorted = sortInvitations([invitation("UN", "guest"), invitation("MN", "invited"), invitation("KZ", "by_right"), invitation("IN", "by_right"), invitation("BY", "invited")], (code) => names[code] ?? code, "ru");
    expect(sorted.map((i) => i.party.code)).toEqual(["IN", "KZ", "BY", "MN", "UN"]);
  });
});

describe("speakingOrder", () => {
  it("hears points of order first, then replies, then speeches in the order asked", () => {
    const request = (id: string, kind: "speech" | "reply" | "point_of_order") => ({ id, delegation: id, kind, requestedAt: "" });
    const order = speakingOrder({ ...EMPTY, queue: [request("a", "speech"), request("b", "reply"), request("c", "speech"), request("d", "point_of_order")] });
    expect(order.map((r) => r.id)).toEqual(["d", "b", "a", "c"]);
  });
});

describe("followedItem", () => {
  const speaking = { requestId: "r", delegation: "MN", kind: "speech" as const, startedAt: "", allottedSeconds: 0, pausedAt: null, pausedSeconds: 0 };
  it("follows the item where someone speaks, else where someone waits, else the first", () => {
    expect(followedItem([item("1"), item("2", { queue: [{ id: "q", delegation: "IN", kind: "speech", requestedAt: "" }] }), item("3", { current: speaking })])?.id).toBe("3");
    expect(followedItem([item("1"), item("2", { queue: [{ id: "q", delegation: "IN", kind: "speech", requestedAt: "" }] })])?.id).toBe("2");
    expect(followedItem([item("1"), item("2")])?.id).toBe("1");
    expect(followedItem([])).toBeNull();
  });
});
