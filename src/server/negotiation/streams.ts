// The live streams of negotiation: one per document, and one announcing documents opened, adopted or opened wider.
import { STREAMS } from "../../contracts/live.js";

export const DOCUMENTS_STREAM = STREAMS.documents;

export function documentStream(id: string): string {
  return `${STREAMS.document}:${id}`;
}
