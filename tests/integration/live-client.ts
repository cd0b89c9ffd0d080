// A live-connection client for tests: opens /api/live with a session's cookies and the site's Origin, and collects what arrives.
import WebSocket from "ws";
import type { ServerMessage } from "../../src/contracts/live.js";

export interface LiveEventSeen {
  readonly stream: string;
  readonly seq: number;
  readonly type: string;
  readonly payload: Record<string, unknown>;
}

export class LiveClient {
  readonly messages: ServerMessage[] = [];
  closed: { code: number; reason: string } | null = null;

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data, isBinary) => {
      // A browser would see a binary frame as a Blob, not text: the server must never send one.
      if (isBinary) throw new Error("live: the server sent a binary frame");
      this.messages.push(JSON.parse(String(data)) as ServerMessage);
    });
    socket.on("close", (code, reason) => (this.closed = { code, reason: String(reason) }));
  }

  /** Connects; rejects with the HTTP status when the upgrade is refused. */
  static connect(baseUrl: string, options: { cookie?: string; origin?: string | null } = {}): Promise<LiveClient> {
    const url = `${baseUrl.replace(/^http/, "ws")}/api/live`;
    const headers: Record<string, string> = {};
    if (options.cookie) headers.cookie = options.cookie;
    const origin = options.origin === undefined ? baseUrl : options.origin;
    if (origin !== null) headers.origin = origin;
    const socket = new WebSocket(url, { headers });
    return new Promise((resolve, reject) => {
      const client = new LiveClient(socket);
      socket.once("open", () => resolve(client));
      socket.once("unexpected-response", (_request, response) => reject(Object.assign(new Error(`refused with ${response.statusCode}`), { status: response.statusCode })));
      socket.once("error", reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  async subscribe(streams: { stream: string; after: number | null }[]): Promise<void> {
    const before = this.messages.filter((m) => m.type === "subscribed").length;
    this.send({ type: "subscribe", streams });
    await this.until((ms) => ms.filter((m) => m.type === "subscribed").length >= before + streams.length);
  }

  events(stream?: string): LiveEventSeen[] {
    return this.messages.flatMap((m) => (m.type === "event" && (stream === undefined || m.event.stream === stream) ? [m.event] : []));
  }

  lastSeq(stream: string): number {
    const subscribed = this.messages.filter((m) => m.type === "subscribed" && m.stream === stream).map((m) => (m as { head: number }).head);
    return Math.max(0, ...subscribed, ...this.events(stream).map((e) => e.seq));
  }

  /** Waits (polling the received messages, up to `timeoutMs`) until the condition holds. */
  async until(condition: (messages: ServerMessage[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition(this.messages)) {
      if (Date.now() > deadline) throw new Error(`live: condition not met within ${timeoutMs} ms; received ${JSON.stringify(this.messages).slice(0, 2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async closedWith(): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + 10_000;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error("live: the connection was not closed");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.closed;
  }

  close(): void {
    this.socket.close();
  }
}
