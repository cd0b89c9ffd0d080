// The yardstick for the HTTP part of a write in bench:negotiation: a bare Fastify server (no hooks, no plugins) that
// takes a POST at Concord's route, parses its JSON body as Fastify does, and answers fixed bytes with Concord's status.
// Usage: tsx scripts/bench/bare-post-server.ts <port> <file with {"route": "/api/…/:id/…", "status": 201, "body": "…"}>
import { readFileSync } from "node:fs";
import Fastify from "fastify";

const [port, file] = process.argv.slice(2);
const { route, status, body } = JSON.parse(readFileSync(file!, "utf8")) as { route: string; status: number; body: string };
const app = Fastify({ logger: false });
app.post(route, (request, reply) => {
  if (typeof request.body !== "object" || request.body === null) return reply.code(400).send();
  return reply.code(status).type("application/json; charset=utf-8").send(body);
});
await app.listen({ port: Number(port), host: "127.0.0.1" });
console.log(`bare POST server on ${port}`);
