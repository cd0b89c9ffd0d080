// The permission matrix from the policies, every right against every role and tier: served to the web app
// (GET /api/v1/permissions) and rendered as docs/permissions.md.
import type { PermissionMatrix } from "../../../contracts/identity.js";
import { decide, DELEGATION_ROLES, ROLES, type Actor, type Permission, type Role } from "../../../domain/access.js";
import type { Tier } from "../../../domain/registry.js";
import { allPermissions } from "./policies.js";

interface Column {
  readonly heading: string;
  readonly actor: Actor;
}

function columns(tiers: readonly Tier[]): Column[] {
  const result: Column[] = [];
  for (const role of ROLES) {
    if (DELEGATION_ROLES.includes(role)) {
      for (const tier of tiers.filter((t) => t.isStanding)) {
        result.push({ heading: `${role} (${tier.code})`, actor: { userId: "u", role, delegation: "X", tier: tier.code, rights: tier.rights, isChair: false } });
      }
      const chairTier = tiers.find((t) => t.rights.chair);
      if (chairTier) {
        result.push({ heading: `${role} (${chairTier.code}, chair)`, actor: { userId: "u", role, delegation: "X", tier: chairTier.code, rights: chairTier.rights, isChair: true } });
      }
    } else {
      result.push({ heading: role, actor: { userId: role === "public" ? null : "u", role: role as Role, delegation: null, tier: null, rights: null, isChair: false } });
    }
  }
  return result;
}

type Cell = PermissionMatrix["rights"][number]["cells"][number];

function scopeOf(permission: Permission<never>, actor: Actor): Cell {
  if (!decide(permission, actor).allowed) return null;
  return permission.scope && DELEGATION_ROLES.includes(actor.role) ? "own" : "all";
}

/** Every right against every role (a delegation's roles per standing tier, and as the chair), as data. */
export function permissionMatrix(tiers: readonly Tier[]): PermissionMatrix {
  const cols = columns(tiers);
  return {
    columns: cols.map(({ actor }) => ({ role: actor.role, tier: actor.tier, isChair: actor.isChair })),
    rights: allPermissions().map((permission) => ({ right: permission.right, cells: cols.map((c) => scopeOf(permission, c.actor)) })),
  };
}

const CELL_TEXT: Readonly<Record<"all" | "own" | "none", string>> = { all: "yes", own: "own¹", none: "—" };

export function renderPermissionsDoc(tiers: readonly Tier[]): string {
  const cols = columns(tiers);
  const lines = [
    "# Permissions",
    "",
    "Generated from the policies (`src/server/platform/access/policies.ts`) by `npm run docs:permissions`; a test fails when this",
    "file is out of date. Tiers and their rights come from the default dataset's organization profile. The web app shows",
    "the same matrix, with the tiers the registry holds, at `/permissions` (from `GET /api/v1/permissions`).",
    "",
    "`yes`: allowed. `own¹`: allowed within the actor's own delegation only (see the note under the table). `—`: refused",
    "with 403 naming the right (401 without a session).",
    "",
    `| right | action | ${cols.map((c) => c.heading).join(" | ")} |`,
    `|---|---|${cols.map(() => "---").join("|")}|`,
  ];
  const notes: string[] = [];
  for (const permission of allPermissions()) {
    lines.push(`| \`${permission.right}\` | ${permission.description} | ${cols.map((c) => CELL_TEXT[scopeOf(permission, c.actor) ?? "none"]).join(" | ")} |`);
    if (permission.scope) notes.push(`- \`${permission.right}\`: ${permission.scope.description}.`);
  }
  lines.push("", "¹ Limits on the resource:", "", ...notes, "");
  lines.push(
    "## Adding a capability",
    "",
    "1. Declare its permissions in the capability's `policy.ts` (one file per resource): the right's name",
    "   (`resource.action`), who holds it (`roles`), the tier right it needs (`tierRight`, from the organization's",
    "   rights matrix), whether the chair's powers give it (`chairOnly`), and any limit on the resource (`scope`).",
    "2. Add the policy to `POLICIES` in `src/server/platform/access/policies.ts`.",
    "3. In the command, declare what it changes and what it needs: `load` (read and lock it in the command's",
    "   transaction) and `access: (loaded, input) => needs(policy.action, resource)`. The command runner checks it on",
    "   what was loaded before the command's body runs; neither the route nor the body calls a policy.",
    "4. Add the endpoint that exercises each new right to `ENDPOINTS` in `tests/integration/permission-matrix.test.ts`;",
    "   the test fails for a right without one, and then checks every role and tier through the API.",
    "5. Run `npm run docs:permissions` and commit this file.",
    "",
  );
  return lines.join("\n");
}
