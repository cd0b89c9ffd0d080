// A meetings rule broken on one field is shown under that field with the rule's own message.
import { describe, expect, it } from "vitest";
import { ApiProblem } from "../../shared/api/fetch-json";
import { FORM_LEVEL } from "../../shared/forms/contract-form";
import { duplicateDelegates, quotaRefusal, serverFieldMessages } from "./meeting-problems";

const problem = (code: string, errors: { field: string; code: string; message: string; limit?: number }[]) =>
  new ApiProblem(400, { type: `urn:concord:problem:${code}`, code, title: code, status: 400, errors: errors as never });

describe("serverFieldMessages", () => {
  it("puts a meetings rule under its field with its own message", () => {
    expect(serverFieldMessages(problem("end-not-after-start", [{ field: "body.end", code: "end-not-after-start", message: "must end after it starts" }]))).toEqual({
      end: { key: "problems.codes.end-not-after-start" },
    });
    expect(serverFieldMessages(problem("already-accredited", [{ field: "body.delegates.1.name", code: "already-accredited", message: "?" }]))).toEqual({
      "delegates.1.name": { key: "problems.codes.already-accredited" },
    });
  });

  it("names the rule a field broke when the field itself says only that it is invalid", () => {
    expect(serverFieldMessages(problem("end-not-after-start", [{ field: "body.end", code: "invalid", message: "The meeting must end after it starts." }]))).toEqual({
      end: { key: "problems.codes.end-not-after-start" },
    });
    expect(serverFieldMessages(problem("invalid-request", [{ field: "body.end", code: "invalid", message: "?" }]))).toEqual({ end: { code: "invalid" } });
  });

  it("reads field-error codes as the forms do, with their limit, and keeps the first message of a field", () => {
    expect(
      serverFieldMessages(
        problem("invalid-request", [
          { field: "body.title.en", code: "too-long", message: "?", limit: 300 },
          { field: "body.title.en", code: "required", message: "?" },
          { field: "body.timeZone", code: "unknown-time-zone", message: "?" },
        ]),
      ),
    ).toEqual({ "title.en": { code: "too-long", limit: 300 }, timeZone: { key: "problems.codes.unknown-time-zone" } });
  });

  it("gives errors outside the body to the form, an unknown code a generic message, and nothing for other errors", () => {
    expect(serverFieldMessages(problem("invalid-request", [{ field: "params.id", code: "format", message: "?" }]))).toEqual({ [FORM_LEVEL]: { code: "format" } });
    expect(serverFieldMessages(problem("invalid-request", [{ field: "body.x", code: "brand-new", message: "?" }]))).toEqual({ x: { key: "problems.field.invalid" } });
    expect(serverFieldMessages(new TypeError("Failed to fetch"))).toEqual({});
  });
});

describe("refused accreditation lists", () => {
  const conflict = (code: string, current: unknown) => new ApiProblem(409, { type: `urn:concord:problem:${code}`, code, title: code, status: 409, current });

  it("reads the quota's figures from a list beyond it", () => {
    expect(quotaRefusal(conflict("quota-exceeded", { quota: 3, held: 2, requested: 2, available: 1 }))).toEqual({ quota: 3, held: 2, requested: 2, available: 1 });
    expect(quotaRefusal(conflict("quota-exceeded", { quota: "3" }))).toBeNull();
    expect(quotaRefusal(conflict("already-accredited", { quota: 3, held: 2, requested: 2, available: 1 }))).toBeNull();
  });

  it("names the places of the delegates already accredited", () => {
    expect(duplicateDelegates(conflict("already-accredited", { conflicts: [{ index: 1, delegation: "CN" }, { index: 3, delegation: "KZ" }, { index: 1, delegation: "IN" }] }))).toEqual([1, 3]);
    expect(duplicateDelegates(conflict("already-accredited", { conflicts: "?" }))).toEqual([]);
    expect(duplicateDelegates(conflict("quota-exceeded", { conflicts: [{ index: 1 }] }))).toEqual([]);
    expect(duplicateDelegates(new TypeError("offline"))).toEqual([]);
  });
});
