// RFC 9457 problem details: the stable problem codes and field-error codes every API error uses, shared by the server and the web.
import { z } from "zod";
import { NEGOTIATION_ERROR_CODES } from "../domain/negotiation/errors.js";
import { MEETING_ERROR_CODES } from "../domain/meetings/meeting.js";
import { ACCREDITATION_ERROR_CODES } from "../domain/meetings/accreditation.js";
import { SPEAKERS_ERROR_CODES } from "../domain/meetings/speakers.js";
import { AGENDA_ERROR_CODES } from "../domain/meetings/agenda.js";
import { PROGRAMME_ERROR_CODES, SPREADSHEET_ERROR_CODES } from "../domain/programme/errors.js";

/** Every `code` a problem may carry. The web has one message per code in each language (a test checks it). */
export const PROBLEM_CODES = [
  "invalid-request",
  "not-found",
  "unauthenticated",
  "forbidden",
  "csrf",
  "sign-in-failed",
  "sign-in-paused",
  "email-taken",
  "delegation-exists",
  "own-account",
  "wrong-password",
  "stale-version",
  "conflict",
  "no-registry",
  "payload-too-large",
  "unsupported-media-type",
  "bad-request",
  "too-many-requests",
  "internal",
  // Costly work (the work pool): the caller has too many jobs (429), the server too many (503), a job over its time (503) or
  // memory (422) budget.
  "too-many-jobs",
  "server-busy",
  "work-timeout",
  "work-too-large",
  // Negotiation: refused input (400) or a document not in the state the action needs (409).
  ...NEGOTIATION_ERROR_CODES,
  // Meetings: a schedule, an accreditation, the agenda or the list of speakers refused (400), or not in the state needed (409).
  ...MEETING_ERROR_CODES,
  ...ACCREDITATION_ERROR_CODES,
  ...SPEAKERS_ERROR_CODES,
  ...AGENDA_ERROR_CODES,
  // A badge revoked: not printed, not revoked again.
  "badge-revoked",
  // The chair's programme: a spreadsheet refused.
  ...PROGRAMME_ERROR_CODES,
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/**
 * Every `code` a field error may carry: what is wrong with one field, independent of the language.
 * The English `message` beside it is for people reading the API; the web translates the code.
 */
export const FIELD_ERROR_CODES = [
  /** Missing or empty. */
  "required",
  "too-short",
  "too-long",
  "too-small",
  "too-large",
  "email",
  /** Not in the expected form (a code, a date, an identifier). */
  "format",
  /** Not one of the allowed values. */
  "choice",
  "type",
  "unknown-field",
  /** Text holding control characters (U+0000–U+001F, U+007F–U+009F; line breaks where only one line is allowed). */
  "control-characters",
  /** Text holding bidirectional controls, which can make text read differently on screen (U+202E…). */
  "bidi-controls",
  /** Text with nothing visible in it (only spaces, zero-width or other invisible characters). */
  "invisible",
  /** Too many combining marks stacked on one character, which draw over neighbouring text. */
  "combining-marks",
  /** Text that is not well-formed Unicode (a lone surrogate). */
  "malformed-text",
  /** Already used by another record. */
  "taken",
  "password-too-short",
  "wrong-password",
  "delegation-required",
  "delegation-not-allowed",
  "delegation-inactive",
  "not-in-registry",
  "unknown-tier",
  "nothing-to-change",
  // Negotiation: a provision, span, bracket or language the document does not have; brackets that do not balance.
  "provision-not-found",
  "span-out-of-range",
  "unbalanced-brackets",
  "bracket-not-found",
  "language-not-in-document",
  /** A language version without the base text's brackets and alternatives, in order (the message says where). */
  "structure-differs",
  "deadline-in-past",
  "same-position",
  "invalid-move",
  "unknown-body",
  "unknown-proposal",
  "base-language-missing",
  /** A kind of decision (a subject of the organization's rules) on a document that is not a decision. */
  "not-a-decision",
  /** The member a decision concerns is not a member state on the day. */
  "not-a-member",
  /** The value is what the record already says. */
  "unchanged",
  /** A silence procedure shorter than the organization's minimum period. */
  "silence-too-short",
  /** A language the organization does not work in (its official and working languages are in its data). */
  "not-organization-language",
  /** A registry change that would leave the registry inconsistent (an unknown reference, a history out of order…). */
  "registry-inconsistent",
  "invalid",
  // A programme spreadsheet's header or cells (the field says "row 7, column start (E)").
  ...SPREADSHEET_ERROR_CODES,
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export const FieldErrorSchema = z.object({
  /** Where: "body.email", "querystring.tier". */
  field: z.string(),
  code: z.enum(FIELD_ERROR_CODES),
  message: z.string(),
  /** With too-long, too-short, too-small and too-large: the bound the value broke (characters for text), so the reader is told it. */
  limit: z.number().optional(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

export const ProblemSchema = z
  .object({
    type: z.string(),
    code: z.string().describe("A stable code: one of PROBLEM_CODES."),
    title: z.string(),
    status: z.number(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
    right: z.string().optional().describe("With 403: the right the caller lacks."),
    current: z.unknown().optional().describe("With 409: the current state of what the request conflicts with, when the caller may see it."),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });
export type Problem = z.infer<typeof ProblemSchema>;

/** Field-error codes carried by zod custom issues: `params: { code }` on a refine or addIssue. */
export function fieldCodeParams(code: FieldErrorCode): { params: { code: FieldErrorCode } } {
  return { params: { code } };
}

/** A zod issue (as the validator reports it: keyword, message and the rest of the issue as params) mapped to a field-error code. */
export function fieldErrorCodeOf(keyword: string, params: Readonly<Record<string, unknown>>, message = ""): FieldErrorCode {
  const custom = (params.params as { code?: unknown } | undefined)?.code;
  if (typeof custom === "string" && (FIELD_ERROR_CODES as readonly string[]).includes(custom)) return custom as FieldErrorCode;
  switch (keyword) {
    case "too_small":
      if (params.origin === "string") return Number(params.minimum) <= 1 ? "required" : "too-short";
      return "too-small";
    case "too_big":
      return params.origin === "string" ? "too-long" : "too-large";
    case "invalid_format":
      return params.format === "email" ? "email" : "format";
    case "invalid_type":
      // zod reports no input; a missing field reads "…, received undefined".
      return /received undefined$/.test(message) ? "required" : "type";
    case "invalid_value":
      return "choice";
    case "unrecognized_keys":
      return "unknown-field";
    default:
      return "invalid";
  }
}

/**
 * The bound a value broke, for a field error whose code says it is too long, short, small or large (from fieldErrorCodeOf), from
 * the zod issue (the rest of the issue as params): characters for a text, the number itself for a number. Nothing for other
 * codes ("required" is a text's minimum of one), nor for lists, whose bound is a count of items.
 */
export function fieldErrorLimitOf(code: FieldErrorCode, params: Readonly<Record<string, unknown>>): number | undefined {
  const bound = code === "too-long" || code === "too-large" ? params.maximum : code === "too-short" || code === "too-small" ? params.minimum : undefined;
  // An exclusive bound ("greater than 0") would read wrongly as "at least 0": such issues keep the message without a bound.
  if ((params.origin !== "string" && params.origin !== "number") || params.inclusive === false) return undefined;
  const limit = typeof bound === "bigint" ? Number(bound) : bound;
  return typeof limit === "number" && Number.isFinite(limit) ? limit : undefined;
}
