// Sign-in redirects keep the reader's place and never lead off the site.
import { describe, expect, it } from "vitest";
import { safeNextPath, signInPath } from "./access-rules";

describe("signInPath", () => {
  it("remembers the page and its query", () => {
    expect(signInPath({ pathname: "/admin/users", search: "?role=delegate" })).toBe("/sign-in?next=%2Fadmin%2Fusers%3Frole%3Ddelegate");
  });
  it("does not ask to come back to the home page or to the sign-in page itself", () => {
    expect(signInPath({ pathname: "/", search: "" })).toBe("/sign-in");
    expect(signInPath({ pathname: "/sign-in", search: "?next=%2Faudit" })).toBe("/sign-in");
  });
});

describe("safeNextPath", () => {
  it("accepts a path on this site", () => {
    expect(safeNextPath("/delegation")).toBe("/delegation");
    expect(safeNextPath("/admin/users?delegation=KZ")).toBe("/admin/users?delegation=KZ");
  });
  it("falls back to home for anything that could leave the site or loop", () => {
    for (const next of [null, "", "https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/sign-in"]) {
      expect(safeNextPath(next)).toBe("/");
    }
  });
});
