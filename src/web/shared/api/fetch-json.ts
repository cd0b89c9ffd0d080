// Reads JSON from the portal's own API; a non-2xx answer becomes an ApiProblem carrying the RFC 9457 details.
import type { Problem } from "../../../contracts/registry";

export const API_BASE = "/api/v1";

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.title ?? `HTTP ${status}`);
    this.name = "ApiProblem";
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiProblem && error.status === 404;
}

async function readProblem(response: Response): Promise<Problem | null> {
  try {
    const body: unknown = await response.json();
    return body !== null && typeof body === "object" && "status" in body ? (body as Problem) : null;
  } catch {
    return null;
  }
}

export async function fetchJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(`${API_BASE}${path}`, { headers: { accept: "application/json" }, signal: signal ?? null });
  if (!response.ok) throw new ApiProblem(response.status, await readProblem(response));
  return (await response.json()) as T;
}
