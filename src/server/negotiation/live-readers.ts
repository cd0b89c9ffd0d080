// Who may follow a document's live stream and be in its room: the document's readers, by negotiation's read policy (the
// rule the API reads by), decided for each connection's member on the day.
import type { AppServices } from "../app-services.js";
import type { StreamReaders } from "../platform/realtime/stream-readers.js";
import { documentReads } from "./policy.js";
import { findDocument, registryFacts, resourceOf } from "./store.js";

/** The readers of one document (null: no such document, or no registry loaded yet). */
export async function documentReaders(context: Pick<AppServices, "db" | "snapshot" | "today">, id: string): Promise<StreamReaders | null> {
  const facts = context.snapshot.view("negotiation-facts", registryFacts);
  if (!facts) return null;
  const row = await findDocument(context.db, id);
  if (!row) return null;
  const day = context.today();
  const resource = resourceOf(row, facts, day);
  return documentReads.readers(resource, context.snapshot, day, `${resource.visibility}|${resource.chair}|${day}|${context.snapshot.position}`);
}
