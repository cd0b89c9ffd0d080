// The registry's reads, for every page and feature: one query-key family ("registry", …), so that a live registry change
// (which invalidates ["registry"]) refreshes every copy, and a list read by several features is fetched and cached once.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { BodyList, Chairmanship, Organization, StateDetail, StateList, SummitList } from "../../../contracts/registry";
import { organizationLanguages } from "../core-rules";
import { fetchJson } from "./fetch-json";

const HOUR = 60 * 60 * 1000;

/** The organization's profile (names, tiers, partners, sources): read by the shell, every page title and several features. */
export function useOrganization() {
  return useQuery({
    queryKey: ["registry", "organization"],
    queryFn: ({ signal }) => fetchJson<Organization>("/organization", signal),
    staleTime: HOUR,
  });
}

/**
 * The languages the organization works in (its official, then its working languages): the languages its texts are typed
 * in, documents negotiated in and spreadsheets written in. Undefined while the profile loads.
 */
export function useOrganizationLanguages(): readonly string[] | undefined {
  const organization = useOrganization().data;
  return useMemo(() => (organization ? organizationLanguages(organization) : undefined), [organization]);
}

/** States holding a status on `on` (a calendar day), or today when `on` is omitted. */
export function useStates(options: { on?: string; tier?: string } = {}) {
  const params = new URLSearchParams();
  if (options.tier) params.set("tier", options.tier);
  if (options.on) params.set("on", options.on);
  const query = params.size > 0 ? `?${params.toString()}` : "";
  return useQuery({
    queryKey: ["registry", "states", options.on ?? null, options.tier ?? null],
    queryFn: ({ signal }) => fetchJson<StateList>(`/states${query}`, signal),
    staleTime: HOUR,
    // While the date slider moves, keep showing the last answer instead of flashing a loader.
    placeholderData: keepPreviousData,
  });
}

export function useStateDetail(code: string) {
  return useQuery({
    queryKey: ["registry", "state", code],
    queryFn: ({ signal }) => fetchJson<StateDetail>(`/states/${encodeURIComponent(code)}`, signal),
    staleTime: HOUR,
  });
}

export function useBodies() {
  return useQuery({
    queryKey: ["registry", "bodies"],
    queryFn: ({ signal }) => fetchJson<BodyList>("/bodies", signal),
    staleTime: HOUR,
  });
}

export function useSummits() {
  return useQuery({
    queryKey: ["registry", "summits"],
    queryFn: ({ signal }) => fetchJson<SummitList>("/summits", signal),
    staleTime: HOUR,
  });
}

export function useChairmanship() {
  return useQuery({
    queryKey: ["registry", "chairmanship"],
    queryFn: ({ signal }) => fetchJson<Chairmanship>("/chairmanship", signal),
    staleTime: HOUR,
  });
}

/** States holding a status today: to name delegations, and whom one may invite or open a delegation for. */
export function useStatesToday() {
  return useStates();
}
