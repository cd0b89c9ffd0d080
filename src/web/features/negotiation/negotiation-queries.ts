// TanStack Query reads of the negotiation API (documents, one document, revisions, diffs, private notes) and the parties
// and bodies its pages name; one cache key per resource. Issued revisions and diffs never change, so they stay cached.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { DiffDto, DocumentDto, DocumentSummary, NoteDto, RevisionDto } from "../../../contracts/negotiation";
import { fetchJson } from "../../shared/api/fetch-json";


export const NEGOTIATION_KEYS = {
  documents: ["negotiation", "documents"] as const,
  documentList: (body: string | null, status: string | null) => ["negotiation", "documents", body, status] as const,
  document: (id: string) => ["negotiation", "document", id] as const,
  /** The key of the reader's own commands on a document whose answer carries the document (awaited-answers.ts). */
  command: (id: string) => ["negotiation", "command", id] as const,
  notes: (id: string) => ["negotiation", "notes", id] as const,
  revision: (id: string, number: number) => ["negotiation", "revision", id, number] as const,
  diff: (id: string, from: number, to: number) => ["negotiation", "diff", id, from, to] as const,
};

export const documentPath = (id: string) => `/documents/${encodeURIComponent(id)}`;

export function useDocuments(filters: { body: string | null; status: string | null }) {
  const params = new URLSearchParams();
  if (filters.body) params.set("body", filters.body);
  if (filters.status) params.set("status", filters.status);
  const query = params.size > 0 ? `?${params.toString()}` : "";
  return useQuery({
    queryKey: NEGOTIATION_KEYS.documentList(filters.body, filters.status),
    queryFn: ({ signal }) => fetchJson<{ items: DocumentSummary[] }>(`/documents${query}`, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDocument(id: string) {
  return useQuery({
    queryKey: NEGOTIATION_KEYS.document(id),
    queryFn: ({ signal }) => fetchJson<DocumentDto>(documentPath(id), signal),
  });
}

export function useNotes(id: string, options: { enabled: boolean }) {
  return useQuery({
    queryKey: NEGOTIATION_KEYS.notes(id),
    queryFn: ({ signal }) => fetchJson<{ items: NoteDto[] }>(`${documentPath(id)}/notes`, signal),
    enabled: options.enabled,
  });
}

export function useRevision(id: string, number: number | null) {
  return useQuery({
    queryKey: NEGOTIATION_KEYS.revision(id, number ?? -1),
    queryFn: ({ signal }) => fetchJson<RevisionDto>(`${documentPath(id)}/revisions/${String(number)}`, signal),
    enabled: number !== null,
    staleTime: Infinity,
  });
}

export function useDiff(id: string, pair: { from: number; to: number } | null) {
  return useQuery({
    queryKey: NEGOTIATION_KEYS.diff(id, pair?.from ?? -1, pair?.to ?? -1),
    queryFn: ({ signal }) => fetchJson<DiffDto>(`${documentPath(id)}/diff?from=${String(pair?.from)}&to=${String(pair?.to)}`, signal),
    enabled: pair !== null,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}


