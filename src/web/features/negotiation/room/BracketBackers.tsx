// Under a provision, each of its brackets by number: who asked for it, and which delegations back which alternative
// (each alternative underlined in the style it has in the text above).
import { Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ProvisionDto } from "../../../../contracts/negotiation";
import { useLocale } from "../../../i18n/use-locale";
import classes from "../Negotiation.module.css";
import { useRoom } from "./room-context";
import { textDirection } from "../../../shared/core-rules";

const SWATCHES = [classes.swatch0, classes.swatch1, classes.swatch2, classes.swatch3];

export function BracketBackers({ provision }: { provision: ProvisionDto }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { partyName, document } = useRoom();
  const names = (codes: readonly string[]) => new Intl.ListFormat(language, { type: "conjunction" }).format(codes.map(partyName));
  return (
    <Stack gap={6} component="ol" m={0} p={0} style={{ listStyle: "none" }} aria-label={t("negotiation.brackets.label")} data-testid="bracket-backers">
      {provision.brackets.map((bracket) => (
        <li key={bracket.index}>
          <Text size="sm" fw={600}>
            {provision.options ? t("negotiation.brackets.options") : t("negotiation.brackets.number", { number: bracket.index + 1 })}
            {bracket.requestedBy.length > 0 && (
              <Text span size="sm" fw={400} c="dimmed">
                {" · "}
                {t("negotiation.brackets.requestedBy", { names: names(bracket.requestedBy) })}
              </Text>
            )}
          </Text>
          <Stack gap={2} component="ul" m={0} ps="md" style={{ listStyle: "none" }}>
            {bracket.alternatives.map((alternative, index) => (
              <li key={index}>
                <Text size="sm" className={classes.quote}>
                  <span className={`${classes.swatch} ${SWATCHES[index % SWATCHES.length] ?? ""}`} aria-hidden="true" />
                  {provision.options && (
                    <Text span size="sm" fw={600}>
                      {t("negotiation.brackets.option", { number: index + 1 })}{" "}
                    </Text>
                  )}
                  <span lang={document.baseLanguage} dir={textDirection(document.baseLanguage)}>{t("negotiation.quoted", { text: alternative.text || t("negotiation.brackets.nothing") })}</span>
                  {" — "}
                  {alternative.backers.length > 0 ? names(alternative.backers) : <Text span size="sm" c="dimmed">{t("negotiation.brackets.noBackers")}</Text>}
                </Text>
              </li>
            ))}
          </Stack>
        </li>
      ))}
    </Stack>
  );
}
