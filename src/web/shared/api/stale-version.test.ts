// A stale-version conflict gives the reader the resource as it is now; anything else gives nothing.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiProblem } from "./fetch-json";
import { staleCurrent } from "./stale-version";

const Thing = z.object({ code: z.string(), version: z.number() });
const conflict = (code: string, current: unknown) =>
  new ApiProblem(409, { type: `urn:concord:problem:${code}`, code, title: "Conflict", status: 409, current });

describe("staleCurrent", () => {
  it("reads the current state of a stale-version conflict", () => {
    expect(staleCurrent(conflict("stale-version", { code: "KZ", version: 4 }), Thing)).toEqual({ code: "KZ", version: 4 });
  });

  it("gives nothing for other conflicts, a current state of another shape, or other errors", () => {
    expect(staleCurrent(conflict("email-taken", { code: "KZ", version: 4 }), Thing)).toBeNull();
    expect(staleCurrent(conflict("stale-version", { name: "KZ" }), Thing)).toBeNull();
    expect(staleCurrent(conflict("stale-version", undefined), Thing)).toBeNull();
    expect(staleCurrent(new Error("offline"), Thing)).toBeNull();
  });
});
