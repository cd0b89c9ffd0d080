// How the web app and the API reach a browser: a page the app has answers 200 and any other path 404, both with the
// app's page; hashed files are cached for a year, the page revalidated; text is compressed with Brotli or gzip and
// decompresses to the very bytes, except answers that carry a secret. Against a web root made here (the real build is
// checked end to end in tests/e2e/web-serving.test.ts).
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { DEFAULT_DATASET } from "../../src/server/config.js";
import { openDatabase, type Database } from "../../src/server/platform/db/client.js";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, demoHeadEmail } from "../../src/server/identity/demo-accounts.js";
import { meetingAccreditations, meetingBadges } from "../../src/server/meetings/tables.js";
import { prepareDemoAccounts, prepareDemoMeeting, prepareDemoNegotiation, seedIfEmpty } from "../../src/server/startup.js";
import { SessionClient } from "./session-client.js";

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-Abc123.js"></script></head><body><div id="root"></div></body></html>';
/** A bundle-like text: compressible, and large enough to be worth it. */
const BUNDLE = Array.from({ length: 4000 }, (_, i) => `export const value${i} = ${JSON.stringify(randomBytes(6).toString("hex"))};`).join("\n");
const STYLES = Array.from({ length: 500 }, (_, i) => `.c${i} { margin: ${i}px; }`).join("\n");

function decoded(encoding: string | undefined, body: Buffer): Buffer {
  if (encoding === "br") return brotliDecompressSync(body);
  if (encoding === "gzip") return gunzipSync(body);
  return body;
}

