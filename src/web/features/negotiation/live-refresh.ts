// What a live event on a document's stream means for what the page holds: read the document again only when the event
// is newer than the copy on screen (the reader's own change already put its answer there), the notes when one was added.
import type { LiveChange } from "../../shared/live/live-protocol";

export interface Refresh {
  readonly document: boolean;
  readonly notes: boolean;
}

export function refreshFor(change: LiveChange, shownVersion: number | undefined): Refresh {
  if (change.kind === "reset") return { document: true, notes: true };
  const { type, payload } = change.event;
  if (type === "note.added") return { document: false, notes: true };
  const version = typeof payload.version === "number" ? payload.version : null;
  return { document: version === null || shownVersion === undefined || version > shownVersion, notes: false };
}
