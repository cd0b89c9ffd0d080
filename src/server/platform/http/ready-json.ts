// Ready JSON (serialized once per version and kept: the registry's views, a document) sent compressed without being
// compressed again on every request: each encoding is made once per kept answer, off the event loop, on first demand.
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";

export type Encoding = "br" | "gzip";

/** Below this, compressing costs more than it saves (the same threshold as @fastify/compress's for other answers). */
export const COMPRESSION_THRESHOLD = 1024;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** The encoding to answer in, from an Accept-Encoding header: Brotli, else gzip, when the client takes it (q > 0). */
export function acceptedEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const weights = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (name !== "") weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const takes = (encoding: Encoding) => (weights.get(encoding) ?? weights.get("*") ?? 0) > 0;
  if (takes("br")) return "br";
  if (takes("gzip")) return "gzip";
  return null;
}

const encodings = new WeakMap<object, Partial<Record<Encoding, Promise<Buffer>>>>();

/** The kept answer in this encoding, made once (concurrent first readers share the one compression). */
function encoded(cached: { readonly json: string }, encoding: Encoding): Promise<Buffer> {
  let known = encodings.get(cached);
  if (!known) {
    known = {};
    encodings.set(cached, known);
  }
  const made = (known[encoding] ??=
    encoding === "br"
      ? brotli(cached.json, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: cached.json.length } })
      : gzipped(cached.json, { level: 6 }));
  // A failure is not kept: the next reader tries again.
  made.catch(() => delete known[encoding]);
  return made;
}

/** Sends kept JSON, compressed when the client takes it and it is worth it; headers such as ETag are the caller's. */
export async function sendReadyJson(request: FastifyRequest, reply: FastifyReply, cached: { readonly json: string }): Promise<FastifyReply> {
  void reply.type("application/json; charset=utf-8");
  const encoding = cached.json.length >= COMPRESSION_THRESHOLD ? acceptedEncoding(request.headers["accept-encoding"]) : null;
  // Whether or not this answer is compressed, another client's may be: caches must key on the header.
  void reply.header("vary", "accept-encoding");
  if (encoding === null) return reply.send(cached.json);
  // @fastify/compress leaves an answer that already has a Content-Encoding as it is.
  return reply.header("content-encoding", encoding).send(await encoded(cached, encoding));
}
