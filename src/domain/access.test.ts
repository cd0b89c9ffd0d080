import { describe, expect, it } from "vitest";
import { decide, PUBLIC_ACTOR, type Actor, type Permission } from "./access.js";

const rights = { attend: true, attendByRight: false, speak: true, circulateStatements: true, propose: false, object: false, chair: false, seeDrafts: false };
const head = (delegation: string, extra: Partial<Actor> = {}): Actor => ({
  userId: "u",
  role: "head_of_delegation",
  delegation,
  tier: "observer",
  rights,
  isChair: false,
  ...extra,
});

const propose: Permission<{ delegation: string }> = {
  right: "proposal.create",
  description: "",
  roles: ["head_of_delegation", "delegate"],
  tierRight: "propose",
  scope: { description: "only for one's own delegation", check: (actor, r) => r.delegation === actor.delegation },
};

describe("policy decisions", () => {
  it("refuses a role that does not hold the right, naming it", () => {
    expect(decide(propose, PUBLIC_ACTOR)).toEqual({ allowed: false, right: "proposal.create", reason: 'the role public does not hold "proposal.create"' });
  });

  it("follows the delegation's tier rights", () => {
    expect(decide(propose, head("MN"), { delegation: "MN" })).toMatchObject({ allowed: false, reason: expect.stringContaining("observer") });
    expect(decide(propose, head("KZ", { tier: "member", rights: { ...rights, propose: true } }), { delegation: "KZ" })).toEqual({ allowed: true });
  });

  it("applies the resource scope", () => {
    const member = head("KZ", { tier: "member", rights: { ...rights, propose: true } });
    expect(decide(propose, member, { delegation: "CN" })).toMatchObject({ allowed: false, reason: "only for one's own delegation" });
  });

  it("gives chair-only rights to the chair's delegation", () => {
    const issue: Permission<unknown> = { right: "revision.issue", description: "", roles: ["head_of_delegation"], chairOnly: true };
    expect(decide(issue, head("KG")).allowed).toBe(false);
    expect(decide(issue, head("KG", { isChair: true })).allowed).toBe(true);
  });
});
