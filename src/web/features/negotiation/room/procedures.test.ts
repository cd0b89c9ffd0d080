// The room tells of the procedure begun last, and reads which objections stand and which of them count.
import { describe, expect, it } from "vitest";
import type { DocumentDto } from "../../../../contracts/negotiation";
import { countedObjections, hasStandingObjection, latestProcedure, standingObjections } from "./procedures";

type Call = NonNullable<DocumentDto["call"]>;

const call = (openedAt: string, objections: Call["objections"] = []): Call => ({ state: "open", revision: 2, openedAt, objections });
const silence = (startedAt: string): DocumentDto["silence"] => ({ state: "broken", startedAt, deadline: "2025-08-20T12:00:00Z", brokenBy: "IN", brokenAt: "2025-08-19T10:00:00Z" });

describe("latestProcedure", () => {
  it("is none before any procedure, else the one begun last", () => {
    expect(latestProcedure({ silence: { state: "none" }, call: null })).toBeNull();
    expect(latestProcedure({ silence: silence("2025-08-19T09:00:00Z"), call: null })).toBe("silence");
    expect(latestProcedure({ silence: { state: "none" }, call: call("2025-08-19T09:00:00Z") })).toBe("call");
    expect(latestProcedure({ silence: silence("2025-08-19T09:00:00Z"), call: call("2025-08-21T09:00:00+03:00") })).toBe("call");
    expect(latestProcedure({ silence: silence("2025-08-22T09:00:00Z"), call: call("2025-08-21T09:00:00Z") })).toBe("silence");
  });
});

describe("objections in the call", () => {
  const objections: Call["objections"] = [
    { delegation: "IN", reason: "a", at: "2025-08-21T10:00:00Z", counts: true },
    { delegation: "BY", reason: "b", at: "2025-08-21T10:01:00Z", counts: false },
    { delegation: "IR", reason: "c", at: "2025-08-21T10:02:00Z", counts: true, withdrawnAt: "2025-08-21T10:30:00Z" },
  ];
  const open = call("2025-08-21T09:00:00Z", objections);

  it("stand until withdrawn, and block adoption only when the rule counts them", () => {
    expect(standingObjections(open).map((o) => o.delegation)).toEqual(["IN", "BY"]);
    expect(countedObjections(open).map((o) => o.delegation)).toEqual(["IN"]);
    expect(countedObjections(null)).toEqual([]);
  });

  it("tells a delegation whether its own objection stands", () => {
    expect(hasStandingObjection(open, "BY")).toBe(true);
    expect(hasStandingObjection(open, "IR")).toBe(false);
    expect(hasStandingObjection(open, null)).toBe(false);
  });
});
