// Every problem code the API gives becomes its own message, a 403 names the missing right, and invalid fields get messages beside them.
import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { ApiProblem } from "./fetch-json";
import { fieldErrors, problemMessage, rightLabel } from "./problem-message";

/** A stand-in for i18next: the key, then its options, so a test sees what was asked for. */
const t = ((key: string, options?: Record<string, unknown>) => (options ? `${key}${JSON.stringify(options)}` : key)) as unknown as TFunction;

function problem(status: number, code: string, extra: Record<string, unknown> = {}, retryAfter: number | null = null): ApiProblem {
  return new ApiProblem(status, { type: `urn:concord:problem:${code}`, code, title: code, status, ...extra }, retryAfter);
}

describe("problemMessage", () => {
  it("gives each known code its own message", () => {
    const codes = {
      "sign-in-failed": "problems.signInFailed",
      "email-taken": "problems.emailTaken",
      unauthenticated: "problems.unauthenticated",
      csrf: "problems.csrf",
      "not-found": "problems.notFound",
      "own-account": "problems.ownAccount",
      "wrong-password": "problems.wrongPassword",
      "delegation-exists": "problems.delegationExists",
      "invalid-request": "problems.invalidRequest",
    };
    for (const [code, key] of Object.entries(codes)) expect(problemMessage(problem(400, code), t)).toBe(key);
  });

  it("says how many seconds sign-in is paused for", () => {
    expect(problemMessage(problem(429, "sign-in-paused", {}, 8), t)).toBe('problems.signInPaused{"seconds":8}');
  });

  it("names the missing right of a 403, by label and code", () => {
    expect(problemMessage(problem(403, "forbidden", { right: "user.create" }), t)).toBe(
      'problems.forbiddenRight{"right":"access.rightWithCode{\\"label\\":\\"access.rights.userCreate\\",\\"right\\":\\"user.create\\"}"}',
    );
    expect(problemMessage(problem(403, "forbidden"), t)).toBe("problems.forbidden");
  });

  it("falls back to the generic message for unknown codes, bodies without problem details and network failures", () => {
    expect(problemMessage(problem(500, "internal"), t)).toBe("problems.generic");
    expect(problemMessage(new ApiProblem(502, null), t)).toBe("problems.generic");
    expect(problemMessage(new TypeError("Failed to fetch"), t)).toBe("problems.generic");
  });
});

describe("rightLabel", () => {
  it("shows an unknown right by its code", () => {
    expect(rightLabel("meeting.open", t)).toBe("meeting.open");
  });
});

describe("fieldErrors", () => {
  it("puts each invalid field's message under the field's own name, translated", () => {
    const error = problem(400, "invalid-request", {
      errors: [
        { field: "body.email", message: "must be an email address" },
        { field: "body.password", message: "at least 10 characters" },
        { field: "body.displayName", message: "Too big: expected string to have <=200 characters" },
        { field: "body", message: "nothing to change" },
      ],
    });
    expect(fieldErrors(error, t)).toEqual({
      email: "problems.field.email",
      password: "problems.field.passwordTooShort",
      displayName: "problems.field.invalid",
    });
  });

  it("keeps the first message when a field has several, and has none for other errors", () => {
    const error = problem(400, "invalid-request", {
      errors: [
        { field: "body.delegation", message: "required for this role" },
        { field: "body.delegation", message: "unknown or inactive delegation" },
      ],
    });
    expect(fieldErrors(error, t)).toEqual({ delegation: "problems.field.delegationRequired" });
    expect(fieldErrors(new Error("x"), t)).toEqual({});
  });
});
