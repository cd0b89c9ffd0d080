// Who is who: the user accounts and delegations the signed-in person may see. Several features read them (menus, the audit trail, administration), so the reads and their cache keys live here; identity owns the commands that change them.
import { useQuery } from "@tanstack/react-query";
import type { Delegation, User } from "../../../contracts/identity";
import { fetchJson } from "../api/fetch-json";

const MINUTE = 60_000;

/** Cache keys: every list of users (one per delegation filter), the list of delegations, one delegation with its members. */
export const DIRECTORY_KEYS = {
  users: ["identity", "users"] as const,
  usersOf: (delegation: string | null) => ["identity", "users", delegation] as const,
  delegations: ["identity", "delegations"] as const,
  delegationDetails: ["identity", "delegation"] as const,
  delegation: (code: string | null) => ["identity", "delegation", code] as const,
};

export function useUsers(delegation: string | null, options: { enabled?: boolean } = {}) {
  const query = delegation ? `?delegation=${encodeURIComponent(delegation)}` : "";
  return useQuery({
    queryKey: DIRECTORY_KEYS.usersOf(delegation),
    queryFn: ({ signal }) => fetchJson<{ items: User[] }>(`/users${query}`, signal),
    enabled: options.enabled ?? true,
  });
}

export function useDelegations(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: DIRECTORY_KEYS.delegations,
    queryFn: ({ signal }) => fetchJson<{ items: Delegation[] }>("/delegations", signal),
    staleTime: MINUTE,
    enabled: options.enabled ?? true,
  });
}
