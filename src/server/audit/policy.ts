// Who may read the audit trail.
import { isSecretariat, type Actor, type Policy } from "../../domain/access.js";
import { readRule } from "../platform/access/read-rule.js";

export interface AuditResource {
  readonly delegation: string | null;
}

export const auditPolicy = {
  list: {
    right: "audit.list",
    description: "Browse the audit trail (a delegation: the events of its own actions)",
    roles: ["secretariat_admin", "secretariat_officer", "head_of_delegation", "delegate"],
    scope: {
      description: "a delegation sees only the events of its own actions",
      check: (actor: Actor, event: AuditResource) => isSecretariat(actor) || (event.delegation !== null && event.delegation === actor.delegation),
    },
  },
  verify: {
    right: "audit.verify",
    description: "Verify the audit trail's hash chain",
    roles: ["secretariat_admin", "secretariat_officer"],
  },
} as const satisfies Policy<AuditResource>;

/** Reading the audit trail, and verifying its chain. */
export const auditReads = readRule(auditPolicy.list);
export const auditVerification = readRule(auditPolicy.verify);
