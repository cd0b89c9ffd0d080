// What a page shows while its data loads or when loading failed, in the reader's language.
import { Alert, Button, Center, Group, Loader, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text c="dimmed">{label ?? t("app.loading")}</Text>
      </Group>
    </Center>
  );
}

export function LoadError({ onRetry }: { onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" title={t("app.errorTitle")} role="alert" my="md">
      <Text size="sm" mb={onRetry ? "sm" : 0}>
        {t("app.errorBody")}
      </Text>
      {onRetry && (
        <Button size="xs" variant="white" color="red" onClick={onRetry}>
          {t("app.retry")}
        </Button>
      )}
    </Alert>
  );
}
