import { describe, expect, it } from "vitest";
import { cacheStep, nextCopy } from "./live-cache";

describe("cacheStep", () => {
  it("applies the very next version, ignores one already shown, and reads again otherwise", () => {
    expect(cacheStep(7, 8)).toBe("apply");
    expect(cacheStep(7, 7)).toBe("none");
    expect(cacheStep(7, 3)).toBe("none");
    expect(cacheStep(7, 9)).toBe("refetch");
    expect(cacheStep(undefined, 8)).toBe("refetch");
    expect(cacheStep(7, null)).toBe("refetch");
  });
});

describe("nextCopy", () => {
  const shown = { version: 2, items: ["a"] };
  it("gives the applied copy, the same copy, or refetch", () => {
    expect(nextCopy(shown, 3, (s) => ({ version: 3, items: [...s.items, "b"] }))).toEqual({ version: 3, items: ["a", "b"] });
    expect(nextCopy(shown, 2, () => ({ version: 9, items: [] }))).toBe(shown);
    expect(nextCopy(shown, 3, () => null)).toBe("refetch");
    expect(nextCopy(shown, 5, (s) => s)).toBe("refetch");
  });
});
