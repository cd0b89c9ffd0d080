// Renders docs/permissions.md from the policies: every action against every role and tier.
import { decide, DELEGATION_ROLES, ROLES, type Actor, type Permission, type Role } from "../../domain/access.js";
import type { Tier } from "../../domain/registry.js";
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

function cell(permission: Permission<never>, actor: Actor): string {
  if (!decide(permission, actor).allowed) return "—";
  return permission.scope && DELEGATION_ROLES.includes(actor.role) ? "own¹" : "yes";
}

export function renderPermissionsDoc(tiers: readonly Tier[]): string {
  const cols = columns(tiers);
  const lines = [
    "# Permissions",
    "",
    "Generated from the policies (`src/server/access/policies.ts`) by `npm run docs:permissions`; a test fails when this",
    "file is out of date. Tiers and their rights come from the default dataset's organization profile.",
    "",
    "`yes`: allowed. `own¹`: allowed within the actor's own delegation only (see the note under the table). `—`: refused",
    "with 403 naming the right (401 without a session).",
    "",
    `| right | action | ${cols.map((c) => c.heading).join(" | ")} |`,
    `|---|---|${cols.map(() => "---").join("|")}|`,
  ];
  const notes: string[] = [];
  for (const permission of allPermissions()) {
    lines.push(`| \`${permission.right}\` | ${permission.description} | ${cols.map((c) => cell(permission, c.actor)).join(" | ")} |`);
    if (permission.scope) notes.push(`- \`${permission.right}\`: ${permission.scope.description}.`);
  }
  lines.push("", "¹ Limits on the resource:", "", ...notes, "");
  lines.push(
    "## Adding a capability",
    "",
    "1. Declare its permissions in the capability's `policy.ts` (one file per resource): the right's name",
    "   (`resource.action`), who holds it (`roles`), the tier right it needs (`tierRight`, from the organization's",
    "   rights matrix), whether the chair's powers give it (`chairOnly`), and any limit on the resource (`scope`).",
    "2. Add the policy to `POLICIES` in `src/server/access/policies.ts`.",
    "3. In the route, call `authorize(request.actor, policy.action, resource)` before the command.",
    "4. Add the endpoint that exercises each new right to `ENDPOINTS` in `tests/integration/permission-matrix.test.ts`;",
    "   the test fails for a right without one, and then checks every role and tier through the API.",
    "5. Run `npm run docs:permissions` and commit this file.",
    "",
  );
  return lines.join("\n");
}
