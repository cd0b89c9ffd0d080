import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { countByTier, expandReclassifications, historyOf, isTierInForce, statusesOn, statusOn, tiersInForce, timelineOf } from "./membership.js";
import type { StatusChange } from "./registry.js";

const change = (id: string, state: string, kind: StatusChange["kind"], tier: string | null, date: string): StatusChange => ({
  id,
  state,
  kind,
  tier,
  date,
  decision: "d",
  source: "s",
});

const belarus = [
  change("by-3", "BY", "changed", "member", "2024-07-04"),
  change("by-1", "BY", "admitted", "dialogue_partner", "2009"),
  change("by-2", "BY", "changed", "observer", "2015"),
];

describe("membership history", () => {
  it("answers who held which status on any day", () => {
    expect(statusOn(belarus, "BY", "2008-12-31")).toBeNull();
    expect(statusOn(belarus, "BY", "2010-05-01")?.tier).toBe("dialogue_partner");
    expect(statusOn(belarus, "BY", "2016-01-01")?.tier).toBe("observer");
    expect(statusOn(belarus, "BY", "2024-07-03")?.tier).toBe("observer");
    expect(statusOn(belarus, "BY", "2024-07-04")?.tier).toBe("member");
  });

  it("counts a change known only to the year from the first day of that year", () => {
    expect(statusOn(belarus, "BY", "2009-01-01")?.tier).toBe("dialogue_partner");
    expect(statusOn(belarus, "BY", "2009-01-01")?.since.date).toBe("2009");
  });

  it("drops a state once it has left", () => {
    const history = [change("a", "XX", "admitted", "member", "2001"), change("b", "XX", "left", null, "2010-03-01")];
    expect(statusOn(history, "XX", "2010-02-28")?.tier).toBe("member");
    expect(statusOn(history, "XX", "2010-03-01")).toBeNull();
  });

  it("lists a state's history oldest first whatever the input order", () => {
    expect(historyOf(belarus, "BY").map((c) => c.id)).toEqual(["by-1", "by-2", "by-3"]);
  });

  it("counts every state with a status exactly once", () => {
    const tiers = ["member", "observer", "dialogue_partner"];
    const arbitraryChanges = fc.array(
      fc.record({
        state: fc.constantFrom("AA", "BB", "CC", "DD"),
        tier: fc.constantFrom(...tiers),
        year: fc.integer({ min: 2000, max: 2025 }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arbitraryChanges, fc.integer({ min: 1999, max: 2026 }), (raw, year) => {
        const changes = raw.map((r, i) => change(`c${i}`, r.state, "changed", r.tier, String(r.year)));
        const day = `${year}-06-30`;
        const counts = countByTier(changes, day);
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        expect(total).toBe(statusesOn(changes, day).size);
        const statesSeen = new Set(changes.filter((c) => `${c.date}-01-01` <= day).map((c) => c.state));
        expect(total).toBe(statesSeen.size);
      }),
    );
  });
});

describe("reclassifications, suspensions and tiers in force", () => {
  const merger = { id: "merge", from: ["observer", "dialogue_partner"], to: "partner", date: "2025-09-01", decision: "d-merge", source: "summit-2025" };
  const history = [
    change("mn", "MN", "admitted", "observer", "2004"),
    change("lk", "LK", "admitted", "dialogue_partner", "2009"),
    change("cn", "CN", "admitted", "member", "2001-06-15"),
    change("by-1", "BY", "admitted", "observer", "2015"),
    change("by-2", "BY", "changed", "member", "2024-07-04"),
    change("la", "LA", "admitted", "partner", "2025-09-01"),
    // Admitted as an observer on the very day of the merger: the state's own change comes first, so it is reclassified too.
    change("xx", "XX", "admitted", "observer", "2025-09-01"),
  ];

  it("moves every holder of the merged tiers, and only them, on the day, with the reclassification's decision", () => {
    const timeline = expandReclassifications(history, [merger]);
    expect(countByTier(timeline, "2025-08-31")).toEqual({ observer: 1, dialogue_partner: 1, member: 2 });
    expect(countByTier(timeline, "2025-09-01")).toEqual({ partner: 4, member: 2 });
    const made = timeline.filter((c) => c.reclassification === "merge").map((c) => c.state).sort();
    expect(made).toEqual(["LK", "MN", "XX"]);
    expect(statusOn(timeline, "MN", "2025-09-02")?.since).toMatchObject({ id: "merge:MN", decision: "d-merge", kind: "changed", tier: "partner" });
    expect(statusOn(timeline, "BY", "2025-09-02")?.tier).toBe("member");
  });

  it("orders the changes of one day the same whatever order they were given in", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(history, { minLength: history.length, maxLength: history.length }), (shuffled) => {
        const timeline = expandReclassifications(shuffled, [merger]);
        expect(countByTier(timeline, "2025-09-01")).toEqual({ partner: 4, member: 2 });
      }),
    );
  });

  it("keeps a suspended state's tier without its rights until it is reinstated", () => {
    const suspended = [
      change("a", "XX", "admitted", "member", "2001"),
      change("b", "XX", "suspended", "member", "2020-01-10"),
      change("c", "XX", "reinstated", "member", "2021-03-01"),
    ];
    expect(statusOn(suspended, "XX", "2020-01-09")?.suspended).toBe(false);
    expect(statusOn(suspended, "XX", "2020-06-01")).toMatchObject({ tier: "member", suspended: true });
    expect(statusOn(suspended, "XX", "2021-03-01")).toMatchObject({ tier: "member", suspended: false });
  });

  it("says which tiers are in force on a day", () => {
    const rights = { attend: true, attendByRight: false, speak: false, circulateStatements: false, propose: false, object: false, chair: false, seeDrafts: false };
    const tier = (code: string, extra: object = {}) => ({ code, names: { zh: code, ru: code, en: code }, isStanding: true, rights, source: "s", ...extra });
    const organization = { tiers: [tier("member"), tier("observer", { retired: "2025-09-01", successor: "partner" }), tier("partner", { established: "2025-09-01" })] };
    expect(tiersInForce(organization, "2025-08-31").map((t) => t.code)).toEqual(["member", "observer"]);
    expect(tiersInForce(organization, "2025-09-01").map((t) => t.code)).toEqual(["member", "partner"]);
    expect(isTierInForce(tier("x", { established: "2010" }), "2010-01-01")).toBe(true);
    expect(isTierInForce(tier("x", { established: "2010" }), "2009-12-31")).toBe(false);
  });

  it("computes a registry's timeline once per registry object", () => {
    const registry = { membership: history, reclassifications: [merger] };
    expect(timelineOf(registry)).toBe(timelineOf(registry));
    expect(timelineOf({ membership: history })).toHaveLength(history.length);
  });
});
