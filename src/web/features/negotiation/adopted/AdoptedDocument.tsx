// An adopted document as the record keeps it: number, date, place, the revision adopted and the procedure it met, the
// rule it was decided by, the final text in each official language with the SHA-256 of each language version (so a copy
// can be checked against the record), and the statements of position annexed to it. Nothing here changes any more.
import { Anchor, Badge, Group, Paper, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { DocumentDto } from "../../../../contracts/negotiation";
import { formatPartialDate, localTimeZone } from "../../../i18n/date-format";
import { dataLanguageOf } from "../../../i18n/language";
import { useLocale } from "../../../i18n/use-locale";
import { DemoBadge } from "../badges";
import classes from "../Negotiation.module.css";
import { formatInstantIn, languageName, pickText, revisionLabel } from "../negotiation-format";
import { DecisionRule } from "../room/DecisionRule";
import { StatementForm, StatementList } from "../room/StatementsPanel";
import { mayUse } from "../negotiation-roles";
import { useRoom } from "../room/room-context";
import { ProvisionText } from "../text/ProvisionText";
import { textDirection } from "../../../shared/core-rules";

type Adoption = NonNullable<DocumentDto["adoption"]>;

/** What the adoption met: the silence deadline passed unbroken, or the call for objections closed with none standing. */
function MetProcedure({ met }: { met: NonNullable<Adoption["met"]> }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const at = (instant: string) => formatInstantIn(instant, language, localTimeZone());
  return (
    <Text size="sm" c="dimmed" data-testid="adoption-met" data-procedure={met.procedure}>
      {met.procedure === "silence" ? t("negotiation.adopted.metSilence", { deadline: at(met.deadline) }) : t("negotiation.adopted.metCall", { opened: at(met.openedAt), closed: at(met.closedAt) })}
    </Text>
  );
}

function Hashes({ hashes, languages }: { hashes: Readonly<Record<string, string>>; languages: readonly string[] }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  // The document's languages first, in its order; any other the record holds after them.
  const codes = [...languages.filter((code) => hashes[code] !== undefined), ...Object.keys(hashes).filter((code) => !languages.includes(code))];
  return (
    <Stack gap={6} component="section" aria-labelledby="hashes-heading" data-testid="adoption-hashes">
      <Title order={2} size="h5" id="hashes-heading">
        {t("negotiation.adopted.hashes")}
      </Title>
      <Text size="xs" c="dimmed">
        {t("negotiation.adopted.hashesIntro")}
      </Text>
      <Stack component="dl" gap={4} m={0}>
        {codes.map((code) => (
          <div key={code} data-language={code}>
            <Text component="dt" size="xs" fw={600}>
              {languageName(code, language, "label")}
            </Text>
            <Text component="dd" size="xs" ff="monospace" m={0} style={{ overflowWrap: "anywhere", wordBreak: "break-all" }} data-testid="adoption-hash">
              {hashes[code]}
            </Text>
          </div>
        ))}
      </Stack>
    </Stack>
  );
}

export function AdoptedDocument() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { document, delegation, permissions } = useRoom();
  const dataLanguage = dataLanguageOf(language);
  const [shown, setShown] = useState<string>(document.languages.includes(dataLanguage) ? dataLanguage : document.baseLanguage);
  const adoption = document.adoption;
  const place = pickText(adoption?.place ?? document.place, dataLanguage, document.baseLanguage);
  const title = pickText(document.title, shown as typeof dataLanguage, document.baseLanguage);

  return (
    <Stack gap="lg" className={classes.adopted} data-testid="adopted-document">
      <Anchor component={Link} to="/negotiation" size="sm">
        <span aria-hidden="true">← </span>
        {t("negotiation.list.title")}
      </Anchor>
      <Paper withBorder radius="lg" p={{ base: "md", sm: "xl" }}>
        <Stack gap="md">
          <Group gap={6}>
            <Badge color="green" variant="filled" radius="sm" styles={{ root: { textTransform: "none" } }}>
              {t("negotiation.documentStatus.adopted")}
            </Badge>
            {document.isDemo && <DemoBadge />}
          </Group>
          {adoption && (
            <Text fw={700} ff="monospace" data-testid="adoption-number">
              {adoption.number}
            </Text>
          )}
          <Title order={1} fz={{ base: "1.45rem", sm: "2rem" }} lh={1.3} lang={shown} dir={textDirection(shown)} style={{ overflowWrap: "anywhere" }}>
            {title}
          </Title>
          {adoption && (
            <Text size="sm" c="dimmed" data-testid="adoption-facts">
              {place ? t("negotiation.adopted.placeAndDate", { place, date: formatPartialDate(adoption.date, language) }) : formatPartialDate(adoption.date, language)}
              {" · "}
              {adoption.by === "silence" ? t("negotiation.adopted.bySilence") : t("negotiation.adopted.byChair")}
              {adoption.revision !== undefined && ` · ${t("negotiation.adopted.revision", { revision: revisionLabel(adoption.revision, t) })}`}
            </Text>
          )}
          {adoption?.met && <MetProcedure met={adoption.met} />}
          <DecisionRule />
          {document.languages.length > 1 && (
            <SegmentedControl
              size="xs"
              value={shown}
              onChange={setShown}
              data={document.languages.map((code) => ({ value: code, label: languageName(code, language, "label") }))}
              aria-label={t("negotiation.adopted.language")}
              style={{ alignSelf: "flex-start" }}
            />
          )}
          <Stack gap="sm" component="ol" m={0} p={0} style={{ listStyle: "none" }}>
            {document.provisions.map((provision) => (
              <li key={provision.id} className={classes.adoptedProvision}>
                <Text className={classes.provisionNumber}>{provision.number ?? ""}</Text>
                {provision.kind === "heading" ? (
                  <Title order={2} size="h4" lang={shown} dir={textDirection(shown)}>
                    {provision.texts[shown] ?? provision.texts[document.baseLanguage] ?? ""}
                  </Title>
                ) : (
                  <ProvisionText source={provision.texts[shown] ?? provision.texts[document.baseLanguage] ?? ""} view="markup" language={shown} />
                )}
              </li>
            ))}
          </Stack>
          {adoption?.hashes && Object.keys(adoption.hashes).length > 0 && <Hashes hashes={adoption.hashes} languages={document.languages} />}
        </Stack>
      </Paper>
      <Stack gap="sm" component="section" aria-labelledby="annex-heading">
        <Title order={2} size="h3" id="annex-heading">
          {t("negotiation.adopted.annex")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("negotiation.adopted.annexIntro")}
        </Text>
        <StatementList statements={document.statements} />
        {/* An explanation of position after adoption, a reservation or an interpretative statement may still be made. */}
        {delegation !== null && mayUse(permissions, "statement.create") && (
          <Paper withBorder radius="lg" p={{ base: "sm", sm: "md" }}>
            <StatementForm />
          </Paper>
        )}
      </Stack>
      <Anchor component={Link} to={`/negotiation/${encodeURIComponent(document.id)}/history`} size="sm">
        {t("negotiation.history.link")}
        <span aria-hidden="true"> →</span>
      </Anchor>
    </Stack>
  );
}
