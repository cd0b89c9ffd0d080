// Which decision rule a document is decided by: never chosen freely, it follows from the organization's data. A rule
// with no subjects is the general one (the SCO: consensus, for every decision); a rule that lists subjects (the SCO:
// consensus minus one, for suspending or expelling a member) applies to a decision on one of them, and only to a
// document that is a decision. A subject of such a rule concerns one member, who must be a member on the day.
import { invalid } from "../errors.js";

export interface RuleData {
  readonly code: string;
  /** Whether the objection of the member the decision concerns does not count. */
  readonly excludesConcerned?: boolean | undefined;
  /** The kinds of decision the rule applies to (codes); absent for the general rule. */
  readonly subjects?: readonly { readonly code: string }[] | undefined;
}

/** The document kinds a rule with subjects may apply to: a decision about a member is a decision, never a declaration. */
export const SUBJECT_DOCUMENT_KINDS: readonly string[] = ["decision"];

export interface RuleChoice {
  /** The kind of decision the document is (a subject of one of the organization's rules), or null for any other. */
  readonly subject: string | null;
  /** The member the decision concerns, for a subject whose rule leaves out that member's objection. */
  readonly concerning: string | null;
}

export interface ResolvedRule {
  readonly rule: string;
  readonly excludesConcerned: boolean;
  readonly subject: string | null;
  readonly concerning: string | null;
}

/** The organization's general rule: the first that lists no subjects. */
export function generalRule(rules: readonly RuleData[]): RuleData | undefined {
  return rules.find((r) => (r.subjects ?? []).length === 0);
}

/**
 * The rule for a document of this kind on this subject, concerning this party; refused (naming the field) when the
 * subject is unknown or does not fit the document, or the member concerned is missing, superfluous or not a member.
 */
export function resolveDecisionRule(rules: readonly RuleData[], kind: string, choice: RuleChoice, isMember: (party: string) => boolean): ResolvedRule {
  const general = generalRule(rules);
  if (choice.subject === null) {
    if (choice.concerning !== null) throw invalid("concerning", "invalid", "names the member concerned only for a decision about one member (choose its subject)");
    if (!general) throw invalid("subject", "required", "the organization has no general decision rule: choose the subject of the decision");
    return { rule: general.code, excludesConcerned: general.excludesConcerned === true, subject: null, concerning: null };
  }
  const rule = rules.find((r) => (r.subjects ?? []).some((s) => s.code === choice.subject));
  if (!rule) throw invalid("subject", "choice", "is not a kind of decision the organization's rules name");
  if (!SUBJECT_DOCUMENT_KINDS.includes(kind)) throw invalid("subject", "not-a-decision", `applies only to a document of kind ${SUBJECT_DOCUMENT_KINDS.join(", ")}`);
  if (rule.excludesConcerned === true) {
    if (choice.concerning === null) throw invalid("concerning", "required", "a decision of this kind concerns one member: name it");
    if (!isMember(choice.concerning)) throw invalid("concerning", "not-a-member", "is not a member state on this day");
  } else if (choice.concerning !== null) {
    throw invalid("concerning", "invalid", "names the member concerned only under a rule that leaves out its objection");
  }
  return { rule: rule.code, excludesConcerned: rule.excludesConcerned === true, subject: choice.subject, concerning: choice.concerning };
}
