// A delegation's name in the reader's language, from the delegations the signed-in person may see (the code when not among them).
import { useCallback } from "react";
import { useLocale } from "../../i18n/use-locale";
import { useDelegations } from "./directory-queries";

export function useDelegationNames(options: { enabled?: boolean } = {}): (code: string | null) => string {
  const delegations = useDelegations(options);
  const { text } = useLocale();
  const items = delegations.data?.items;
  return useCallback(
    (code) => {
      if (code === null) return "";
      const delegation = items?.find((item) => item.code === code);
      return delegation ? text(delegation.names) : code;
    },
    [items, text],
  );
}
