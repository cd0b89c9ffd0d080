// Keeps the audit trail on screen current: a newly appended event the filters would show is fetched with the newest page and put on top, never twice.
import { useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { z } from "zod";
import { STREAMS } from "../../../contracts/live";
import { fetchJson } from "../../shared/api/fetch-json";
import { useLiveStream } from "../../shared/live/use-live-stream";
import { auditQueryString, auditTrailKey, type AuditFilter, type AuditPage } from "./audit-queries";

/** What the audit stream says of an appended event. */
const AppendedSchema = z.object({ seq: z.number(), action: z.string(), actorDelegation: z.string().nullable() });
type Appended = z.infer<typeof AppendedSchema>;

/** Whether an event appended at `at` could appear under these filters (the trail's own "to" day may already be over). */
export function isShownBy(filter: AuditFilter, appended: Appended, at: string): boolean {
  if (filter.action !== null && filter.action !== appended.action) return false;
  if (filter.delegation !== null && filter.delegation !== appended.actorDelegation) return false;
  return filter.to === null || Date.parse(at) <= Date.parse(filter.to);
}

/**
 * The trail with the newest page's new events on top. When every event of that page is new, events may be missing
 * between it and what was shown, so the trail starts again from that page.
 */
export function withNewestPage(trail: InfiniteData<AuditPage, number | undefined>, newest: AuditPage): InfiniteData<AuditPage, number | undefined> {
  const [first, ...rest] = trail.pages;
  const restart = { pages: [newest], pageParams: [undefined] };
  if (!first || first.items.length === 0) return newest.items.length === 0 ? trail : restart;
  const shownUpTo = first.items[0]?.seq ?? 0;
  const added = newest.items.filter((event) => event.seq > shownUpTo);
  if (added.length === 0) return trail;
  if (added.length === newest.items.length) return restart;
  return { ...trail, pages: [{ ...first, items: [...added, ...first.items] }, ...rest] };
}

async function refreshNewest(queryClient: QueryClient, filter: AuditFilter): Promise<void> {
  const key = auditTrailKey(filter);
  if (!queryClient.getQueryData(key)) return;
  const newest = await fetchJson<AuditPage>(`/audit?${auditQueryString(filter, undefined)}`);
  const trail = queryClient.getQueryData<InfiniteData<AuditPage, number | undefined>>(key);
  if (trail) queryClient.setQueryData(key, withNewestPage(trail, newest));
}

/** With no filter (the page shows no trail), appended events are ignored. */
export function useAuditLive(filter: AuditFilter | null): void {
  const queryClient = useQueryClient();
  // One refresh at a time; events arriving meanwhile ask for one more after it (a burst costs two requests, not one each).
  const refresh = useRef({ isRunning: false, isWanted: false });
  useLiveStream(STREAMS.audit, (change) => {
    if (filter === null) return;
    if (change.kind === "reset") return void queryClient.invalidateQueries({ queryKey: auditTrailKey(filter) });
    const appended = AppendedSchema.safeParse(change.event.payload);
    if (appended.success && !isShownBy(filter, appended.data, change.event.at)) return;
    const state = refresh.current;
    state.isWanted = true;
    if (state.isRunning) return;
    state.isRunning = true;
    void (async () => {
      while (state.isWanted) {
        state.isWanted = false;
        // A failed refresh leaves the trail as it was; the next event or a reload brings it up to date.
        await refreshNewest(queryClient, filter).catch(() => undefined);
      }
      state.isRunning = false;
    })();
  });
}
