// The audit trail, newest first, a page at a time (each page says where the next one starts).
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import type { AuditEvent } from "../../../contracts/identity";
import { fetchJson } from "../../shared/api/fetch-json";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  readonly action: string | null;
  readonly delegation: string | null;
  /** ISO instants with a zone. */
  readonly from: string | null;
  readonly to: string | null;
}

export interface AuditPage {
  readonly items: AuditEvent[];
  readonly nextBefore: number | null;
}

export function auditQueryString(filter: AuditFilter, before: number | undefined): string {
  const params = new URLSearchParams();
  if (filter.action) params.set("action", filter.action);
  if (filter.delegation) params.set("delegation", filter.delegation);
  if (filter.from) params.set("from", filter.from);
  if (filter.to) params.set("to", filter.to);
  if (before !== undefined) params.set("before", String(before));
  params.set("limit", String(AUDIT_PAGE_SIZE));
  return params.toString();
}

export const auditTrailKey = (filter: AuditFilter) => ["audit", "events", filter] as const;

const NO_FILTER: AuditFilter = { action: null, delegation: null, from: null, to: null };

/** The trail under these filters; with none (filters that cannot match), nothing is asked. */
export function useAuditTrail(filter: AuditFilter | null) {
  return useInfiniteQuery({
    queryKey: auditTrailKey(filter ?? NO_FILTER),
    queryFn: ({ pageParam, signal }) => fetchJson<AuditPage>(`/audit?${auditQueryString(filter ?? NO_FILTER, pageParam)}`, signal),
    enabled: filter !== null,
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    // While the next filter's results load, the last ones stay on screen (and the page says they are the last ones).
    placeholderData: keepPreviousData,
  });
}
