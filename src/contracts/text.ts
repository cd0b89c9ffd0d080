// Text people type (names, titles, comments): normalized to NFC and refused, with a field-error code, when it could mislead or break a screen.
import { z } from "zod";
import type { FieldErrorCode } from "./problems.js";

/** Combining marks allowed in a row on one character: enough for Vietnamese, Thai, Devanagari or Tibetan, not for "Zalgo" text. */
export const MAX_COMBINING_MARKS = 6;

// Characters that reorder text on screen: the Arabic letter mark, LRM/RLM, embeddings and overrides, isolates.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
// C0 and C1 controls (NUL included), and the Unicode line and paragraph separators.
const CONTROLS_SINGLE_LINE = /[\p{Cc}\u2028\u2029]/u;
// The same, but a multi-line text may hold line feeds and tabs.
// eslint-disable-next-line no-control-regex -- finding control characters is this expression's purpose
const CONTROLS_MULTI_LINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/u;
// A code unit that is half of a surrogate pair on its own: not Unicode text, and refused by PostgreSQL's UTF-8.
const LONE_SURROGATE = /\p{Cs}/u;
// What draws nothing: separators, format characters (zero-width space and joiners, BOM, soft hyphen…), marks on nothing,
// and the fillers and blanks that look like letters to software but show as empty space.
const INVISIBLE = /[\s\p{Z}\p{Cf}\p{M}\u115F\u1160\u3164\uFFA0\u2800\u180E]/gu;
const COMBINING_RUN = new RegExp(`\\p{M}{${MAX_COMBINING_MARKS + 1},}`, "u");

export interface TextRules {
  /** Whether line breaks and tabs are allowed (comments, justifications), or the text is one line (names, titles). */
  readonly isMultiLine: boolean;
  /** Whether white space at the ends is kept (text inserted into a sentence: " and trade"); by default it is trimmed. */
  readonly keepsEdges?: boolean;
}

/** What is wrong with a text, if anything: the first rule it breaks, as a field-error code. Pure; the empty text passes. */
export function textProblem(text: string, rules: TextRules): FieldErrorCode | null {
  if (LONE_SURROGATE.test(text)) return "malformed-text";
  if ((rules.isMultiLine ? CONTROLS_MULTI_LINE : CONTROLS_SINGLE_LINE).test(text)) return "control-characters";
  if (BIDI_CONTROLS.test(text)) return "bidi-controls";
  if (COMBINING_RUN.test(text)) return "combining-marks";
  if (text.length > 0 && text.replace(INVISIBLE, "").length === 0) return "invisible";
  return null;
}

/** NFC, line ends as "\n", no surrounding white space. Text that is not well-formed is left as it is, to be refused. */
export function normalizeText(text: string, rules: TextRules): string {
  if (LONE_SURROGATE.test(text)) return text;
  const normalized = text.normalize("NFC");
  const lines = rules.isMultiLine ? normalized.replace(/\r\n?/g, "\n") : normalized;
  return rules.keepsEdges === true ? lines : lines.trim();
}

const MESSAGES: Readonly<Record<string, string>> = {
  "malformed-text": "is not well-formed Unicode text",
  "control-characters": "must not contain control characters",
  "bidi-controls": "must not contain bidirectional control characters",
  "combining-marks": `must not stack more than ${MAX_COMBINING_MARKS} combining marks on one character`,
  invisible: "must contain something visible",
};

function textSchema(rules: TextRules, options: { min?: number; max: number }) {
  const min = options.min ?? 1;
  return z
    .string()
    .overwrite((value) => normalizeText(value, rules))
    .superRefine((value, ctx) => {
      const code = textProblem(value, rules);
      if (code) ctx.addIssue({ code: "custom", message: MESSAGES[code] ?? "is not valid text", params: { code }, continue: false });
    })
    .min(min, min <= 1 ? "required" : `at least ${min} characters`)
    .max(options.max, `at most ${options.max} characters`);
}

/** One line of text a person types: a name, a title. */
export function singleLineText(options: { min?: number; max: number }) {
  return textSchema({ isMultiLine: false }, options);
}

/** Several lines of text: a comment, a justification. */
export function multiLineText(options: { min?: number; max: number }) {
  return textSchema({ isMultiLine: true }, options);
}

/** Text that goes into other text (an amendment's words): as typed, white space at the ends included. */
export function insertedText(options: { min?: number; max: number }) {
  return textSchema({ isMultiLine: true, keepsEdges: true }, options);
}
