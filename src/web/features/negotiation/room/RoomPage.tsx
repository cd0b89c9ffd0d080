// The negotiation room (/negotiation/:id): the document followed live, as the rolling text with its proposals, the
// language versions, statements of position, the delegation's private notes and, for the chair, the console; or, once
// adopted, the adopted document.
import { Alert, Anchor, Stack, Tabs, Text } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { dataLanguageOf } from "../../../i18n/language";
import { useLocale } from "../../../i18n/use-locale";
import { signInPath } from "../../../shared/access/access-rules";
import { QueryProblem } from "../../../shared/access/QueryProblem";
import { ApiProblem, isNotFound } from "../../../shared/api/fetch-json";
import { Loading } from "../../../shared/QueryFeedback";
import { useRoomPresence } from "../../../shared/live/use-room-presence";
import { useSession } from "../../../shared/session/session-query";
import { usePageTitle } from "../../../shared/use-page-title";
import { AdoptedDocument } from "../adopted/AdoptedDocument";
import { ChairConsole } from "../console/ChairConsole";
import { pickText, provisionLabel } from "../negotiation-format";
import { useDocument } from "../negotiation-queries";
import { isChairOf, mayUse } from "../negotiation-roles";
import { usePartyNames } from "../use-party-names";
import { useDocumentLive } from "../use-negotiation-live";
import { STREAMS } from "../../../../contracts/live";
import { CallBanner } from "./CallBanner";
import { DocumentHeader } from "./DocumentHeader";
import { InvitedBanner } from "./InvitedBanner";
import { presenceView, presentName } from "./presence";
import { LanguageVersions } from "./LanguageVersions";
import { NotesPanel } from "./NotesPanel";
import { RoomContext, useRoom, type Room } from "./room-context";
import { SilenceBanner } from "./SilenceBanner";
import { StatementsPanel } from "./StatementsPanel";
import { TextTab } from "./TextTab";

type Tab = "text" | "versions" | "statements" | "notes" | "console";

function Negotiation() {
  const { t } = useTranslation();
  const { document, delegation, permissions, isChair } = useRoom();
  const [tab, setTab] = useState<Tab>("text");
  const tabs: Tab[] = [
    "text",
    "versions",
    "statements",
    ...(delegation !== null && mayUse(permissions, "note.read") ? (["notes"] as const) : []),
    ...(isChair ? (["console"] as const) : []),
  ];
  return (
    <Stack gap="lg">
      <DocumentHeader />
      <InvitedBanner />
      <SilenceBanner />
      <CallBanner />
      <Tabs value={tab} onChange={(value) => setTab((value as Tab | null) ?? "text")} keepMounted={false}>
        <Tabs.List style={{ flexWrap: "wrap" }}>
          {tabs.map((item) => (
            <Tabs.Tab key={item} value={item} data-testid={`tab-${item}`}>
              {t(`negotiation.tabs.${item}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="text" pt="md">
          <TextTab />
        </Tabs.Panel>
        <Tabs.Panel value="versions" pt="md">
          <LanguageVersions />
        </Tabs.Panel>
        <Tabs.Panel value="statements" pt="md">
          <StatementsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="notes" pt="md">
          <NotesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="console" pt="md">
          <ChairConsole />
        </Tabs.Panel>
      </Tabs>
      {document.isDemo && (
        <Text size="xs" c="dimmed">
          {t("negotiation.demonstrationNote")}
        </Text>
      )}
    </Stack>
  );
}

function SignInToRead() {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Alert color="navy" variant="light" title={t("negotiation.signInTitle")} data-testid="sign-in-to-read">
      <Text size="sm" mb="xs">
        {t("negotiation.signInBody")}
      </Text>
      <Anchor component={Link} to={signInPath(location)}>
        {t("account.signIn")}
      </Anchor>
    </Alert>
  );
}

export function RoomPage() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { id = "" } = useParams();
  const query = useDocument(id);
  const session = useSession();
  const partyName = usePartyNames();
  useDocumentLive(id);
  // The provision the reader drafts a proposal on, which the room's presence tells the others.
  const [drafting, setDrafting] = useState<string | null>(null);
  const present = useRoomPresence(`${STREAMS.document}:${id}`, drafting);
  const document = query.data;
  usePageTitle(document ? pickText(document.title, dataLanguageOf(language), document.baseLanguage) : t("negotiation.list.title"));

  const room = useMemo((): Room | null => {
    if (!document) return null;
    const delegation = session.data?.actor.delegation ?? null;
    const presence = presenceView(present, delegation);
    const labels = new Map(document.provisions.map((provision) => [provision.id, provisionLabel(provision, t)]));
    return {
      document,
      delegation,
      permissions: session.data?.permissions ?? {},
      isChair: isChairOf(delegation, document),
      partyName,
      provisionName: (provisionId) => labels.get(provisionId) ?? provisionId,
      presence,
      presentName: (code) => presentName(code, partyName, t("negotiation.header.secretariat")),
      setDrafting,
    };
  }, [document, session.data, partyName, t, present]);

  if (query.isError) {
    const isSignedOut = session.data?.user === null;
    if (isSignedOut && query.error instanceof ApiProblem && (query.error.status === 401 || query.error.status === 403)) return <SignInToRead />;
    if (isNotFound(query.error)) {
      return (
        <Alert color="gray" variant="light" title={t("negotiation.notFound")} data-testid="document-not-found">
          <Anchor component={Link} to="/negotiation">
            {t("negotiation.list.title")}
          </Anchor>
        </Alert>
      );
    }
    return <QueryProblem error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!room) return <Loading />;
  return <RoomContext.Provider value={room}>{room.document.status === "adopted" ? <AdoptedDocument /> : <Negotiation />}</RoomContext.Provider>;
}
