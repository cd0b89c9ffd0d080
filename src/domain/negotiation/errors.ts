// What the negotiation core refuses, as stable codes: the server turns each into a 4xx problem, the web into a sentence.

export const NEGOTIATION_ERROR_CODES = [
  "provision-not-found",
  "span-out-of-range",
  "unbalanced-brackets",
  "bracket-not-found",
  "document-adopted",
  "deadline-in-past",
  "silence-running",
  "no-silence-running",
  "silence-deadline-passed",
  "not-ready-for-adoption",
  "proposal-not-open",
  "language-not-in-document",
  "same-position",
  "invalid-move",
  "objection-not-counted",
] as const;
export type NegotiationErrorCode = (typeof NEGOTIATION_ERROR_CODES)[number];

export class NegotiationError extends Error {
  constructor(
    readonly code: NegotiationErrorCode,
    message: string,
    /** The request field at fault, when one is. */
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "NegotiationError";
  }
}
