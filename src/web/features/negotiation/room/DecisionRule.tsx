// The rule the document is decided by, for everyone to see (it follows from the kind of decision, from the organization's
// data), and every change the chair recorded to it: from what, to what, by whom, when and why.
import { Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { localTimeZone } from "../../../i18n/date-format";
import { useLocale } from "../../../i18n/use-locale";
import classes from "../Negotiation.module.css";
import { formatInstantIn } from "../negotiation-format";
import { useDescribeRule } from "../use-decision-rule";
import { useRoom } from "./room-context";

function RuleChanges() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { document, partyName } = useRoom();
  const describe = useDescribeRule();
  return (
    <Stack gap={4} data-testid="rule-changes">
      <Text size="xs" fw={600}>
        {t("negotiation.rule.changes")}
      </Text>
      <Stack component="ol" gap={6} m={0} p={0} style={{ listStyle: "none" }}>
        {document.ruleChanges.map((change, index) => (
          <li key={`${index}:${change.at}`} data-testid="rule-change">
            <Text size="xs" style={{ overflowWrap: "anywhere" }}>
              {t("negotiation.rule.changed", { from: describe(change.from), to: describe(change.to) })}
            </Text>
            <Text size="xs" c="dimmed">
              {t("negotiation.rule.changedBy", { name: change.by ? partyName(change.by) : t("negotiation.rule.secretariat"), date: formatInstantIn(change.at, language, localTimeZone()) })}
            </Text>
            <Text size="xs" className={classes.quote}>
              {t("negotiation.quoted", { text: change.reason })}
            </Text>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}

export function DecisionRule() {
  const { t } = useTranslation();
  const { document } = useRoom();
  const describe = useDescribeRule();
  const rule = describe({ rule: document.decisionRule, subject: document.subject, concerning: document.concerning });
  return (
    <Stack gap={6}>
      <Text size="sm" data-testid="decision-rule" data-rule={document.decisionRule} style={{ overflowWrap: "anywhere" }}>
        {t("negotiation.rule.header", { rule })}
      </Text>
      {document.ruleChanges.length > 0 && <RuleChanges />}
    </Stack>
  );
}
