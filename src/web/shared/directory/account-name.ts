// How the interface names an account: as its person typed it, or, for a demo account still named as it was created, in the
// reader's language from what it is ("Head of delegation, Kazakhstan (demo)") instead of the English name the server stores.
import type { TFunction } from "i18next";
import type { DemoAccount } from "../../../contracts/identity";

export interface NamedAccount {
  readonly displayName: string;
  readonly demoAccount: DemoAccount | null;
  readonly delegation: string | null;
}

/** `delegationName` names a delegation in the reader's language (its code when unknown). */
export function accountName(account: NamedAccount, t: TFunction, delegationName: (code: string) => string): string {
  switch (account.demoAccount) {
    case "secretariat-administrator":
      return t("users.demoName.secretariatAdministrator");
    case "head-of-delegation":
      return account.delegation === null ? account.displayName : t("users.demoName.headOfDelegation", { delegation: delegationName(account.delegation) });
    default:
      return account.displayName;
  }
}
