// An account's name as the interface shows it (see account-name.ts), with delegations named from those the signed-in person may see.
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { accountName, type NamedAccount } from "./account-name";
import { useDelegationNames } from "./use-delegation-names";

export function useAccountName(options: { enabled?: boolean } = {}): (account: NamedAccount) => string {
  const { t } = useTranslation();
  const delegationName = useDelegationNames(options);
  return useCallback((account: NamedAccount) => accountName(account, t, delegationName), [t, delegationName]);
}
