// What an API problem says to the reader, in their language: one message per stable problem code, one per field-error code, a label per right.
import type { TFunction } from "i18next";
import { PASSWORD_MIN_LENGTH } from "../../../contracts/identity";
import { PROBLEM_CODES, type FieldErrorCode, type ProblemCode } from "../../../contracts/problems";
import type { Right } from "../access/access-rules";
import type { FieldMessage } from "../forms/contract-form";
import { ApiProblem } from "./fetch-json";

/** Every right the interface knows (and a 403 may name), each with a label; an unknown right is shown by its code. */
export const RIGHT_KEYS: Readonly<Record<Right, string>> = {
  "user.list": "access.rights.userList",
  "user.create": "access.rights.userCreate",
  "user.update": "access.rights.userUpdate",
  "user.unlink-sso": "access.rights.userUnlinkSso",
  "session.change-password": "access.rights.changePassword",
  "delegation.list": "access.rights.delegationList",
  "delegation.read": "access.rights.delegationRead",
  "delegation.create": "access.rights.delegationCreate",
  "delegation.update": "access.rights.delegationUpdate",
  "audit.list": "access.rights.auditList",
  "audit.verify": "access.rights.auditVerify",
  "registry.export": "access.rights.registryExport",
  "registry.change": "access.rights.registryChange",
  "programme.import": "access.rights.programmeImport",
  "document.create": "access.rights.documentCreate",
  "document.read": "access.rights.documentRead",
  "proposal.create": "access.rights.proposalCreate",
  "position.support": "access.rights.positionSupport",
  "position.oppose": "access.rights.positionOppose",
  "position.comment": "access.rights.positionComment",
  "position.comment-invited": "access.rights.positionCommentInvited",
  "position.retract": "access.rights.positionRetract",
  "proposal.withdraw": "access.rights.proposalWithdraw",
  "proposal.cosponsor": "access.rights.proposalCosponsor",
  "revision.issue": "access.rights.revisionIssue",
  "provision.compromise": "access.rights.provisionCompromise",
  "provision.mark": "access.rights.provisionMark",
  "provision.facilitator": "access.rights.provisionFacilitator",
  "provision.translate": "access.rights.provisionTranslate",
  "document.visibility": "access.rights.documentVisibility",
  "document.rule": "access.rights.documentRule",
  "document.invite": "access.rights.documentInvite",
  "silence.start": "access.rights.silenceStart",
  "silence.break": "access.rights.silenceBreak",
  "silence.cancel": "access.rights.silenceCancel",
  "call.open": "access.rights.callOpen",
  "call.object": "access.rights.callObject",
  "call.withdraw-objection": "access.rights.callWithdrawObjection",
  "call.withdraw": "access.rights.callWithdraw",
  "statement.create": "access.rights.statementCreate",
  "document.adopt": "access.rights.documentAdopt",
  "note.read": "access.rights.noteRead",
  "note.create": "access.rights.noteCreate",
  "meeting.create": "access.rights.meetingCreate",
  "meeting.read": "access.rights.meetingRead",
  "meeting.manage": "access.rights.meetingManage",
  "meeting.invite": "access.rights.meetingInvite",
  "meeting.quota": "access.rights.meetingQuota",
  "meeting.respond": "access.rights.meetingRespond",
  "meeting.participants": "access.rights.meetingParticipants",
  "accreditation.submit": "access.rights.accreditationSubmit",
  "accreditation.decide": "access.rights.accreditationDecide",
  "agenda.change": "access.rights.agendaChange",
  "floor.request": "access.rights.floorRequest",
  "floor.manage": "access.rights.floorManage",
  "badge.print": "access.rights.badgePrint",
  "badge.revoke": "access.rights.badgeRevoke",
};

export const problemKey = (code: ProblemCode): string => `problems.codes.${code}`;
export const fieldErrorKey = (code: FieldErrorCode): string => `problems.field.${code}`;

const isProblemCode = (code: string | null): code is ProblemCode => code !== null && (PROBLEM_CODES as readonly string[]).includes(code);

/** "user.create" → "Create user accounts (user.create)"; the code stays visible so support can match it to the policy. */
export function rightLabel(right: string, t: TFunction): string {
  const key = (RIGHT_KEYS as Readonly<Record<string, string>>)[right];
  return key ? t("access.rightWithCode", { label: t(key), right }) : right;
}

export function problemMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiProblem) || !isProblemCode(error.code)) return t("problems.generic");
  const code = error.code;
  if (code === "sign-in-paused") return t(problemKey(code), { seconds: error.retryAfterSeconds ?? 1 });
  const right = error.problem?.right;
  if (code === "forbidden" && right) return t("problems.forbiddenRight", { right: rightLabel(right, t) });
  return t(problemKey(code));
}

/** Field errors whose message says the bound broken, when it is known: a count of characters (plural forms), or a number. */
const CHARACTER_LIMIT_KEYS: Partial<Record<FieldErrorCode, string>> = {
  "too-long": "problems.limit.tooLong",
  "too-short": "problems.limit.tooShort",
  "password-too-short": "problems.limit.tooShort",
};
const NUMBER_LIMIT_KEYS: Partial<Record<FieldErrorCode, string>> = {
  "too-small": "problems.limit.tooSmall",
  "too-large": "problems.limit.tooLarge",
};

/** A message under a field, by its field-error code and bound (or the form's own key), never by the server's English text. */
export function fieldMessage(message: FieldMessage, t: TFunction): string {
  if ("key" in message) return t(message.key);
  const limit = message.limit ?? (message.code === "password-too-short" ? PASSWORD_MIN_LENGTH : undefined);
  const characters = CHARACTER_LIMIT_KEYS[message.code];
  if (limit !== undefined && characters) return t(characters, { count: limit });
  const number = NUMBER_LIMIT_KEYS[message.code];
  if (limit !== undefined && number) return t(number, { limit });
  return t(fieldErrorKey(message.code));
}
