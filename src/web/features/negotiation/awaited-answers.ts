// While the reader's own command on a document awaits its answer — which carries the whole document as it then stands —
// a live event that would have the page read the document again (its own echo, arriving first, or another's change)
// waits for that answer instead: once the last command is settled, the page reads the document again only if an event
// announced a version later than the one the answers brought.
import type { QueryClient } from "@tanstack/react-query";
import type { DocumentDto } from "../../../contracts/negotiation";
import { NEGOTIATION_KEYS } from "./negotiation-queries";

/** Per document: the latest version an event announced while a command was awaited. */
const announced = new Map<string, number>();

const pending = (queryClient: QueryClient, id: string) => queryClient.isMutating({ mutationKey: NEGOTIATION_KEYS.command(id) });

/** Whether a read of the document can wait for the answer awaited (true: it was put off, with the version announced). */
export function putOffRead(queryClient: QueryClient, id: string, version: number | null): boolean {
  if (version === null || pending(queryClient, id) === 0) return false;
  announced.set(id, Math.max(announced.get(id) ?? 0, version));
  return true;
}

/** When a command settles (called from its onSettled, while it still counts as pending): the read put off, if still needed. */
export function settleReads(queryClient: QueryClient, id: string): void {
  if (pending(queryClient, id) > 1) return;
  const version = announced.get(id);
  announced.delete(id);
  const shown = queryClient.getQueryData<DocumentDto>(NEGOTIATION_KEYS.document(id));
  if (version !== undefined && (shown === undefined || shown.version < version)) void queryClient.invalidateQueries({ queryKey: NEGOTIATION_KEYS.document(id) });
}
