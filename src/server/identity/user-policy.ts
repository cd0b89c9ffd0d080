// Who may see and manage user accounts.
import { isSecretariat, type Actor, type Policy, type Role } from "../../domain/access.js";
import { readRule } from "../platform/access/read-rule.js";

export interface UserResource {
  readonly delegation: string | null;
  readonly role: Role;
}

const ownDelegatesOnly = {
  description: "a head of delegation manages only the delegates of their own delegation",
  check: (actor: Actor, user: UserResource) => isSecretariat(actor) || (user.delegation === actor.delegation && user.role === "delegate"),
};

export const userPolicy = {
  list: {
    right: "user.list",
    description: "See user accounts (a head of delegation: those of their own delegation)",
    roles: ["secretariat_admin", "secretariat_officer", "head_of_delegation"],
    scope: {
      description: "a head of delegation sees only their own delegation's users",
      check: (actor: Actor, user: UserResource) => isSecretariat(actor) || user.delegation === actor.delegation,
    },
  },
  create: {
    right: "user.create",
    description: "Create a user account (a head of delegation: a delegate of their own delegation)",
    roles: ["secretariat_admin", "head_of_delegation"],
    scope: ownDelegatesOnly,
  },
  update: {
    right: "user.update",
    description: "Change a user's name, role, password or deactivate them (a head of delegation: their own delegates)",
    roles: ["secretariat_admin", "head_of_delegation"],
    scope: ownDelegatesOnly,
  },
  unlinkSingleSignOn: {
    right: "user.unlink-sso",
    description: "Remove the link between an account and its single sign-on identity (so another can be linked)",
    roles: ["secretariat_admin"],
  },
  changeOwnPassword: {
    right: "session.change-password",
    description: "Change one's own password",
    roles: ["secretariat_admin", "secretariat_officer", "head_of_delegation", "delegate"],
  },
} as const satisfies Policy<UserResource>;

/** Who may see an account: the users list, and what a refusal may show of an account. */
export const userReads = readRule(userPolicy.list);

/** Whether the actor may know that this account exists (what a refusal may show of it). */
export function maySeeUser(actor: Actor, user: { delegation: string | null; role: string }): boolean {
  return userReads.admits(actor, { delegation: user.delegation, role: user.role as Role });
}


