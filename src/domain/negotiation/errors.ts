// What the negotiation core refuses, as stable codes with their kind: the runner turns each into a 4xx problem, the web
// into a sentence.
import { codesOf, refusalClass, type RefusalCatalogue } from "../errors.js";

const NEGOTIATION_REFUSALS = {
  "provision-not-found": { kind: "invalid", title: "No such provision" },
  "span-out-of-range": { kind: "invalid", title: "The span is outside the text" },
  "unbalanced-brackets": { kind: "invalid", title: "The brackets do not balance" },
  "bracket-not-found": { kind: "invalid", title: "No such bracket" },
  "document-adopted": { kind: "conflict", title: "The document is adopted" },
  "deadline-in-past": { kind: "invalid", title: "The deadline has passed already" },
  "silence-running": { kind: "conflict", title: "A silence procedure is running" },
  "no-silence-running": { kind: "conflict", title: "No silence procedure is running" },
  "silence-deadline-passed": { kind: "conflict", title: "The silence deadline has passed" },
  "not-ready-for-adoption": { kind: "conflict", title: "Not ready for adoption" },
  "proposal-not-open": { kind: "conflict", title: "The proposal is closed" },
  "language-not-in-document": { kind: "invalid", title: "Not a language of this document" },
  "structure-differs": { kind: "invalid", title: "Not the base text's brackets" },
  "same-position": { kind: "invalid", title: "Not on one's own proposal" },
  "invalid-move": { kind: "invalid", title: "Not a move" },
  "invalid-merge": { kind: "invalid", title: "Not a proposal to merge into" },
  "no-position": { kind: "conflict", title: "No position to retract" },
  "statement-kind": { kind: "invalid", title: "Not a statement of this kind now" },
  "already-cosponsor": { kind: "conflict", title: "Already a co-sponsor" },
  "objection-not-counted": { kind: "conflict", title: "This objection does not count" },
  "silence-too-short": { kind: "invalid", title: "Shorter than the minimum silence period" },
  "revision-needed": { kind: "conflict", title: "A new revision is needed" },
  "call-open": { kind: "conflict", title: "A call for objections is open" },
  "no-call-open": { kind: "conflict", title: "No call for objections is open" },
  "already-objected": { kind: "conflict", title: "The objection already stands" },
  "no-objection": { kind: "conflict", title: "No objection to withdraw" },
  "objections-stand": { kind: "conflict", title: "Objections stand" },
} as const satisfies RefusalCatalogue<string>;

export type NegotiationErrorCode = keyof typeof NEGOTIATION_REFUSALS;
export const NEGOTIATION_ERROR_CODES = codesOf<NegotiationErrorCode>(NEGOTIATION_REFUSALS);

export const NegotiationError = refusalClass<NegotiationErrorCode>("NegotiationError", NEGOTIATION_REFUSALS, "text");
export type NegotiationError = InstanceType<typeof NegotiationError>;
