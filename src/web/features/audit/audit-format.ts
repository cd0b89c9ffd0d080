// How an audit event reads: its action's label, a short summary of its payload, its target, a shortened hash; and the day filters as instants.
import type { TFunction } from "i18next";
import type { AuditEvent } from "../../../contracts/identity";

/** Actions the server records today, each with a label; any other is shown by its code. */
export const KNOWN_ACTIONS = {
  "session.signed-in": "audit.actions.signedIn",
  "session.sign-in-failed": "audit.actions.signInFailed",
  "session.signed-out": "audit.actions.signedOut",
  "user.created": "audit.actions.userCreated",
  "user.updated": "audit.actions.userUpdated",
  "user.password-changed": "audit.actions.passwordChanged",
  "delegation.created": "audit.actions.delegationCreated",
  "delegation.updated": "audit.actions.delegationUpdated",
  "identity.demo-accounts-created": "audit.actions.demoAccountsCreated",
  "registry.imported": "audit.actions.registryImported",
  "user.sso-linked": "audit.actions.singleSignOnLinked",
  "user.sso-unlinked": "audit.actions.singleSignOnUnlinked",
} as const satisfies Record<string, string>;

export function actionLabel(action: string, t: TFunction): string {
  const key = (KNOWN_ACTIONS as Record<string, string>)[action];
  return key ? t(key) : action;
}

/** Names the summary needs that the event itself holds only as codes. */
export interface AuditNames {
  readonly delegation: (code: string | null) => string;
  readonly user: (id: string) => string | null;
}

const isString = (value: unknown): value is string => typeof value === "string";

function rawSummary(payload: Record<string, unknown>): string {
  const text = Object.entries(payload)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join("; ");
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** A line saying what the event changed, in the reader's language where the action is known. */
export function payloadSummary(event: AuditEvent, t: TFunction, names: AuditNames): string {
  const p = event.payload;
  const role = (value: unknown) => (isString(value) ? t(`roles.${value}`) : "");
  switch (event.action) {
    case "user.created":
      return [
        isString(p.displayName) && isString(p.email) ? `${p.displayName} <${p.email}>` : "",
        role(p.role),
        isString(p.delegation) ? names.delegation(p.delegation) : "",
      ]
        .filter(Boolean)
        .join(" · ");
    case "user.updated":
      return [
        isString(p.displayName) ? t("audit.summary.renamed", { name: p.displayName }) : "",
        isString(p.role) ? t("audit.summary.roleChanged", { role: role(p.role) }) : "",
        p.isActive === true ? t("audit.summary.activated") : p.isActive === false ? t("audit.summary.deactivated") : "",
        p.password !== undefined ? t("audit.summary.passwordReset") : "",
      ]
        .filter(Boolean)
        .join(" · ");
    case "session.signed-in":
      return p.method === "single-sign-on" ? t("audit.summary.withSingleSignOn") : t("audit.summary.withPassword");
    case "session.sign-in-failed":
      return isString(p.email) ? t("audit.summary.attemptedEmail", { email: p.email }) : "";
    case "delegation.created":
      return isString(p.code) ? names.delegation(p.code) : "";
    case "delegation.updated":
      return p.isActive === true ? t("audit.summary.activated") : p.isActive === false ? t("audit.summary.deactivated") : "";
    case "identity.demo-accounts-created": {
      const users = typeof p.users === "number" ? p.users : 0;
      const delegations = Array.isArray(p.delegations) ? p.delegations.length : 0;
      return t("audit.summary.demoAccounts", {
        accounts: t("audit.summary.accountCount", { count: users, total: users }),
        delegations: t("audit.summary.delegationCount", { count: delegations, total: delegations }),
      });
    }
    case "registry.imported":
      return isString(p.origin) ? t("audit.summary.registryFrom", { origin: p.origin }) : "";
    case "session.signed-out":
    case "user.password-changed":
      return "";
    default:
      return rawSummary(p);
  }
}

/** "user:<id>" and "delegation:<code>" as names where known; anything else as recorded. */
export function targetLabel(target: string | null, t: TFunction, names: AuditNames): string {
  if (target === null) return "";
  const [kind, id = ""] = target.split(/:(.*)/s);
  if (kind === "user") return t("audit.targetUser", { name: names.user(id) ?? shortId(id) });
  if (kind === "delegation") return t("audit.targetDelegation", { name: names.delegation(id) });
  return target;
}

export function shortId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}

export function shortHash(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash;
}

/**
 * A calendar day picked in the reader's time zone as the instants that bound it: from the start of the
 * first day to the last millisecond of the last. The server compares instants, so the zone travels with them.
 */
export function dayStart(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).toISOString();
}

export function dayEnd(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  return new Date(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1).getTime() - 1).toISOString();
}
