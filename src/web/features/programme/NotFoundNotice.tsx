// A term the registry does not have: said in the reader's language, with the way back to the chairmanship.
import { Alert, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

export function NotFoundNotice() {
  const { t } = useTranslation();
  return (
    <Alert color="gray" variant="light" title={t("programme.notFoundTitle")} data-testid="programme-not-found">
      <Text size="sm">{t("programme.notFoundBody")}</Text>
    </Alert>
  );
}
