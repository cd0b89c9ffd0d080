// The replay slider maps its steps onto calendar days from the founding to today.
import { describe, expect, it } from "vitest";
import { dayAt, stepByYears, timelineOf } from "./membership-timeline";

const timeline = timelineOf("2001-06-15", "2025-11-25");

describe("membership timeline", () => {
  it("runs a month per step from the founding to today", () => {
    expect(timeline.lastIndex).toBe(24 * 12 + 5);
    expect(dayAt(timeline, 0)).toBe("2001-06-15");
    expect(dayAt(timeline, 1)).toBe("2001-07-15");
    expect(dayAt(timeline, timeline.lastIndex)).toBe("2025-11-25");
  });

  it("reaches mid-June 2016 fifteen years after the founding", () => {
    expect(dayAt(timeline, stepByYears(timeline, 0, 15))).toBe("2016-06-15");
  });

  it("keeps year steps on the scale", () => {
    expect(stepByYears(timeline, 3, -1)).toBe(0);
    expect(stepByYears(timeline, timeline.lastIndex - 2, 1)).toBe(timeline.lastIndex);
  });

  it("clamps the day in short months and starts a year-only founding on 1 January", () => {
    const t = timelineOf("2001-01-31", "2001-12-01");
    expect(dayAt(t, 1)).toBe("2001-02-28");
    expect(timelineOf("2001", "2001-03-10").first).toBe("2001-01-01");
  });

  it("collapses to one step when today is before the founding", () => {
    const t = timelineOf("2001-06-15", "2000-01-01");
    expect(t.lastIndex).toBe(0);
    expect(dayAt(t, 0)).toBe("2001-06-15");
  });
});
