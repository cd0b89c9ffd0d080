// The top of the negotiation room: the document's title and standing (status, revision, body, chair, who may read it,
// the rule it is decided by) and the way to its revision history.
import { Anchor, Group, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { localTimeZone } from "../../../i18n/date-format";
import { dataLanguageOf } from "../../../i18n/language";
import { useLocale } from "../../../i18n/use-locale";
import { DemoBadge, DocumentStatusBadge, PlainBadge } from "../badges";
import { formatInstantIn, languageAttributes, languageName, pickLanguage, pickText, revisionLabel } from "../negotiation-format";
import { useBodyName } from "../use-body-name";
import { DecisionRule } from "./DecisionRule";
import { useRoom } from "./room-context";

export function DocumentHeader() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { document, partyName, presence, presentName } = useRoom();
  const bodyName = useBodyName("full");
  const facts = [
    revisionLabel(document.revision, t),
    t("negotiation.header.body", { name: bodyName(document.body) }),
    document.chair ? t("negotiation.header.chair", { name: partyName(document.chair) }) : t("negotiation.header.noChair"),
    t("negotiation.header.baseLanguage", { language: languageName(document.baseLanguage, language) }),
  ];
  return (
    <Stack gap={6}>
      <Anchor component={Link} to="/negotiation" size="sm">
        <span aria-hidden="true">← </span>
        {t("negotiation.list.title")}
      </Anchor>
      <Title order={1} fz={{ base: "1.45rem", sm: "2rem" }} lh={1.3} data-testid="document-title" style={{ overflowWrap: "anywhere" }} {...languageAttributes(pickLanguage(document.title, dataLanguageOf(language), document.baseLanguage))}>
        {pickText(document.title, dataLanguageOf(language), document.baseLanguage)}
      </Title>
      <Group gap={6}>
        <DocumentStatusBadge status={document.status} />
        {document.isDemo && <DemoBadge />}
        <PlainBadge>{t(`negotiation.kinds.${document.kind}`)}</PlainBadge>
        <PlainBadge color="navy">{t(`negotiation.visibility.${document.visibility}`)}</PlainBadge>
      </Group>
      <Text size="sm" c="dimmed">
        {facts.join(" · ")}
      </Text>
      <DecisionRule />
      <Text size="xs" c="dimmed">
        {t("negotiation.header.updated", { date: formatInstantIn(document.updatedAt, language, localTimeZone()) })}
      </Text>
      {presence.others.length > 0 && (
        <Text size="sm" data-testid="presence">
          {t("negotiation.header.present", { names: new Intl.ListFormat(language, { type: "conjunction" }).format(presence.others.map(presentName)) })}
        </Text>
      )}
      <Group gap="md">
        <Anchor component={Link} to={`/negotiation/${encodeURIComponent(document.id)}/history`} size="sm" data-testid="history-link">
          {t("negotiation.history.link")}
          <span aria-hidden="true"> →</span>
        </Anchor>
      </Group>
    </Stack>
  );
}
