// Who may follow each live stream, from the read rule of the capability publishing it: a document's readers, a meeting's;
// the shared streams (users, delegations, audit, documents, meetings, the registry, programmes) carry an audience on
// every event, so anyone signed in follows them and receives only what the audiences admit. Any other name: no one.
import { STREAMS } from "../contracts/live.js";
import type { AppServices } from "./app-services.js";
import { meetingReaders } from "./meetings/live-readers.js";
import { documentReaders } from "./negotiation/live-readers.js";
import { EVERY_MEMBER, type ReadersOf } from "./realtime/stream-readers.js";

const SHARED: ReadonlySet<string> = new Set([STREAMS.users, STREAMS.delegations, STREAMS.audit, STREAMS.registry, STREAMS.documents, STREAMS.meetings]);

export function liveReaders(context: Pick<AppServices, "db" | "snapshot" | "today">): ReadersOf {
  return async (stream) => {
    const colon = stream.indexOf(":");
    if (colon < 0) return SHARED.has(stream) ? EVERY_MEMBER : null;
    const kind = stream.slice(0, colon);
    const id = stream.slice(colon + 1);
    if (kind === STREAMS.document) return documentReaders(context, id);
    if (kind === STREAMS.meeting) return meetingReaders(context, id);
    // A term's programme is public.
    if (kind === STREAMS.programme) return EVERY_MEMBER;
    return null;
  };
}

/** Streams with a room (presence): a document's. */
export function hasRoom(stream: string): boolean {
  return stream.startsWith(`${STREAMS.document}:`);
}
