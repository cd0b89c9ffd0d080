// Chair controls appear for the chair's delegation only, a provision's controls also for its facilitator; an invited
// non-member comments as such while its invitation stands.
import { describe, expect, it } from "vitest";
import { commentsAsInvited, isChairOf, isInvitedTo, mayFacilitate, mayUse } from "./negotiation-roles";

describe("isChairOf", () => {
  it("is the delegation chairing the body today, and nobody when no one chairs it", () => {
    expect(isChairOf("KG", { chair: "KG" })).toBe(true);
    expect(isChairOf("CN", { chair: "KG" })).toBe(false);
    expect(isChairOf(null, { chair: "KG" })).toBe(false);
    expect(isChairOf(null, { chair: null })).toBe(false);
  });
});

describe("mayFacilitate", () => {
  it("lets the chair and the provision's facilitator act on it, no one else", () => {
    expect(mayFacilitate("KG", { chair: "KG" }, { facilitator: null })).toBe(true);
    expect(mayFacilitate("KZ", { chair: "KG" }, { facilitator: "KZ" })).toBe(true);
    expect(mayFacilitate("RU", { chair: "KG" }, { facilitator: "KZ" })).toBe(false);
    expect(mayFacilitate(null, { chair: "KG" }, { facilitator: null })).toBe(false);
  });
});

describe("mayUse", () => {
  it("reads a right held over everything or one's own delegation as held", () => {
    expect(mayUse({ "proposal.create": "own" }, "proposal.create")).toBe(true);
    expect(mayUse({ "proposal.create": "all" }, "proposal.create")).toBe(true);
    expect(mayUse({}, "document.adopt")).toBe(false);
  });
});

describe("commentsAsInvited", () => {
  const invited = { invited: [{ party: "MN", grantedAt: "2025-08-01T10:00:00Z", grantedBy: "KG" }, { party: "AZ", grantedAt: "2025-08-01T10:00:00Z", grantedBy: "KG", endedAt: "2025-08-02T10:00:00Z" }] };

  it("is a delegation the chair invited, while the invitation stands", () => {
    expect(isInvitedTo("MN", invited)).toBe(true);
    expect(isInvitedTo("AZ", invited)).toBe(false);
    expect(isInvitedTo(null, invited)).toBe(false);
  });

  it("comments under the invitation only without the ordinary right to comment", () => {
    expect(commentsAsInvited("MN", invited, { "position.comment-invited": "own" })).toBe(true);
    expect(commentsAsInvited("MN", invited, { "position.comment-invited": "own", "position.comment": "own" })).toBe(false);
    expect(commentsAsInvited("AZ", invited, { "position.comment-invited": "own" })).toBe(false);
    expect(commentsAsInvited("CN", invited, { "position.comment-invited": "own" })).toBe(false);
  });
});
