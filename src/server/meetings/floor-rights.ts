// Who may ask for the floor: a delegation whose tier is invited by right and may speak, or one the chair invited to speak.
import type { InvitationRow, MeetingFacts } from "./store.js";

export function mayAskFloor(invitation: Pick<InvitationRow, "party" | "basis" | "maySpeak" | "response">, facts: MeetingFacts, day: string): boolean {
  if (invitation.response === "declined") return false;
  if (invitation.maySpeak) return true;
  if (invitation.basis !== "by_right") return false;
  const rights = facts.statusOf(invitation.party, day)?.rights;
  return rights?.attendByRight === true && rights.speak === true;
}
