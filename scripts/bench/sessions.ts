// Signed-in sessions for the benchmarks: one as a browser holds it (cookies, CSRF token), signed in through the API;
// or thousands written straight into the sessions table (signing in thousands of times would measure argon2id).
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import { DEMO_PASSWORD } from "../../src/server/identity/demo-accounts.js";
import { withClient } from "./databases.js";

export interface Answer {
  readonly status: number;
  readonly body: string;
}

/** The JSON of an answer with the status expected; any other fails the benchmark, naming `what`. */
export async function expectJson<T>(answer: Promise<Answer>, expected: number, what: string): Promise<T> {
  const { status, body } = await answer;
  if (status !== expected) throw new Error(`${what} answered ${status}: ${body.slice(0, 300)}`);
  return JSON.parse(body) as T;
}

/** A browser's session: its cookie jar and CSRF token, over one kept-alive connection. */
export class BrowserSession {
  private readonly cookies = new Map<string, string>();
  private csrfToken: string | null = null;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  private constructor(readonly baseUrl: string) {}

  /** Signs in with a demo account and fetches the CSRF token bound to the new session. */
  static async signIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<BrowserSession> {
    const session = new BrowserSession(baseUrl);
    const answer = await session.post("/api/v1/session", { email, password });
    if (answer.status !== 200) throw new Error(`sign-in of ${email} answered ${answer.status}: ${answer.body}`);
    // Also leaves the CSRF secret cookie in the jar, so that reads do not get a new one issued every time.
    await session.refreshCsrf();
    return session;
  }

  /** The same browser (its cookies and CSRF token) talking to another server: the bare yardsticks. */
  twinOn(baseUrl: string): BrowserSession {
    const twin = new BrowserSession(baseUrl);
    for (const [name, value] of this.cookies) twin.cookies.set(name, value);
    twin.csrfToken = this.csrfToken;
    return twin;
  }

  /** The Cookie header: the session and the CSRF secret. */
  get cookie(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async refreshCsrf(): Promise<string> {
    const answer = await this.send("GET", "/api/v1/session");
    this.csrfToken = (JSON.parse(answer.body) as { csrfToken: string }).csrfToken;
    return this.csrfToken;
  }

  async get(path: string): Promise<Answer> {
    return this.send("GET", path);
  }

  /** A state-changing request, with the CSRF token (fetched once, then reused while the session lasts). */
  async post(path: string, body: unknown): Promise<Answer> {
    const token = this.csrfToken ?? (await this.refreshCsrf());
    return this.send("POST", path, JSON.stringify(body), { "content-type": "application/json", "x-csrf-token": token });
  }

  /** Any request with a body as given (a spreadsheet's bytes, say) and the CSRF token; PATCH and DELETE too. */
  async request(method: string, path: string, body?: Buffer | string, contentType = "application/json"): Promise<Answer> {
    const token = this.csrfToken ?? (await this.refreshCsrf());
    return this.send(method, path, body, { "content-type": contentType, "x-csrf-token": token });
  }

  close(): void {
    this.agent.destroy();
  }

  private send(method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const outgoing = request(`${this.baseUrl}${path}`, { method, agent: this.agent, headers: { ...headers, cookie: this.cookie } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          this.remember(response.headers["set-cookie"] ?? []);
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
        });
        response.on("error", reject);
      });
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  }

  private remember(setCookies: readonly string[]): void {
    for (const line of setCookies) {
      const [pair] = line.split(";");
      const [name, ...rest] = pair!.split("=");
      const value = rest.join("=");
      // A cleared cookie (sign-in clears the CSRF secret) leaves the jar; a new session needs a new CSRF token.
      if (value === "") this.cookies.delete(name!);
      else this.cookies.set(name!, value);
      if (name === "concord_session") this.csrfToken = null;
    }
  }
}

/**
 * `count` sessions, each of its own account: copies of the users with these emails (same role and delegation, dealt in
 * turn), written straight into the users and sessions tables; answers one Cookie header per session. A thousand screens
 * are a thousand people, and the live hub limits connections, messages and reads per user. Each token is random; the
 * table keeps its SHA-256, as sign-in does.
 */
export async function createSessions(databaseUrl: string, emails: readonly string[], count: number): Promise<string[]> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ email: string; display_name: string; role: string; delegation: string | null }>(
      "select email, display_name, role, delegation from users where email = any($1) order by email",
      [emails],
    );
    if (rows.length !== emails.length) throw new Error(`found ${rows.length} of ${emails.length} users`);
    const run = randomBytes(4).toString("hex");
    const tokens = Array.from({ length: count }, () => randomBytes(32).toString("base64url"));
    for (let i = 0; i < tokens.length; i += 1000) {
      const batch = tokens.slice(i, i + 1000).map((token, j) => ({ token, id: randomUUID(), like: rows[(i + j) % rows.length]!, n: i + j }));
      const userParams: unknown[] = [];
      const usersSql = batch.map(({ id, like, n }, j) => {
        userParams.push(id, `bench-${run}-${n}.${like.email}`, `${like.display_name} (${n})`, like.role, like.delegation);
        return `($${5 * j + 1}, $${5 * j + 2}, $${5 * j + 3}, $${5 * j + 4}, $${5 * j + 5})`;
      });
      await client.query(`insert into users (id, email, display_name, role, delegation) values ${usersSql.join(", ")}`, userParams);
      const sessionParams: unknown[] = [];
      const sessionsSql = batch.map(({ token, id }, j) => {
        sessionParams.push(createHash("sha256").update(token).digest("hex"), id);
        return `($${2 * j + 1}, $${2 * j + 2}, now(), now(), now() + interval '12 hours', '127.0.0.1')`;
      });
      await client.query(`insert into sessions (token_hash, user_id, created_at, last_seen_at, expires_at, address) values ${sessionsSql.join(", ")}`, sessionParams);
    }
    return tokens.map((token) => `concord_session=${token}`);
  });
}
