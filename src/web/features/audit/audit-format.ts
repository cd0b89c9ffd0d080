// How an audit event reads: its action's label, who acted, a short summary of its payload, what it was about (by name, in the
// reader's language), a shortened hash; and the day filters as instants. Every action the server records (the contract's list)
// has a label and a summary here: the maps below are keyed by that list, so a new action does not compile until it has both.
import type { TFunction } from "i18next";
import { isAuditAction, type AuditAction } from "../../../contracts/audit";
import type { AuditEvent } from "../../../contracts/identity";
import { BADGE_REVOCATION_REASONS, FLOOR_KINDS, INVITATION_BASES, INVITATION_RESPONSES, MEETING_STATUSES, MEETING_VISIBILITIES, RANKS } from "../../../contracts/meetings";
import { DOCUMENT_KINDS, STANCES, VISIBILITIES } from "../../../contracts/negotiation";
import { formatInstant, formatPartialDate, formatPartialDateRange } from "../../i18n/date-format";
import type { NamedAccount } from "../../shared/directory/account-name";

/** Every action the server records, with its label. */
export const KNOWN_ACTIONS = {
  "session.signed-in": "audit.actions.signedIn",
  "session.sign-in-failed": "audit.actions.signInFailed",
  "session.signed-out": "audit.actions.signedOut",
  "user.created": "audit.actions.userCreated",
  "user.updated": "audit.actions.userUpdated",
  "user.password-changed": "audit.actions.passwordChanged",
  "delegation.created": "audit.actions.delegationCreated",
  "delegation.updated": "audit.actions.delegationUpdated",
  "identity.demo-accounts-created": "audit.actions.demoAccountsCreated",
  "registry.imported": "audit.actions.registryImported",
  "registry.changed": "audit.actions.registryChanged",
  "user.sso-linked": "audit.actions.singleSignOnLinked",
  "user.sso-unlinked": "audit.actions.singleSignOnUnlinked",
  "document.create": "audit.actions.documentCreated",
  "proposal.create": "audit.actions.proposalMade",
  "position.take": "audit.actions.positionTaken",
  "proposal.withdraw": "audit.actions.proposalWithdrawn",
  "proposal.cosponsor": "audit.actions.proposalCosponsored",
  "revision.issue": "audit.actions.revisionIssued",
  "provision.compromise": "audit.actions.compromiseInserted",
  "provision.mark": "audit.actions.provisionMarked",
  "provision.facilitator": "audit.actions.facilitatorDesignated",
  "provision.translation": "audit.actions.versionUpdated",
  "document.visibility": "audit.actions.readersChanged",
  "document.rule": "audit.actions.ruleChanged",
  "document.invite": "audit.actions.delegationInvitedToDocument",
  "draft.prepare": "audit.actions.draftPrepared",
  "draft.discard": "audit.actions.draftDiscarded",
  "silence.start": "audit.actions.silenceStarted",
  "silence.break": "audit.actions.silenceBroken",
  "silence.cancel": "audit.actions.silenceCancelled",
  "call.open": "audit.actions.callOpened",
  "call.object": "audit.actions.objectionMade",
  "call.withdraw-objection": "audit.actions.objectionWithdrawn",
  "call.withdraw": "audit.actions.callWithdrawn",
  "document.adopt": "audit.actions.documentAdopted",
  "statement.create": "audit.actions.statementMade",
  "note.create": "audit.actions.noteWritten",
  "meeting.create": "audit.actions.meetingCreated",
  "meeting.update": "audit.actions.meetingUpdated",
  "meeting.invite": "audit.actions.delegationInvited",
  "meeting.invitation": "audit.actions.invitationChanged",
  "meeting.respond": "audit.actions.participationAnswered",
  "accreditation.submit": "audit.actions.accreditationSubmitted",
  "accreditation.edit": "audit.actions.accreditationEdited",
  "accreditation.decide": "audit.actions.accreditationDecided",
  "agenda.add": "audit.actions.agendaItemAdded",
  "agenda.change": "audit.actions.agendaItemChanged",
  "agenda.adopt": "audit.actions.agendaAdopted",
  "floor.request": "audit.actions.floorRequested",
  "floor.manage": "audit.actions.floorManaged",
  "meeting.outcome": "audit.actions.outcomeRecorded",
  "meeting.demo-remove": "audit.actions.demoMeetingRemoved",
  "badge.revoke": "audit.actions.badgeRevoked",
  "badge.reissue": "audit.actions.badgeReissued",
  "programme.imported": "audit.actions.programmeImported",
} as const satisfies Record<AuditAction, string>;

