import { describe, expect, it } from "vitest";
import { FileCache } from "./participants-cache.js";

describe("rendered files kept within a budget", () => {
  it("renders a key once, however many ask for it at the same time", async () => {
    const cache = new FileCache(1_000);
    let renders = 0;
    const render = async () => {
      renders += 1;
      return Buffer.alloc(10);
    };
    const [a, b] = await Promise.all([cache.get("k", render), cache.get("k", render)]);
    expect(a).toBe(b);
    await cache.get("k", render);
    expect(renders).toBe(1);
  });

  it("lets the oldest files go when the budget is exceeded, never the one just made", async () => {
    const cache = new FileCache(25);
    for (const key of ["a", "b", "c"]) await cache.get(key, async () => Buffer.alloc(10));
    expect(cache.size).toEqual({ files: 2, bytes: 20 });
    let renders = 0;
    await cache.get("a", async () => {
      renders += 1;
      return Buffer.alloc(10);
    });
    expect(renders).toBe(1);
    const big = await cache.get("big", async () => Buffer.alloc(100));
    expect(big.length).toBe(100);
    expect(cache.size.files).toBe(1);
  });

  it("does not keep a rendering that failed", async () => {
    const cache = new FileCache();
    await expect(cache.get("x", () => Promise.reject(new Error("no font")))).rejects.toThrow("no font");
    expect(cache.size.files).toBe(0);
    expect(await cache.get("x", async () => Buffer.from("ok"))).toEqual(Buffer.from("ok"));
  });
});
