// Whether a badge is valid now, as its verification page says: the badge's list still approved, the meeting not cancelled,
// and the meeting not over (a few hours' grace after its end, while delegates leave the venue).
import type { BadgeVerification } from "../../../contracts/meetings.js";
import { badgeValidity, type AccreditationState, type BadgeRevocationReason, type Delegate } from "../../../domain/meetings/accreditation.js";
import type { MeetingStatus } from "../../../domain/meetings/meeting.js";
import type { LocalizedText } from "../../../domain/localized-text.js";
import { parsePartialDate } from "../../../domain/partial-date.js";

/** How long after the meeting's end a badge still opens the door. */
export const BADGE_GRACE_MS = 6 * 60 * 60 * 1000;

/**
 * The instant the meeting ends: its end when known to the instant; otherwise the end of its last day (month, year) wherever
 * that day ends last on Earth (UTC−12), so a badge is never refused while the meeting's last day lasts at the venue.
 */
export function closingInstant(meeting: { readonly end: Date | null; readonly endDate: string }): string {
  if (meeting.end) return meeting.end.toISOString();
  const date = parsePartialDate(meeting.endDate);
  if (!date) return new Date(0).toISOString();
  const next =
    date.precision === "day"
      ? Date.UTC(date.year, date.month! - 1, date.day! + 1)
      : date.precision === "month"
        ? Date.UTC(date.year, date.month!, 1)
        : Date.UTC(date.year + 1, 0, 1);
  return new Date(next + 12 * 60 * 60 * 1000).toISOString();
}

export interface VerificationInput {
  readonly meeting: {
    readonly id: string;
    readonly title: LocalizedText;
    readonly start: Date | null;
    readonly end: Date | null;
    readonly timeZone: string | null;
    readonly startDate: string;
    readonly endDate: string;
    readonly status: string;
    readonly isDemo: boolean;
  };
  readonly list: { readonly state: AccreditationState | string; readonly delegation: string; readonly delegates: readonly Delegate[] };
  readonly delegateIndex: number;
  /** When and why the secretariat revoked this badge; null while it stands. */
  readonly revocation: { readonly reason: BadgeRevocationReason; readonly at: Date } | null;
  readonly delegationNames: LocalizedText | null;
  readonly at: Date;
}

export function verification(input: VerificationInput): BadgeVerification {
  const { meeting, list, at } = input;
  const delegate = list.delegates[input.delegateIndex];
  // A list edited after its badges were issued no longer has the delegate the token named: that badge is not approved.
  const state = delegate ? list.state : "draft";
  const validity = badgeValidity(
    { state: state as AccreditationState },
    { status: meeting.status as MeetingStatus, end: closingInstant(meeting) },
    at,
    BADGE_GRACE_MS,
    input.revocation !== null,
  );
  return {
    isValid: validity.isValid,
    reason: validity.isValid ? null : validity.reason,
    validUntil: validity.validUntil,
    meeting: {
      id: meeting.id,
      title: { ...meeting.title },
      start: meeting.start ? meeting.start.toISOString() : null,
      end: meeting.end ? meeting.end.toISOString() : null,
      timeZone: meeting.timeZone,
      startDate: meeting.startDate,
      endDate: meeting.endDate,
      isDemo: meeting.isDemo,
    },
    delegation: { code: list.delegation, names: { ...(input.delegationNames ?? {}) } },
    revocation: input.revocation ? { reason: input.revocation.reason, at: input.revocation.at.toISOString() } : null,
    delegate: delegate ? { name: { ...delegate.name }, function: { ...delegate.function }, rank: delegate.rank } : null,
    checkedAt: at.toISOString(),
  };
}
