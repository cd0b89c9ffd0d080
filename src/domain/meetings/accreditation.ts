// Accreditation to a meeting: a delegation's head submits lists of delegates within the delegation's quota, the
// secretariat approves each list or returns it with a reason, and a badge is valid while its list stands approved.
import { codesOf, refusalClass, type RefusalCatalogue } from "../errors.js";
import type { LocalizedText } from "../localized-text.js";
import { MeetingError, parseInstant, type MeetingStatus } from "./meeting.js";

export const RANKS = ["head_of_state_or_government", "minister", "ambassador", "adviser", "interpreter", "security", "press"] as const;
export type Rank = (typeof RANKS)[number];

export interface Delegate {
  /** The name in each language given ("zh", "ru", "en"…), as the person's passport and the host's protocol write it. */
  readonly name: LocalizedText;
  readonly function: LocalizedText;
  readonly rank: Rank;
}

/** draft (being written) → submitted → approved, or returned with a reason (then edited and submitted again). */
export const ACCREDITATION_STATES = ["draft", "submitted", "approved", "returned"] as const;
export type AccreditationState = (typeof ACCREDITATION_STATES)[number];

/** One list of delegates a delegation submits for one meeting; a delegation may add lists until its quota is used. */
export interface AccreditationList {
  readonly id: string;
  readonly delegation: string;
  readonly state: AccreditationState;
  readonly delegates: readonly Delegate[];
  /** Why the secretariat returned it; null unless returned. */
  readonly returnReason: string | null;
}

/**
 * A list as the meeting's counts see it: whose, in what state, and how many delegates — not who they are. The checks of
 * a change read every list of the meeting; reading their names too made each change to a meeting of thousands of
 * delegates cost the whole meeting's names, on the one thread that answers every request.
 */
export interface ListPlaces {
  readonly id: string;
  readonly delegation: string;
  readonly state: AccreditationState;
  /** How many delegates the list holds. */
  readonly size: number;
}

export function placesOf(list: Pick<AccreditationList, "id" | "delegation" | "state" | "delegates">): ListPlaces {
  return { id: list.id, delegation: list.delegation, state: list.state, size: list.delegates.length };
}

/** What the checks need to know about the meeting: who is invited with what quota, and every list it has so far. */
export interface MeetingAccreditation {
  readonly status: MeetingStatus;
  /** Invited delegation → how many delegates it may have accredited. */
  readonly quotas: ReadonlyMap<string, number>;
  /** Every list of the meeting, of every delegation (the one being decided may be among them), as counted. */
  readonly lists: readonly ListPlaces[];
}

/**
 * The most delegates one meeting may have accredited or awaiting approval, whatever the quotas: what the participants list,
 * its files and the duplicate check are sized for (a summit with every delegation's security and press is a few thousand).
 */
export const MAX_MEETING_DELEGATES = 10_000;

const ACCREDITATION_REFUSALS = {
  "not-invited": { kind: "forbidden", title: "The delegation is not invited" },
  "quota-exceeded": { kind: "conflict", title: "Beyond the delegation's quota" },
  "meeting-full": { kind: "conflict", title: "Beyond the meeting's number of delegates" },
  "already-accredited": { kind: "conflict", title: "Already accredited" },
  "reason-required": { kind: "invalid", title: "A reason is required" },
  "empty-list": { kind: "invalid", title: "The list is empty" },
  "meeting-closed": { kind: "conflict", title: "Accreditation is closed" },
  "invalid-state": { kind: "conflict", title: "Not in the state this needs" },
} as const satisfies RefusalCatalogue<string>;
export type AccreditationErrorCode = keyof typeof ACCREDITATION_REFUSALS;
export const ACCREDITATION_ERROR_CODES = codesOf<AccreditationErrorCode>(ACCREDITATION_REFUSALS);

export const AccreditationError = refusalClass<AccreditationErrorCode>("AccreditationError", ACCREDITATION_REFUSALS);
export type AccreditationError = InstanceType<typeof AccreditationError>;

/**
 * A name as compared for duplicates: NFC, case-folded (upper then lower, so "ß" meets "SS" and "ς" meets "Σ"), every run of
 * white space (no-break and ideographic spaces included) one space, no space at either end.
 */
