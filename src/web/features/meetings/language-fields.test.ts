// Text typed in three languages is sent with the languages filled in only, trimmed.
import { describe, expect, it } from "vitest";
import { compactText, hasText } from "./language-fields";

describe("compactText", () => {
  it("keeps the languages given, trimmed, and leaves out the empty ones", () => {
    expect(compactText({ zh: " 王毅 ", ru: "", en: "Wang Yi" })).toEqual({ zh: "王毅", en: "Wang Yi" });
    expect(compactText({ zh: "  ", ru: "\n", en: "" })).toEqual({});
  });
});

describe("hasText", () => {
  it("says whether any language is filled in", () => {
    expect(hasText({ zh: "", ru: "Ван И", en: "" })).toBe(true);
    expect(hasText({ zh: " ", ru: "", en: "" })).toBe(false);
  });
});
