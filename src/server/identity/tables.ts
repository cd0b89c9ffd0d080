// Identity's tables: delegations, users, server-side sessions, sign-in throttling.
import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** A delegation of a state or an international organization, named by that party's code. */
export const delegations = pgTable("delegations", {
  code: text().primaryKey(),
  partyKind: text().notNull(),
  isActive: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  version: integer().notNull().default(1),
});

export const users = pgTable(
  "users",
  {
    id: text().primaryKey(),
    email: text().notNull(),
    displayName: text().notNull(),
    role: text().notNull(),
    delegation: text().references(() => delegations.code),
    passwordHash: text(),
    oidcIssuer: text(),
    oidcSubject: text(),
    isActive: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    passwordChangedAt: timestamp({ withTimezone: true }),
    /** Grows with every change, so a change made against an older version is refused (409 stale-version). */
    version: integer().notNull().default(1),
  },
  (t) => [uniqueIndex("users_email").on(t.email), uniqueIndex("users_oidc").on(t.oidcIssuer, t.oidcSubject)],
);

/** A signed-in session; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    address: text(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** Sign-in attempts counted against a key ("account-address:<email> <ip>" or "address:<ip>"); see identity/throttle-store.ts. */
export const signInThrottle = pgTable("sign_in_throttle", {
  key: text().primaryKey(),
  failures: integer().notNull(),
  lastFailureAt: bigint({ mode: "number" }).notNull(),
});
