// Names on meeting pages in the reader's language: a delegation from the meeting's own invitations (which name guests
// too), else from the states holding a status today or the organization's partner organizations; a body by its short
// or full name. The code itself until the names are known.
import { useCallback } from "react";
import type { Invitation } from "../../../contracts/meetings";
import { useLocale } from "../../i18n/use-locale";
import { useBodies, useOrganization, useStatesToday } from "../../shared/api/registry-queries";

export function usePartyName(invitations: readonly Invitation[] = []): (code: string) => string {
  const states = useStatesToday();
  const organization = useOrganization();
  const { text } = useLocale();
  const stateItems = states.data?.items;
  const partners = organization.data?.partners;
  return useCallback(
    (code) => {
      const invited = invitations.find((invitation) => invitation.party.code === code);
      if (invited && Object.keys(invited.party.names).length > 0) return text(invited.party.names);
      const state = stateItems?.find((item) => item.code === code);
      if (state) return text(state.names);
      const partner = partners?.find((item) => item.code === code);
      return partner ? text(partner.shortNames) : code;
    },
    [invitations, stateItems, partners, text],
  );
}

export function useBodyName(form: "short" | "full"): (code: string) => string {
  const bodies = useBodies();
  const { text } = useLocale();
  const items = bodies.data?.items;
  return useCallback(
    (code) => {
      const body = items?.find((item) => item.code === code);
      if (!body) return code;
      return text(form === "short" ? body.shortNames : body.names);
    },
    [items, text, form],
  );
}
