// Every provision in each of the document's languages side by side, the base language first; a version that translates
// an older base text (or is missing) is marked outdated, and those who may update versions can do so here.
import { Button, Group, Paper, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TranslationRequestSchema, type ProvisionDto } from "../../../../contracts/negotiation";
import { useLocale } from "../../../i18n/use-locale";
import { FormModal } from "../../../shared/forms/FormModal";
import { FormProblem } from "../../../shared/forms/FormProblem";
import { FormLevelError, useContractForm } from "../../../shared/forms/use-contract-form";
import { PlainBadge, ProvisionStatusBadge } from "../badges";
import classes from "../Negotiation.module.css";
import { currentVersion } from "../current-version";
import { useUpdateLanguageVersion } from "../negotiation-commands";
import { languageName, provisionLabel } from "../negotiation-format";
import { isChairOf, mayUse } from "../negotiation-roles";
import { ProvisionText } from "../text/ProvisionText";
import { useRoom } from "./room-context";
import { textDirection } from "../../../shared/core-rules";

function TranslationForm({ provision, language, onDone }: { provision: ProvisionDto; language: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { language: uiLanguage } = useLocale();
  const { document } = useRoom();
  const update = useUpdateLanguageVersion(document.id);
  // The version as the form opened; after a stale-version refusal, the current one (sending again then goes through).
  const [version, setVersion] = useState(provision.version);
  const { form, body, showServerErrors } = useContractForm({
    schema: TranslationRequestSchema,
    initialValues: { text: provision.texts[language] ?? "" },
    toBody: (values: { text: string }) => ({ text: values.text, version }),
  });
  const submit = form.onSubmit((values) =>
    update.mutate(
      { provision: provision.id, language, body: body(values) },
      {
        onSuccess: onDone,
        onError: (error) => {
          showServerErrors(error);
          const current = currentVersion(error);
          if (current !== null) setVersion(current);
        },
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate data-testid="translation-form">
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {t("negotiation.versions.baseText", { language: languageName(document.baseLanguage, uiLanguage) })}
        </Text>
        <Text size="sm" lang={document.baseLanguage} dir={textDirection(document.baseLanguage)} className={classes.quote}>
          {provision.texts[document.baseLanguage] ?? ""}
        </Text>
        <Textarea label={languageName(language, uiLanguage, "label")} autosize minRows={4} lang={language} dir={textDirection(language)} {...form.getInputProps("text")} data-testid="translation-text" />
        <FormLevelError form={form} />
        <FormProblem error={update.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("forms.cancel")}
          </Button>
          <Button type="submit" loading={update.isPending} data-testid="submit-translation">
            {t("negotiation.versions.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function LanguageVersions() {
  const { t } = useTranslation();
  const { language: uiLanguage } = useLocale();
  const { document, delegation, permissions } = useRoom();
  const [editing, setEditing] = useState<{ provision: ProvisionDto; language: string } | null>(null);
  // The secretariat (no delegation) or the chair update language versions.
  const canTranslate = mayUse(permissions, "provision.translate") && (delegation === null || isChairOf(delegation, document)) && document.status !== "adopted";
  const languages = [document.baseLanguage, ...document.languages.filter((language) => language !== document.baseLanguage)];

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t("negotiation.versions.intro")}
      </Text>
      {document.provisions.map((provision) => (
        <Paper key={provision.id} withBorder radius="lg" p={{ base: "sm", sm: "md" }} component="article" data-testid="language-versions">
          <Group gap={6} mb="xs">
            <Text className={classes.provisionNumber}>{provisionLabel(provision, t)}</Text>
            <ProvisionStatusBadge status={provision.status} />
          </Group>
          <div className={classes.languages}>
            {languages.map((language) => {
              const isBase = language === document.baseLanguage;
              const isOutdated = provision.outdated.includes(language);
              return (
                <section key={language} className={isOutdated ? classes.outdated : undefined} style={{ minWidth: 0, padding: 6 }} data-language={language} data-outdated={isOutdated}>
                  <Group gap={6} mb={4}>
                    <Text size="sm" fw={600}>
                      {languageName(language, uiLanguage, "label")}
                    </Text>
                    {isBase && <PlainBadge color="navy">{t("negotiation.versions.base")}</PlainBadge>}
                    {isOutdated && <PlainBadge color="orange">{t("negotiation.versions.outdated")}</PlainBadge>}
                  </Group>
                  {provision.texts[language] ? (
                    <ProvisionText source={provision.texts[language] ?? ""} view="markup" language={language} />
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t("negotiation.versions.missing")}
                    </Text>
                  )}
                  {!isBase && canTranslate && (
                    <Button size="compact-xs" variant={isOutdated ? "light" : "subtle"} mt={4} onClick={() => setEditing({ provision, language })} data-testid="edit-translation">
                      {t("negotiation.versions.update")}
                    </Button>
                  )}
                </section>
              );
            })}
          </div>
        </Paper>
      ))}
      <FormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? t("negotiation.versions.title", { provision: provisionLabel(editing.provision, t), language: languageName(editing.language, uiLanguage) }) : ""}
      >
        {editing && <TranslationForm provision={editing.provision} language={editing.language} onDone={() => setEditing(null)} />}
      </FormModal>
    </Stack>
  );
}
