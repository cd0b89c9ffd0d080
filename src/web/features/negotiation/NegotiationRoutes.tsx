// Negotiation's pages and their addresses: the documents, one document's room, its revision history.
import { Route } from "react-router";
import { PAGES } from "../../../contracts/pages";
import { HistoryPage } from "./history/HistoryPage";
import { DocumentsPage } from "./list/DocumentsPage";
import { RoomPage } from "./room/RoomPage";

export function negotiationRoutes() {
  return (
    <>
      <Route path={PAGES.documents} element={<DocumentsPage />} />
      <Route path={PAGES.document} element={<RoomPage />} />
      <Route path={PAGES.documentHistory} element={<HistoryPage />} />
    </>
  );
}
