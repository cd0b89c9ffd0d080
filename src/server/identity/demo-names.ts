// The demo accounts' addresses and the names they are created with, and recognizing an account that still has its demo name:
// the interface then names it in the reader's language instead of showing the English name stored.
import type { DemoAccount } from "../../contracts/identity.js";

export const DEMO_ADMIN_EMAIL = "admin@concord.test";
export const demoHeadEmail = (code: string): string => `head.${code.toLowerCase()}@concord.test`;

export const DEMO_ADMIN_NAME = "Secretariat administrator (demo)";
export const demoHeadName = (stateNameInEnglish: string): string => `Head of delegation, ${stateNameInEnglish} (demo)`;
const DEMO_HEAD_NAME = /^Head of delegation, .+ \(demo\)$/s;

/** Which demo account this is, while it keeps the name it was created with; null once someone typed it another name, and for everyone else. */
export function demoAccountOf(account: { readonly email: string; readonly displayName: string; readonly delegation: string | null }): DemoAccount | null {
  if (account.delegation === null) return account.email === DEMO_ADMIN_EMAIL && account.displayName === DEMO_ADMIN_NAME ? "secretariat-administrator" : null;
  return account.email === demoHeadEmail(account.delegation) && DEMO_HEAD_NAME.test(account.displayName) ? "head-of-delegation" : null;
}
