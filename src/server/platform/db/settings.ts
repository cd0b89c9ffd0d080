// Settings an installation keeps in its database, so that every process serving it agrees (the cookie-signing secret).
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { pgTable, text } from "drizzle-orm/pg-core";
import type { Db } from "./client.js";

export const settings = pgTable("settings", {
  key: text().primaryKey(),
  value: text().notNull(),
});

/** The value of a setting, created with `create()` the first time; concurrent first calls agree on one value. */
export async function settingOrCreate(db: Db, key: string, create: () => string): Promise<string> {
  await db.insert(settings).values({ key, value: create() }).onConflictDoNothing();
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  if (!row) throw new Error(`The setting ${key} could not be read back`);
  return row.value;
}

/** The secret that signs cookies and binds CSRF tokens, shared by every process on this database. */
export function cookieSecretOf(db: Db): Promise<string> {
  return settingOrCreate(db, "cookie_secret", () => randomBytes(32).toString("hex"));
}
