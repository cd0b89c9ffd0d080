import { describe, expect, it } from "vitest";
import { PRESENCE_EXPIRY_MS, PresenceBoard } from "./presence.js";

describe("the presence board", () => {
  it("merges connections by delegation and lists what each drafts on", () => {
    const board = new PresenceBoard("a", () => 0);
    expect(board.set("document:1", 1, { delegation: "RU", provision: null })).toBe(true);
    expect(board.set("document:1", 2, { delegation: "RU", provision: null })).toBe(false);
    expect(board.set("document:1", 3, { delegation: "IN", provision: "op4" })).toBe(true);
    expect(board.room("document:1")).toEqual([
      { delegation: "IN", drafting: ["op4"] },
      { delegation: "RU", drafting: [] },
    ]);
    expect(board.set("document:1", 3, null)).toBe(true);
    expect(board.room("document:1")).toEqual([{ delegation: "RU", drafting: [] }]);
    expect(board.room("document:2")).toEqual([]);
  });

  it("adds what other processes announce, ignores its own, and forgets them when not renewed", () => {
    let now = 0;
    const board = new PresenceBoard("a", () => now);
    board.set("document:1", 1, { delegation: "CN", provision: null });
    expect(board.hear({ process: "a", stream: "document:1", entries: [{ delegation: "XX", provision: null }] })).toBe(false);
    expect(board.hear({ process: "b", stream: "document:1", entries: [{ delegation: "KZ", provision: "op1" }] })).toBe(true);
    expect(board.hear({ process: "b", stream: "document:1", entries: [{ delegation: "KZ", provision: "op1" }] })).toBe(false);
    expect(board.room("document:1").map((p) => p.delegation)).toEqual(["CN", "KZ"]);
    now = PRESENCE_EXPIRY_MS + 1;
    expect(board.expire()).toEqual(["document:1"]);
    expect(board.room("document:1").map((p) => p.delegation)).toEqual(["CN"]);
    expect(board.announcements()).toEqual([{ process: "a", stream: "document:1", entries: [{ delegation: "CN", provision: null }] }]);
  });

  it("empties a room another process left", () => {
    const board = new PresenceBoard("a", () => 0);
    board.hear({ process: "b", stream: "document:1", entries: [{ delegation: "KZ", provision: null }] });
    expect(board.hear({ process: "b", stream: "document:1", entries: [] })).toBe(true);
    expect(board.room("document:1")).toEqual([]);
  });
});
