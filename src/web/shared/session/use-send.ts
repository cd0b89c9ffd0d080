// State-changing requests with the session's CSRF token; a token the server no longer accepts is refreshed once and the request repeated.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { hasProblemCode, sendJson, type StateChangingMethod } from "../api/fetch-json";
import { sessionQuery } from "./session-query";

export type Send = <T>(method: StateChangingMethod, path: string, body?: unknown) => Promise<T | null>;

export function useSend(): Send {
  const queryClient = useQueryClient();
  return useCallback(
    async <T,>(method: StateChangingMethod, path: string, body?: unknown): Promise<T | null> => {
      const { csrfToken } = await queryClient.ensureQueryData(sessionQuery);
      try {
        return await sendJson<T>(method, path, { csrfToken, body });
      } catch (error) {
        if (!hasProblemCode(error, "csrf")) throw error;
        const fresh = await queryClient.fetchQuery({ ...sessionQuery, staleTime: 0 });
        return sendJson<T>(method, path, { csrfToken: fresh.csrfToken, body });
      }
    },
    [queryClient],
  ) as Send;
}
