// The chair reads in words why the document cannot be adopted yet, with provision numbers and delegation names.
import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { blockerSentence, type BlockerNames } from "./blockers";

const t = ((key: string, options?: Record<string, unknown>) => (options ? `${key}${JSON.stringify(options)}` : key)) as unknown as TFunction;
const names: BlockerNames = {
  provision: (id) => ({ op4: "OP4", op9: "OP9" })[id] ?? id,
  party: (code) => ({ IN: "India", IR: "Iran" })[code] ?? code,
  list: (items) => new Intl.ListFormat("en", { type: "conjunction" }).format(items),
  revision: "Rev.3",
};

describe("blockerSentence", () => {
  it("names provisions by number", () => {
    expect(blockerSentence({ code: "bracketed", provisions: ["op4", "op9"] }, t, names)).toBe(
      'negotiation.blockers.bracketed{"provisions":"OP4 and OP9","delegations":"","revision":"Rev.3"}',
    );
    expect(blockerSentence({ code: "outdated-versions", provisions: ["op4"] }, t, names)).toContain('"provisions":"OP4"');
  });

  it("names objecting delegations by name", () => {
    expect(blockerSentence({ code: "objections", delegations: ["IN", "IR"] }, t, names)).toContain('"delegations":"India and Iran"');
  });

  it("says which provisions changed after the last revision, and which revision", () => {
    expect(blockerSentence({ code: "changed-since-revision", provisions: ["op4", "op9"] }, t, names)).toBe(
      'negotiation.blockers.changedSinceRevision{"provisions":"OP4 and OP9","delegations":"","revision":"Rev.3"}',
    );
  });

  it("shows a blocker it does not know by its code", () => {
    expect(blockerSentence({ code: "quorum" }, t, names)).toBe('negotiation.blockers.other{"code":"quorum"}');
  });
});
