// Every problem code the API gives becomes its own message, a 403 names the missing right, field errors read by their codes.
import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { PROBLEM_CODES } from "../../../contracts/problems";
import { ApiProblem } from "./fetch-json";
import { fieldMessage, problemMessage, rightLabel } from "./problem-message";

/** A stand-in for i18next: the key, then its options, so a test sees what was asked for. */
const t = ((key: string, options?: Record<string, unknown>) => (options ? `${key}${JSON.stringify(options)}` : key)) as unknown as TFunction;

function problem(status: number, code: string, extra: Record<string, unknown> = {}, retryAfter: number | null = null): ApiProblem {
  return new ApiProblem(status, { type: `urn:concord:problem:${code}`, code, title: code, status, ...extra }, retryAfter);
}

describe("problemMessage", () => {
  it("gives each problem code its own message", () => {
    for (const code of PROBLEM_CODES.filter((code) => code !== "sign-in-paused")) {
      expect(problemMessage(problem(400, code), t)).toBe(`problems.codes.${code}`);
    }
  });

  it("says how many seconds sign-in is paused for", () => {
    expect(problemMessage(problem(429, "sign-in-paused", {}, 8), t)).toBe('problems.codes.sign-in-paused{"seconds":8}');
  });

  it("names the missing right of a 403, by label and code", () => {
    expect(problemMessage(problem(403, "forbidden", { right: "user.create" }), t)).toBe(
      'problems.forbiddenRight{"right":"access.rightWithCode{\\"label\\":\\"access.rights.userCreate\\",\\"right\\":\\"user.create\\"}"}',
    );
    expect(problemMessage(problem(403, "forbidden"), t)).toBe("problems.codes.forbidden");
  });

  it("falls back to the generic message for unknown codes, bodies without problem details and network failures", () => {
    expect(problemMessage(problem(500, "brand-new"), t)).toBe("problems.generic");
    expect(problemMessage(new ApiProblem(502, null), t)).toBe("problems.generic");
    expect(problemMessage(new TypeError("Failed to fetch"), t)).toBe("problems.generic");
  });
});

describe("rightLabel", () => {
  it("shows an unknown right by its code", () => {
    expect(rightLabel("meeting.open", t)).toBe("meeting.open");
  });
});

describe("fieldMessage", () => {
  it("reads a field-error code, or the form's own key", () => {
    expect(fieldMessage({ code: "email" }, t)).toBe("problems.field.email");
    expect(fieldMessage({ key: "account.mismatch" }, t)).toBe("account.mismatch");
  });

  it("says the limit a value broke: characters as a count (plural forms), numbers as they are", () => {
    expect(fieldMessage({ code: "too-long", limit: 200 }, t)).toBe('problems.limit.tooLong{"count":200}');
    expect(fieldMessage({ code: "too-short", limit: 3 }, t)).toBe('problems.limit.tooShort{"count":3}');
    expect(fieldMessage({ code: "too-large", limit: 500 }, t)).toBe('problems.limit.tooLarge{"limit":500}');
    expect(fieldMessage({ code: "too-small", limit: 1 }, t)).toBe('problems.limit.tooSmall{"limit":1}');
  });

  it("gives a too-short password the password rule's length, and a limit it does not know no number", () => {
    expect(fieldMessage({ code: "password-too-short" }, t)).toBe('problems.limit.tooShort{"count":10}');
    expect(fieldMessage({ code: "too-long" }, t)).toBe("problems.field.too-long");
  });
});
