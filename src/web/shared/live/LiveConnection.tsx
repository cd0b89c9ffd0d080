// Holds the app's one live connection while someone is signed in (none when signed out), tells end-to-end tests its state on <body data-live-state>, and refreshes the session when the connection says it ended or one's own account changed.
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useSyncExternalStore, type ReactNode } from "react";
import { STREAMS } from "../../../contracts/live";
import { UserSchema } from "../../../contracts/identity";
import { SESSION_KEY, sessionQuery, useSession } from "../session/session-query";
import { LiveClient, type LiveState } from "./live-client";
import { LiveClientContext } from "./live-context";
import { useLiveStream } from "./use-live-stream";

const LIVE_PATH = "/api/live";

const liveUrl = (): string => `${window.location.protocol === "https:" ? "wss:" : "ws:"}//${window.location.host}${LIVE_PATH}`;

const noSubscription = () => () => undefined;
const alwaysClosed = (): LiveState => "closed";

/** The browser's live client for one signed-in person. */
function createLiveClient(queryClient: QueryClient, userId: string): LiveClient {
  const client: LiveClient = new LiveClient({
    url: liveUrl(),
    connect: (url) => new WebSocket(url),
    setTimer: (run, delayMs) => window.setTimeout(run, delayMs),
    clearTimer: (timer) => window.clearTimeout(timer as number),
    now: () => Date.now(),
    random: Math.random,
    defer: (run) => queueMicrotask(run),
    // The session ended: fetch it again. Signed out, that ends this client (no one is signed in); still signed in, reconnect.
    onSessionEnded: () => {
      void queryClient.fetchQuery({ ...sessionQuery, staleTime: 0 }).then(
        (fresh) => fresh.user?.id === userId && client.resume(),
        () => client.resume(),
      );
    },
    onUnreachable: () => void queryClient.invalidateQueries({ queryKey: SESSION_KEY }),
  });
  return client;
}

/** One's own account changed elsewhere (role, name, deactivation): the session, and with it the permissions, is fetched again. */
function OwnAccountWatch({ userId }: { userId: string }) {
  const queryClient = useQueryClient();
  useLiveStream(STREAMS.users, (change) => {
    const user = change.kind === "event" ? UserSchema.safeParse(change.event.payload.user).data : undefined;
    if (change.kind === "reset" || user?.id === userId) void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
  });
  return null;
}

/** The registry changed (a change recorded by the secretariat, here or on another process): every registry view is read again. */
function RegistryWatch() {
  const queryClient = useQueryClient();
  useLiveStream(STREAMS.registry, () => void queryClient.invalidateQueries({ queryKey: ["registry"] }));
  return null;
}

export function LiveConnection({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const session = useSession();
  const userId = session.data?.user?.id ?? null;

  const client = useMemo(() => (userId === null ? null : createLiveClient(queryClient, userId)), [userId, queryClient]);

  useEffect(() => {
    if (!client) return;
    client.start();
    return () => client.stop();
  }, [client]);

  const state = useSyncExternalStore(client?.subscribeState ?? noSubscription, client?.getState ?? alwaysClosed);
  useEffect(() => {
    document.body.dataset.liveState = state;
  }, [state]);

  return (
    <LiveClientContext value={client}>
      {userId !== null && <OwnAccountWatch userId={userId} />}
      {userId !== null && <RegistryWatch />}
      {children}
    </LiveClientContext>
  );
}
