// After a stale-version refusal the form retries against the version the server reports as current.
import { describe, expect, it } from "vitest";
import { ApiProblem } from "../../shared/api/fetch-json";
import { currentVersion } from "./current-version";

const problem = (code: string, current: unknown) => new ApiProblem(409, { type: `urn:concord:problem:${code}`, code, title: "Conflict", status: 409, current });

describe("currentVersion", () => {
  it("reads the version of a provision, a proposal or the document the conflict carries", () => {
    expect(currentVersion(problem("stale-version", { id: "op4", number: "OP4", version: 5 }))).toBe(5);
    expect(currentVersion(problem("stale-version", { proposal: "p1", version: 3 }))).toBe(3);
  });
  it("has nothing for other errors", () => {
    expect(currentVersion(problem("silence-running", { version: 3 }))).toBeNull();
    expect(currentVersion(new Error("offline"))).toBeNull();
  });
});
