// Who may do what with a meeting: the secretariat runs it; the meeting's chair presides (invitations, the adopted agenda,
// the floor); invited delegations confirm, accredit and ask for the floor; what is public is read by everyone.
import { decide, DELEGATION_ROLES, isSecretariat, ROLES, SECRETARIAT_ROLES, type Actor, type Permission, type Policy } from "../../domain/access.js";
import { readRule } from "../platform/access/read-rule.js";
import { badgePolicy } from "./exports/policy.js";

/** What a decision about a meeting needs to know of it, for the caller's delegation. */
export interface MeetingResource {
  /** The delegation chairing the meeting. */
  readonly chair: string | null;
  readonly visibility: "participants" | "public";
  /** Meetings from the organization's dataset are its public record. */
  readonly isRecord: boolean;
  /** The delegations invited to it. */
  readonly invited: ReadonlySet<string>;
}

const isChair = (actor: Actor, meeting: MeetingResource): boolean => actor.delegation !== null && actor.delegation === meeting.chair;
const isInvited = (actor: Actor, meeting: MeetingResource): boolean => actor.delegation !== null && meeting.invited.has(actor.delegation);

export function maySeeMeeting(actor: Actor, meeting: MeetingResource): boolean {
  return meeting.visibility === "public" || meeting.isRecord || isSecretariat(actor) || isChair(actor, meeting) || isInvited(actor, meeting);
}

const secretariatOrChair = {
  description: "only the secretariat or the meeting's chair may do this",
  check: (actor: Actor, meeting: MeetingResource) => isSecretariat(actor) || isChair(actor, meeting),
};
const invitedDelegation = {
  description: "only a delegation invited to the meeting may do this",
  check: (actor: Actor, meeting: MeetingResource) => isInvited(actor, meeting),
};
const participants = {
  description: "the participants list is for the secretariat, the chair and the invited delegations",
  check: (actor: Actor, meeting: MeetingResource) => isSecretariat(actor) || isChair(actor, meeting) || isInvited(actor, meeting),
};
const chairs = [...SECRETARIAT_ROLES, ...DELEGATION_ROLES];

export const meetingPolicy = {
  create: { right: "meeting.create", description: "Create a meeting of a body", roles: SECRETARIAT_ROLES },
  read: { right: "meeting.read", description: "Read a meeting: schedule, invitations, agenda, list of speakers, outcome", roles: ROLES, scope: { description: "the meeting is not open to the caller", check: maySeeMeeting } },
  manage: { right: "meeting.manage", description: "Change a meeting's status, dates, visibility and outcome", roles: chairs, scope: secretariatOrChair },
  invite: { right: "meeting.invite", description: "Invite an observer, a partner or a guest, and invite a delegation to speak", roles: chairs, scope: secretariatOrChair },
  // Quotas are the secretariat's: a chair that set them could accredit its own delegation without bound.
  quota: { right: "meeting.quota", description: "Set a delegation's quota of delegates (when inviting it, or later)", roles: SECRETARIAT_ROLES },
  respond: { right: "meeting.respond", description: "Confirm or decline the delegation's participation and give its head's level", roles: ["head_of_delegation"], scope: invitedDelegation },
  accredit: { right: "accreditation.submit", description: "Submit the delegation's delegates for accreditation", roles: ["head_of_delegation"], scope: invitedDelegation },
  decide: { right: "accreditation.decide", description: "Approve an accreditation list, or return it with a reason", roles: SECRETARIAT_ROLES },
  participants: { right: "meeting.participants", description: "Read the list of participants and export it", roles: chairs, scope: participants },
  agenda: { right: "agenda.change", description: "Prepare the agenda; once adopted, only the chair changes it, with a reason", roles: chairs, scope: secretariatOrChair },
  askFloor: {
    right: "floor.request",
    description: "Ask for the floor (members by right; others when the chair invites them to speak)",
    roles: [...SECRETARIAT_ROLES, ...DELEGATION_ROLES],
    scope: { description: "only a delegation invited to the meeting asks for the floor", check: (actor: Actor, meeting: MeetingResource) => isSecretariat(actor) || isInvited(actor, meeting) },
  },
  floor: { right: "floor.manage", description: "Give the floor, run the speaking-time clock, close the list", roles: chairs, scope: secretariatOrChair },
} as const satisfies Policy<MeetingResource>;

/** A request for the floor on a meeting's list of speakers: the meeting, and the delegation that asked. */
export interface FloorRequestResource extends MeetingResource {
  readonly requester: string | null;
}

export const floorRequestPolicy = {
  withdraw: {
    right: "floor.withdraw",
    description: "Withdraw a request for the floor: a delegation its own, the secretariat or the meeting's chair any",
    roles: chairs,
    scope: {
      description: "only the delegation that asked, the secretariat or the meeting's chair may withdraw a request for the floor",
      check: (actor: Actor, request: FloorRequestResource) => isSecretariat(actor) || isChair(actor, request) || (actor.delegation !== null && actor.delegation === request.requester),
    },
  },
} as const satisfies Policy<FloorRequestResource>;

/** Who may read a meeting (the API's answer, its calendar file and its live stream, meeting:<id>), and its participants. */
export const meetingReads = readRule(meetingPolicy.read);
export const participantsReads = readRule(meetingPolicy.participants);

/** What the actor may do with the meeting, as its screen shows it (each the decision the command's runner will take). */
export function meetingAbilities(actor: Actor, meeting: MeetingResource) {
  const may = (permission: Permission<MeetingResource>) => decide(permission, actor, meeting).allowed;
  return {
    manage: may(meetingPolicy.manage),
    chair: may(meetingPolicy.floor),
    accredit: may(meetingPolicy.accredit),
    askFloor: may(meetingPolicy.askFloor),
    approve: may(meetingPolicy.decide),
    revokeBadges: decide(badgePolicy.revoke, actor).allowed,
  };
}
