// Demo accounts for a first start with the default dataset: a secretariat administrator and a head of delegation per state;
// and the start's banner naming those that still sign in with the demo password.
import { randomUUID } from "node:crypto";
import { and, asc, count, eq, like, or } from "drizzle-orm";
import type { DemoSignIn } from "../../contracts/identity.js";
import { STREAMS } from "../../contracts/live.js";
import { pick } from "../../domain/localized-text.js";
import { statusesOn, timelineOf } from "../../domain/membership.js";
import type { Registry } from "../../domain/registry.js";
import { definePreparedCommand, SYSTEM } from "../platform/commands/runner.js";
import type { Db } from "../platform/db/client.js";
import { DEMO_ADMIN_EMAIL, DEMO_ADMIN_NAME, demoHeadEmail, demoHeadName } from "./demo-names.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import { delegations, users } from "./tables.js";
import { delegationAudience, userAudience } from "./commands.js";
import { userView } from "./queries.js";

export const DEMO_PASSWORD = "concord-demo";
export { DEMO_ADMIN_EMAIL, demoHeadEmail };

/**
 * Creates the demo accounts: on a first start (no users yet), the administrator and a head of delegation for every state
 * holding a standing status today; later, while the demo administrator exists, a head for each such state that has none yet
 * (a state admitted since, or the states of another organization loaded with `import --replace`). Returns whether it
 * created any. Run under the startup lock.
 */
export const createDemoAccountsCommand = definePreparedCommand({
  name: "identity.create-demo-accounts",
  access: () => SYSTEM,
  // One hash for the one shared demo password keeps the first start fast.
  prepare: async (input: { registry: Registry; today: string }) => ({ ...input, passwordHash: await hashPassword(DEMO_PASSWORD) }),
  run: async (c, { registry, today, passwordHash }) => {
    const [existing] = await c.tx.select({ n: count() }).from(users);
    const isFirstStart = Number(existing?.n ?? 0) === 0;
    if (!isFirstStart && !(await hasDemoAccounts(c.tx))) return false;
    const standing = new Set(registry.organization.tiers.filter((t) => t.isStanding).map((t) => t.code));
    const statuses = statusesOn(timelineOf(registry), today);
    const heads = new Set(
      (await c.tx.select({ email: users.email }).from(users).where(like(users.email, demoHeadEmail("%")))).map((row) => row.email),
    );
    const states = registry.states.filter((s) => standing.has(statuses.get(s.code)?.tier ?? "") && !heads.has(demoHeadEmail(s.code)));
    if (!isFirstStart && states.length === 0) return false;
    if (isFirstStart) {
      const [admin] = await c.tx
        .insert(users)
        .values({ id: randomUUID(), email: DEMO_ADMIN_EMAIL, displayName: DEMO_ADMIN_NAME, role: "secretariat_admin", passwordHash, createdAt: c.now })
        .returning();
      c.emit(STREAMS.users, "user.created", { user: userView(admin!) }, userAudience(admin!));
    }
    for (const state of states) {
      const [delegation] = await c.tx.insert(delegations).values({ code: state.code, partyKind: "state", createdAt: c.now }).onConflictDoNothing().returning();
      if (delegation) c.emit(STREAMS.delegations, "delegation.created", { delegation: { code: delegation.code, isActive: delegation.isActive, version: delegation.version } }, delegationAudience(delegation.code));
      const [head] = await c.tx
        .insert(users)
        .values({
          id: randomUUID(),
          email: demoHeadEmail(state.code),
          displayName: demoHeadName(pick(state.names, ["en"])),
          role: "head_of_delegation",
          delegation: state.code,
          passwordHash,
          createdAt: c.now,
        })
        .returning();
      c.emit(STREAMS.users, "user.created", { user: userView(head!) }, userAudience(head!));
    }
    c.audit("identity.demo-accounts-created", null, { users: states.length + (isFirstStart ? 1 : 0), delegations: states.map((s) => s.code) });
    return true;
  },
});

