// Reads of users and delegations.
import { asc, count, eq, inArray } from "drizzle-orm";
import type { AuditTargetName, User } from "../../contracts/identity.js";
import type { Role } from "../../domain/access.js";
import type { Db } from "../platform/db/client.js";
import { demoAccountOf } from "./demo-names.js";
import { delegations, users } from "./tables.js";

export type UserRow = typeof users.$inferSelect;
export type DelegationRow = typeof delegations.$inferSelect;

export function userView(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    demoAccount: demoAccountOf(row),
    role: row.role as Role,
    delegation: row.delegation,
    isActive: row.isActive,
    hasPassword: row.passwordHash !== null,
    hasSingleSignOn: row.oidcSubject !== null,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return row ?? null;
}

export async function findUser(db: Db, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

export async function listUsers(db: Db, delegation?: string): Promise<UserRow[]> {
  const query = db.select().from(users);
  return (delegation !== undefined ? query.where(eq(users.delegation, delegation)) : query).orderBy(asc(users.delegation), asc(users.email));
}

export async function findDelegation(db: Db, code: string): Promise<DelegationRow | null> {
  const [row] = await db.select().from(delegations).where(eq(delegations.code, code)).limit(1);
  return row ?? null;
}

export async function listDelegations(db: Db): Promise<(DelegationRow & { users: number })[]> {
  const rows = await db.select().from(delegations).orderBy(asc(delegations.code));
  const counts = await db.select({ delegation: users.delegation, n: count() }).from(users).groupBy(users.delegation);
  const byCode = new Map(counts.map((c) => [c.delegation, Number(c.n)]));
  return rows.map((row) => ({ ...row, users: byCode.get(row.code) ?? 0 }));
}

export async function hasUsers(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return Number(row?.n ?? 0) > 0;
}

export type AccountName = Extract<AuditTargetName, { kind: "user" }>;

/** How users are named, by id (for showing who acted, and on whom): the name as typed, or which demo account it is. */
export async function accountNamesOf(db: Db, ids: readonly string[]): Promise<Map<string, AccountName>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName, delegation: users.delegation })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((row) => [row.id, { kind: "user", displayName: row.displayName, demoAccount: demoAccountOf(row), delegation: row.delegation }]));
}
