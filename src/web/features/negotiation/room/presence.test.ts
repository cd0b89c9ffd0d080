// The room names the other delegations present and, on each provision, who is drafting a proposal on it.
import { describe, expect, it } from "vitest";
import { presenceView, presentName } from "./presence";

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

  it("shows every delegation to a secretariat reader, and the other secretariat readers to a delegation", () => {
    const withSecretariat = [...present, { delegation: "secretariat", drafting: [] }];
    expect(presenceView(withSecretariat, null).others).toEqual(["RU", "KG", "IN"]);
    expect(presenceView(withSecretariat, "KG").others).toEqual(["RU", "IN", "secretariat"]);
  });
});

describe("presentName", () => {
  const partyName = (code: string) => ({ IN: "India" })[code] ?? code;

  it("names the secretariat in the reader's language, never by its code, and a delegation by its party", () => {
    expect(presentName("secretariat", partyName, "Секретариат")).toBe("Секретариат");
    expect(presentName("IN", partyName, "Секретариат")).toBe("India");
  });
});