export async function hasDemoAccounts(db: Db): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ADMIN_EMAIL)).limit(1);
  return rows.length > 0;
}

/**
 * Whether a stored hash is the demo password's, per hash: the answer for a hash never changes, and the sign-in page asks on
 * every visit, so argon2 runs once per hash a process meets (a changed password is a new hash). Bounded all the same.
 */
const demoHashes = new Map<string, boolean>();
const DEMO_HASHES_KEPT = 1_000;

async function isDemoHash(hash: string): Promise<boolean> {
  const known = demoHashes.get(hash);
  if (known !== undefined) return known;
  const isDemo = await verifyPassword(hash, DEMO_PASSWORD);
  if (demoHashes.size >= DEMO_HASHES_KEPT) demoHashes.clear();
  demoHashes.set(hash, isDemo);
  return isDemo;
}

/**
 * The emails of the active demo accounts that still sign in with the demo password, the administrator first. The accounts
 * were created sharing one hash, so each distinct hash is verified once: a start stays fast however many there are.
 */
export async function demoAccountsOnDemoPassword(db: Db): Promise<string[]> {
  const rows = await db
    .select({ email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.isActive, true), or(eq(users.email, DEMO_ADMIN_EMAIL), like(users.email, demoHeadEmail("%")))))
    .orderBy(asc(users.email));
  const hashes = [...new Set(rows.flatMap((row) => (row.passwordHash === null ? [] : [row.passwordHash])))];
  const verified = await Promise.all(hashes.map(async (hash) => ((await isDemoHash(hash)) ? hash : null)));
  const onDemoPassword = new Set(verified.filter((hash) => hash !== null));
  const emails = rows.filter((row) => row.passwordHash !== null && onDemoPassword.has(row.passwordHash)).map((row) => row.email);
  return [...emails.filter((email) => email === DEMO_ADMIN_EMAIL), ...emails.filter((email) => email !== DEMO_ADMIN_EMAIL)];
}

/** What the sign-in page says of the demo accounts (`DemoSignInSchema`): nothing when none still has the demo password. */
export function demoSignIn(emails: readonly string[]): DemoSignIn {
  if (emails.length === 0) return { demo: null };
  const heads = emails.filter((email) => email !== DEMO_ADMIN_EMAIL);
  return {
    demo: {
      password: DEMO_PASSWORD,
      administrator: emails.includes(DEMO_ADMIN_EMAIL) ? DEMO_ADMIN_EMAIL : null,
      heads: heads[0] !== undefined ? { pattern: demoHeadEmail("{code}"), example: heads[0] } : null,
    },
  };
}

/** How many emails the banner puts on one line. */
const EMAILS_PER_LINE = 4;

/** The start's banner naming the demo accounts that still have the demo password, and only those; null when there are none. */
export function demoSignInHelp(url: string, emails: readonly string[]): string | null {
  if (emails.length === 0) return null;
  const heads = emails.filter((email) => email !== DEMO_ADMIN_EMAIL);
  const headLines: string[] = [];
  for (let index = 0; index < heads.length; index += EMAILS_PER_LINE) headLines.push(`    ${heads.slice(index, index + EMAILS_PER_LINE).join(", ")}`);
  return [
    `Demo accounts still using the demo password "${DEMO_PASSWORD}", sign in at ${url}/sign-in:`,
    ...(emails.includes(DEMO_ADMIN_EMAIL) ? [`  secretariat administrator: ${DEMO_ADMIN_EMAIL}`] : []),
    ...(heads.length > 0 ? ["  heads of delegation:", ...headLines] : []),
    `  a demonstration negotiation (not a real text of the organization) is under ${url}/negotiation`,
    `  and a demonstration meeting (not a real meeting) under ${url}/meetings`,
    "  Change these passwords, or turn demo accounts off for production with CONCORD_DEMO_ACCOUNTS=off.",
  ].join("\n");
}
