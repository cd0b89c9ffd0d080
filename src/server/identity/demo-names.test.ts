// A demo account is recognized while it keeps the name it was created with, and only then: a renamed one, or anyone else, is named as typed.
import { describe, expect, it } from "vitest";
import { DEMO_ADMIN_EMAIL, DEMO_ADMIN_NAME, demoAccountOf, demoHeadEmail, demoHeadName } from "./demo-names.js";

describe("demoAccountOf", () => {
  it("recognizes the demo administrator and a demo head of delegation as created", () => {
    expect(demoAccountOf({ email: DEMO_ADMIN_EMAIL, displayName: DEMO_ADMIN_NAME, delegation: null })).toBe("secretariat-administrator");
    expect(demoAccountOf({ email: demoHeadEmail("KZ"), displayName: demoHeadName("Kazakhstan"), delegation: "KZ" })).toBe("head-of-delegation");
  });

  it("no longer recognizes a demo account someone renamed", () => {
    expect(demoAccountOf({ email: DEMO_ADMIN_EMAIL, displayName: "Aliya Seitkali", delegation: null })).toBeNull();
    expect(demoAccountOf({ email: demoHeadEmail("KZ"), displayName: "Nurlan Abenov", delegation: "KZ" })).toBeNull();
  });

  it("never takes a person's account for a demo one because of its name alone", () => {
    expect(demoAccountOf({ email: "someone@example.org", displayName: DEMO_ADMIN_NAME, delegation: null })).toBeNull();
    expect(demoAccountOf({ email: "someone@example.org", displayName: demoHeadName("Kazakhstan"), delegation: "KZ" })).toBeNull();
    // Another delegation's demo address in this delegation is not its head.
    expect(demoAccountOf({ email: demoHeadEmail("CN"), displayName: demoHeadName("Kazakhstan"), delegation: "KZ" })).toBeNull();
  });
});
