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
  /** Non-member delegations the chair invited to see the draft and comment. */
  readonly invited?: readonly string[];
  /** For an action on one proposal: the delegation that made it. */
  readonly proposer?: string;
}

const isInvited = (actor: Actor, document: DocumentResource): boolean => actor.delegation !== null && (document.invited ?? []).includes(actor.delegation);

/** Drafts reach the secretariat and delegations whose tier may see drafts; the chair may open them wider. */
export function maySeeDocument(actor: Actor, document: DocumentResource): boolean {
  if (document.visibility === "public" || isSecretariat(actor)) return true;
  if (actor.delegation === null) return false;
  if (actor.rights?.seeDrafts === true || actor.delegation === document.chair || isInvited(actor, document)) return true;
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
  retract: { right: "position.retract", description: "Take back the delegation's support or opposition", roles: delegations, scope: visible },
  withdrawProposal: {
    right: "proposal.withdraw",
    description: "Withdraw the delegation's own proposal",
    roles: delegations,
    scope: {
      description: "only the delegation that made a proposal may withdraw it",
      check: (actor: Actor, document: DocumentResource) => maySeeDocument(actor, document) && actor.delegation !== null && actor.delegation === document.proposer,
    },
  },
  cosponsor: delegationRight("proposal.cosponsor", "Join another delegation's proposal as a co-sponsor", "propose"),
  commentInvited: {
    right: "position.comment-invited",
    description: "Comment on a proposal as a non-member delegation the chair invited (shown as such; never blocks)",
    roles: delegations,
    scope: { description: "only a delegation the chair invited to comment on this document", check: isInvited },
  },
  invite: chairRight("document.invite", "Invite a non-member delegation to see the draft and comment, or end the invitation"),
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
  changeRule: chairRight("document.rule", "Record that the document is a decision of another kind (so under another of the organization's rules), with the reason"),
  startSilence: chairRight("silence.start", "Start a silence procedure on the issued revision"),
  cancelSilence: chairRight("silence.cancel", "Cancel a silence procedure, with the reason"),
  breakSilence: delegationRight("silence.break", "Break silence (an objection)", "object"),
  openCall: chairRight("call.open", "Call for objections on the issued revision, in the room"),
  withdrawCall: chairRight("call.withdraw", "Withdraw a call for objections, with the reason"),
  object: delegationRight("call.object", "Object in a call for objections, with the reason", "object"),
  withdrawObjection: delegationRight("call.withdraw-objection", "Withdraw one's own objection in a call", "object"),
  statement: delegationRight("statement.create", "Make a statement of position", "circulateStatements"),
  adopt: chairRight("document.adopt", "Adopt the document: close the call for objections when no objection that counts stands"),
  prepareDraft: {
    right: "draft.prepare",
    description: "Prepare a draft revision or compromise text for the chair (a drafting officer of the secretariat)",
    roles: SECRETARIAT_ROLES,
    scope: visible,
  },
  readDrafts: {
    right: "draft.read",
    description: "Read the secretariat's drafts for the chair",
    roles: [...SECRETARIAT_ROLES, ...delegations],
    scope: { description: "the secretariat's drafts are for the chair", check: (actor: Actor, document: DocumentResource) => isSecretariat(actor) || isChair(actor, document) },
  },
  discardDraft: {
    right: "draft.discard",
    description: "Set aside a draft of the secretariat",
    roles: [...SECRETARIAT_ROLES, ...delegations],
    scope: { description: "the secretariat or the chair sets a draft aside", check: (actor: Actor, document: DocumentResource) => isSecretariat(actor) || isChair(actor, document) },
  },
  readNotes: { right: "note.read", description: "Read the delegation's private notes on a document", roles: delegations, scope: visible },
  writeNote: { right: "note.create", description: "Write a private note for the delegation", roles: delegations, scope: visible },
} as const satisfies Policy<DocumentResource>;

/** Who may read a document (the API's answer and its live stream, document:<id>), and a delegation's notes on it. */
export const documentReads = readRule(negotiationPolicy.read);
export const noteReads = readRule(negotiationPolicy.readNotes);
export const draftReads = readRule(negotiationPolicy.readDrafts);
