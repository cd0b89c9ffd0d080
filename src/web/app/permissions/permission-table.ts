// The permission matrix as the page lays it out: rights in the interface's order (any the interface does not know yet after
// them), a header group per role over its columns (a delegation's roles per tier and as the chair), and the tier rights' order.
import type { PermissionMatrix } from "../../../contracts/identity";
import type { Role } from "../../shared/core-rules";

export type MatrixColumn = PermissionMatrix["columns"][number];

export interface RoleGroup {
  readonly role: Role;
  /** The role's columns; one without a tier (the secretariat's, the public) spans both header rows. */
  readonly columns: readonly MatrixColumn[];
}

/** Consecutive columns of one role, grouped under it. */
export function roleGroups(matrix: PermissionMatrix): RoleGroup[] {
  const groups: { role: Role; columns: MatrixColumn[] }[] = [];
  for (const column of matrix.columns) {
    const last = groups.at(-1);
    if (last?.role === column.role) last.columns.push(column);
    else groups.push({ role: column.role, columns: [column] });
  }
  return groups;
}

/** The matrix's rights in `order` (the interface's list), then the rights the interface has no place for, as the server sent them. */
export function orderedRights(matrix: PermissionMatrix, order: readonly string[]): PermissionMatrix["rights"] {
  const rank = (right: string) => (order.includes(right) ? order.indexOf(right) : order.length);
  return [...matrix.rights].sort((a, b) => rank(a.right) - rank(b.right));
}

/** The tier rights the tiers carry, in `order` (the registry's list) first, then any other a tier names. */
export function tierRightKeys(tiers: readonly { readonly rights: Readonly<Record<string, boolean>> }[], order: readonly string[]): string[] {
  const keys = new Set(tiers.flatMap((tier) => Object.keys(tier.rights)));
  return [...order.filter((key) => keys.has(key)), ...[...keys].filter((key) => !order.includes(key))];
}
