// Negotiation's pages and their addresses: the documents, one document's room, its revision history.
import { Route } from "react-router";
import { HistoryPage } from "./history/HistoryPage";
import { DocumentsPage } from "./list/DocumentsPage";
import { RoomPage } from "./room/RoomPage";

export function negotiationRoutes() {
  return (
    <>
      <Route path="negotiation" element={<DocumentsPage />} />
      <Route path="negotiation/:id" element={<RoomPage />} />
      <Route path="negotiation/:id/history" element={<HistoryPage />} />
    </>
  );
}
