// The yardstick for bench:live: a bare `ws` server that sends each message it hears on a PostgreSQL channel to every
// client, nothing else — the message reaches it the way a commit's news reaches Concord (LISTEN/NOTIFY).
// Usage: tsx scripts/bench/bare-broadcast.ts <port> <database url>
import { createServer } from "node:http";
import pg from "pg";
import { WebSocketServer } from "ws";
import { BARE_CHANNEL } from "./processes.js";

const port = Number(process.argv[2]);
const listener = new pg.Client({ connectionString: process.argv[3] });
await listener.connect();
listener.on("notification", (notification) => {
  const message = Buffer.from(notification.payload ?? "");
  for (const client of wss.clients) client.send(message, { binary: false });
});
await listener.query(`listen ${BARE_CHANNEL}`);
const server = createServer((request, response) => response.end(request.url === "/health" ? "ok" : ""));
const wss = new WebSocketServer({ server, path: "/api/live", perMessageDeflate: false });
server.listen(port, "127.0.0.1", () => console.log(`bare broadcast on ${port}`));
process.once("SIGTERM", () => {
  void listener.end().finally(() => process.exit(0));
});
