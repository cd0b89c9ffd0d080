import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { ChairmanshipTerm, RotationEntry, RotationRule } from "./registry.js";
import { dayBefore, earliestDay, isCertainlyBefore, latestDay, precisionOf } from "./partial-date.js";
import { projectTerms, recordedChairOn, rotationOrder } from "./rotation.js";

const rule: RotationRule = { orderLanguage: "ru", termYears: 1, description: { zh: "", ru: "", en: "" }, source: "charter" };
const names = new Map([
  ["CN", "Китай"],
  ["RU", "Россия"],
  ["KZ", "Казахстан"],
  ["KG", "Кыргызстан"],
  ["TJ", "Таджикистан"],
  ["UZ", "Узбекистан"],
  ["IN", "Индия"],
  ["PK", "Пакистан"],
  ["IR", "Иран"],
  ["BY", "Беларусь"],
]);
const entry = (state: string, inRotationFrom: string): RotationEntry => ({ state, inRotationFrom, source: "s" });
const allIn = [...names.keys()].map((s) => entry(s, "2001-06-15"));
const term = (id: string, state: string, start: string, end?: string): ChairmanshipTerm => ({ id, state, start, end, source: "s" });

describe("rotation", () => {
  it("orders members alphabetically by their Russian names", () => {
    expect(rotationOrder(rule, names)).toEqual(["BY", "IN", "IR", "KZ", "CN", "KG", "PK", "RU", "TJ", "UZ"]);
  });

  it("projects the next five after the last recorded term, wrapping around", () => {
    const projected = projectTerms({ rule, terms: [term("t", "KG", "2025-09")], rotation: allIn, namesInOrderLanguage: names, canChair: () => true, count: 5 });
    // The current term (from September 2025, no end yet) runs one term length: the projection starts in September 2026.
    expect(projected).toEqual([
      { state: "PK", start: "2026-09", end: "2027-09" },
      { state: "RU", start: "2027-09", end: "2028-09" },
      { state: "TJ", start: "2028-09", end: "2029-09" },
      { state: "UZ", start: "2029-09", end: "2030-09" },
      { state: "BY", start: "2030-09", end: "2031-09" },
    ]);
  });

  it("lets recorded terms win: the projection starts where the record ends", () => {
    const terms = [term("a", "CN", "2024-07", "2025-09"), term("b", "KG", "2025-09", "2026-07")];
    const [first] = projectTerms({ rule, terms, rotation: allIn, namesInOrderLanguage: names, canChair: () => true, count: 1 });
    expect(first).toEqual({ state: "PK", start: "2026-07", end: "2027-07" });
  });

  it("never overlaps a recorded term, however its end is written", () => {
    // A recorded end known to the day is the term's last day: the next term starts the day after.
    for (const [end, start] of [
      [undefined, "2026-09"],
      ["2026", "2026"],
      ["2026-07", "2026-07"],
      ["2026-07-15", "2026-07-16"],
    ] as const) {
      const terms = [term("a", "CN", "2024-07", "2025-09"), term("b", "KG", "2025-09", end)];
      const [first] = projectTerms({ rule, terms, rotation: allIn, namesInOrderLanguage: names, canChair: () => true, count: 1 });
      expect(isCertainlyBefore(first!.start, end ?? "2026-09"), `end ${end}`).toBe(false);
      expect(first!.start, `end ${end}`).toBe(start);
    }
  });

  it("ends a term known to the day the day before the next one starts, as recorded terms read", () => {
    const terms = [term("a", "LV", "2025-01-01", "2025-12-31"), term("b", "KG", "2026-01-01")];
    const projected = projectTerms({ rule, terms, rotation: allIn, namesInOrderLanguage: names, canChair: () => true, count: 3 });
    expect(projected.map(({ start, end }) => [start, end])).toEqual([
      ["2027-01-01", "2027-12-31"],
      ["2028-01-01", "2028-12-31"],
      ["2029-01-01", "2029-12-31"],
    ]);
    // After a recorded end known to the day, the first projected term starts the next day.
    const [first] = projectTerms({ rule, terms: [term("a", "LV", "2025-01-01", "2025-12-31")], rotation: allIn, namesInOrderLanguage: names, canChair: () => true, count: 1 });
    expect(first).toMatchObject({ start: "2026-01-01", end: "2026-12-31" });
  });

  it("always ends a projected term the day before the next starts, keeping the record's precision, for any term length", () => {
    const day = fc.date({ min: new Date("2002-01-01T00:00:00Z"), max: new Date("2090-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const start = fc.oneof(day, day.map((d) => d.slice(0, 7)), day.map((d) => d.slice(0, 4)));
    fc.assert(
      fc.property(start, fc.boolean(), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 2, max: 12 }), (recorded, hasEnd, termYears, count) => {
        const terms = [hasEnd ? term("t", "KG", recorded, recorded) : term("t", "KG", recorded)];
        const projected = projectTerms({ rule: { ...rule, termYears }, terms, rotation: allIn, namesInOrderLanguage: names, canChair: () => true, count });
        expect(projected).toHaveLength(count);
        for (const [index, p] of projected.entries()) {
          expect(precisionOf(p.start)).toBe(precisionOf(recorded));
          expect(precisionOf(p.end)).toBe(precisionOf(recorded));
          expect(earliestDay(p.end) >= earliestDay(p.start), `${p.start} – ${p.end}`).toBe(true);
          const following = projected[index + 1];
          if (following) expect(p.end).toBe(dayBefore(following.start));
        }
        // Known to the day, no two terms share a day, the recorded one included.
        if (precisionOf(recorded) === "day") {
          const spans = [[recorded, hasEnd ? recorded : dayBefore(projected[0]!.start)], ...projected.map((p) => [p.start, p.end])];
          for (let i = 1; i < spans.length; i++) expect(latestDay(spans[i - 1]![1]!) < earliestDay(spans[i]![0]!)).toBe(true);
        }
      }),
    );
  });

  it("skips a member passed over for the term starting that year, and takes it up again after", () => {
    const rotation = allIn.map((e) => (e.state === "PK" ? { ...e, passedOver: [{ term: "2026", decision: "d" }] } : e));
    const projected = projectTerms({ rule, terms: [term("t", "KG", "2025-09")], rotation, namesInOrderLanguage: names, canChair: () => true, count: 10 });
    expect(projected.slice(0, 2).map((p) => p.state)).toEqual(["RU", "TJ"]);
    expect(projected.map((p) => p.state)).toContain("PK");
  });

  it("passes over a member before its own 'in rotation from' date", () => {
    const rotation = allIn.map((e) => (e.state === "PK" ? entry("PK", "2028") : e));
    const projected = projectTerms({ rule, terms: [term("t", "KG", "2025-09")], rotation, namesInOrderLanguage: names, canChair: () => true, count: 4 });
    expect(projected.map((p) => p.state)).toEqual(["RU", "TJ", "UZ", "BY"]);
  });

  it("passes over a state that may not chair (not a member)", () => {
    const projected = projectTerms({
      rule,
      terms: [term("t", "KG", "2025-09")],
      rotation: allIn,
      namesInOrderLanguage: names,
      canChair: (s) => s !== "RU",
      count: 2,
    });
    expect(projected.map((p) => p.state)).toEqual(["PK", "TJ"]);
  });

  it("projects nothing without a recorded term or a candidate", () => {
    expect(projectTerms({ rule, terms: [], rotation: allIn, namesInOrderLanguage: names, canChair: () => true, count: 5 })).toEqual([]);
    expect(projectTerms({ rule, terms: [term("t", "KG", "2025")], rotation: allIn, namesInOrderLanguage: names, canChair: () => false, count: 5 })).toEqual([]);
  });

  it("always yields consecutive one-year terms, each member once per cycle", () => {
    const members = [...names.keys()];
    fc.assert(
      fc.property(fc.constantFrom(...members), fc.subarray(members, { minLength: 1 }), fc.integer({ min: 1, max: 25 }), (last, eligible, count) => {
        const projected = projectTerms({
          rule,
          terms: [term("t", last, "2020")],
          rotation: allIn,
          namesInOrderLanguage: names,
          canChair: (s) => eligible.includes(s),
          count,
        });
        expect(projected).toHaveLength(count);
        projected.forEach((p, i) => {
          expect(p.start).toBe(String(2021 + i));
          expect(eligible).toContain(p.state);
          // Within any window as long as the eligible list, no member chairs twice.
          const window = projected.slice(Math.max(0, i - eligible.length + 1), i + 1).map((q) => q.state);
          expect(new Set(window).size).toBe(window.length);
        });
      }),
    );
  });

  it("finds the recorded chair on a day", () => {
    const terms = [term("a", "KZ", "2023-07-04", "2024-07-04"), term("b", "CN", "2024-07", "2025-09"), term("c", "KG", "2025-09")];
    expect(recordedChairOn(terms, "2024-01-01")?.state).toBe("KZ");
    expect(recordedChairOn(terms, "2025-01-01")?.state).toBe("CN");
    expect(recordedChairOn(terms, "2026-11-25")?.state).toBe("KG");
    expect(recordedChairOn(terms, "2020-01-01")).toBeNull();
  });

  it("gives a day to the term that certainly covers it over one that only may (a start known only to the month)", () => {
    const terms = [term("a", "KZ", "2023-07-04", "2024-07-04"), term("b", "CN", "2024-07", "2025-09"), term("c", "KG", "2025-09")];
    // The Astana summit (3–4 July 2024) closed Kazakhstan's term; China's began some day in July.
    expect(recordedChairOn(terms, "2024-07-03")?.state).toBe("KZ");
    expect(recordedChairOn(terms, "2024-07-04")?.state).toBe("KZ");
    expect(recordedChairOn(terms, "2024-07-05")?.state).toBe("CN");
    // China's term ended some day in September 2025, Kyrgyzstan's began some day in it: the Tianjin summit (31 August –
    // 1 September) is China's; later in the month, the latest term to have possibly begun.
    expect(recordedChairOn(terms, "2025-08-31")?.state).toBe("CN");
    expect(recordedChairOn(terms, "2025-09-01")?.state).toBe("CN");
    expect(recordedChairOn(terms, "2025-09-02")?.state).toBe("KG");
    // Terms known to the day that share their handover day: the new one from that day.
    expect(recordedChairOn([term("x", "IN", "2022", "2023-07-04"), term("y", "KZ", "2023-07-04", "2024-07-04")], "2023-07-04")?.state).toBe("KZ");
  });
});
