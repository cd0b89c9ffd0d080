// A proposal applies where the reader selected, or where the quoted text is found when nothing was selected.
import { describe, expect, it } from "vitest";
import { changePreview, cutsThroughBracket, resolveSpan } from "./proposal-span";

const source = "Member States shall cooperate and shall report.";

describe("resolveSpan", () => {
  it("takes the selection while the quote is the selected text", () => {
    expect(resolveSpan(source, "shall", 0, { start: 34, end: 39 })).toEqual({ start: 34, end: 39 });
  });

  it("takes a caret for an empty quote (an insertion point)", () => {
    expect(resolveSpan(source, "", 0, { start: 13, end: 13 })).toEqual({ start: 13, end: 13 });
  });

  it("searches for the quote once it no longer matches the selection, taking the chosen occurrence", () => {
    expect(resolveSpan(source, "shall", 0, { start: 0, end: 6 })).toEqual({ start: 14, end: 19 });
    expect(resolveSpan(source, "shall", 1, null)).toEqual({ start: 34, end: 39 });
  });

  it("finds nothing for a quote that is not in the text, an occurrence beyond the last, or an empty quote without a caret", () => {
    expect(resolveSpan(source, "must", 0, null)).toBeNull();
    expect(resolveSpan(source, "shall", 2, null)).toBeNull();
    expect(resolveSpan(source, "", 0, null)).toBeNull();
  });

  it("ignores a selection made in a longer, older text", () => {
    expect(resolveSpan("short", "", 0, { start: 40, end: 40 })).toBeNull();
  });
});

describe("changePreview", () => {
  it("shows the change between a few characters of context, marking what was cut", () => {
    expect(changePreview(source, { start: 14, end: 19 }, "should", 6)).toEqual({ before: "…tates ", removed: "shall", added: "should", after: " coope…" });
    expect(changePreview("ab", { start: 1, end: 1 }, "X")).toEqual({ before: "a", removed: "", added: "X", after: "b" });
  });
});

describe("cutsThroughBracket", () => {
  const text = "States [shall / may] act \\[now\\]";
  it("accepts whole brackets, words inside one alternative, and plain text", () => {
    expect(cutsThroughBracket(text, { start: 7, end: 20 })).toBe(false);
    expect(cutsThroughBracket(text, { start: 8, end: 13 })).toBe(false);
    expect(cutsThroughBracket(text, { start: 0, end: 6 })).toBe(false);
  });
  it("refuses a span across alternatives, half a bracket, or half an escape", () => {
    expect(cutsThroughBracket(text, { start: 8, end: 18 })).toBe(true);
    expect(cutsThroughBracket(text, { start: 0, end: 12 })).toBe(true);
    expect(cutsThroughBracket(text, { start: 26, end: 29 })).toBe(true);
  });
});
