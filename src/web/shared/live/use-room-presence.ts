// Being in a document's room from a component: this page's presence (and the provision it drafts on), and who else is there.
import { useContext, useEffect, useState } from "react";
import type { StreamName } from "../../../contracts/live";
import type { RoomPresence } from "./live-client";
import { LiveClientContext } from "./live-context";

export function useRoomPresence(stream: StreamName, provision: string | null): RoomPresence {
  const client = useContext(LiveClientContext);
  const [present, setPresent] = useState<RoomPresence>([]);
  useEffect(() => client?.enter(stream, provision, setPresent), [client, stream, provision]);
  return present;
}
