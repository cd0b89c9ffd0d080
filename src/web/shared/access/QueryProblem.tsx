// What a guarded page shows when one of its reads fails: the permission notice for a 403, a fresh session for a 401, else a retry.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { ApiProblem } from "../api/fetch-json";
import { LoadError, Loading } from "../QueryFeedback";
import { SESSION_KEY, useSession } from "../session/session-query";
import { ForbiddenNotice } from "./ForbiddenNotice";

/**
 * The server no longer knows the session (expired, signed out elsewhere, account deactivated). Fetching the
 * session again makes the page's AccessGate see the reader signed out and send them to sign-in.
 */
function SessionEnded({ onRetry }: { onRetry: () => void }) {
  const queryClient = useQueryClient();
  const session = useSession();
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
  }, [queryClient]);
  return session.isFetching ? <Loading /> : <LoadError onRetry={onRetry} />;
}

export function QueryProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (error instanceof ApiProblem && error.status === 403 && error.code === "forbidden") {
    return <ForbiddenNotice right={error.problem?.right ?? null} />;
  }
  if (error instanceof ApiProblem && error.status === 401) return <SessionEnded onRetry={onRetry} />;
  return <LoadError onRetry={onRetry} />;
}
