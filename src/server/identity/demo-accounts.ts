// Demo accounts for a first start with the default dataset: a secretariat administrator and a head of delegation per state.
import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { STREAMS } from "../../contracts/live.js";
import { statusesOn } from "../../domain/membership.js";
import type { Registry } from "../../domain/registry.js";
import { definePreparedCommand } from "../commands/runner.js";
import type { Db } from "../db/client.js";
import { hashPassword } from "./passwords.js";
import { delegations, users } from "./tables.js";
import { delegationAudience, userAudience } from "./commands.js";
import { userView } from "./queries.js";

export const DEMO_PASSWORD = "concord-demo";
export const DEMO_ADMIN_EMAIL = "admin@concord.test";
export const demoHeadEmail = (code: string): string => `head.${code.toLowerCase()}@concord.test`;

/** Creates the demo accounts when there are no users yet; returns whether it did. Run under the startup lock. */
export const createDemoAccountsCommand = definePreparedCommand({
  name: "identity.create-demo-accounts",
  // One hash for the one shared demo password keeps the first start fast.
  prepare: async (input: { registry: Registry; today: string }) => ({ ...input, passwordHash: await hashPassword(DEMO_PASSWORD) }),
  run: async (c, { registry, today, passwordHash }) => {
    const [existing] = await c.tx.select({ n: count() }).from(users);
    if (Number(existing?.n ?? 0) > 0) return false;
    const standing = new Set(registry.organization.tiers.filter((t) => t.isStanding).map((t) => t.code));
    const statuses = statusesOn(registry.membership, today);
    const states = registry.states.filter((s) => standing.has(statuses.get(s.code)?.tier ?? ""));
    const [admin] = await c.tx
      .insert(users)
      .values({ id: randomUUID(), email: DEMO_ADMIN_EMAIL, displayName: "Secretariat administrator (demo)", role: "secretariat_admin", passwordHash, createdAt: c.now })
      .returning();
    c.emit(STREAMS.users, "user.created", { user: userView(admin!) }, userAudience(admin!));
    for (const state of states) {
      const [delegation] = await c.tx.insert(delegations).values({ code: state.code, partyKind: "state", createdAt: c.now }).onConflictDoNothing().returning();
      if (delegation) c.emit(STREAMS.delegations, "delegation.created", { delegation: { code: delegation.code, isActive: delegation.isActive, version: delegation.version } }, delegationAudience(delegation.code));
      const [head] = await c.tx
        .insert(users)
        .values({
          id: randomUUID(),
          email: demoHeadEmail(state.code),
          displayName: `Head of delegation, ${state.names.en} (demo)`,
          role: "head_of_delegation",
          delegation: state.code,
          passwordHash,
          createdAt: c.now,
        })
        .returning();
      c.emit(STREAMS.users, "user.created", { user: userView(head!) }, userAudience(head!));
    }
    c.audit("identity.demo-accounts-created", null, { users: states.length + 1, delegations: states.map((s) => s.code) });
    return true;
  },
});

export async function hasDemoAccounts(db: Db): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ADMIN_EMAIL)).limit(1);
  return rows.length > 0;
}

export function demoSignInHelp(url: string): string {
  return [
    `Demo accounts (password "${DEMO_PASSWORD}"), sign in at ${url}/sign-in:`,
    `  secretariat administrator: ${DEMO_ADMIN_EMAIL}`,
    `  head of delegation of each member, observer and dialogue partner: head.<ISO code>@concord.test, e.g. ${demoHeadEmail("KZ")}`,
    `  a demonstration negotiation (not a real text of the organization) is under ${url}/negotiation`,
    "  Turn demo accounts off for production with CONCORD_DEMO_ACCOUNTS=off.",
  ].join("\n");
}
