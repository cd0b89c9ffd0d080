// The administration's system page: what concerns the whole installation rather than one account or delegation. Composed here from the registry's export and the audit trail's verification, each shown to those holding its right.
import { SimpleGrid, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AuditVerification } from "../../features/audit/verification/AuditVerification";
import { RegistryExport } from "../../features/registry/export/RegistryExport";
import { holds, type SignedInSession } from "../../shared/access/access-rules";
import { AccessGate } from "../../shared/access/AccessGate";
import { ADMIN_SYSTEM_ACCESS } from "../../shared/access/page-access";
import { AdminHeader } from "../../shared/admin/AdminHeader";
import { usePageTitle } from "../../shared/use-page-title";

function System({ session }: { session: SignedInSession }) {
  const { t } = useTranslation();
  usePageTitle(t("system.title"));
  return (
    <Stack gap="lg" data-testid="system-page">
      <AdminHeader title={t("system.title")} session={session} />
      <Text c="dimmed" maw={640}>
        {t("system.intro")}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        {holds(session.permissions, "registry.export", "all") && <RegistryExport />}
        {holds(session.permissions, "audit.verify", "all") && <AuditVerification />}
      </SimpleGrid>
    </Stack>
  );
}

export function SystemPage() {
  return <AccessGate access={ADMIN_SYSTEM_ACCESS}>{(session) => <System session={session} />}</AccessGate>;
}
