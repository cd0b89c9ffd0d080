// The room names the other delegations present and, on each provision, who is drafting a proposal on it.
import { describe, expect, it } from "vitest";
import { presenceView } from "./presence";

describe("presenceView", () => {
  const present = [
    { delegation: "RU", drafting: ["op2"] },
    { delegation: "KG", drafting: [] },
    { delegation: "IN", drafting: ["op2", "op4"] },
  ];

  it("leaves the reader's own delegation out", () => {
    expect(presenceView(present, "KG").others).toEqual(["RU", "IN"]);
  });

  it("lists who drafts on each provision", () => {
    const view = presenceView(present, "RU");
    expect(view.drafting.get("op2")).toEqual(["IN"]);
    expect(view.drafting.get("op4")).toEqual(["IN"]);
    expect(view.drafting.has("op1")).toBe(false);
  });

  it("shows everyone to a reader without a delegation", () => {
    expect(presenceView(present, null).others).toEqual(["RU", "KG", "IN"]);
  });
});
