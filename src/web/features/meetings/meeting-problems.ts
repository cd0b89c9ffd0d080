// The server's refusals put where the reader looks: each field error under its field, by its code in the reader's
// language; a meetings rule broken on one field (an end before the start, an unknown time zone, a quota exceeded)
// under that field with the rule's own message, rather than a vague "invalid".
import { FIELD_ERROR_CODES, PROBLEM_CODES, type FieldErrorCode, type ProblemCode } from "../../../contracts/problems";
import { ApiProblem } from "../../shared/api/fetch-json";
import { fieldErrorKey, problemKey } from "../../shared/api/problem-message";
import { FORM_LEVEL, type FieldMessage, type FieldMessages } from "../../shared/forms/contract-form";

const isFieldErrorCode = (code: string): code is FieldErrorCode => (FIELD_ERROR_CODES as readonly string[]).includes(code);
const isProblemCode = (code: string): code is ProblemCode => (PROBLEM_CODES as readonly string[]).includes(code);

/**
 * A field's message: its own code when it has one; a meetings rule named as the field's code, or as the problem's
 * code when the field carries only a generic "invalid", by that rule's message.
 */
function messageOf(code: string, limit: unknown, problemCode: string | null): FieldMessage {
  if (code === "invalid" && problemCode !== null && problemCode !== "invalid-request" && isProblemCode(problemCode)) return { key: problemKey(problemCode) };
  if (isFieldErrorCode(code)) return typeof limit === "number" ? { code, limit } : { code };
  if (isProblemCode(code)) return { key: problemKey(code) };
  return { key: fieldErrorKey("invalid") };
}

/** Field ("body.delegates.1.name" → "delegates.1.name") → its first message; errors outside the body belong to the form. */
export function serverFieldMessages(error: unknown): FieldMessages {
  if (!(error instanceof ApiProblem)) return {};
  const out: Record<string, FieldMessage> = {};
  for (const { field, code, limit } of error.problem?.errors ?? []) {
    const name = field.startsWith("body.") ? field.slice("body.".length) : FORM_LEVEL;
    const key = name === "" ? FORM_LEVEL : name;
    if (!(key in out)) out[key] = messageOf(code, limit, error.code);
  }
  return out;
}

/** A list refused as beyond the delegation's quota, with the figures the server gives. */
export interface QuotaRefusal {
  readonly quota: number;
  readonly held: number;
  readonly requested: number;
  readonly available: number;
}

const isCount = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value >= 0;

export function quotaRefusal(error: unknown): QuotaRefusal | null {
  if (!(error instanceof ApiProblem) || error.code !== "quota-exceeded") return null;
  const current = error.problem?.current as Record<string, unknown> | undefined;
  if (!current || ![current.quota, current.held, current.requested, current.available].every(isCount)) return null;
  return { quota: current.quota as number, held: current.held as number, requested: current.requested as number, available: current.available as number };
}

/** The places on the list of the delegates refused as already accredited (on this list or another delegation's). */
export function duplicateDelegates(error: unknown): number[] {
  if (!(error instanceof ApiProblem) || error.code !== "already-accredited") return [];
  const conflicts = (error.problem?.current as { conflicts?: unknown } | undefined)?.conflicts;
  if (!Array.isArray(conflicts)) return [];
  return [...new Set(conflicts.flatMap((conflict: unknown) => (isCount((conflict as { index?: unknown } | null)?.index) ? [(conflict as { index: number }).index] : [])))];
}
