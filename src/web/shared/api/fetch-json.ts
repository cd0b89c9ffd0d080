// Reads and writes JSON on the portal's own API; a non-2xx answer becomes an ApiProblem carrying the RFC 9457 details.
import type { Problem } from "../../../contracts/problems";

export const API_BASE = "/api/v1";

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    /** From a Retry-After header (seconds), e.g. when sign-in is paused. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(problem?.title ?? `HTTP ${status}`);
    this.name = "ApiProblem";
  }

  /** The problem's stable code ("forbidden", "email-taken"…), or null when the answer carried none. */
  get code(): string | null {
    return this.problem?.code ?? null;
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiProblem && error.status === 404;
}

export function hasProblemCode(error: unknown, code: string): error is ApiProblem {
  return error instanceof ApiProblem && error.code === code;
}

async function readProblem(response: Response): Promise<Problem | null> {
  try {
    const body: unknown = await response.json();
    return body !== null && typeof body === "object" && "status" in body ? (body as Problem) : null;
  } catch {
    return null;
  }
}

function retryAfter(response: Response): number | null {
  const value = Number(response.headers.get("retry-after"));
  return Number.isFinite(value) && value > 0 ? value : null;
}

async function toProblem(response: Response): Promise<ApiProblem> {
  return new ApiProblem(response.status, await readProblem(response), retryAfter(response));
}

export async function fetchJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(`${API_BASE}${path}`, {
    headers: { accept: "application/json" },
    credentials: "same-origin",
    signal: signal ?? null,
  });
  if (!response.ok) throw await toProblem(response);
  return (await response.json()) as T;
}

export type StateChangingMethod = "POST" | "PATCH" | "PUT" | "DELETE";

/**
 * A state-changing request. The server checks every one against the CSRF token it handed out
 * with the session (GET /api/v1/session), sent back as the x-csrf-token header. A 204 gives null.
 */
export async function sendJson<T>(method: StateChangingMethod, path: string, options: { csrfToken: string; body?: unknown }): Promise<T | null> {
  const headers: Record<string, string> = { accept: "application/json", "x-csrf-token": options.csrfToken };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${API_BASE}${path}`, {
    method,
    headers,
    credentials: "same-origin",
    body: options.body === undefined ? null : JSON.stringify(options.body),
  });
  if (!response.ok) throw await toProblem(response);
  if (response.status === 204) return null;
  return (await response.json()) as T;
}
