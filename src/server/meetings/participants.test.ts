import { describe, expect, it } from "vitest";
import { PUBLIC_ACTOR, type Actor } from "../../domain/access.js";
import type { Delegate } from "../../domain/meetings/accreditation.js";
import { badgeAudienceOf, participantsFrom, withBadgesFor } from "./participants.js";

const delegate = (en: string): Delegate => ({ name: { en }, function: {}, rank: "adviser" });
const at = (day: number) => new Date(Date.UTC(2025, 5, day));

describe("the participants of a meeting", () => {
  const lists = [
    { id: "l3", delegation: "RU", state: "approved", delegates: [delegate("Lavrov")], createdAt: at(2) },
    { id: "l2", delegation: "KZ", state: "approved", delegates: [delegate("Second list")], createdAt: at(5) },
    { id: "l1", delegation: "KZ", state: "approved", delegates: [delegate("Nurtleu"), delegate("Press")], createdAt: at(1) },
    { id: "l4", delegation: "KZ", state: "submitted", delegates: [delegate("Pending")], createdAt: at(0) },
    { id: "l5", delegation: "CN", state: "returned", delegates: [delegate("Returned")], createdAt: at(0) },
  ];
  const badges = new Map([
    ["l1#0", "t-nurtleu"],
    ["l1#1", "t-press"],
    ["l3#0", "t-lavrov"],
  ]);

  it("are the delegates of approved lists only, by delegation, each delegation's lists in the order they were made", () => {
    const participants = participantsFrom(lists, badges);
    expect(participants.map((p) => p.name.en)).toEqual(["Nurtleu", "Press", "Second list", "Lavrov"]);
    expect(participants.map((p) => p.badge)).toEqual(["t-nurtleu", "t-press", null, "t-lavrov"]);
  });

  it("show badge tokens to the secretariat, to a delegation its own, to nobody else", () => {
    const participants = participantsFrom(lists, badges);
    const secretariat: Actor = { ...PUBLIC_ACTOR, userId: "u1", role: "secretariat_officer" };
    const kazakhstan: Actor = { ...PUBLIC_ACTOR, userId: "u2", role: "head_of_delegation", delegation: "KZ" };
    expect(withBadgesFor(participants, badgeAudienceOf(secretariat)).map((p) => p.badge)).toEqual(["t-nurtleu", "t-press", null, "t-lavrov"]);
    expect(withBadgesFor(participants, badgeAudienceOf(kazakhstan)).map((p) => p.badge)).toEqual(["t-nurtleu", "t-press", null, null]);
    expect(withBadgesFor(participants, badgeAudienceOf(PUBLIC_ACTOR)).map((p) => p.badge)).toEqual([null, null, null, null]);
    // The list given is not changed.
    expect(participants[3]!.badge).toBe("t-lavrov");
  });
});
