import fc from "fast-check";
import { createRoutesFromChildren, matchRoutes, type RouteObject } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { isPagePath, PAGES } from "../../contracts/pages";
import { AppRoutes } from "./AppRoutes";

const routes = createRoutesFromChildren((AppRoutes().props as { children: React.ReactNode }).children);

/** Every route's full pattern, the index as "/". */
function patterns(list: readonly RouteObject[], parent: string): string[] {
  return list.flatMap((route) => {
    const own = route.index ? parent || "/" : route.path === undefined ? parent : route.path.startsWith("/") ? route.path : `${parent}/${route.path}`;
    const here = route.path !== undefined || route.index ? [own] : [];
    return [...here, ...patterns(route.children ?? [], own === "/" ? "" : own)];
  });
}

/** What the router shows at this path: a page, or the catch-all "not found". */
function routerHasPage(path: string): boolean {
  const matches = matchRoutes(routes, path);
  return matches !== null && matches.at(-1)?.route.path !== "*";
}

describe("the web app's pages", () => {
  it("are exactly the shared list the server reads, plus the catch-all", () => {
    const declared = patterns(routes, "");
    expect(declared.filter((p) => p !== "/*").sort()).toEqual(Object.values(PAGES).sort());
    expect(declared).toContain("/*");
  });

  it("are recognized by the server's matcher wherever the router shows a page, and only there (property)", () => {
    // react-router warns about each malformed percent-encoding it meets; that is expected here.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const known = Object.values(PAGES).flatMap((p) => p.split("/")).filter((s) => s !== "" && !s.startsWith(":"));
    const segment = fc.oneof(
      fc.constantFrom(...known),
      fc.constantFrom(...known).map((s) => s.toUpperCase()),
      fc.constantFrom("XX-nonexistent", "KZ", "chair-2025", "%61udit", "a%2Fb", "%E0%A4%A", "", "no-such-page", "index.html"),
      fc.stringMatching(/^[A-Za-z0-9_.~-]{1,12}$/),
    );
    fc.assert(
      fc.property(fc.array(segment, { minLength: 0, maxLength: 4 }), fc.boolean(), (segments, trailing) => {
        const path = `/${segments.join("/")}${trailing ? "/" : ""}`;
        expect(isPagePath(path), path).toBe(routerHasPage(path));
      }),
      { numRuns: 2_000 },
    );
    warn.mockRestore();
  });

  it("include client routes whatever their parameter names, and not unknown paths", () => {
    for (const path of ["/", "/states/XX-nonexistent", "/states/kz", "/meetings/abc/projector", "/negotiation/x/history", "/Admin/Users/", "/verify/0000"]) {
      expect(isPagePath(path), path).toBe(true);
    }
    for (const path of ["/no-such-page", "/states/kz/more", "/admin/nothing", "//states", "/api/v1/states", "/assets/main.js"]) {
      expect(isPagePath(path), path).toBe(false);
    }
  });
});
