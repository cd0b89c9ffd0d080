// Who the reader is at a meeting and what the page offers them, read from the meeting's `can` (the server's own answer)
// and the reader's delegation. The page offers only what will be allowed; the server decides anyway.
import type { Invitation, Meeting } from "../../../contracts/meetings";

export interface MeetingAbilities {
  /** The reader's delegation's invitation, when it is invited. */
  readonly ownInvitation: Invitation | null;
  /** Invite observers, partners and guests; invite a delegation to take the floor. */
  readonly mayInvite: boolean;
  /** Confirm or decline the delegation's participation and name its head's level. */
  readonly mayRespond: boolean;
  /** Submit the delegation's delegates. */
  readonly mayAccredit: boolean;
  /** Approve or return the delegations' lists (the secretariat). */
  readonly mayApprove: boolean;
  /** Revoke a delegate's badge with a reason, or reissue it (the secretariat). */
  readonly mayRevokeBadges: boolean;
  /** Add, change, remove and adopt agenda items; once the agenda is adopted, only the chair, with a reason. */
  readonly mayEditAgenda: boolean;
  /** Conduct the list of speakers: give the floor, stop the clock, close the list. */
  readonly mayConduct: boolean;
  /** Whether the reader's delegation may ask for the floor, as the server says. */
  readonly mayAskFloor: boolean;
  /**
   * Offer "ask for the floor" at all: to a delegation that may, and to an invited one that may not yet (an observer, a
   * partner or a guest before the chair invites it to speak), which is then told the server's reason.
   */
  readonly offersFloorRequest: boolean;
  /** Record the outcome: adopted documents and attendance. */
  readonly mayRecordOutcome: boolean;
  /** Change the meeting's status and times. */
  readonly mayManage: boolean;
  /** Download the lists of participants. */
  readonly mayExport: boolean;
}

/** The signed-in reader: their delegation (none for the secretariat and the public) and role. */
export interface Reader {
  readonly delegation: string | null;
  readonly role: string;
}

export function meetingAbilities(meeting: Pick<Meeting, "can" | "invitations" | "chair" | "agenda">, reader: Reader): MeetingAbilities {
  const { can } = meeting;
  const { delegation } = reader;
  const ownInvitation = delegation === null ? null : (meeting.invitations.find((invitation) => invitation.party.code === delegation) ?? null);
  const leads = can.manage || can.chair;
  return {
    ownInvitation,
    mayInvite: leads,
    // The head answers for the delegation.
    mayRespond: ownInvitation !== null && reader.role === "head_of_delegation",
    mayAccredit: can.accredit,
    mayApprove: can.approve,
    mayRevokeBadges: can.revokeBadges,
    // The adopted agenda is the meeting's: the delegation presiding changes it, not the secretariat alone.
    mayEditAgenda: meeting.agenda.adoptedAt === null ? leads : leads && delegation !== null && delegation === meeting.chair,
    mayConduct: leads,
    mayAskFloor: can.askFloor,
    // A delegation asks for itself (the secretariat's right to ask on a delegation's behalf is not offered here).
    offersFloorRequest: delegation !== null && (can.askFloor || (ownInvitation !== null && ownInvitation.response !== "declined")),
    mayRecordOutcome: can.manage,
    mayManage: can.manage,
    mayExport: can.manage || can.approve || can.chair,
  };
}

export const MEETING_TABS = ["invitations", "accreditation", "agenda", "speakers", "outcome"] as const;
export type MeetingTab = (typeof MEETING_TABS)[number];

/** The sections the reader sees: accreditation only to those who submit or approve lists, or see a list of their own. */
export function meetingTabs(meeting: Pick<Meeting, "accreditation">, abilities: MeetingAbilities): MeetingTab[] {
  const seesAccreditation = abilities.mayAccredit || abilities.mayApprove || abilities.mayExport || meeting.accreditation.length > 0;
  return MEETING_TABS.filter((tab) => tab !== "accreditation" || seesAccreditation);
}

/** Why a delegation may take the floor at a meeting: its tier's right, the chair's invitation to speak, or not at all. */
export type FloorRight = "by-right" | "invited" | "none";

/** What the server decides on a request for the floor, for the invitations table: the tier's rights come from the organization. */
export function floorRightOf(
  invitation: Pick<Invitation, "basis" | "maySpeak" | "response" | "tier">,
  tiers: readonly { readonly code: string; readonly rights: { readonly speak?: boolean; readonly attendByRight?: boolean } }[],
): FloorRight {
  if (invitation.response === "declined") return "none";
  if (invitation.maySpeak) return "invited";
  const rights = tiers.find((tier) => tier.code === invitation.tier)?.rights;
  return invitation.basis === "by_right" && rights?.speak === true && rights.attendByRight === true ? "by-right" : "none";
}
