// A document's decision rule in the reader's words, once the organization's rules are known (their codes until then),
// and the kinds of decision a form offers, each with the rule it would be decided by.
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n/use-locale";
import { useOrganization } from "../../shared/api/registry-queries";
import { decisionSubjects, describeRule, ruleForSubject, type RuleChoice } from "./decision-rule";
import { usePartyNames } from "./use-party-names";

export function useDescribeRule(): (choice: RuleChoice) => string {
  const { t } = useTranslation();
  const { text } = useLocale();
  const party = usePartyNames();
  const rules = useOrganization().data?.decisionRules;
  return useCallback((choice) => describeRule(choice, rules ?? [], { text, party }, t), [rules, text, party, t]);
}

/** The value of "any other decision" (the general rule) among the kinds of decision. */
export const GENERAL_SUBJECT = "";

export interface SubjectChoices {
  /** "Any other decision" (when the organization has a general rule), then each kind its rules name. */
  readonly options: { value: string; label: string }[];
  /** "Decided by: Consensus minus one" for a choice (GENERAL_SUBJECT for any other decision). */
  readonly decidedBy: (subject: string) => string;
}

export function useSubjectChoices(): SubjectChoices {
  const { t } = useTranslation();
  const { text } = useLocale();
  const rules = useOrganization().data?.decisionRules ?? [];
  const general = ruleForSubject(rules, null);
  const options = [
    ...(general ? [{ value: GENERAL_SUBJECT, label: t("negotiation.rule.generalOption") }] : []),
    ...decisionSubjects(rules).map((option) => ({ value: option.code, label: text(option.names) })),
  ];
  const decidedBy = (subject: string) => {
    const rule = ruleForSubject(rules, subject === GENERAL_SUBJECT ? null : subject);
    return rule ? t("negotiation.rule.decidedBy", { rule: text(rule.names) }) : "";
  };
  return { options, decidedBy };
}
