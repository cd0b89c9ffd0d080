// A live-benchmark worker process: holds many WebSocket clients and records, for each event, when each client received it.
// Driven by the harness over IPC: connect, flush (send back receipts), close.
import WebSocket from "ws";
import { eventIdOf, type Follow } from "./follow.js";

interface Connect {
  readonly cmd: "connect";
  readonly url: string;
  readonly origin: string;
  /** One Cookie header per client (Concord); empty strings for the bare server. */
  readonly cookies: readonly string[];
  readonly follow: Follow;
}
type Command = Connect | { readonly cmd: "flush" } | { readonly cmd: "close" };

// The wall clock, shared by every process on the machine (each process's performance.timeOrigin may be off by a few ms).
const now = () => Date.now();
const sockets: WebSocket[] = [];
let receipts: [string, number][] = [];

async function connectOne(command: Connect, cookie: string): Promise<boolean> {
  const { follow } = command;
  const headers: Record<string, string> = { origin: command.origin };
  if (cookie) headers.cookie = cookie;
  const socket = new WebSocket(command.url, { headers, perMessageDeflate: false });
  return new Promise((resolve) => {
    socket.once("open", () => {
      sockets.push(socket);
      if (!follow.subscribe) return resolve(true);
      socket.send(JSON.stringify({ type: "subscribe", streams: [{ stream: follow.stream, after: null }] }));
    });
    socket.on("message", (data) => {
      const text = String(data);
      if (text.includes('"subscribed"')) return resolve(true);
      const id = eventIdOf(text, follow);
      if (id !== null) receipts.push([id, now()]);
    });
    socket.once("error", () => resolve(false));
    socket.once("unexpected-response", () => resolve(false));
  });
}

process.on("message", async (command: Command) => {
  if (command.cmd === "connect") {
    let connected = 0;
    // A few at a time: a burst of thousands of upgrades at once measures the accept queue, not the server.
    for (let i = 0; i < command.cookies.length; i += 50) {
      const batch = await Promise.all(command.cookies.slice(i, i + 50).map((cookie) => connectOne(command, cookie)));
      connected += batch.filter(Boolean).length;
    }
    process.send!({ connected, failed: command.cookies.length - connected });
  } else if (command.cmd === "flush") {
    process.send!({ receipts });
    receipts = [];
  } else {
    for (const socket of sockets) socket.terminate();
    process.send!({ closed: true });
    process.exit(0);
  }
});
process.send!({ ready: true });
