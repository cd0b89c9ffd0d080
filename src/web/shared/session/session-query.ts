// The current session as the server sees it (user, actor, CSRF token, single sign-on), and how to refresh it after signing in or out.
import { queryOptions, useQuery, type QueryClient } from "@tanstack/react-query";
import type { Session } from "../../../contracts/identity";
import { fetchJson } from "../api/fetch-json";

export const SESSION_KEY = ["identity", "session"] as const;

export const sessionQuery = queryOptions({
  queryKey: SESSION_KEY,
  queryFn: ({ signal }) => fetchJson<Session>("/session", signal),
  staleTime: 60_000,
});

export function useSession() {
  return useQuery(sessionQuery);
}

/**
 * After the person signing in changes: fetch the new session (and its fresh CSRF token), then drop every
 * cached answer that depended on the old one. Only the public registry's answers are the same for everyone.
 */
export async function refreshAfterSessionChange(queryClient: QueryClient): Promise<Session> {
  const session = await queryClient.fetchQuery({ ...sessionQuery, staleTime: 0 });
  queryClient.removeQueries({
    predicate: (query) => query.queryKey[0] !== "registry" && !(query.queryKey[0] === SESSION_KEY[0] && query.queryKey[1] === SESSION_KEY[1]),
  });
  return session;
}
