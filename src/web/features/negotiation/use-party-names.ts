// A delegation's name in the reader's language, from the states holding a status today and the organization's partner
// organizations (both public); the code itself when neither knows it.
import { useCallback } from "react";
import { useLocale } from "../../i18n/use-locale";
import { useOrganization, useStatesToday } from "../../shared/api/registry-queries";

export function usePartyNames(): (code: string) => string {
  const states = useStatesToday();
  const organization = useOrganization();
  const { text } = useLocale();
  const stateItems = states.data?.items;
  const partners = organization.data?.partners;
  return useCallback(
    (code) => {
      const state = stateItems?.find((item) => item.code === code);
      if (state) return text(state.names);
      const partner = partners?.find((item) => item.code === code);
      return partner ? text(partner.shortNames) : code;
    },
    [stateItems, partners, text],
  );
}
