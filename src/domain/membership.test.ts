import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { countByTier, historyOf, statusesOn, statusOn } from "./membership.js";
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
