// Keeps negotiation pages current while others act: a document's page follows its stream (document:<id>), the list
// follows "documents" (opened, adopted, opened wider).
import { useQueryClient } from "@tanstack/react-query";
import type { DocumentDto } from "../../../contracts/negotiation";
import { STREAMS } from "../../../contracts/live";
import { useLiveStream } from "../../shared/live/use-live-stream";
import { refreshFor } from "./live-refresh";
import { NEGOTIATION_KEYS } from "./negotiation-queries";

export function useDocumentLive(id: string): void {
  const queryClient = useQueryClient();
  useLiveStream(`${STREAMS.document}:${id}`, (change) => {
    const shown = queryClient.getQueryData<DocumentDto>(NEGOTIATION_KEYS.document(id));
    const refresh = refreshFor(change, shown?.version);
    if (refresh.document) void queryClient.invalidateQueries({ queryKey: NEGOTIATION_KEYS.document(id) });
    if (refresh.notes) void queryClient.invalidateQueries({ queryKey: NEGOTIATION_KEYS.notes(id) });
  });
}

export function useDocumentsLive(): void {
  const queryClient = useQueryClient();
  useLiveStream(STREAMS.documents, () => void queryClient.invalidateQueries({ queryKey: NEGOTIATION_KEYS.documents }));
}
