// A changed account or delegation takes its place in what is shown, and an older state never overwrites a newer one.
import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { Delegation, DelegationDetail, User } from "../../../contracts/identity";
import { applyDelegation, applyUser, withDelegationState, withUser } from "./identity-cache";

const user = (id: string, changes: Partial<User> = {}): User => ({
  id,
  email: `${id}@concord.test`,
  displayName: id,
  demoAccount: null,
  role: "delegate",
  delegation: "KZ",
  isActive: true,
  hasPassword: true,
  hasSingleSignOn: false,
  createdAt: "2026-01-01T00:00:00Z",
  version: 1,
  ...changes,
});

const delegation = (code: string, changes: Partial<Delegation> = {}): Delegation => ({
  code,
  partyKind: "state",
  names: { zh: code, ru: code, en: code },
  tier: "member",
  isActive: true,
  users: 2,
  version: 1,
  ...changes,
});

describe("withUser", () => {
  it("replaces the user in a list or among a delegation's members", () => {
    const renamed = user("a", { displayName: "Aigerim", version: 2 });
    expect(withUser({ items: [user("a"), user("b")] }, renamed).items.map((item) => item.displayName)).toEqual(["Aigerim", "b"]);
    expect(withUser({ members: [user("a")] }, renamed).members[0]?.displayName).toBe("Aigerim");
  });

  it("leaves the list as it is when the user is not in it or it already holds a newer state", () => {
    const list = { items: [user("a", { version: 3 })] };
    expect(withUser(list, user("a", { version: 2 }))).toBe(list);
    expect(withUser(list, user("z", { version: 9 }))).toBe(list);
  });
});

describe("withDelegationState", () => {
  it("takes a newer state and ignores an older or repeated one", () => {
    const list = { items: [delegation("KZ", { version: 2 })] };
    expect(withDelegationState(list, { code: "KZ", isActive: false, version: 3 }).items[0]).toMatchObject({ isActive: false, version: 3 });
    expect(withDelegationState(list, { code: "KZ", isActive: false, version: 2 })).toBe(list);
    expect(withDelegationState(list, { code: "CN", isActive: false, version: 5 })).toBe(list);
  });
});

describe("applyUser", () => {
  it("updates lists that show the account and refetches those it may newly belong in", () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(["identity", "users", null], { items: [user("a")] });
    queryClient.setQueryData(["identity", "users", "KZ"], { items: [] as User[] });
    queryClient.setQueryData(["identity", "users", "CN"], { items: [] as User[] });
    queryClient.setQueryData(["identity", "delegation", "KZ"], { ...delegation("KZ"), members: [user("a")] } satisfies DelegationDetail);
    queryClient.setQueryData(["identity", "delegations"], { items: [delegation("KZ")] });

    applyUser(queryClient, user("a", { isActive: false, version: 2 }), { isNew: false });

    expect(queryClient.getQueryData<{ items: User[] }>(["identity", "users", null])?.items[0]?.isActive).toBe(false);
    expect(queryClient.getQueryData<DelegationDetail>(["identity", "delegation", "KZ"])?.members[0]?.isActive).toBe(false);
    expect(queryClient.getQueryState(["identity", "users", "KZ"])?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(["identity", "users", "CN"])?.isInvalidated).toBe(false);
    expect(queryClient.getQueryState(["identity", "delegations"])?.isInvalidated).toBe(false);
  });

  it("refetches the delegations' user counts for a new account", () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(["identity", "delegations"], { items: [delegation("KZ")] });
    applyUser(queryClient, user("new"), { isNew: true });
    expect(queryClient.getQueryState(["identity", "delegations"])?.isInvalidated).toBe(true);
  });
});

describe("applyDelegation", () => {
  it("shows the new state in the list and on the delegation's page, and fetches a delegation not yet listed", () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(["identity", "delegations"], { items: [delegation("KZ")] });
    queryClient.setQueryData(["identity", "delegation", "KZ"], { ...delegation("KZ"), members: [] } satisfies DelegationDetail);

    applyDelegation(queryClient, { code: "KZ", isActive: false, version: 2 });
    expect(queryClient.getQueryData<{ items: Delegation[] }>(["identity", "delegations"])?.items[0]?.isActive).toBe(false);
    expect(queryClient.getQueryData<DelegationDetail>(["identity", "delegation", "KZ"])?.isActive).toBe(false);
    expect(queryClient.getQueryState(["identity", "delegations"])?.isInvalidated).toBe(false);

    applyDelegation(queryClient, { code: "UZ", isActive: true, version: 1 });
    expect(queryClient.getQueryState(["identity", "delegations"])?.isInvalidated).toBe(true);
  });
});
