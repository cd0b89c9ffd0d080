import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EVENT_STATUSES, TRACKS, type EventStatus, type Track } from "./event.js";
import { countedMeeting, programmeMonths, programmeProgress, type CountedEvent } from "./progress.js";

const CHINA_2025 = { start: "2024-07", end: "2025-09" };
const ev = (startDate: string, track: Track, status: EventStatus): CountedEvent => ({ startDate, track, status });

describe("the months of a programme", () => {
  it("run over the term, month by month", () => {
    const months = programmeMonths(CHINA_2025, []);
    expect(months).toHaveLength(15);
    expect(months[0]).toBe("2024-07");
    expect(months.at(-1)).toBe("2025-09");
    expect(months).toContain("2025-01");
  });

  it("widen to events outside the term, and follow the events when the term is known only to the year or still runs", () => {
    expect(programmeMonths(CHINA_2025, ["2025-11"]).at(-1)).toBe("2025-11");
    expect(programmeMonths({ start: "2005", end: "2006" }, [])).toEqual([]);
    expect(programmeMonths({ start: "2005", end: "2006" }, ["2006-03", "2005-11"])).toEqual(["2005-11", "2005-12", "2006-01", "2006-02", "2006-03"]);
    expect(programmeMonths({ start: "2025-09", end: null }, ["2025-10"])).toEqual(["2025-09", "2025-10"]);
  });

  it("run over a term that still runs from its start to today's month, with no event or with events", () => {
    const running = { start: "2025-09", end: null };
    const months = programmeMonths(running, [], "2026-12-07");
    expect(months).toHaveLength(16);
    expect([months[0], months.at(-1)]).toEqual(["2025-09", "2026-12"]);
    expect(programmeMonths(running, ["2027-02"], "2026-12-07").at(-1)).toBe("2027-02");
    // A term that has ended keeps its own end; one that has not begun yet, its first month.
    expect(programmeMonths(CHINA_2025, [], "2026-12-07").at(-1)).toBe("2025-09");
    expect(programmeMonths({ start: "2027-09", end: null }, [], "2026-12-07")).toEqual(["2027-09"]);
  });
});

describe("a meeting in the programme", () => {
  it("counts as an institutional event from its first day, a confirmed meeting as still planned", () => {
    expect(countedMeeting({ startDate: "2026-12-07", status: "confirmed" })).toEqual({ startDate: "2026-12-07", track: "institutional", status: "planned" });
    expect(["planned", "held", "postponed", "cancelled"].map((status) => countedMeeting({ startDate: "2026", status: status as EventStatus }).status)).toEqual(["planned", "held", "postponed", "cancelled"]);
    const progress = programmeProgress([ev("2025-10", "people", "held"), countedMeeting({ startDate: "2026-12-07", status: "confirmed" })], { start: "2025-09", end: null }, "2026-12-07");
    expect(progress).toMatchObject({ total: 2, held: 1, byStatus: { planned: 1, held: 1, postponed: 0, cancelled: 0 } });
    expect(progress.months.at(-1)).toMatchObject({ month: "2026-12", total: 1 });
    expect(progress.tracks.find((t) => t.track === "institutional")?.total).toBe(1);
  });
});

describe("the progress of a programme", () => {
  const events = [
    ev("2025-04", "people", "held"),
    ev("2025-07", "institutional", "held"),
    ev("2025-08-31", "institutional", "held"),
    ev("2025-08-12", "economic", "cancelled"),
    ev("2025", "security", "planned"),
    ev("2025-09", "people", "postponed"),
  ];
  const progress = programmeProgress(events, CHINA_2025);

  it("counts the events held against all those of the programme, and each status", () => {
    expect(progress.total).toBe(6);
    expect(progress.held).toBe(3);
    expect(progress.byStatus).toEqual({ planned: 1, held: 3, postponed: 1, cancelled: 1 });
  });

  it("counts by month over the term, with the empty months", () => {
    const month = (m: string) => progress.months.find((x) => x.month === m);
    expect(progress.months).toHaveLength(15);
    expect(month("2024-07")).toMatchObject({ total: 0, held: 0 });
    expect(month("2025-04")).toMatchObject({ total: 1, held: 1 });
    expect(month("2025-08")).toMatchObject({ total: 2, held: 1, byStatus: { planned: 0, held: 1, postponed: 0, cancelled: 1 } });
  });

  it("counts an event known only to its year apart, in no month", () => {
    expect(progress.yearOnly).toEqual([{ year: 2025, total: 1, held: 0, byStatus: { planned: 1, held: 0, postponed: 0, cancelled: 0 } }]);
    expect(progress.months.reduce((sum, m) => sum + m.total, 0)).toBe(5);
  });

  it("counts by track, every track listed", () => {
    expect(progress.tracks.map((t) => [t.track, t.total, t.held])).toEqual([
      ["security", 1, 0],
      ["economic", 1, 0],
      ["people", 2, 1],
      ["institutional", 2, 2],
    ]);
  });

  it("of no events is zero everywhere", () => {
    const empty = programmeProgress([], CHINA_2025);
    expect(empty.total).toBe(0);
    expect(empty.months.every((m) => m.total === 0)).toBe(true);
    expect(empty.yearOnly).toEqual([]);
  });

  const date = fc.tuple(fc.integer({ min: 2020, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.constantFrom(4, 7, 10)).map(([y, m, d, n]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`.slice(0, n));
  const event = fc.record({ startDate: date, track: fc.constantFrom(...TRACKS), status: fc.constantFrom(...EVENT_STATUSES) });

  it("counts every event exactly once by month or year, once by track and once by status (property)", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), fc.option(date, { nil: null }), (events, end) => {
        const p = programmeProgress(events, { start: "2024-07", end });
        const sum = (xs: readonly { total: number }[]) => xs.reduce((s, x) => s + x.total, 0);
        expect(sum(p.months) + sum(p.yearOnly)).toBe(events.length);
        expect(sum(p.tracks)).toBe(events.length);
        expect(Object.values(p.byStatus).reduce((s, n) => s + n, 0)).toBe(events.length);
        expect(p.held).toBe(events.filter((e) => e.status === "held").length);
        for (const bucket of [...p.months, ...p.yearOnly, ...p.tracks]) {
          expect(bucket.held).toBeLessThanOrEqual(bucket.total);
          expect(Object.values(bucket.byStatus).reduce((s, n) => s + n, 0)).toBe(bucket.total);
        }
        // Months are consecutive and in order.
        for (let i = 1; i < p.months.length; i++) {
          const [y0, m0] = p.months[i - 1]!.month.split("-").map(Number) as [number, number];
          const [y1, m1] = p.months[i]!.month.split("-").map(Number) as [number, number];
          expect(y1 * 12 + m1).toBe(y0 * 12 + m0 + 1);
        }
      }),
    );
  });
});
