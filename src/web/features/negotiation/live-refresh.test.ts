// A document's page reads it again for other people's changes, not for the echo of the reader's own.
import { describe, expect, it } from "vitest";
import type { LiveChange } from "../../shared/live/live-protocol";
import { refreshFor } from "./live-refresh";

const event = (type: string, payload: Record<string, unknown>): LiveChange => ({
  kind: "event",
  event: { stream: "document:d1", seq: 3, type, at: "2025-08-01T00:00:00Z", payload },
});

describe("refreshFor", () => {
  it("reads the document again for a version newer than the one shown", () => {
    expect(refreshFor(event("proposal.made", { document: "d1", version: 8 }), 7)).toEqual({ document: true, notes: false });
  });

  it("does not for the version already shown (the reader's own change)", () => {
    expect(refreshFor(event("provision.changed", { document: "d1", version: 7 }), 7).document).toBe(false);
  });

  it("reads again when it cannot tell: no version in the event, nothing shown yet, or a reset", () => {
    expect(refreshFor(event("document.created", { document: "d1" }), 7).document).toBe(true);
    expect(refreshFor(event("proposal.made", { version: 2 }), undefined).document).toBe(true);
    expect(refreshFor({ kind: "reset", stream: "document:d1" }, 7)).toEqual({ document: true, notes: true });
  });

  it("reads the private notes again when one was added", () => {
    expect(refreshFor(event("note.added", { document: "d1", note: "n1" }), 7)).toEqual({ document: false, notes: true });
  });
});
