// The decision rule a document is decided by, in words. The rule is never the web's to choose: it follows from the kind
// of decision (a subject the organization's rules name), so the web reads both from the organization's data, and names
// the member such a decision concerns by its party's name. The members found so also tell whom the chair may invite.
import type { TFunction } from "i18next";
import type { LocalizedTextDto, Organization, StateListItem } from "../../../contracts/registry";

type Rules = Organization["decisionRules"];
type Rule = Rules[number];

/** What a document is decided by, as the document (or one of its rule changes) records it. */
export interface RuleChoice {
  readonly rule: string;
  readonly subject: string | null;
  readonly concerning: string | null;
}

export interface SubjectOption {
  readonly code: string;
  readonly names: LocalizedTextDto;
  /** The rule a decision on this subject is taken under. */
  readonly rule: Rule;
}

export interface RuleNames {
  /** A record's text in the reader's language. */
  readonly text: (value: LocalizedTextDto) => string;
  readonly party: (code: string) => string;
}

/** The kinds of decision the organization's rules name, each with its rule, in the data's order. */
export function decisionSubjects(rules: Rules): SubjectOption[] {
  return rules.flatMap((rule) => (rule.subjects ?? []).map((subject) => ({ code: subject.code, names: subject.names, rule })));
}

/** The general rule (the first that names no subjects) for null, else the rule naming `subject`. */
export function ruleForSubject(rules: Rules, subject: string | null): Rule | undefined {
  return subject === null ? rules.find((rule) => (rule.subjects ?? []).length === 0) : rules.find((rule) => (rule.subjects ?? []).some((s) => s.code === subject));
}

/** Whether a decision on `subject` names the member it concerns (its rule leaves that member's objection out). */
export function namesConcerned(rules: Rules, subject: string | null): boolean {
  return subject !== null && ruleForSubject(rules, subject)?.excludesConcerned === true;
}

/**
 * "Consensus minus one — Suspension of a member: Belarus". A rule or subject the data no longer names shows by its code,
 * so a record made under older data still reads.
 */
export function describeRule(choice: RuleChoice, rules: Rules, names: RuleNames, t: TFunction): string {
  const rule = rules.find((item) => item.code === choice.rule);
  const ruleName = rule ? names.text(rule.names) : choice.rule;
  if (choice.subject === null) return ruleName;
  const subject = decisionSubjects(rules).find((item) => item.code === choice.subject);
  const subjectName = subject ? names.text(subject.names) : choice.subject;
  if (choice.concerning === null) return t("negotiation.rule.withSubject", { rule: ruleName, subject: subjectName });
  return t("negotiation.rule.withConcerned", { rule: ruleName, subject: subjectName, member: names.party(choice.concerning) });
}

/** The states a decision about one member may concern: those whose status today lets them object (the members). */
export function memberStates(states: readonly StateListItem[], tiers: Organization["tiers"]): StateListItem[] {
  const objecting = new Set(tiers.filter((tier) => tier.rights.object).map((tier) => tier.code));
  return states.filter((state) => objecting.has(state.tier));
}

/**
 * Whom the chair may invite to see a draft and comment: the states whose status today does not let them object
 * (observers, partners, guests) and the organization's partner organizations, without those invited already.
 */
export function nonMemberParties(states: readonly StateListItem[], tiers: Organization["tiers"], partners: readonly { code: string }[], invited: readonly string[]): string[] {
  const members = new Set(memberStates(states, tiers).map((state) => state.code));
  const codes = [...states.map((state) => state.code).filter((code) => !members.has(code)), ...partners.map((partner) => partner.code)];
  return [...new Set(codes)].filter((code) => !invited.includes(code));
}
