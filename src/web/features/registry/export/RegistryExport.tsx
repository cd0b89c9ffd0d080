// Downloading the whole registry as one JSON file (a secretariat right, registry.export): a plain link, so the browser saves what the server names.
import { Button, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";

const EXPORT_URL = "/api/v1/registry/export";

function DownloadIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
      <path d="M12 4v11M7 10.5l5 5 5-5M5 20h14" />
    </svg>
  );
}

export function RegistryExport() {
  const { t } = useTranslation();
  return (
    <Paper component="section" aria-labelledby="registry-export-heading" withBorder radius="lg" p="lg">
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h3" id="registry-export-heading">
          {t("system.exportHeading")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("system.exportBody")}
        </Text>
        <Button component="a" href={EXPORT_URL} download leftSection={<DownloadIcon />} data-testid="registry-export">
          {t("system.exportButton")}
        </Button>
      </Stack>
    </Paper>
  );
}
