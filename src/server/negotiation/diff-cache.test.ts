import { describe, expect, it } from "vitest";
import { DiffCache } from "./diff-cache.js";

const bytes = (size: number, fill = 1): Uint8Array => new Uint8Array(size).fill(fill);

describe("DiffCache", () => {
  it("makes a revision pair's diff once and answers it again from memory", async () => {
    const cache = new DiffCache(1_000);
    let made = 0;
    const make = async () => {
      made += 1;
      return bytes(100);
    };
    const key = DiffCache.key("doc-1", 0, 1, ["ru", "zh", "en"]);
    const first = await cache.get(key, make);
    expect(await cache.get(key, make)).toBe(first);
    expect(made).toBe(1);
    // Another pair, another document or the pair the other way round is another diff.
    for (const other of [DiffCache.key("doc-1", 1, 0, ["ru", "zh", "en"]), DiffCache.key("doc-2", 0, 1, ["ru", "zh", "en"])]) await cache.get(other, make);
    expect(made).toBe(3);
    expect(cache.bytes).toBe(300);
  });

  it("keeps no more bytes than its bound, dropping the least recently read first, and never a diff larger than the bound", async () => {
    const cache = new DiffCache(1_000);
    const made: string[] = [];
    const get = (key: string, size: number) =>
      cache.get(key, async () => {
        made.push(key);
        return bytes(size);
      });
    await get("a", 400);
    await get("b", 400);
    await get("a", 400); // read again: now the most recent
    await get("c", 400); // over the bound: b goes
    expect(cache.bytes).toBe(800);
    await get("a", 400);
    await get("b", 400);
    expect(made).toEqual(["a", "b", "c", "b"]);
    await get("huge", 5_000);
    await get("huge", 5_000);
    expect(made.filter((key) => key === "huge")).toHaveLength(2);
    expect(cache.bytes).toBeLessThanOrEqual(1_000);
  });

  it("keeps nothing when the diff could not be made (a missing revision, a refused job)", async () => {
    const cache = new DiffCache(1_000);
    await expect(cache.get("k", () => Promise.reject(new Error("revision (to) was not found.")))).rejects.toThrow("not found");
    expect(cache.bytes).toBe(0);
    expect(await cache.get("k", async () => bytes(10, 7))).toEqual(bytes(10, 7));
  });
});
