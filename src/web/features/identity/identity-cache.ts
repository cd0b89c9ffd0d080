// How a changed account or delegation (from one's own command or another administrator's, through the live connection) updates what is already on screen: in place where it is shown, by a refetch where it may newly belong.
import type { QueryClient } from "@tanstack/react-query";
import type { Delegation, DelegationDetail, User } from "../../../contracts/identity";
import { DIRECTORY_KEYS } from "../../shared/directory/directory-queries";

type UserList = { items: User[] };
type DelegationList = { items: Delegation[] };

/** What a delegations event tells: the delegation and its new state. */
export interface DelegationState {
  readonly code: string;
  readonly isActive: boolean;
  readonly version: number;
}

/** The list with this user's newer state in place; the same list when it does not hold them or already holds a newer state. */
export function withUser<L extends { items: User[] } | { members: User[] }>(list: L, user: User): L {
  const items = "items" in list ? list.items : list.members;
  const existing = items.find((item) => item.id === user.id);
  if (!existing || existing.version > user.version) return list;
  const next = items.map((item) => (item.id === user.id ? user : item));
  return "items" in list ? { ...list, items: next } : { ...list, members: next };
}

export function withDelegationState(list: DelegationList, state: DelegationState): DelegationList {
  const existing = list.items.find((item) => item.code === state.code);
  if (!existing || existing.version >= state.version) return list;
  return { ...list, items: list.items.map((item) => (item === existing ? { ...item, isActive: state.isActive, version: state.version } : item)) };
}

/** Whether a list of users filtered by delegation (null: all) is one this user belongs in. */
const belongsInUserList = (filter: unknown, user: User): boolean => filter === null || filter === user.delegation;

/** One account changed: lists and delegation pages that show it take its new state; those where it may newly belong are fetched again. */
export function applyUser(queryClient: QueryClient, user: User, options: { isNew: boolean }): void {
  for (const [key, list] of queryClient.getQueriesData<UserList>({ queryKey: DIRECTORY_KEYS.users })) {
    if (!list) continue;
    const isShown = list.items.some((item) => item.id === user.id);
    if (isShown) queryClient.setQueryData<UserList>(key, withUser(list, user));
    else if (belongsInUserList(key[2], user)) void queryClient.invalidateQueries({ queryKey: key, exact: true });
  }
  if (user.delegation !== null) {
    const key = DIRECTORY_KEYS.delegation(user.delegation);
    const detail = queryClient.getQueryData<DelegationDetail>(key);
    if (detail?.members.some((member) => member.id === user.id)) queryClient.setQueryData<DelegationDetail>(key, withUser(detail, user));
    else void queryClient.invalidateQueries({ queryKey: key, exact: true });
  }
  // A new account changes its delegation's count of users.
  if (options.isNew) void queryClient.invalidateQueries({ queryKey: DIRECTORY_KEYS.delegations, exact: true });
}

/** One delegation changed: the list and its own page take the new state; a delegation not yet listed is fetched. */
export function applyDelegation(queryClient: QueryClient, state: DelegationState): void {
  const list = queryClient.getQueryData<DelegationList>(DIRECTORY_KEYS.delegations);
  if (list?.items.some((item) => item.code === state.code)) queryClient.setQueryData<DelegationList>(DIRECTORY_KEYS.delegations, withDelegationState(list, state));
  else void queryClient.invalidateQueries({ queryKey: DIRECTORY_KEYS.delegations, exact: true });
  const key = DIRECTORY_KEYS.delegation(state.code);
  const detail = queryClient.getQueryData<DelegationDetail>(key);
  if (detail && detail.version < state.version) queryClient.setQueryData<DelegationDetail>(key, { ...detail, isActive: state.isActive, version: state.version });
}

/** Too much was missed to patch: everything identity shows is fetched again. */
export function refetchIdentity(queryClient: QueryClient): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: DIRECTORY_KEYS.users }),
    queryClient.invalidateQueries({ queryKey: DIRECTORY_KEYS.delegations }),
    queryClient.invalidateQueries({ queryKey: DIRECTORY_KEYS.delegationDetails }),
  ]).then(() => undefined);
}
