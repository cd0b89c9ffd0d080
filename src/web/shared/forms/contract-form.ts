// Field errors as the contracts name them (codes, never English messages): from the same zod schema the server validates with, and from the server's problem details.
import type { ZodError, ZodType } from "zod";
import { FIELD_ERROR_CODES, fieldErrorCodeOf, fieldErrorLimitOf, type FieldErrorCode } from "../../../contracts/problems";
import { ApiProblem } from "../api/fetch-json";

/** Where an error about the request as a whole goes (e.g. "nothing to change"), rather than under one field. */
export const FORM_LEVEL = "$form";

/**
 * A message under a field: a contract field-error code (with the bound broken, for a value too long, short, small or large),
 * or one of the form's own message keys (e.g. two passwords that differ).
 */
export type FieldMessage = { readonly code: FieldErrorCode; readonly limit?: number } | { readonly key: string };

/** Field → its first message. Field names are the request body's, dotted for nested fields ("names.en"). */
export type FieldMessages = Readonly<Record<string, FieldMessage>>;

type Issue = ZodError["issues"][number];

function put(out: Record<string, FieldMessage>, field: string, message: FieldMessage): void {
  if (!(field in out)) out[field] = message;
}

/** A field message with its bound when there is one (never `limit: undefined`, so messages compare by what they say). */
const withLimit = (code: FieldErrorCode, limit: number | undefined): FieldMessage => (limit === undefined ? { code } : { code, limit });

/** A zod issue's field-error code and bound, the way the server derives them (custom issues carry `params.code`). */
function issueMessage(issue: Issue): FieldMessage {
  const params = issue as unknown as Readonly<Record<string, unknown>>;
  const code = fieldErrorCodeOf(issue.code, params, issue.message);
  return withLimit(code, fieldErrorLimitOf(code, params));
}

function issueMessages(issues: readonly Issue[]): FieldMessages {
  const out: Record<string, FieldMessage> = {};
  for (const issue of issues) put(out, issue.path.length === 0 ? FORM_LEVEL : issue.path.map(String).join("."), issueMessage(issue));
  return out;
}

/** What is wrong with a request body by the contract's schema, per field; nothing when it passes. */
export function schemaMessages(schema: ZodType, body: unknown): FieldMessages {
  const result = schema.safeParse(body);
  return result.success ? {} : issueMessages(result.error.issues);
}

const isFieldErrorCode = (code: string): code is FieldErrorCode => (FIELD_ERROR_CODES as readonly string[]).includes(code);

/**
 * The server's field errors from a problem ("body.email" → "email"). Errors about the body as a whole, or about
 * the address or query rather than the body, belong to the form as a whole.
 */
export function problemMessages(error: unknown): FieldMessages {
  if (!(error instanceof ApiProblem)) return {};
  const out: Record<string, FieldMessage> = {};
  for (const { field, code, limit } of error.problem?.errors ?? []) {
    const name = field.startsWith("body.") ? field.slice("body.".length) : FORM_LEVEL;
    put(out, name === "" ? FORM_LEVEL : name, isFieldErrorCode(code) ? withLimit(code, typeof limit === "number" ? limit : undefined) : { code: "invalid" });
  }
  return out;
}

/** The fields with an error on screen (not the form's own), in the order of `order` (the form's fields), then any others. */
export function markedFields(errors: Readonly<Record<string, unknown>>, order: readonly string[] = []): string[] {
  const marked = Object.keys(errors).filter((field) => field !== FORM_LEVEL && Boolean(errors[field]));
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  return marked.sort((a, b) => rank(a) - rank(b));
}
