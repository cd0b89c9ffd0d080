// Meetings by body in the registry's order, invitations by basis then name, the floor in the order it is given, and
// the agenda item a screen follows.
import { describe, expect, it } from "vitest";
import type { AgendaItem, Invitation, MeetingSummary } from "../../../contracts/meetings";
import { followedItem, groupByBody, sortInvitations, speakingOrder } from "./meeting-groups";

const summary = (id: string, body: string, startDate: string) => ({ id, body, startDate }) as MeetingSummary;
const invitation = (code: string, basis: Invitation["basis"]) => ({ party: { code, names: {} }, basis }) as Invitation;
const EMPTY = { queue: [], current: null, spoken: [], isOpen: true };
const item = (id: string, speakers: Partial<AgendaItem["speakers"]> = {}) => ({ id, speakers: { ...EMPTY, ...speakers } }) as AgendaItem;

describe("groupByBody", () => {
  it("orders bodies as the registry does, unknown ones after by code, each body's meetings latest first", () => {
    const groups = groupByBody(
      [summary("a", "CMFA", "2025-07-15"), summary("b", "CHS", "2024-07-03"), summary("c", "ZZ", "2025-01-01"), summary("d", "CHS", "2025-08-31"), summary("e", "AA", "2025-01-01")],
      ["CHS", "CHG", "CMFA"],
    );
    expect(groups.map((group) => [group.body, group.meetings.map((m) => m.id)])).toEqual([
      ["CHS", ["d", "b"]],
      ["CMFA", ["a"]],
      ["AA", ["e"]],
      ["ZZ", ["c"]],
    ]);
    expect(groupByBody([], ["CHS"])).toEqual([]);
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
