// A zod issue becomes a field error's code and, for a value too long, short, small or large, the bound it broke: the server and the web derive both alike.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CreateUserBody } from "./identity.js";
import { fieldErrorCodeOf, fieldErrorLimitOf } from "./problems.js";

/** The code and bound of each issue, read the way the server's error handler reads a validation error (keyword and the rest as params). */
function fieldErrors(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const params = issue as unknown as Record<string, unknown>;
    const code = fieldErrorCodeOf(issue.code, params, issue.message);
    return { path: issue.path.join("."), code, limit: fieldErrorLimitOf(code, params) };
  });
}

describe("fieldErrorLimitOf", () => {
  it("names the maximum length of a text that is too long", () => {
    const user = { email: "a@example.org", role: "delegate", delegation: "KZ", displayName: "x".repeat(201) };
    expect(fieldErrors(CreateUserBody, user)).toEqual([{ path: "displayName", code: "too-long", limit: 200 }]);
  });

  it("names a number's bounds when they are inclusive, and no bound for an exclusive one", () => {
    expect(fieldErrors(z.object({ n: z.number().max(500) }), { n: 501 })).toEqual([{ path: "n", code: "too-large", limit: 500 }]);
    expect(fieldErrors(z.object({ n: z.number().min(1) }), { n: 0 })).toEqual([{ path: "n", code: "too-small", limit: 1 }]);
    expect(fieldErrors(z.object({ n: z.number().positive() }), { n: 0 })).toEqual([{ path: "n", code: "too-small", limit: undefined }]);
  });

  it("gives no bound to an empty text (required), a list with too many items, or another kind of error", () => {
    expect(fieldErrors(z.object({ s: z.string().min(1) }), { s: "" })).toEqual([{ path: "s", code: "required", limit: undefined }]);
    expect(fieldErrors(z.object({ l: z.array(z.string()).max(1) }), { l: ["a", "b"] })).toEqual([{ path: "l", code: "too-large", limit: undefined }]);
    expect(fieldErrors(z.object({ s: z.string().min(3) }), { s: "ab" })).toEqual([{ path: "s", code: "too-short", limit: 3 }]);
    expect(fieldErrors(z.object({ e: z.email() }), { e: "nope" })).toEqual([{ path: "e", code: "email", limit: undefined }]);
  });
});
