// A closed proposal says what became of it, and whose act it was: the chair's (not retained, merged) or its proposer's
// (withdrawn); a withdrawal older revisions recorded for the chair stays the chair's.
import { describe, expect, it } from "vitest";
import { proposalStatusWords } from "./proposal-status";

const labels: Record<string, string> = { p3: "P3" };
const labelOf = (id: string) => labels[id];

describe("proposalStatusWords", () => {
  it("says nothing of an open or colliding proposal", () => {
    expect(proposalStatusWords({ status: "open", handling: null }, labelOf)).toBeNull();
    expect(proposalStatusWords({ status: "colliding", handling: null }, labelOf)).toBeNull();
  });

  it("names the chair's handlings, and the proposal a merged one went into", () => {
    expect(proposalStatusWords({ status: "applied", handling: { action: "accept" } }, labelOf)).toEqual({ key: "applied" });
    expect(proposalStatusWords({ status: "applied", handling: { action: "accept-modified", text: "x" } }, labelOf)).toEqual({ key: "appliedModified" });
    expect(proposalStatusWords({ status: "not-retained", handling: { action: "not-retain" } }, labelOf)).toEqual({ key: "notRetained" });
    expect(proposalStatusWords({ status: "merged", handling: { action: "merge", into: "p3" } }, labelOf)).toEqual({ key: "mergedInto", values: { label: "P3" } });
    expect(proposalStatusWords({ status: "merged", handling: { action: "merge", into: "gone" } }, labelOf)).toEqual({ key: "merged" });
  });

  it("tells the proposer's withdrawal from the chair's, as older revisions recorded it", () => {
    expect(proposalStatusWords({ status: "withdrawn", handling: null }, labelOf)).toEqual({ key: "withdrawnByProposer" });
    expect(proposalStatusWords({ status: "withdrawn", handling: { action: "withdraw" } }, labelOf)).toEqual({ key: "withdrawnByChair" });
    expect(proposalStatusWords({ status: "superseded", handling: { action: "supersede" } }, labelOf)).toEqual({ key: "superseded" });
  });
});
