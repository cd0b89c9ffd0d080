// The commands that change accounts and delegations (each sends the version it was made against where the contract takes one), and the reads only identity's pages need; the shared reads are in shared/directory.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { CreateUserBody, DelegationDetail, Delegation, DemoSignIn, UpdateDelegationBody, UpdateUserBody, User } from "../../../contracts/identity";
import { fetchJson } from "../../shared/api/fetch-json";
import { DIRECTORY_KEYS } from "../../shared/directory/directory-queries";
import { useSend } from "../../shared/session/use-send";
import { applyDelegation, applyUser } from "./identity-cache";

export type NewUser = z.output<typeof CreateUserBody>;
export type UserChanges = z.output<typeof UpdateUserBody>;
export type DelegationChange = z.output<typeof UpdateDelegationBody>;

const MINUTE = 60_000;

export function useDelegation(code: string | null) {
  return useQuery({
    queryKey: DIRECTORY_KEYS.delegation(code),
    queryFn: ({ signal }) => fetchJson<DelegationDetail>(`/delegations/${encodeURIComponent(code ?? "")}`, signal),
    enabled: code !== null,
  });
}


/** How to sign in with the demo accounts while any still has the demo password (the sign-in page's note); `demo` null otherwise. */
export function useDemoSignIn() {
  return useQuery({
    queryKey: ["identity", "demo-accounts"],
    queryFn: ({ signal }) => fetchJson<DemoSignIn>("/demo-accounts", signal),
    staleTime: MINUTE,
  });
}

const userPath = (id: string) => `/users/${encodeURIComponent(id)}`;
const delegationPath = (code: string) => `/delegations/${encodeURIComponent(code)}`;

export function useCreateUser() {
  const send = useSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (user: NewUser) => send<User>("POST", "/users", user),
    onSuccess: (user) => user && applyUser(queryClient, user, { isNew: true }),
  });
}

export function useUpdateUser() {
  const send = useSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UserChanges }) => send<User>("PATCH", userPath(id), changes),
    onSuccess: (user) => user && applyUser(queryClient, user, { isNew: false }),
  });
}

/** Unlinks the account from the organization's single sign-on: it then signs in with its password only (if it has one). */
export function useUnlinkSingleSignOn() {
  const send = useSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => send<User>("DELETE", `${userPath(id)}/single-sign-on`),
    onSuccess: (user) => user && applyUser(queryClient, user, { isNew: false }),
  });
}

export function useOpenDelegation() {
  const send = useSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => send<Delegation>("POST", "/delegations", { code }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: DIRECTORY_KEYS.delegations }),
  });
}

export function useSetDelegationActive() {
  const send = useSend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, change }: { code: string; change: DelegationChange }) => send<Delegation>("PATCH", delegationPath(code), change),
    onSuccess: (delegation) => delegation && applyDelegation(queryClient, delegation),
  });
}
