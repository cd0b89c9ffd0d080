// Demo accounts for a first start with the default dataset: a secretariat administrator and a head of delegation per state.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { statusesOn } from "../../domain/membership.js";
import type { Registry } from "../../domain/registry.js";
import { appendAuditEvent } from "../audit/trail.js";
import type { Db } from "../db/client.js";
import { delegations, users } from "../db/schema.js";
import { hashPassword } from "./passwords.js";
import { hasUsers } from "./queries.js";

export const DEMO_PASSWORD = "concord-demo";
export const DEMO_ADMIN_EMAIL = "admin@concord.test";
export const demoHeadEmail = (code: string): string => `head.${code.toLowerCase()}@concord.test`;

/** Creates the demo accounts when there are no users yet; returns whether it did. */
export async function createDemoAccounts(db: Db, registry: Registry, today: string, now: Date): Promise<boolean> {
  if (await hasUsers(db)) return false;
  const standing = new Set(registry.organization.tiers.filter((t) => t.isStanding).map((t) => t.code));
  const states = registry.states.filter((s) => standing.has(statusesOn(registry.membership, today).get(s.code)?.tier ?? ""));
  // One hash for the one shared demo password keeps the first start fast.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await tx.insert(users).values({ id: randomUUID(), email: DEMO_ADMIN_EMAIL, displayName: "Secretariat administrator (demo)", role: "secretariat_admin", passwordHash, createdAt: now });
    for (const state of states) {
      await tx.insert(delegations).values({ code: state.code, partyKind: "state", createdAt: now }).onConflictDoNothing();
      await tx.insert(users).values({
        id: randomUUID(),
        email: demoHeadEmail(state.code),
        displayName: `Head of delegation, ${state.names.en} (demo)`,
        role: "head_of_delegation",
        delegation: state.code,
        passwordHash,
        createdAt: now,
      });
    }
    await appendAuditEvent(tx, {
      actorUserId: null,
      actorDelegation: null,
      address: null,
      action: "identity.demo-accounts-created",
      target: null,
      payload: { users: states.length + 1, delegations: states.map((s) => s.code) },
      at: now,
    });
  });
  return true;
}

export async function hasDemoAccounts(db: Db): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ADMIN_EMAIL)).limit(1);
  return rows.length > 0;
}

export function demoSignInHelp(url: string): string {
  return [
    `Demo accounts (password "${DEMO_PASSWORD}"), sign in at ${url}/sign-in:`,
    `  secretariat administrator: ${DEMO_ADMIN_EMAIL}`,
    `  head of delegation of each member, observer and dialogue partner: head.<ISO code>@concord.test, e.g. ${demoHeadEmail("KZ")}`,
    "  Turn demo accounts off for production with CONCORD_DEMO_ACCOUNTS=off.",
  ].join("\n");
}
