// Listening to one live stream from a component: its events (and "reload" resets) while the component is on screen and someone is signed in.
import { useContext, useEffect, useEffectEvent } from "react";
import type { StreamName } from "../../../contracts/live";
import { LiveClientContext } from "./live-context";
import type { LiveChange } from "./live-protocol";

export function useLiveStream(stream: StreamName, onChange: (change: LiveChange) => void): void {
  const client = useContext(LiveClientContext);
  // The latest handler runs, without following the stream anew on every render.
  const handle = useEffectEvent(onChange);
  useEffect(() => client?.listen(stream, (change) => handle(change)), [client, stream]);
}
