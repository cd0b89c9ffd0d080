// Forms name what is wrong by the contracts' field-error codes, from the server's own schemas and from its answers.
import { describe, expect, it } from "vitest";
import { AuditQuery, ChangePasswordBody, CreateUserBody, SignInBody, UpdateUserBody } from "../../../contracts/identity";
import { ApiProblem } from "../api/fetch-json";
import { FORM_LEVEL, markedFields, problemMessages, schemaMessages } from "./contract-form";

describe("schemaMessages", () => {
  it("gives each invalid field the code the server would give it", () => {
    expect(schemaMessages(CreateUserBody, { email: "not-an-email", displayName: "Ali\u202eya", role: "emperor", delegation: null, password: "short" })).toEqual({
      email: { code: "email" },
      displayName: { code: "bidi-controls" },
      role: { code: "choice" },
      password: { code: "password-too-short" },
    });
  });

  it("reads empty and missing fields as required, white space alone as empty, and invisible characters as such", () => {
    expect(schemaMessages(SignInBody, { email: "  ", password: "" })).toEqual({ email: { code: "required" }, password: { code: "required" } });
    expect(schemaMessages(SignInBody, {})).toEqual({ email: { code: "required" }, password: { code: "required" } });
    const user = { email: "a@example.org", role: "delegate", delegation: "KZ" };
    expect(schemaMessages(CreateUserBody, { ...user, displayName: "   " })).toEqual({ displayName: { code: "required" } });
    expect(schemaMessages(CreateUserBody, { ...user, displayName: " \u200b " })).toEqual({ displayName: { code: "invisible" } });
  });

  it("carries the limit a value broke: the contract's maximum length of a text, a number's bounds", () => {
    const user = { email: "a@example.org", role: "delegate", delegation: "KZ" };
    expect(schemaMessages(CreateUserBody, { ...user, displayName: "x".repeat(201) })).toEqual({ displayName: { code: "too-long", limit: 200 } });
    expect(schemaMessages(SignInBody, { email: `${"a".repeat(250)}@example.org`, password: "p" })).toEqual({ email: { code: "too-long", limit: 254 } });
    expect(schemaMessages(AuditQuery, { limit: "501" })).toEqual({ limit: { code: "too-large", limit: 500 } });
    expect(schemaMessages(AuditQuery, { limit: "0" })).toEqual({ limit: { code: "too-small", limit: 1 } });
  });

  it("puts an error about the whole request at the form's level", () => {
    expect(schemaMessages(UpdateUserBody, { version: 3 })).toEqual({ [FORM_LEVEL]: { code: "nothing-to-change" } });
  });

  it("has nothing to say about a valid body", () => {
    expect(schemaMessages(ChangePasswordBody, { currentPassword: "old", newPassword: "long-enough-now" })).toEqual({});
  });
});

describe("problemMessages", () => {
  const problem = (errors: { field: string; code: string; message: string }[]) =>
    new ApiProblem(400, { type: "urn:concord:problem:invalid-request", code: "invalid-request", title: "Invalid", status: 400, errors: errors as never });

  it("puts each body field's code under the field, the first one when a field has several", () => {
    expect(
      problemMessages(
        problem([
          { field: "body.email", code: "taken", message: "already in use" },
          { field: "body.delegation", code: "delegation-required", message: "required for this role" },
          { field: "body.delegation", code: "delegation-inactive", message: "unknown or inactive delegation" },
          { field: "body.names.en", code: "too-long", message: "at most 200 characters" },
        ]),
      ),
    ).toEqual({ email: { code: "taken" }, delegation: { code: "delegation-required" }, "names.en": { code: "too-long" } });
  });

  it("keeps errors about the request as a whole, or outside the body, for the form", () => {
    expect(problemMessages(problem([{ field: "body", code: "nothing-to-change", message: "nothing to change" }]))).toEqual({
      [FORM_LEVEL]: { code: "nothing-to-change" },
    });
    expect(problemMessages(problem([{ field: "params.id", code: "format", message: "must be a user id" }]))).toEqual({ [FORM_LEVEL]: { code: "format" } });
  });

  it("keeps the limit the server names, and only a number", () => {
    expect(problemMessages(problem([{ field: "body.displayName", code: "too-long", message: "at most 200 characters", limit: 200 } as never]))).toEqual({
      displayName: { code: "too-long", limit: 200 },
    });
    expect(problemMessages(problem([{ field: "body.displayName", code: "too-long", message: "?", limit: "200" } as never]))).toEqual({ displayName: { code: "too-long" } });
  });

  it("reads an unknown code as invalid, and has nothing for errors that are not problems", () => {
    expect(problemMessages(problem([{ field: "body.x", code: "brand-new", message: "?" }]))).toEqual({ x: { code: "invalid" } });
    expect(problemMessages(new TypeError("Failed to fetch"))).toEqual({});
  });
});

describe("markedFields", () => {
  it("lists the fields showing an error in the form's order, leaving out the form's own error and cleared fields", () => {
    expect(markedFields({ password: "x", [FORM_LEVEL]: "y", email: "z", role: null }, ["email", "password"])).toEqual(["email", "password"]);
    expect(markedFields({ extra: "x", email: "z" }, ["email"])).toEqual(["email", "extra"]);
    expect(markedFields({})).toEqual([]);
  });
});
