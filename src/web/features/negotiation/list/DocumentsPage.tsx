// The documents under negotiation or adopted (/negotiation), by body and status, each with its standing; the list follows
// documents opened, adopted or opened wider. Those who may open a negotiation can do so here.
import { Anchor, Group, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { signInPath } from "../../../shared/access/access-rules";
import { DOCUMENT_STATUSES, type DocumentSummary } from "../../../../contracts/negotiation";
import { localTimeZone } from "../../../i18n/date-format";
import { dataLanguageOf } from "../../../i18n/language";
import { useLocale } from "../../../i18n/use-locale";
import { QueryProblem } from "../../../shared/access/QueryProblem";
import { FormModal } from "../../../shared/forms/FormModal";
import { Loading } from "../../../shared/QueryFeedback";
import { useSession } from "../../../shared/session/session-query";
import { usePageTitle } from "../../../shared/use-page-title";
import { DemoBadge, DocumentStatusBadge, PlainBadge } from "../badges";
import { formatInstantIn, languageAttributes, pickLanguage, pickText, revisionLabel } from "../negotiation-format";
import { useDocuments } from "../negotiation-queries";
import { mayUse } from "../negotiation-roles";
import { useBodyName } from "../use-body-name";
import { useDocumentsLive } from "../use-negotiation-live";
import { NewDocumentForm } from "./NewDocumentForm";
import { BodyStatusFilters, ListHeader, SignInNote, useListFilters } from "../../../shared/list-page";

function DocumentCard({ document }: { document: DocumentSummary }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const bodyName = useBodyName("short");
  const title = pickText(document.title, dataLanguageOf(language));
  const titleLanguage = languageAttributes(pickLanguage(document.title, dataLanguageOf(language)));
  return (
    <Paper component="article" withBorder radius="lg" p={{ base: "sm", sm: "md" }} data-testid="document-card" data-document={document.id}>
      <Stack gap={6}>
        <Anchor component={Link} to={`/negotiation/${encodeURIComponent(document.id)}`} fw={650} size="lg" style={{ overflowWrap: "anywhere" }} {...titleLanguage}>
          {title}
        </Anchor>
        <Group gap={6}>
          <DocumentStatusBadge status={document.status} />
          {document.isDemo && <DemoBadge />}
          <PlainBadge>{t(`negotiation.kinds.${document.kind}`)}</PlainBadge>
        </Group>
        <Text size="sm" c="dimmed">
          {[bodyName(document.body), document.adoption ? document.adoption.number : revisionLabel(document.revision, t), t(`negotiation.visibility.${document.visibility}`)].join(" · ")}
        </Text>
        <Text size="xs" c="dimmed">
          {t("negotiation.header.updated", { date: formatInstantIn(document.updatedAt, language, localTimeZone()) })}
        </Text>
      </Stack>
    </Paper>
  );
}

/**
 * An empty list says why: the filters match nothing, or nothing is open to the reader yet (signed out, that is the public
 * documents, and signing in shows the drafts a delegation may see).
 */
function NoDocuments({ hasFilters, isSignedOut }: { hasFilters: boolean; isSignedOut: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (hasFilters) {
    return (
      <Text c="dimmed" data-testid="no-documents" data-reason="filters">
        {t("negotiation.list.none")}
      </Text>
    );
  }
  if (!isSignedOut) {
    return (
      <Text c="dimmed" data-testid="no-documents" data-reason="none-readable">
        {t("negotiation.list.noneReadable")}
      </Text>
    );
  }
  return (
    <Stack gap={4} data-testid="no-documents" data-reason="none-public">
      <Text fw={600}>{t("negotiation.list.nonePublic")}</Text>
      <Text size="sm" c="dimmed">
        {t("negotiation.list.nonePublicSignIn")}{" "}
        <Anchor component={Link} to={signInPath(location)} size="sm">
          {t("account.signIn")}
        </Anchor>
      </Text>
    </Stack>
  );
}

export function DocumentsPage() {
  const { t } = useTranslation();
  const filters = useListFilters();
  const { body, status } = filters;
  const documents = useDocuments({ body, status });
  const session = useSession();
  const [isCreating, setCreating] = useState(false);
  useDocumentsLive();
  usePageTitle(t("negotiation.list.title"));

  const isSignedOut = session.data?.user === null;
  const canCreate = session.data ? mayUse(session.data.permissions, "document.create") : false;
  const items = documents.data?.items ?? [];
  // With nothing to show and no filter, the empty list itself says what signing in shows: the note above would repeat it.
  const isEmptyUnfiltered = documents.data !== undefined && items.length === 0 && body === null && status === null;

  return (
    <Stack gap="lg">
      <ListHeader
        title={t("negotiation.list.title")}
        intro={t("negotiation.list.intro")}
        action={canCreate ? { label: t("negotiation.create.open"), testId: "new-document", onClick: () => setCreating(true) } : null}
      />
      {isSignedOut && !isEmptyUnfiltered && (
        <SignInNote testId="sign-in-for-drafts" link={t("account.signIn")}>
          {t("negotiation.list.signedOut")}
        </SignInNote>
      )}
      <BodyStatusFilters
        filters={filters}
        list="negotiation.list"
        statuses={DOCUMENT_STATUSES.map((value) => ({ value, label: t(`negotiation.documentStatus.${value}`) }))}
      />
      {documents.isError ? (
        <QueryProblem error={documents.error} onRetry={() => void documents.refetch()} />
      ) : !documents.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <NoDocuments hasFilters={body !== null || status !== null} isSignedOut={isSignedOut} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" data-testid="documents">
          {items.map((document) => (
            <DocumentCard key={document.id} document={document} />
          ))}
        </SimpleGrid>
      )}
      <FormModal opened={isCreating} onClose={() => setCreating(false)} title={t("negotiation.create.open")}>
        {isCreating && <NewDocumentForm onDone={() => setCreating(false)} />}
      </FormModal>
    </Stack>
  );
}
