// How an audit event reads: its action's label, who acted, a short summary of its payload, what it was about (by name, in the
// reader's language), a shortened hash; and the day filters as instants.
import type { TFunction } from "i18next";
import type { AuditEvent } from "../../../contracts/identity";
import { DOCUMENT_KINDS, STANCES, VISIBILITIES } from "../../../contracts/negotiation";
import type { NamedAccount } from "../../shared/directory/account-name";

/** Actions the server records today, each with a label; any other is shown by its code. */
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
  "revision.issue": "audit.actions.revisionIssued",
  "provision.compromise": "audit.actions.compromiseInserted",
  "provision.mark": "audit.actions.provisionMarked",
  "provision.facilitator": "audit.actions.facilitatorDesignated",
  "provision.translation": "audit.actions.versionUpdated",
  "document.visibility": "audit.actions.readersChanged",
  "silence.start": "audit.actions.silenceStarted",
  "silence.break": "audit.actions.silenceBroken",
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
  "badge.revoke": "audit.actions.badgeRevoked",
  "badge.reissue": "audit.actions.badgeReissued",
  "programme.imported": "audit.actions.programmeImported",
} as const satisfies Record<string, string>;

export function actionLabel(action: string, t: TFunction): string {
  const key = (KNOWN_ACTIONS as Record<string, string>)[action];
  return key ? t(key) : action;
}

/** Names the summary needs that the event itself holds only as codes. */
export interface AuditNames {
  readonly delegation: (code: string | null) => string;
  /** An account as the interface names it (a demo account in the reader's language). */
  readonly account: (account: NamedAccount) => string;
  /** The reader's data language ("zh", "ru", "en"): which of a name's or a title's languages to show. */
  readonly language: string;
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

function rawSummary(payload: Record<string, unknown>): string {
  const text = Object.entries(payload)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join("; ");
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** A line saying what the event changed, in the reader's language where the action is known. */
export function payloadSummary(event: AuditEvent, t: TFunction, names: AuditNames): string {
  const p = event.payload;
  const role = (value: unknown) => (isString(value) ? t(`roles.${value}`) : "");
  switch (event.action) {
    case "user.created":
      return [
        isString(p.displayName) && isString(p.email) ? `${p.displayName} <${p.email}>` : "",
        role(p.role),
        isString(p.delegation) ? names.delegation(p.delegation) : "",
      ]
        .filter(Boolean)
        .join(" · ");
    case "user.updated":
      return [
        isString(p.displayName) ? t("audit.summary.renamed", { name: p.displayName }) : "",
        isString(p.role) ? t("audit.summary.roleChanged", { role: role(p.role) }) : "",
        p.isActive === true ? t("audit.summary.activated") : p.isActive === false ? t("audit.summary.deactivated") : "",
        p.password !== undefined ? t("audit.summary.passwordReset") : "",
      ]
        .filter(Boolean)
        .join(" · ");
    case "session.signed-in":
      return p.method === "single-sign-on" ? t("audit.summary.withSingleSignOn") : t("audit.summary.withPassword");
    case "session.sign-in-failed":
      return isString(p.email) ? t("audit.summary.attemptedEmail", { email: p.email }) : "";
    case "delegation.created":
      return isString(p.code) ? names.delegation(p.code) : "";
    case "delegation.updated":
      return p.isActive === true ? t("audit.summary.activated") : p.isActive === false ? t("audit.summary.deactivated") : "";
    case "identity.demo-accounts-created": {
      const users = typeof p.users === "number" ? p.users : 0;
      const delegations = Array.isArray(p.delegations) ? p.delegations.length : 0;
      return t("audit.summary.demoAccounts", {
        accounts: t("audit.summary.accountCount", { count: users, total: users }),
        delegations: t("audit.summary.delegationCount", { count: delegations, total: delegations }),
      });
    }
    case "registry.imported":
      return isString(p.origin) ? t("audit.summary.registryFrom", { origin: p.origin }) : "";
    case "registry.changed": {
      const changes = Array.isArray(p.changes) ? p.changes.length : 0;
      const reason = isString(p.reason) ? p.reason : "";
      return t("audit.summary.registryChanged", { count: changes, total: changes, reason });
    }
    case "document.create":
      return isString(p.kind) && (DOCUMENT_KINDS as readonly string[]).includes(p.kind) ? t(`negotiation.kinds.${p.kind}`) : "";
    case "proposal.create":
      return isString(p.label) ? p.label : "";
    case "position.take":
      return isString(p.stance) && (STANCES as readonly string[]).includes(p.stance) ? t(`negotiation.proposal.${p.stance}`) : "";
    case "revision.issue":
      return typeof p.revision === "number" ? t("negotiation.revision", { number: p.revision }) : "";
    case "document.visibility":
      return isString(p.visibility) && (VISIBILITIES as readonly string[]).includes(p.visibility) ? t(`negotiation.visibility.${p.visibility}`) : "";
    case "silence.break":
      return isString(p.reason) ? p.reason : "";
    case "document.adopt":
      return isString(p.number) ? p.number : "";
    case "session.signed-out":
    case "user.password-changed":
    case "provision.compromise":
    case "provision.mark":
    case "provision.facilitator":
    case "provision.translation":
    case "silence.start":
    case "statement.create":
    case "note.create":
      // What these changed is in the document itself; their payloads hold only identifiers.
      return "";
    default:
      return rawSummary(p);
  }
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
  }
  if (kind === "user") return t("audit.targetUser", { name: shortId(id) });
  if (kind === "delegation") return t("audit.targetDelegation", { name: names.delegation(id) });
  if (kind === "document") return t("audit.targetDocument", { title: shortId(id) });
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