describe("the web app and the API as a browser receives them", () => {
  let database: Database;
  let app: FastifyInstance;
  let webRoot: string;
  let meetingId: string;
  let documentId: string;

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), "concord-web-"));
    mkdirSync(join(webRoot, "assets"));
    writeFileSync(join(webRoot, "index.html"), INDEX);
    writeFileSync(join(webRoot, "favicon.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    // As the build leaves them: the bundle with its Brotli and gzip copies; the styles without (compressed on the way).
    writeFileSync(join(webRoot, "assets/index-Abc123.js"), BUNDLE);
    writeFileSync(join(webRoot, "assets/index-Abc123.js.br"), brotliCompressSync(BUNDLE));
    writeFileSync(join(webRoot, "assets/index-Abc123.js.gz"), gzipSync(BUNDLE));
    writeFileSync(join(webRoot, "assets/index-Def456.css"), STYLES);
    database = await openDatabase({});
    await database.migrate();
    await seedIfEmpty(database, DEFAULT_DATASET);
    await prepareDemoAccounts(database);
    meetingId = (await prepareDemoMeeting(database))!.id;
    documentId = (await prepareDemoNegotiation(database))!;
    // A delegation of twenty, approved with their badges: a participants list well above the compression threshold.
    const at = new Date();
    const delegates = Array.from({ length: 20 }, (_, i) => ({ name: { en: `Delegate ${i + 1}` }, function: { en: "Adviser" }, rank: "adviser" as const }));
    await database.db.insert(meetingAccreditations).values({ id: "web-serving-kz", meetingId, delegation: "KZ", state: "approved", delegates, createdAt: at, updatedAt: at });
    await database.db.insert(meetingBadges).values(delegates.map((_, delegateIndex) => ({ token: randomBytes(16).toString("hex"), meetingId, listId: "web-serving-kz", delegateIndex, issuedAt: at })));
    app = await buildApp({ database, webRoot });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: "GET", url, headers });

  describe("pages", () => {
    it("answers a page the app has with 200 and the app, revalidated on each visit", async () => {
      for (const path of ["/", "/states", "/states/XX-nonexistent", "/states/kz/", "/meetings/anything/projector", "/negotiation/x/history", "/admin/users", "/verify/0000?x=1"]) {
        const response = await get(path);
        expect(response.statusCode, path).toBe(200);
        expect(response.body, path).toBe(INDEX);
        expect(response.headers["content-type"], path).toMatch(/^text\/html/);
        expect(response.headers["cache-control"], path).toBe("no-cache");
      }
    });

    it("answers a path the app has no page for with 404, still with the app (which shows its translated page)", async () => {
      for (const path of ["/no-such-page", "/states/kz/more", "/admin/nothing", "/assets/missing-000.js", "/index.htm"]) {
        const response = await get(path);
        expect(response.statusCode, path).toBe(404);
        expect(response.body, path).toBe(INDEX);
        expect(response.headers["content-type"], path).toMatch(/^text\/html/);
        expect(response.headers["cache-control"], path).toBe("no-cache");
        // Nothing to revalidate: a 304 would come back without the page.
        expect(response.headers.etag, path).toBeUndefined();
      }
      // The API keeps its problem details.
      const api = await get("/api/v1/no-such-route");
      expect(api.statusCode).toBe(404);
      expect(api.headers["content-type"]).toContain("application/problem+json");
    });

    it("serves files at the root (the icon) as they are, revalidated", async () => {
      const response = await get("/favicon.svg");
      expect(response.statusCode).toBe(200);
      expect(response.headers["cache-control"]).toBe("no-cache");
    });
  });

  describe("hashed files", () => {
    it("are kept a year and never revalidated", async () => {
      for (const path of ["/assets/index-Abc123.js", "/assets/index-Def456.css"]) {
        const response = await get(path);
        expect(response.statusCode, path).toBe(200);
        expect(response.headers["cache-control"], path).toBe("public, max-age=31536000, immutable");
      }
    });

    it("come compressed with Brotli or gzip as the browser accepts, decompressing to the very bytes", async () => {
      for (const [accept, expected] of [
        ["br, gzip, deflate", "br"],
        ["gzip, deflate", "gzip"],
        ["gzip;q=1, br;q=0.5", "gzip"],
      ] as const) {
        for (const [path, source] of [
          ["/assets/index-Abc123.js", BUNDLE],
          ["/assets/index-Def456.css", STYLES],
        ] as const) {
          const response = await get(path, { "accept-encoding": accept });
          expect(response.statusCode, `${path} ${accept}`).toBe(200);
          expect(response.headers["content-encoding"], `${path} ${accept}`).toBe(expected);
          expect(response.headers.vary, `${path} ${accept}`).toMatch(/accept-encoding/i);
          expect(response.rawPayload.length, `${path} ${accept}`).toBeLessThan(Buffer.byteLength(source) / 2);
          expect(decoded(expected, response.rawPayload).equals(Buffer.from(source)), `${path} ${accept}`).toBe(true);
          expect(response.headers["content-type"], path).toMatch(path.endsWith(".js") ? /javascript/ : /^text\/css/);
          expect(response.headers["cache-control"], path).toBe("public, max-age=31536000, immutable");
        }
      }
    });

    it("come as they are to a client that accepts no compression", async () => {
      const response = await get("/assets/index-Abc123.js", { "accept-encoding": "identity" });
      expect(response.headers["content-encoding"]).toBeUndefined();
      expect(response.body).toBe(BUNDLE);
    });
  });

  describe("API answers", () => {
    it("are compressed above 1 KiB and decompress to the same JSON; small ones are sent as they are", async () => {
      const plain = await get("/api/v1/states");
      expect(plain.rawPayload.length).toBeGreaterThan(1024);
      for (const encoding of ["br", "gzip"]) {
        const response = await get("/api/v1/states", { "accept-encoding": encoding });
        expect(response.headers["content-encoding"]).toBe(encoding);
        expect(decoded(encoding, response.rawPayload).equals(plain.rawPayload)).toBe(true);
        // Revalidation still works on the compressed answer.
        const again = await get("/api/v1/states", { "accept-encoding": encoding, "if-none-match": String(response.headers.etag) });
        expect(again.statusCode).toBe(304);
      }
      const health = await get("/api/health", { "accept-encoding": "br, gzip" });
      expect(health.rawPayload.length).toBeLessThan(1024);
      expect(health.headers["content-encoding"]).toBeUndefined();
    });

    it("kept as ready JSON (a document under negotiation) come compressed once per version, the same bytes to every reader", async () => {
      const head = new SessionClient(app, "192.0.2.141");
      await head.signIn(demoHeadEmail("KZ"), DEMO_PASSWORD);
      const url = `/api/v1/documents/${documentId}`;
      const plain = await head.request("GET", url);
      expect(plain.statusCode).toBe(200);
      expect(plain.headers.vary).toMatch(/accept-encoding/i);
      for (const encoding of ["br", "gzip"]) {
        const first = await head.request("GET", url, undefined, { headers: { "accept-encoding": encoding } });
        const second = await head.request("GET", url, undefined, { headers: { "accept-encoding": `${encoding}, identity` } });
        expect(first.headers["content-encoding"]).toBe(encoding);
        expect(first.headers["cache-control"]).toBe("no-store");
        expect(decoded(encoding, first.rawPayload).equals(plain.rawPayload)).toBe(true);
        expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
      }
    });

    it("that carry a secret beside text others type are never compressed: the session (CSRF token), a meeting and its participants (badge tokens)", async () => {
      const admin = new SessionClient(app, "192.0.2.140");
      await admin.signIn(DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
      const headers = { "accept-encoding": "br, gzip" };
      for (const url of ["/api/v1/session", `/api/v1/meetings/${meetingId}`, `/api/v1/meetings/${meetingId}/participants`, `/api/v1/meetings/${meetingId}/participants.csv`]) {
        const response = await admin.request("GET", url, undefined, { headers });
        expect(response.statusCode, url).toBe(200);
        expect(response.rawPayload.length, url).toBeGreaterThan(1024);
        expect(response.headers["content-encoding"], url).toBeUndefined();
      }
      // The session's CSRF token and the badge tokens are really there.
      expect((await admin.request("GET", "/api/v1/session", undefined, { headers })).json().csrfToken).toEqual(expect.any(String));
      const participants = (await admin.request("GET", `/api/v1/meetings/${meetingId}/participants`, undefined, { headers })).json();
      expect(participants.items.some((p: { badge: string | null }) => p.badge !== null)).toBe(true);
      // Meetings in a list carry no token: compressed like any other answer.
      const list = await admin.request("GET", "/api/v1/meetings", undefined, { headers });
      expect(list.headers["content-encoding"]).toBe("br");
    });
  });
});
