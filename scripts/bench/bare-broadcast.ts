// The yardstick for bench:live: a bare `ws` server that sends each message it is given to every client, nothing else.
// Usage: tsx scripts/bench/bare-broadcast.ts <port>. POST /broadcast with the message as the body.
import { createServer } from "node:http";
import { WebSocketServer } from "ws";

const port = Number(process.argv[2]);
const server = createServer((request, response) => {
  if (request.method === "GET" && request.url === "/health") return response.end("ok");
  let body = "";
  request.on("data", (chunk: Buffer) => (body += chunk.toString()));
  request.on("end", () => {
    const message = Buffer.from(body);
    for (const client of wss.clients) client.send(message);
    response.end("sent");
  });
});
const wss = new WebSocketServer({ server, path: "/api/live", perMessageDeflate: false });
server.listen(port, "127.0.0.1", () => console.log(`bare broadcast on ${port}`));
