// The permission page's table: rights in the interface's order, a header per role over its tier columns, tier rights in the registry's order.
import { describe, expect, it } from "vitest";
import type { PermissionMatrix } from "../../../contracts/identity";
import { orderedRights, roleGroups, tierRightKeys } from "./permission-table";

const matrix: PermissionMatrix = {
  columns: [
    { role: "secretariat_admin", tier: null, isChair: false },
    { role: "head_of_delegation", tier: "member", isChair: false },
    { role: "head_of_delegation", tier: "observer", isChair: false },
    { role: "head_of_delegation", tier: "member", isChair: true },
    { role: "public", tier: null, isChair: false },
  ],
  rights: [
    { right: "meeting.open", cells: ["all", null, null, "own", null] },
    { right: "user.create", cells: ["all", "own", "own", "own", null] },
    { right: "user.list", cells: ["all", "own", "own", "own", null] },
  ],
};

describe("roleGroups", () => {
  it("puts each role over its consecutive columns", () => {
    expect(roleGroups(matrix).map((group) => [group.role, group.columns.length])).toEqual([
      ["secretariat_admin", 1],
      ["head_of_delegation", 3],
      ["public", 1],
    ]);
  });
});

describe("orderedRights", () => {
  it("orders rights as the interface lists them, and keeps rights it does not know yet, after them", () => {
    expect(orderedRights(matrix, ["user.list", "user.create"]).map((row) => row.right)).toEqual(["user.list", "user.create", "meeting.open"]);
  });
});

describe("tierRightKeys", () => {
  it("lists the tier rights in the registry's order, then any other a tier carries", () => {
    const tiers = [{ rights: { speak: true, attend: true, vote: false } }, { rights: { attend: true, speak: false, vote: false } }];
    expect(tierRightKeys(tiers, ["attend", "speak", "chair"])).toEqual(["attend", "speak", "vote"]);
  });
});
