// Identity's pages and their addresses: sign-in, one's account, one's delegation, and the secretariat's administration of users and delegations.
import { Route } from "react-router";
import { PAGES } from "../../../contracts/pages";
import { AccountPage } from "./account/AccountPage";
import { DelegationsPage } from "./delegations/DelegationsPage";
import { MyDelegationPage } from "./my-delegation/MyDelegationPage";
import { SignInPage } from "./sign-in/SignInPage";
import { UsersPage } from "./users/UsersPage";

export function identityRoutes() {
  return (
    <>
      <Route path={PAGES.signIn} element={<SignInPage />} />
      <Route path={PAGES.account} element={<AccountPage />} />
      <Route path={PAGES.myDelegation} element={<MyDelegationPage />} />
      <Route path={PAGES.users} element={<UsersPage />} />
      <Route path={PAGES.delegations} element={<DelegationsPage />} />
    </>
  );
}
