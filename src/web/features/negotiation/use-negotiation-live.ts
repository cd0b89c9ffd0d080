// Keeps negotiation pages current while others act: a document's page follows its stream (document:<id>), putting a
// proposal or position in place from the event and reading the document again only when it must; the list follows
// "documents" (opened, adopted, opened wider).
import { useQueryClient } from "@tanstack/react-query";
import type { DocumentDto } from "../../../contracts/negotiation";
import { STREAMS } from "../../../contracts/live";
import { useLiveStream } from "../../shared/live/use-live-stream";
import { putOffRead } from "./awaited-answers";
import { documentUpdateFor } from "./live-refresh";
import { versionOf } from "../../shared/live/live-cache";
import { NEGOTIATION_KEYS } from "./negotiation-queries";

export function useDocumentLive(id: string): void {
  const queryClient = useQueryClient();
  useLiveStream(`${STREAMS.document}:${id}`, (change) => {
    const key = NEGOTIATION_KEYS.document(id);
    const update = documentUpdateFor(change, queryClient.getQueryData<DocumentDto>(key));
    // The reader's own command awaiting its answer (which carries the document) puts the read off until it is answered.
    const version = change.kind === "reset" ? null : versionOf(change.event.payload);
    if (update.document === "refetch") {
      if (!putOffRead(queryClient, id, version)) void queryClient.invalidateQueries({ queryKey: key });
    } else if (update.document !== undefined) queryClient.setQueryData(key, update.document);
    if (update.notes) void queryClient.invalidateQueries({ queryKey: NEGOTIATION_KEYS.notes(id) });
  });
}

export function useDocumentsLive(): void {
  const queryClient = useQueryClient();
  useLiveStream(STREAMS.documents, () => void queryClient.invalidateQueries({ queryKey: NEGOTIATION_KEYS.documents }));
}