export function normalizedName(name: string): string {
  return name.normalize("NFC").toUpperCase().toLowerCase().normalize("NFC").replace(/\s+/gu, " ").trim();
}

/** Every normalized spelling of a delegate's name, whatever the language: two delegates sharing one are the same person. */
function nameKeys(delegate: Pick<Delegate, "name">): Set<string> {
  return new Set(Object.values(delegate.name).map(normalizedName).filter((n) => n !== ""));
}

/** Whether the two are the same person: one of the names of one is, normalized, one of the names of the other. */
export function isSamePerson(a: Delegate, b: Delegate): boolean {
  const keys = nameKeys(a);
  return [...nameKeys(b)].some((key) => keys.has(key));
}

/** A delegate of the list being decided (`index`) who is already there: earlier on the same list (`list` null), or on another list. */
export interface NameConflict {
  readonly index: number;
  readonly delegation: string;
  readonly list: string | null;
}

/** What a duplicate check found, and how much it did (names normalized and looked up), which grows with the names, not their pairs. */
export interface DuplicateCheck {
  readonly conflicts: readonly NameConflict[];
  readonly work: number;
}

/** A list whose names a check compares against. */
export type NamedList = Pick<AccreditationList, "id" | "delegation"> & { readonly delegates: readonly Pick<Delegate, "name">[] };

/**
 * The delegates of a list who are already accredited: each against the ones before it on the list and against `others`
 * (the lists holding their names), by an index of the list's normalized names that every name of the others is looked up
 * in once. Linear in the names of the list and of the others; pairwise comparison made 17 lists of 500 take minutes.
 */
export function findDuplicates(delegation: string, delegates: readonly Pick<Delegate, "name">[], others: readonly NamedList[]): DuplicateCheck {
  let work = 0;
  /** Normalized name → the first delegate of the list who has it. */
  const index = new Map<string, number>();
  const found = new Map<number, NameConflict>();
  delegates.forEach((delegate, position) => {
    for (const key of nameKeys(delegate)) {
      work += 1;
      const earlier = index.get(key);
      if (earlier === undefined) index.set(key, position);
      else if (earlier !== position && !found.has(position)) found.set(position, { index: position, delegation, list: null });
    }
  });
  for (const other of others) {
    for (const delegate of other.delegates) {
      for (const key of nameKeys(delegate)) {
        work += 1;
        const position = index.get(key);
        // The first list in order that holds the name is the one named (as a person would read down the lists).
        if (position !== undefined && !found.has(position)) found.set(position, { index: position, delegation: other.delegation, list: other.id });
      }
    }
  }
  return { conflicts: [...found.values()].sort((a, b) => a.index - b.index), work };
}

/**
 * A check made outside the meeting's lock, brought up to date under it: its conflicts with lists that have not changed
 * since stand (and those earlier on the same list, which has not changed either); the lists new or changed since are
 * checked again, and only they, so the cost under the lock is that of what changed in between.
 */
export function recheckDuplicates(
  earlier: readonly NameConflict[],
  delegation: string,
  delegates: readonly Pick<Delegate, "name">[],
  unchanged: ReadonlySet<string>,
  changed: readonly NamedList[],
): DuplicateCheck {
  const kept = earlier.filter((c) => c.list === null || unchanged.has(c.list));
  // Nothing changed: the earlier check stands whole (its conflicts within the list included), and no name is read again.
  if (changed.length === 0) return { conflicts: kept, work: 0 };
  const again = findDuplicates(delegation, delegates, changed);
  const byIndex = new Map<number, NameConflict>();
  for (const conflict of [...kept, ...again.conflicts]) if (!byIndex.has(conflict.index)) byIndex.set(conflict.index, conflict);
  return { conflicts: [...byIndex.values()].sort((a, b) => a.index - b.index), work: again.work };
}

/** The lists other than `list` whose delegates hold their names (and places) while in one of `states`. */
export function holdingLists(meeting: MeetingAccreditation, list: Pick<AccreditationList, "id">, states: readonly AccreditationState[]): ListPlaces[] {
  return meeting.lists.filter((l) => l.id !== list.id && states.includes(l.state));
}