/** An action's label; one the server no longer records (an old event) by its code. */
export function actionLabel(action: string, t: TFunction): string {
  return isAuditAction(action) ? t(KNOWN_ACTIONS[action]) : action;
}

/** Names the summary needs that the event itself holds only as codes, and how the reader writes dates. */
export interface AuditNames {
  readonly delegation: (code: string | null) => string;
  /** An account as the interface names it (a demo account in the reader's language). */
  readonly account: (account: NamedAccount) => string;
  /** The reader's data language ("zh", "ru", "en"): which of a name's or a title's languages to show. */
  readonly language: string;
  /** The interface's language ("zh-CN", "ru", "en"), for dates and numbers. */
  readonly locale: string;
  /** The reader's time zone (IANA), which instants are shown in, with its name. */
  readonly timeZone: string;
}

/** Who acted: their name, else their id shortened; nobody signed in for a sign-in, the system for the rest. */
export function actorLabel(event: AuditEvent, t: TFunction, names: AuditNames): string {
  if (event.actorName !== null) return names.account({ displayName: event.actorName, demoAccount: event.actorDemoAccount, delegation: event.actorDelegation });
  if (event.actorUserId) return shortId(event.actorUserId);
  return event.action.startsWith("session.") ? t("audit.notSignedIn") : t("audit.system");
}

/** A text in the reader's language, else in `fallback` (a document's base language), else in any it has. */
function inLanguage(values: Readonly<Record<string, string>>, names: AuditNames, fallback?: string): string {
  return values[names.language] ?? (fallback !== undefined ? values[fallback] : undefined) ?? Object.values(values)[0] ?? "";
}

const isString = (value: unknown): value is string => typeof value === "string";
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const isTextRecord = (value: unknown): value is Record<string, string> =>
  typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every(isString) && Object.keys(value).length > 0;
const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => isString(value) && (values as readonly string[]).includes(value);
const parts = (...items: (string | false | null | undefined)[]) => items.filter((item): item is string => typeof item === "string" && item !== "").join(" · ");

