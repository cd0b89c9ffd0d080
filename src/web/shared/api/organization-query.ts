// The organization's profile (names, tiers, partners, sources): read by the shell, every page title and several features, so it lives here.
import { useQuery } from "@tanstack/react-query";
import type { Organization } from "../../../contracts/registry";
import { fetchJson } from "./fetch-json";

const HOUR = 60 * 60 * 1000;

export function useOrganization() {
  return useQuery({
    queryKey: ["registry", "organization"],
    queryFn: ({ signal }) => fetchJson<Organization>("/organization", signal),
    staleTime: HOUR,
  });
}