/** The states in which a list's delegates hold their names against a list being submitted, or approved. */
export const HOLDING_ON_SUBMIT: readonly AccreditationState[] = ["approved", "submitted"];
export const HOLDING_ON_APPROVAL: readonly AccreditationState[] = ["approved"];

/** A list the delegation starts; only an invited delegation may start one. */
export function draftList(meeting: MeetingAccreditation, id: string, delegation: string, delegates: readonly Delegate[] = []): AccreditationList {
  requireOpen(meeting);
  requireInvited(meeting, delegation);
  return { id, delegation, state: "draft", delegates, returnReason: null };
}

/** Replaces the delegates of a draft or returned list; a returned list goes back to draft, its reason kept until resubmitted. */
export function editList(list: AccreditationList, delegates: readonly Delegate[]): AccreditationList {
  requireState(list, ["draft", "returned"], "edited");
  return { ...list, state: "draft", delegates };
}

/**
 * The delegation's head submits a draft (or returned) list: invited, within the quota and the meeting's bound, and nobody
 * accredited twice. `duplicates` is the check of the list's names against the lists holding theirs (findDuplicates, made
 * in a worker and brought up to date under the meeting's lock: see recheckDuplicates).
 */
export function submitList(meeting: MeetingAccreditation, list: AccreditationList, duplicates: readonly NameConflict[]): AccreditationList {
  requireState(list, ["draft", "returned"], "submitted");
  requireOpen(meeting);
  requireInvited(meeting, list.delegation);
  if (list.delegates.length === 0) throw new AccreditationError("empty-list", "A list needs at least one delegate.", "delegates");
  // Submitted lists hold their places too, so the secretariat can approve everything pending without exceeding the quota.
  requireWithinQuota(meeting, list, HOLDING_ON_SUBMIT);
  requireWithinMeeting(meeting, list);
  requireNobodyTwice(duplicates);
  return { ...list, state: "submitted", returnReason: null };
}

/** The secretariat approves a submitted list; the quota and duplicates are checked again against what is approved now. */
export function approveList(meeting: MeetingAccreditation, list: AccreditationList, duplicates: readonly NameConflict[]): AccreditationList {
  requireState(list, ["submitted"], "approved");
  requireOpen(meeting);
  requireInvited(meeting, list.delegation);
  requireWithinQuota(meeting, list, HOLDING_ON_APPROVAL);
  requireNobodyTwice(duplicates);
  return { ...list, state: "approved" };
}

/** The secretariat returns a submitted list to the delegation, always saying why. */
export function returnList(list: AccreditationList, reason: string): AccreditationList {
  requireState(list, ["submitted"], "returned");
  const trimmed = reason.trim();
  if (trimmed === "") throw new AccreditationError("reason-required", "Say why the list is returned.", "reason");
  return { ...list, state: "returned", returnReason: trimmed };
}

/** Delegates of `delegation` in lists in any of `states`, leaving out the list `except`. */
export function countDelegates(meeting: MeetingAccreditation, delegation: string, states: readonly AccreditationState[], except?: string): number {
  return meeting.lists
    .filter((l) => l.delegation === delegation && l.id !== except && states.includes(l.state))
    .reduce((sum, l) => sum + l.size, 0);
}

function requireState(list: AccreditationList, allowed: readonly AccreditationState[], becoming: string): void {
  if (!allowed.includes(list.state)) {
    throw new AccreditationError("invalid-state", `A ${list.state} list cannot be ${becoming}.`, "state", { state: list.state, allowed });
  }
}

function requireOpen(meeting: MeetingAccreditation): void {
  if (meeting.status === "held" || meeting.status === "cancelled") {
    throw new AccreditationError("meeting-closed", `The meeting is ${meeting.status}: accreditation is closed.`, undefined, { status: meeting.status });
  }
}

function requireInvited(meeting: MeetingAccreditation, delegation: string): void {
  if (!meeting.quotas.has(delegation)) {
    throw new AccreditationError("not-invited", "The delegation is not invited to this meeting.", "delegation", { delegation });
  }
}

