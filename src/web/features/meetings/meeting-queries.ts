// TanStack Query reads of the meetings API (the list, one meeting) and of the registry the pages name things from
// (bodies, states today, partner organizations); one cache key per resource. Reading a meeting also tells the
// speaking clock how far this browser's clock is from the server's (its Date header).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Meeting, MeetingSummary } from "../../../contracts/meetings";
import type { Problem } from "../../../contracts/problems";
import { API_BASE, ApiProblem, fetchJson } from "../../shared/api/fetch-json";
import { recordServerTime } from "./server-clock";


export const MEETING_KEYS = {
  lists: ["meetings", "list"] as const,
  list: (body: string | null, status: string | null) => ["meetings", "list", body, status] as const,
  meeting: (id: string) => ["meetings", "meeting", id] as const,
};

export const meetingPath = (id: string) => `/meetings/${encodeURIComponent(id)}`;
/** The address of a meeting's file or feed (participants, calendar), for a link. */
/** A file of the meeting (participants PDF, CSV, XLSX), its labels in `lang` (the reader's language). */
export const meetingFileUrl = (id: string, file: string, lang?: string) => `${API_BASE}${meetingPath(id)}/${file}${lang ? `?lang=${encodeURIComponent(lang)}` : ""}`;
export const badgeUrl = (token: string, lang?: string) => `${API_BASE}/badges/${encodeURIComponent(token)}.pdf${lang ? `?lang=${encodeURIComponent(lang)}` : ""}`;

export function useMeetings(filters: { body: string | null; status: string | null }) {
  const params = new URLSearchParams();
  if (filters.body) params.set("body", filters.body);
  if (filters.status) params.set("status", filters.status);
  const query = params.size > 0 ? `?${params.toString()}` : "";
  return useQuery({
    queryKey: MEETING_KEYS.list(filters.body, filters.status),
    queryFn: ({ signal }) => fetchJson<{ items: MeetingSummary[] }>(`/meetings${query}`, signal),
    placeholderData: keepPreviousData,
  });
}

async function problemOf(response: Response): Promise<ApiProblem> {
  let problem: Problem | null = null;
  try {
    const body: unknown = await response.json();
    problem = body !== null && typeof body === "object" && "status" in body ? (body as Problem) : null;
  } catch {
    // No problem details in the answer.
  }
  return new ApiProblem(response.status, problem);
}

/** GET a meeting, noting when the server answered (for the speaking clock). */
async function fetchMeeting(id: string, signal: AbortSignal): Promise<Meeting> {
  const sentAt = Date.now();
  const response = await fetch(`${API_BASE}${meetingPath(id)}`, { headers: { accept: "application/json" }, credentials: "same-origin", signal });
  recordServerTime({ serverDate: response.headers.get("date"), sentAt, receivedAt: Date.now() });
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as Meeting;
}

export function useMeeting(id: string) {
  return useQuery({
    queryKey: MEETING_KEYS.meeting(id),
    queryFn: ({ signal }) => fetchMeeting(id, signal),
  });
}


