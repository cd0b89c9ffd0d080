// The built web app as Chromium receives it: the main bundle compressed (Brotli, or gzip for a client that takes only
// gzip) to the very bytes of the build, cached for a year; the page revalidated; an unknown address answered 404 with
// the app, which says so in the reader's language, while a client route answers 200.
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { BROWSER_LOCALE, LANGUAGES, REPO_ROOT, openPortal, screenshot, usePortalEnvironment } from "./harness.js";

const NOT_FOUND_TITLE = { "zh-CN": "未找到页面", ru: "Страница не найдена", en: "Page not found" } as const;

/** A GET with the raw bytes as sent (fetch would decompress them). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

describe("the built web app on the wire", () => {
  const env = usePortalEnvironment();

  it("sends the main bundle compressed, decompressing to the built file, cached for a year; the page revalidated", async () => {
    const index = await rawGet(`${env.server.baseUrl}/`, {});
    expect(index.status).toBe(200);
    expect(index.headers["cache-control"]).toBe("no-cache");
    const bundle = /src="(\/assets\/index-[^"]+\.js)"/.exec(index.body.toString("utf8"))?.[1];
    expect(bundle).toBeDefined();
    const built = readFileSync(join(REPO_ROOT, "dist/web", bundle!));
    expect(built.length).toBeGreaterThan(500_000);
    for (const [accept, encoding, decompress] of [
      ["gzip, deflate, br", "br", brotliDecompressSync],
      ["gzip", "gzip", gunzipSync],
    ] as const) {
      const response = await rawGet(`${env.server.baseUrl}${bundle}`, { "accept-encoding": accept });
      expect(response.status).toBe(200);
      expect(response.headers["content-encoding"]).toBe(encoding);
      expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(response.body.length).toBeLessThan(built.length / 3);
      expect(decompress(response.body).equals(built)).toBe(true);
    }
  });

  for (const language of LANGUAGES) {
    it(`answers an unknown address 404 with the app's "not found" in ${language}, and a client route 200`, async () => {
      const { context, page, errors } = await openPortal(env.browser, { locale: BROWSER_LOCALE[language] });
      const assets: { url: string; encoding: string | undefined; cacheControl: string | undefined }[] = [];
      page.on("response", (response) => {
        if (response.url().includes("/assets/index-") && response.url().endsWith(".js")) {
          const headers = response.headers();
          assets.push({ url: response.url(), encoding: headers["content-encoding"], cacheControl: headers["cache-control"] });
        }
      });
      try {
        const unknown = await page.goto(`${env.server.baseUrl}/no-such-page`);
        expect(unknown?.status()).toBe(404);
        await page.getByRole("heading", { name: NOT_FOUND_TITLE[language] }).waitFor();
        await screenshot(page, `not-found-${language}`);
        // What reached the browser: the bundle in Brotli, kept for a year.
        expect(assets[0]).toMatchObject({ encoding: "br", cacheControl: "public, max-age=31536000, immutable" });

        const known = await page.goto(`${env.server.baseUrl}/states/XX`);
        expect(known?.status()).toBe(200);
        await page.getByTestId("state-not-found").waitFor();
        expect(errors.filter((e) => !e.includes("404"))).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
