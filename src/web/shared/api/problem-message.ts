// What an API problem says to the reader, in their language: one message per stable problem code, per-field messages for invalid requests.
import type { TFunction } from "i18next";
import type { Right } from "../access/access-rules";
import { ApiProblem } from "./fetch-json";

/** Problem codes with a message of their own; anything else gets the generic one. */
const CODE_KEYS: Readonly<Record<string, string>> = {
  "sign-in-failed": "problems.signInFailed",
  "sign-in-paused": "problems.signInPaused",
  "invalid-request": "problems.invalidRequest",
  "email-taken": "problems.emailTaken",
  forbidden: "problems.forbidden",
  unauthenticated: "problems.unauthenticated",
  csrf: "problems.csrf",
  "not-found": "problems.notFound",
  "own-account": "problems.ownAccount",
  "wrong-password": "problems.wrongPassword",
  "delegation-exists": "problems.delegationExists",
};

/** Every right the interface knows (and a 403 may name), each with a label; an unknown right is shown by its code. */
export const RIGHT_KEYS: Readonly<Record<Right, string>> = {
  "user.list": "access.rights.userList",
  "user.create": "access.rights.userCreate",
  "user.update": "access.rights.userUpdate",
  "user.unlink-sso": "access.rights.userUnlinkSso",
  "session.change-password": "access.rights.changePassword",
  "delegation.list": "access.rights.delegationList",
  "delegation.read": "access.rights.delegationRead",
  "delegation.create": "access.rights.delegationCreate",
  "delegation.update": "access.rights.delegationUpdate",
  "audit.list": "access.rights.auditList",
  "audit.verify": "access.rights.auditVerify",
  "registry.export": "access.rights.registryExport",
};

/** The server's per-field messages (English, stable) and what each means to the reader. */
const FIELD_MESSAGE_KEYS: Readonly<Record<string, string>> = {
  required: "problems.field.required",
  "must be an email address": "problems.field.email",
  "at least 10 characters": "problems.field.passwordTooShort",
  "already in use": "problems.field.emailTaken",
  "required for this role": "problems.field.delegationRequired",
  "must be empty for a secretariat role": "problems.field.delegationNotAllowed",
  "unknown or inactive delegation": "problems.field.delegationInactive",
  "not right": "problems.field.wrongPassword",
  "not in the registry": "problems.field.notInRegistry",
};

/** "user.create" → "Create user accounts (user.create)"; the code stays visible so support can match it to the policy. */
export function rightLabel(right: string, t: TFunction): string {
  const key = (RIGHT_KEYS as Readonly<Record<string, string>>)[right];
  return key ? t("access.rightWithCode", { label: t(key), right }) : right;
}

export function problemMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiProblem)) return t("problems.generic");
  const code = error.code;
  const key = code ? CODE_KEYS[code] : undefined;
  if (!key) return t("problems.generic");
  if (code === "sign-in-paused") return t(key, { seconds: error.retryAfterSeconds ?? 1 });
  if (code === "forbidden") {
    const right = error.problem?.right;
    return right ? t("problems.forbiddenRight", { right: rightLabel(right, t) }) : t(key);
  }
  return t(key);
}

/**
 * Per-field messages of an invalid request, by the field's last name ("body.email" → "email"), translated.
 * Problems that are not about fields (or fields the form does not show) are left to `problemMessage`.
 */
export function fieldErrors(error: unknown, t: TFunction): Readonly<Record<string, string>> {
  if (!(error instanceof ApiProblem)) return {};
  const out: Record<string, string> = {};
  for (const { field, message } of error.problem?.errors ?? []) {
    const name = field.split(".").at(-1) ?? field;
    if (name === "" || name === "body" || name in out) continue;
    out[name] = t(FIELD_MESSAGE_KEYS[message] ?? "problems.field.invalid");
  }
  return out;
}
