// Who may do what in a negotiation: the tier rights of the organization's rights matrix, the chair of the document's
// body (or a provision's facilitator), and who may read a draft.
import { DELEGATION_ROLES, isSecretariat, ROLES, SECRETARIAT_ROLES, type Actor, type Permission, type Policy } from "../../domain/access.js";
import { readRule } from "../platform/access/read-rule.js";

export type Visibility = "members" | "participants" | "public";

/** What a decision about a document needs to know of it. */
export interface DocumentResource {
  /** The delegation chairing the document's body on the day. */
  readonly chair: string | null;
  readonly visibility: Visibility;
  /** For an action on one provision: the facilitator the chair designated for it. */
  readonly facilitator?: string | null;
}

/** Drafts reach the secretariat and delegations whose tier may see drafts; the chair may open them wider. */
export function maySeeDocument(actor: Actor, document: DocumentResource): boolean {
  if (document.visibility === "public" || isSecretariat(actor)) return true;
  if (actor.delegation === null) return false;
  if (actor.rights?.seeDrafts === true || actor.delegation === document.chair) return true;
  return document.visibility === "participants" && actor.tier !== null;
}

const isChair = (actor: Actor, document: DocumentResource): boolean => actor.delegation !== null && actor.delegation === document.chair;

const visible = { description: "the document is not open to the delegation", check: maySeeDocument };
const chairOfBody = {
  description: "only the delegation chairing the document's body may do this",
  check: (actor: Actor, document: DocumentResource) => maySeeDocument(actor, document) && isChair(actor, document),
};
const chairOrFacilitator = {
  description: "only the chair, or the facilitator the chair designated for this provision, may do this",
  check: (actor: Actor, document: DocumentResource) =>
    isChair(actor, document) || (actor.delegation !== null && document.facilitator !== undefined && document.facilitator === actor.delegation),
};

const delegations = DELEGATION_ROLES;

function delegationRight(right: string, description: string, tierRight: Permission<DocumentResource>["tierRight"]): Permission<DocumentResource> {
  return { right, description, roles: delegations, tierRight, scope: visible };
}

function chairRight(right: string, description: string): Permission<DocumentResource> {
  return { right, description, roles: delegations, tierRight: "chair", scope: chairOfBody };
}

export const negotiationPolicy = {
  create: {
    right: "document.create",
    description: "Open a negotiation: a document with its zero draft (Rev.0)",
    roles: [...SECRETARIAT_ROLES, ...delegations],
    scope: {
      description: "a delegation opens documents only as the chair of the body",
      check: (actor: Actor, document: DocumentResource) => isSecretariat(actor) || isChair(actor, document),
    },
  },
  read: { right: "document.read", description: "Read a document, its revisions and diffs", roles: ROLES, scope: visible },
  propose: delegationRight("proposal.create", "Propose a change to the text", "propose"),
  support: delegationRight("position.support", "Support a proposal", "propose"),
  oppose: delegationRight("position.oppose", "Oppose a proposal", "object"),
  comment: delegationRight("position.comment", "Comment on a proposal", "speak"),
  issueRevision: chairRight("revision.issue", "Issue the next revision of the rolling text"),
  compromise: {
    right: "provision.compromise",
    description: "Insert compromise text in a provision",
    roles: delegations,
    scope: chairOrFacilitator,
  },
  mark: { right: "provision.mark", description: "Mark a provision agreed ad ref or agreed", roles: delegations, scope: chairOrFacilitator },
  facilitator: chairRight("provision.facilitator", "Designate a facilitator for a provision"),
  translate: {
    right: "provision.translate",
    description: "Update a language version of a provision",
    roles: [...SECRETARIAT_ROLES, ...delegations],
    scope: {
      description: "language versions are updated by the secretariat or the chair",
      check: (actor: Actor, document: DocumentResource) => isSecretariat(actor) || isChair(actor, document),
    },
  },
  visibility: chairRight("document.visibility", "Open a draft to observers and partners, or to the public"),
  startSilence: chairRight("silence.start", "Start a silence procedure"),
  breakSilence: delegationRight("silence.break", "Break silence (an objection)", "object"),
  statement: delegationRight("statement.create", "Make a statement of position", "circulateStatements"),
  adopt: chairRight("document.adopt", "Adopt the document"),
  readNotes: { right: "note.read", description: "Read the delegation's private notes on a document", roles: delegations, scope: visible },
  writeNote: { right: "note.create", description: "Write a private note for the delegation", roles: delegations, scope: visible },
} as const satisfies Policy<DocumentResource>;

/** Who may read a document (the API's answer and its live stream, document:<id>), and a delegation's notes on it. */
export const documentReads = readRule(negotiationPolicy.read);
export const noteReads = readRule(negotiationPolicy.readNotes);
