// The replay slider maps its steps onto calendar days from the founding to today, and never shows a day the data does not hold.
import { describe, expect, it } from "vitest";
import { indexOfDay, stepAt, stepByYears, timelineOf } from "./membership-timeline";

const timeline = timelineOf("2001-06-15", "2025-11-25");

describe("membership timeline", () => {
  it("runs a month per step from the founding day to today", () => {
    expect(timeline.lastIndex).toBe(24 * 12 + 5);
    expect(stepAt(timeline, 0)).toEqual({ day: "2001-06-15", shown: "2001-06-15", isMonthEnd: false });
    expect(stepAt(timeline, timeline.lastIndex)).toEqual({ day: "2025-11-25", shown: "2025-11-25", isMonthEnd: false });
  });

  it("shows only the month between the ends, and reads it at the month's last day", () => {
    expect(stepAt(timeline, 1)).toEqual({ day: "2001-07-31", shown: "2001-07", isMonthEnd: true });
    expect(stepAt(timeline, stepByYears(timeline, 0, 15))).toEqual({ day: "2016-06-30", shown: "2016-06", isMonthEnd: true });
    expect(stepAt(timeline, timeline.lastIndex - 1)).toEqual({ day: "2025-10-31", shown: "2025-10", isMonthEnd: true });
  });

  it("ends February on its last day, in leap years too", () => {
    const t = timelineOf("2003-01-31", "2005-12-01");
    expect(stepAt(t, 1).day).toBe("2003-02-28");
    expect(stepAt(t, 13).day).toBe("2004-02-29");
  });

  it("shows a founding known only to the year as that year, starting on 1 January", () => {
    const t = timelineOf("2001", "2001-03-10");
    expect(t.first).toBe("2001-01-01");
    expect(stepAt(t, 0)).toEqual({ day: "2001-01-01", shown: "2001", isMonthEnd: false });
  });

  it("finds the step each asked day belongs to", () => {
    for (const index of [0, 1, 180, timeline.lastIndex - 1, timeline.lastIndex]) {
      expect(indexOfDay(timeline, stepAt(timeline, index).day)).toBe(index);
    }
  });

  it("keeps year steps on the scale", () => {
    expect(stepByYears(timeline, 3, -1)).toBe(0);
    expect(stepByYears(timeline, timeline.lastIndex - 2, 1)).toBe(timeline.lastIndex);
  });

  it("collapses to one step when today is before the founding", () => {
    const t = timelineOf("2001-06-15", "2000-01-01");
    expect(t.lastIndex).toBe(0);
    expect(stepAt(t, 0).day).toBe("2001-06-15");
  });
});
