// Who may change a chairmanship's programme: the secretariat, and the delegation holding the chairmanship (for its own term).
import { DELEGATION_ROLES, isSecretariat, SECRETARIAT_ROLES, type Actor, type Policy } from "../../domain/access.js";

/** What a decision about a term's programme needs to know: the state holding that term. */
export interface TermResource {
  readonly holder: string;
}

export const programmePolicy = {
  import: {
    right: "programme.import",
    description: "Import a chairmanship's programme of events from a spreadsheet (CSV or XLSX), replacing the events imported before",
    roles: [...SECRETARIAT_ROLES, ...DELEGATION_ROLES],
    chairOnly: true,
    scope: {
      description: "a delegation imports only the programme of the term it holds",
      check: (actor: Actor, term: TermResource) => isSecretariat(actor) || (actor.delegation !== null && actor.delegation === term.holder),
    },
  },
} as const satisfies Policy<TermResource>;
