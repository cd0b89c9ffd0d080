// A test client that keeps cookies and the CSRF token like a browser does, over app.inject.
import type { FastifyInstance } from "fastify";

export class SessionClient {
  private cookies = new Map<string, string>();
  private csrfToken: string | null = null;

  constructor(
    private readonly app: FastifyInstance,
    private readonly address = "198.51.100.7",
  ) {}

  get hasSession(): boolean {
    return this.cookies.has("concord_session");
  }

  /** The Cookie header a browser would send. */
  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  get currentCsrfToken(): string | null {
    return this.csrfToken;
  }

  /** The same browser (cookies and CSRF token shared) talking to another server process. */
  on(other: FastifyInstance): SessionClient {
    const twin = new SessionClient(other, this.address);
    twin.cookies = this.cookies;
    twin.csrfToken = this.csrfToken;
    return twin;
  }

  async request(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, body?: unknown, options: { csrf?: boolean; headers?: Record<string, string> } = {}) {
    const isSafe = method === "GET";
    if (!isSafe && options.csrf !== false && this.csrfToken === null) await this.refreshCsrf();
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (!isSafe && options.csrf !== false && this.csrfToken) headers["x-csrf-token"] = this.csrfToken;
    const response = await this.app.inject({ method, url, headers: { ...headers, ...options.headers }, remoteAddress: this.address, ...(body !== undefined ? { payload: body as object } : {}) });
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const isCleared = cookie.value === "" || cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
      if (isCleared) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  async refreshCsrf(): Promise<void> {
    this.csrfToken = null;
    const response = await this.request("GET", "/api/v1/session");
    this.csrfToken = response.json().csrfToken;
  }

  async signIn(email: string, password: string) {
    const response = await this.request("POST", "/api/v1/session", { email, password });
    await this.refreshCsrf();
    return response;
  }
}
