// The kind of decision and, for one about a member, the member concerned: the two fields of the new-document form and
// of the chair's change of rule. The rule itself is never chosen: each option says which rule it is decided by.
import { NativeSelect } from "@mantine/core";
import type { GetInputPropsReturnType } from "@mantine/form";
import { useTranslation } from "react-i18next";
import type { SubjectChoices } from "./use-decision-rule";

type InputProps = GetInputPropsReturnType;

export function DecisionSubjectFields(props: {
  choices: SubjectChoices;
  subject: string;
  subjectInput: InputProps;
  concerningInput: InputProps;
  /** Whether the chosen kind of decision concerns one member (its rule leaves out that member's objection). */
  asksConcerned: boolean;
  members: readonly { value: string; label: string }[];
  /** The test ids' prefix: `<prefix>-subject`, `<prefix>-concerning`. */
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <NativeSelect label={t("negotiation.rule.subject")} description={props.choices.decidedBy(props.subject)} data={props.choices.options} {...props.subjectInput} data-testid={`${props.testId}-subject`} />
      {props.asksConcerned && (
        <NativeSelect
          label={t("negotiation.rule.concerning")}
          description={t("negotiation.rule.concerningHelp")}
          data={[{ value: "", label: t("negotiation.rule.chooseMember"), disabled: true }, ...props.members]}
          {...props.concerningInput}
          data-testid={`${props.testId}-concerning`}
        />
      )}
    </>
  );
}
