// Who may print a delegate's badge: the secretariat, and the delegation the delegate belongs to (its head prints its
// delegates' badges); who revokes and reissues one: the secretariat alone. Verifying a badge needs no right at all: a
// guard at a door scans it.
import { DELEGATION_ROLES, isSecretariat, SECRETARIAT_ROLES, type Actor, type Policy } from "../../../domain/access.js";
import { readRule } from "../../platform/access/read-rule.js";

export interface BadgeResource {
  /** The delegation whose delegate the badge names. */
  readonly delegation: string;
}

export const badgePolicy = {
  print: {
    right: "badge.print",
    description: "Print a delegate's badge (PDF with the QR code of its verification page)",
    roles: [...SECRETARIAT_ROLES, ...DELEGATION_ROLES],
    scope: {
      description: "a delegation prints only its own delegates' badges",
      check: (actor: Actor, badge: BadgeResource) => isSecretariat(actor) || (actor.delegation !== null && actor.delegation === badge.delegation),
    },
  },
  revoke: {
    right: "badge.revoke",
    description: "Revoke a delegate's badge with a reason (shown when it is scanned), or reissue it with a new token",
    roles: SECRETARIAT_ROLES,
  },
} as const satisfies Policy<BadgeResource>;

/** Printing a badge. */
export const badgePrinting = readRule(badgePolicy.print);
