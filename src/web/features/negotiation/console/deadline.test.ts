// A deadline typed in one zone is the instant the chair meant, and every participant reads it in their zone, UTC and the chair's.
import { describe, expect, it } from "vitest";
import { formatInstantIn } from "../negotiation-format";
import { deadlineInZones, instantToZonedLocal, timeLeft, zoneOffsetMinutes, zonedLocalToInstant } from "./deadline";

describe("zonedLocalToInstant", () => {
  it("reads a wall-clock time in the zone it was typed in", () => {
    expect(zonedLocalToInstant("2025-08-20T18:00", "Asia/Bishkek")).toBe("2025-08-20T12:00:00.000Z");
    expect(zonedLocalToInstant("2025-08-20T18:00", "Europe/Moscow")).toBe("2025-08-20T15:00:00.000Z");
    expect(zonedLocalToInstant("2025-08-20T18:00", "UTC")).toBe("2025-08-20T18:00:00.000Z");
    expect(zonedLocalToInstant("2025-08-20T05:30", "Asia/Kolkata")).toBe("2025-08-20T00:00:00.000Z");
  });

  it("follows daylight saving time on both sides of a change", () => {
    expect(zonedLocalToInstant("2025-03-08T12:00", "America/New_York")).toBe("2025-03-08T17:00:00.000Z");
    expect(zonedLocalToInstant("2025-03-10T12:00", "America/New_York")).toBe("2025-03-10T16:00:00.000Z");
    // 02:30 does not exist on 9 March 2025 in New York: read with the offset before the change, as 03:30 EDT.
    expect(zonedLocalToInstant("2025-03-09T02:30", "America/New_York")).toBe("2025-03-09T07:30:00.000Z");
  });

  it("refuses anything that is not a datetime-local value", () => {
    expect(zonedLocalToInstant("", "UTC")).toBeNull();
    expect(zonedLocalToInstant("2025-08-20 18:00", "UTC")).toBeNull();
    expect(zonedLocalToInstant("tomorrow", "UTC")).toBeNull();
  });

  it("is the inverse of instantToZonedLocal", () => {
    const instant = new Date("2025-11-26T07:45:00.000Z");
    for (const zone of ["Asia/Shanghai", "Europe/Moscow", "Asia/Kathmandu", "America/Los_Angeles", "UTC"]) {
      expect(zonedLocalToInstant(instantToZonedLocal(instant, zone), zone)).toBe(instant.toISOString());
    }
    expect(instantToZonedLocal(instant, "Asia/Shanghai")).toBe("2025-11-26T15:45");
  });
});

describe("zoneOffsetMinutes", () => {
  it("gives the zone's distance from UTC at that instant", () => {
    expect(zoneOffsetMinutes("Asia/Kathmandu", new Date("2025-01-01T00:00:00Z"))).toBe(345);
    expect(zoneOffsetMinutes("America/New_York", new Date("2025-07-01T00:00:00Z"))).toBe(-240);
  });
});

describe("deadlineInZones", () => {
  const deadline = "2025-08-20T12:00:00.000Z";

  it("shows the reader's time, UTC and the chair's time", () => {
    const zones = deadlineInZones(deadline, "en", { viewer: "Europe/Moscow", chair: "Asia/Bishkek" });
    expect(zones.map((zone) => [zone.roles, zone.timeZone])).toEqual([
      [["viewer"], "Europe/Moscow"],
      [["utc"], "UTC"],
      [["chair"], "Asia/Bishkek"],
    ]);
    expect(zones[0]?.text).toMatch(/03:00\sPM GMT\+3/u);
    expect(zones[2]?.text).toMatch(/06:00\sPM GMT\+6/u);
  });

  it("shows a zone shared by several once, naming everyone whose time it is", () => {
    expect(deadlineInZones(deadline, "ru", { viewer: "Asia/Bishkek", chair: "Asia/Bishkek" }).map((zone) => zone.roles)).toEqual([["viewer", "chair"], ["utc"]]);
    expect(deadlineInZones(deadline, "ru", { viewer: "Etc/UTC", chair: null }).map((zone) => zone.roles)).toEqual([["viewer", "utc"]]);
  });

  it("writes the time the way each language does", () => {
    expect(formatInstantIn(deadline, "zh-CN", "Asia/Shanghai")).toMatch(/2025年8月20日.*20:00/);
    expect(formatInstantIn(deadline, "ru", "Europe/Moscow")).toMatch(/20 авг\. 2025 г\., 15:00/);
  });
});

describe("timeLeft", () => {
  it("counts days, hours and minutes to the deadline, rounded down", () => {
    expect(timeLeft("2025-08-20T12:00:00Z", new Date("2025-08-19T10:29:30Z"))).toEqual({ isPassed: false, days: 1, hours: 1, minutes: 30 });
  });
  it("says when the deadline has passed", () => {
    expect(timeLeft("2025-08-20T12:00:00Z", new Date("2025-08-20T12:00:00Z")).isPassed).toBe(true);
  });
});
