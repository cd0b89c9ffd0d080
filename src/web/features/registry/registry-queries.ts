// TanStack Query hooks for the registry API (states, bodies, summits, chairmanship; the organization is in shared/api); one cache key per resource.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { BodyList, Chairmanship, StateDetail, StateList, SummitList } from "../../../contracts/registry";
import { fetchJson } from "../../shared/api/fetch-json";

const HOUR = 60 * 60 * 1000;

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