function requireWithinQuota(meeting: MeetingAccreditation, list: AccreditationList, holding: readonly AccreditationState[]): void {
  const quota = meeting.quotas.get(list.delegation) ?? 0;
  const held = countDelegates(meeting, list.delegation, holding, list.id);
  if (held + list.delegates.length > quota) {
    throw new AccreditationError(
      "quota-exceeded",
      `The delegation may accredit ${quota} delegates; ${held} are already ${holding.join(" or ")}, so ${list.delegates.length} more would exceed it.`,
      "delegates",
      { quota, held, requested: list.delegates.length, available: Math.max(0, quota - held) },
    );
  }
}

function requireWithinMeeting(meeting: MeetingAccreditation, list: AccreditationList): void {
  const held = meeting.lists.filter((l) => l.id !== list.id && HOLDING_ON_SUBMIT.includes(l.state)).reduce((sum, l) => sum + l.size, 0);
  if (held + list.delegates.length > MAX_MEETING_DELEGATES) {
    throw new AccreditationError(
      "meeting-full",
      `A meeting has at most ${MAX_MEETING_DELEGATES} delegates accredited or awaiting approval; ${held} are, so ${list.delegates.length} more would exceed it.`,
      "delegates",
      { limit: MAX_MEETING_DELEGATES, held, requested: list.delegates.length, available: Math.max(0, MAX_MEETING_DELEGATES - held) },
    );
  }
}

function requireNobodyTwice(found: readonly NameConflict[]): void {
  const first = found[0];
  if (first) {
    throw new AccreditationError(
      "already-accredited",
      "A delegate on this list is already accredited to the meeting (the same name, ignoring case and spacing).",
      `delegates.${first.index}.name`,
      { conflicts: found.map(({ index, delegation }) => ({ index, delegation })) },
    );
  }
}

// ---- A badge's verification page

/**
 * Why the secretariat revoked a badge, as a code the verification page says in the reader's language: a badge lost or
 * stolen, a delegate no longer coming, a badge misused, or replaced by a new one (reissued).
 */
export const BADGE_REVOCATION_REASONS = ["lost", "stolen", "no-longer-attending", "misuse", "reissued"] as const;
export type BadgeRevocationReason = (typeof BADGE_REVOCATION_REASONS)[number];

export type BadgeValidity =
  | { readonly isValid: true; readonly validUntil: string }
  | { readonly isValid: false; readonly reason: "revoked" | "not-approved" | "meeting-cancelled" | "expired"; readonly validUntil: string };

/**
 * Whether a badge of `list` is valid at `at`: the list approved, the meeting not cancelled, and `at` before the meeting's
 * end plus `graceMs` (delegates leave the venue after the closing). A postponed meeting's badges follow its new end.
 */
export function badgeValidity(
  list: Pick<AccreditationList, "state">,
  meeting: { readonly status: MeetingStatus; readonly end: string },
  at: string | Date,
  graceMs: number,
  isRevoked = false,
): BadgeValidity {
  const end = parseInstant(meeting.end);
  const now = parseInstant(at);
  if (!end) throw new MeetingError("invalid-instant", "The meeting's end must be an instant with an offset or Z.", "end");
  if (!now) throw new MeetingError("invalid-instant", "The instant must have an offset or Z.", "at");
  const until = end.getTime() + graceMs;
  const validUntil = new Date(until).toISOString();
  // A revoked badge says so first: a guard reads why it does not open the door.
  if (isRevoked) return { isValid: false, reason: "revoked", validUntil };
  if (list.state !== "approved") return { isValid: false, reason: "not-approved", validUntil };
  if (meeting.status === "cancelled") return { isValid: false, reason: "meeting-cancelled", validUntil };
  if (!(now.getTime() < until)) return { isValid: false, reason: "expired", validUntil };
  return { isValid: true, validUntil };
}

export function isBadgeValid(
  list: Pick<AccreditationList, "state">,
  meeting: { readonly status: MeetingStatus; readonly end: string },
  at: string | Date,
  graceMs: number,
): boolean {
  return badgeValidity(list, meeting, at, graceMs).isValid;
}
