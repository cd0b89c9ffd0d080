// The yardstick for bench:api: a bare Fastify server (no hooks, no plugins) answering fixed JSON bodies at the same paths as Concord.
// Usage: tsx scripts/bench/bare-server.ts <port> <file with {"path": body-string, …}>
import { readFileSync } from "node:fs";
import Fastify from "fastify";

const [port, file] = process.argv.slice(2);
const bodies = JSON.parse(readFileSync(file!, "utf8")) as Record<string, string>;
const app = Fastify({ logger: false });
for (const [path, body] of Object.entries(bodies)) {
  app.get(path, (_request, reply) => reply.type("application/json; charset=utf-8").send(body));
}
await app.listen({ port: Number(port), host: "127.0.0.1" });
console.log(`bare server on ${port}`);
