// Identity's pages and their addresses: sign-in, one's account, one's delegation, and the secretariat's administration of users and delegations.
import { Route } from "react-router";
import { AccountPage } from "./account/AccountPage";
import { DelegationsPage } from "./delegations/DelegationsPage";
import { MyDelegationPage } from "./my-delegation/MyDelegationPage";
import { SignInPage } from "./sign-in/SignInPage";
import { UsersPage } from "./users/UsersPage";

export function identityRoutes() {
  return (
    <>
      <Route path="sign-in" element={<SignInPage />} />
      <Route path="account" element={<AccountPage />} />
      <Route path="delegation" element={<MyDelegationPage />} />
      <Route path="admin/users" element={<UsersPage />} />
      <Route path="admin/delegations" element={<DelegationsPage />} />
    </>
  );
}
