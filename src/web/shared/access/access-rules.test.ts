// What the interface offers follows the session's permissions ("all", "own", absent); sign-in redirects keep the reader's place and never lead off the site.
import { describe, expect, it } from "vitest";
import type { Session } from "../../../contracts/identity";
import { holds, isAllowed, mayActOn, safeNextPath, signInPath } from "./access-rules";

function session(permissions: Session["permissions"], delegation: string | null): Session {
  return {
    user: null,
    actor: { role: delegation ? "head_of_delegation" : "secretariat_admin", delegation, tier: null, isChair: false, rights: null },
    permissions,
    csrfToken: "token",
    singleSignOn: { enabled: false, name: null },
  };
}

describe("holds", () => {
  it("reads a right as held at all, or held over everything", () => {
    const permissions = { "user.list": "own", "delegation.list": "all" } as const;
    expect(holds(permissions, "user.list")).toBe(true);
    expect(holds(permissions, "user.list", "all")).toBe(false);
    expect(holds(permissions, "delegation.list", "all")).toBe(true);
    expect(holds(permissions, "audit.verify")).toBe(false);
  });
});

describe("isAllowed", () => {
  it("lets a page in when any one of its rights reaches far enough", () => {
    const system = { rights: ["registry.export", "audit.verify"], reach: "all" } as const;
    expect(isAllowed(system, { "audit.verify": "all" })).toBe(true);
    expect(isAllowed(system, { "audit.list": "all" })).toBe(false);
    expect(isAllowed({ rights: ["user.list"], reach: "all" }, { "user.list": "own" })).toBe(false);
  });
});

describe("mayActOn", () => {
  it("allows 'all' anywhere and 'own' only inside the actor's own delegation", () => {
    const head = session({ "user.update": "own" }, "KZ");
    expect(mayActOn(head, "user.update", "KZ")).toBe(true);
    expect(mayActOn(head, "user.update", "CN")).toBe(false);
    expect(mayActOn(head, "user.update", null)).toBe(false);
    expect(mayActOn(head, "user.create", "KZ")).toBe(false);
    const admin = session({ "user.update": "all" }, null);
    expect(mayActOn(admin, "user.update", null)).toBe(true);
    expect(mayActOn(admin, "user.update", "CN")).toBe(true);
  });
});

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
