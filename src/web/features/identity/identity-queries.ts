// TanStack Query hooks for users and delegations (reads and the commands that change them); one cache key per resource.
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { DelegationDetail, User } from "../../../contracts/identity";
import type { StateList } from "../../../contracts/registry";
import { fetchJson } from "../../shared/api/fetch-json";
import { useSend } from "../../shared/session/use-send";

export type AssignableRole = Exclude<User["role"], "public">;

export interface NewUser {
  readonly email: string;
  readonly displayName: string;
  readonly role: AssignableRole;
  readonly delegation: string | null;
  readonly password?: string;
}

export interface UserChanges {
  readonly displayName?: string;
  readonly role?: AssignableRole;
  readonly isActive?: boolean;
  readonly password?: string;
}

const MINUTE = 60_000;

export function useDelegation(code: string | null) {
  return useQuery({
    queryKey: ["identity", "delegation", code],
    queryFn: ({ signal }) => fetchJson<DelegationDetail>(`/delegations/${encodeURIComponent(code ?? "")}`, signal),
    enabled: code !== null,
  });
}

/** States holding a status today: the parties a delegation may be opened for (with the organization's partners). */
export function useStatesToday() {
  return useQuery({
    queryKey: ["identity", "states-today"],
    queryFn: ({ signal }) => fetchJson<StateList>("/states", signal),
    staleTime: 60 * MINUTE,
  });
}

function invalidateIdentity(queryClient: QueryClient): Promise<void> {
  // Users and delegations (with their member counts) may all change with any of these commands.
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: ["identity", "users"] }),
    queryClient.invalidateQueries({ queryKey: ["identity", "delegations"] }),
    queryClient.invalidateQueries({ queryKey: ["identity", "delegation"] }),
  ]).then(() => undefined);
}

export function useCreateUser() {
  const send = useSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (user: NewUser) => send<User>("POST", "/users", user),
    onSuccess: () => invalidateIdentity(queryClient),
  });
}

export function useUpdateUser() {
  const send = useSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UserChanges }) => send<User>("PATCH", `/users/${encodeURIComponent(id)}`, changes),
    onSuccess: () => invalidateIdentity(queryClient),
  });
}

export function useOpenDelegation() {
  const send = useSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => send<{ code: string }>("POST", "/delegations", { code }),
    onSuccess: () => invalidateIdentity(queryClient),
  });
}

export function useSetDelegationActive() {
  const send = useSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, isActive }: { code: string; isActive: boolean }) =>
      send<{ code: string; isActive: boolean }>("PATCH", `/delegations/${encodeURIComponent(code)}`, { isActive }),
    onSuccess: () => invalidateIdentity(queryClient),
  });
}