function rawSummary(payload: Record<string, unknown>): string {
  const text = Object.entries(payload)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join("; ");
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** What one summary needs: the payload, the reader's words, and how to name parties, instants and counts. */
interface Reading {
  readonly p: Record<string, unknown>;
  readonly t: TFunction;
  readonly names: AuditNames;
  /** A state or organization by its code: the registry's name the server sent, else the directory's, else the code. */
  readonly party: (value: unknown) => string;
  /** An instant in the reader's zone, to the minute, with the zone's name. */
  readonly instant: (value: unknown) => string;
  /** A counted phrase: `key` with its plural forms, the number written the reader's way. */
  readonly counted: (key: string, value: unknown) => string;
  /** An agenda item: its title as recorded (in the reader's language), else "an agenda item" (never its identifier). */
  readonly item: () => string;
  /** "On" that agenda item, for the list of speakers. */
  readonly onItem: () => string;
}

function reading(event: AuditEvent, t: TFunction, names: AuditNames): Reading {
  const p = event.payload;
  const numbers = new Intl.NumberFormat(names.locale);
  return {
    p,
    t,
    names,
    party: (value) => {
      if (!isString(value)) return "";
      const registered = event.parties[value];
      return registered ? inLanguage(registered, names) : names.delegation(value);
    },
    instant: (value) => (isString(value) && !Number.isNaN(Date.parse(value)) ? formatInstant(value, names.locale, names.timeZone, "minute") : ""),
    counted: (key, value) => (isNumber(value) ? t(key, { count: value, total: numbers.format(value) }) : ""),
    item: () => (isTextRecord(p.title) ? t("audit.summary.itemTitled", { title: inLanguage(p.title, names) }) : t("audit.summary.anItem")),
    onItem: () =>
      isTextRecord(p.title) ? t("audit.summary.onItem", { title: t("audit.summary.itemTitled", { title: inLanguage(p.title, names) }) }) : t("audit.summary.onAnItem"),
  };
}

const role = (r: Reading, value: unknown) => (isString(value) ? r.t(`roles.${value}`) : "");
const activation = (r: Reading) => (r.p.isActive === true ? r.t("audit.summary.activated") : r.p.isActive === false ? r.t("audit.summary.deactivated") : "");
const reason = (r: Reading) => (isString(r.p.reason) && r.p.reason.trim() !== "" ? r.t("audit.summary.reason", { reason: r.p.reason }) : "");
const speaking = (r: Reading) => (r.p.maySpeak === true ? r.t("audit.summary.maySpeak") : r.p.maySpeak === false ? r.t("audit.summary.mayNotSpeak") : "");
const FLOOR_ACTIONS = ["give", "end", "pause", "resume", "withdraw", "close", "reopen"] as const;
const LIST_STATES = ["draft", "submitted", "approved", "returned"] as const;

/**
 * What each action's summary says, from its payload (as `src/server` records it). Identifiers (of lists, agenda items,
 * proposals, notes) are left out: the target names the document or meeting, and the rest is in the full record.
 */
const SUMMARIES: Record<AuditAction, (r: Reading) => string> = {
  "session.signed-in": ({ p, t }) => (p.method === "single-sign-on" ? t("audit.summary.withSingleSignOn") : t("audit.summary.withPassword")),
  "session.sign-in-failed": ({ p, t }) => (isString(p.email) ? t("audit.summary.attemptedEmail", { email: p.email }) : ""),
  "session.signed-out": () => "",
  "user.created": (r) => parts(isString(r.p.displayName) && isString(r.p.email) ? `${r.p.displayName} <${r.p.email}>` : "", role(r, r.p.role), r.party(r.p.delegation)),
  "user.updated": (r) =>
    parts(
      isString(r.p.displayName) && r.t("audit.summary.renamed", { name: r.p.displayName }),
      isString(r.p.role) && r.t("audit.summary.roleChanged", { role: role(r, r.p.role) }),
      activation(r),
      r.p.password !== undefined && r.t("audit.summary.passwordReset"),
    ),
  "user.password-changed": () => "",
  "user.sso-linked": ({ p, t }) => (isString(p.issuer) ? t("audit.summary.withIssuer", { issuer: p.issuer }) : ""),
  "user.sso-unlinked": ({ p, t }) => (isString(p.issuer) ? t("audit.summary.withIssuer", { issuer: p.issuer }) : ""),
  "delegation.created": (r) => r.party(r.p.code),
  "delegation.updated": activation,
  "identity.demo-accounts-created": (r) =>
    r.t("audit.summary.demoAccounts", {
      accounts: r.counted("audit.summary.accountCount", isNumber(r.p.users) ? r.p.users : 0),
      delegations: r.counted("audit.summary.delegationCount", Array.isArray(r.p.delegations) ? r.p.delegations.length : 0),
    }),
  "registry.imported": ({ p, t }) => (isString(p.origin) ? t("audit.summary.registryFrom", { origin: p.origin }) : ""),
  "registry.changed": ({ p, t, names }) => {
    const changes = Array.isArray(p.changes) ? p.changes.length : 0;
    return t("audit.summary.registryChanged", { count: changes, total: new Intl.NumberFormat(names.locale).format(changes), reason: isString(p.reason) ? p.reason : "" });
  },
  // Negotiation: what these changed is in the document itself.
  "document.create": ({ p, t }) => (isOneOf(DOCUMENT_KINDS, p.kind) ? t(`negotiation.kinds.${p.kind}`) : ""),
  "proposal.create": ({ p }) => (isString(p.label) ? p.label : ""),
  "position.take": ({ p, t }) => (isOneOf(STANCES, p.stance) ? t(`negotiation.proposal.${p.stance}`) : ""),
  // The proposal is named by its identifier only: the label says what was done, the document which.
  "proposal.withdraw": () => "",
  "proposal.cosponsor": () => "",
  "revision.issue": ({ p, t }) => (isNumber(p.revision) ? t("negotiation.revision", { number: p.revision }) : ""),
  "provision.compromise": () => "",
  "provision.mark": () => "",
  "provision.facilitator": () => "",
  "provision.translation": () => "",
  "document.visibility": ({ p, t }) => (isOneOf(VISIBILITIES, p.visibility) ? t(`negotiation.visibility.${p.visibility}`) : ""),
  // The rule's and subject's codes are the organization's data, which the trail does not read: the reason says what changed.
  "document.rule": reason,
  "document.invite": (r) => parts(r.party(r.p.party), r.p.ended === true && r.t("audit.summary.invitationEnded")),
  // A draft is the secretariat's work for the chair: what it drafted is in the draft itself.
  "draft.prepare": () => "",
  "draft.discard": () => "",
  "silence.start": (r) => (isString(r.p.deadline) ? r.t("audit.summary.silenceUntil", { deadline: r.instant(r.p.deadline) }) : ""),
  "silence.break": ({ p }) => (isString(p.reason) ? p.reason : ""),
  "silence.cancel": reason,
  "call.open": ({ p, t }) => (isNumber(p.revision) ? t("negotiation.revision", { number: p.revision }) : ""),
  "call.object": (r) => parts(r.party(r.p.delegation), reason(r)),
  "call.withdraw-objection": (r) => r.party(r.p.delegation),
  "call.withdraw": reason,
  "document.adopt": ({ p, t }) => parts(isString(p.number) && p.number, isNumber(p.revision) && t("negotiation.revision", { number: p.revision })),
  "statement.create": () => "",
  "note.create": () => "",
  // Meetings: the target names the meeting.
  "meeting.create": (r) =>
    parts(isString(r.p.start) && r.t("audit.summary.opens", { start: r.instant(r.p.start) }), isString(r.p.timeZone) && r.t("audit.summary.venueZone", { zone: r.p.timeZone })),
  "meeting.update": (r) =>
    parts(
      isOneOf(MEETING_STATUSES, r.p.status) && r.t("audit.summary.status", { status: r.t(`meetings.status.${r.p.status}`) }),
      isString(r.p.start) && r.t("audit.summary.starts", { start: r.instant(r.p.start) }),
      isString(r.p.end) && r.t("audit.summary.ends", { end: r.instant(r.p.end) }),
      isString(r.p.timeZone) && r.t("audit.summary.venueZone", { zone: r.p.timeZone }),
      isOneOf(MEETING_VISIBILITIES, r.p.visibility) && r.t("audit.summary.meetingReaders", { readers: r.t(`meetings.visibility.${r.p.visibility}`) }),
    ),
  "meeting.invite": (r) => parts(r.party(r.p.party), isOneOf(INVITATION_BASES, r.p.basis) && r.t(`meetings.basis.${r.p.basis}`), r.p.maySpeak === true && r.t("audit.summary.maySpeak")),
  "meeting.invitation": (r) => parts(r.party(r.p.party), speaking(r), r.counted("audit.summary.quota", r.p.quota)),
  "meeting.respond": (r) =>
    parts(isOneOf(INVITATION_RESPONSES, r.p.response) && r.t(`meetings.response.${r.p.response}`), isOneOf(RANKS, r.p.headLevel) && r.t("audit.summary.headLevel", { rank: r.t(`meetings.rank.${r.p.headLevel}`) })),
  "accreditation.submit": (r) => parts(r.counted("audit.summary.delegateCount", r.p.delegates), isOneOf(LIST_STATES, r.p.state) && r.t(`meetings.listState.${r.p.state}`)),
  "accreditation.edit": (r) => parts(r.counted("audit.summary.delegateCount", r.p.delegates), isOneOf(LIST_STATES, r.p.state) && r.t(`meetings.listState.${r.p.state}`)),
  "accreditation.decide": (r) =>
    parts(r.p.decision === "approve" ? r.t("audit.summary.listApproved", { delegation: r.party(r.p.delegation) }) : r.t("audit.summary.listReturned", { delegation: r.party(r.p.delegation) }), reason(r)),
  "agenda.add": (r) => parts(r.item(), reason(r)),
  "agenda.change": (r) => parts(r.item(), r.p.change === "removed" ? r.t("audit.summary.itemRemoved") : r.t("audit.summary.itemChanged"), reason(r)),
  "agenda.adopt": (r) => r.counted("audit.summary.itemCount", r.p.items),
  "floor.request": (r) =>
    parts(isOneOf(FLOOR_KINDS, r.p.kind) ? r.t("audit.summary.asksFloor", { delegation: r.party(r.p.delegation), kind: r.t(`meetings.floorKind.${r.p.kind}`) }) : r.party(r.p.delegation), r.onItem()),
  "floor.manage": (r) => {
    if (!isOneOf(FLOOR_ACTIONS, r.p.action)) return r.onItem();
    const what = r.p.action === "give" && isString(r.p.delegation) ? r.t("audit.summary.floor.giveTo", { delegation: r.party(r.p.delegation) }) : r.t(`audit.summary.floor.${r.p.action}`);
    return parts(what, r.onItem());
  },
  "meeting.outcome": (r) => parts(r.counted("audit.summary.documentCount", r.p.documents), r.counted("audit.summary.attendanceCount", r.p.attendance)),
  "badge.revoke": (r) => parts(r.party(r.p.delegation), isOneOf(BADGE_REVOCATION_REASONS, r.p.reason) && r.t(`meetings.badges.reasons.${r.p.reason}`)),
  "badge.reissue": (r) => r.party(r.p.delegation),
  "meeting.demo-remove": (r) => parts(isString(r.p.start) && r.t("audit.summary.opens", { start: r.instant(r.p.start) }), isString(r.p.end) && r.t("audit.summary.ends", { end: r.instant(r.p.end) })),
  // Programme: the target names the chairmanship term.
  "programme.imported": (r) =>
    parts(isString(r.p.file) && r.p.file, r.counted("audit.summary.eventCount", r.p.events), isNumber(r.p.replaced) && r.p.replaced > 0 && r.counted("audit.summary.replacedCount", r.p.replaced)),
};
/** A line saying what the event changed, in the reader's language; an action the server no longer records shows its payload as recorded. */
export function payloadSummary(event: AuditEvent, t: TFunction, names: AuditNames): string {
  return isAuditAction(event.action) ? SUMMARIES[event.action](reading(event, t, names)) : rawSummary(event.payload);
}

/**
 * What the event was about, by what it is called now in the reader's language: an account, a delegation, the organization,
 * a document's title. A target the server could not name (removed since) shows by its id, shortened; an unknown kind as recorded.
 */
export function targetLabel(event: Pick<AuditEvent, "target" | "targetName">, t: TFunction, names: AuditNames): string {
  const { target, targetName } = event;
  if (target === null) return "";
  const [kind, id = ""] = target.split(/:(.*)/s);
  switch (targetName?.kind) {
    case "user":
      return t("audit.targetUser", { name: names.account(targetName) });
    case "party":
      return kind === "delegation" ? t("audit.targetDelegation", { name: inLanguage(targetName.names, names) }) : inLanguage(targetName.names, names);
    case "document":
      return t("audit.targetDocument", { title: inLanguage(targetName.title, names, targetName.baseLanguage) });
    case "meeting":
      return t("audit.targetMeeting", { title: inLanguage(targetName.title, names) });
    case "term": {
      const state = inLanguage(targetName.names, names);
      return targetName.end === null
        ? t("audit.targetTermSince", { state, start: formatPartialDate(targetName.start, names.locale, "afterPreposition") })
        : t("audit.targetTerm", { state, period: formatPartialDateRange(targetName.start, targetName.end, names.locale) });
    }
  }
  if (kind === "user") return t("audit.targetUser", { name: shortId(id) });
  if (kind === "delegation") return t("audit.targetDelegation", { name: names.delegation(id) });
  if (kind === "document") return t("audit.targetDocument", { title: shortId(id) });
  // A meeting or term no longer recorded has nothing left to name it by but its identifier, which says nothing to a reader.
  if (kind === "meeting") return t("audit.targetMeetingGone");
  if (kind === "chairmanship") return t("audit.targetTermGone");
  return target;
}

export function shortId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}

export function shortHash(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash;
}

/**
 * A calendar day picked in the reader's time zone as the instants that bound it: from the start of the
 * first day to the last millisecond of the last. The server compares instants, so the zone travels with them.
 */
export function dayStart(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).toISOString();
}

export function dayEnd(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  return new Date(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1).getTime() - 1).toISOString();
}
