// The programme's API from the web: a term's programme (read again when an import is announced on its live stream), and a
// spreadsheet sent as it is (checked only, or imported) with the session's CSRF token.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { programmeStream, SPREADSHEET_TYPES, type Programme, type ProgrammeImportResult } from "../../../contracts/programme";
import { API_BASE, ApiProblem, fetchJson, hasProblemCode } from "../../shared/api/fetch-json";
import { useLiveStream } from "../../shared/live/use-live-stream";
import { sessionQuery } from "../../shared/session/session-query";
import type { Problem } from "../../../contracts/problems";

export const programmeKey = (term: string) => ["programme", term] as const;

export function useProgramme(term: string) {
  const queryClient = useQueryClient();
  useLiveStream(programmeStream(term), () => void queryClient.invalidateQueries({ queryKey: programmeKey(term) }));
  return useQuery({
    queryKey: programmeKey(term),
    queryFn: ({ signal }) => fetchJson<Programme>(`/chairmanship/${encodeURIComponent(term)}/programme`, signal),
    staleTime: 60_000,
  });
}

/** The spreadsheet's format by its name: an XLSX workbook, else CSV. */
export function spreadsheetType(fileName: string): string {
  return fileName.toLowerCase().endsWith(".xlsx") ? SPREADSHEET_TYPES.xlsx : SPREADSHEET_TYPES.csv;
}

async function problemOf(response: Response): Promise<ApiProblem> {
  const body = (await response.json().catch(() => null)) as Problem | null;
  return new ApiProblem(response.status, body !== null && typeof body === "object" && "status" in body ? body : null);
}

export type SendSpreadsheet = (term: string, file: File, options: { dryRun: boolean }) => Promise<ProgrammeImportResult>;

/** Sends a spreadsheet to the term's import; a CSRF token the server no longer accepts is refreshed once. */
export function useSendSpreadsheet(): SendSpreadsheet {
  const queryClient = useQueryClient();
  return useCallback(
    async (term, file, { dryRun }) => {
      const query = new URLSearchParams({ dryRun: String(dryRun), file: file.name.replace(/[/\\]/g, "_").slice(0, 200) });
      const send = async (csrfToken: string) => {
        const response = await fetch(`${API_BASE}/chairmanship/${encodeURIComponent(term)}/programme/import?${query.toString()}`, {
          method: "POST",
          headers: { accept: "application/json", "content-type": spreadsheetType(file.name), "x-csrf-token": csrfToken },
          credentials: "same-origin",
          body: file,
        });
        if (!response.ok) throw await problemOf(response);
        return (await response.json()) as ProgrammeImportResult;
      };
      const { csrfToken } = await queryClient.ensureQueryData(sessionQuery);
      try {
        return await send(csrfToken);
      } catch (error) {
        if (!hasProblemCode(error, "csrf")) throw error;
        return send((await queryClient.fetchQuery({ ...sessionQuery, staleTime: 0 })).csrfToken);
      }
    },
    [queryClient],
  );
}
