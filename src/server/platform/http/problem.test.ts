import { describe, expect, it } from "vitest";
import { FieldErrorSchema } from "../../../contracts/problems.js";
import { invalid } from "../../../domain/errors.js";
import { NegotiationError } from "../../../domain/negotiation/errors.js";
import { problemOfRefusal } from "./problem.js";

describe("a refusal as problem details", () => {
  it("names the field with its code when the contract lists it", () => {
    const problem = problemOfRefusal(invalid("concerning", "not-a-member", "is not a member state on this day"));
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([{ field: "body.concerning", code: "not-a-member", message: "is not a member state on this day" }]);
  });

  it("sends a field code the contract does not list as 'invalid', so the answer keeps its schema (never a 500)", () => {
    for (const refusal of [invalid("subject", "some-new-code", "is wrong"), new NegotiationError("revision-needed", "Issue a new revision first.", "deadline")]) {
      const errors = problemOfRefusal(refusal).errors ?? [];
      expect(errors).toHaveLength(1);
      expect(FieldErrorSchema.safeParse(errors[0]).success).toBe(true);
      expect(errors[0]!.code).toBe("invalid");
    }
  });
});
