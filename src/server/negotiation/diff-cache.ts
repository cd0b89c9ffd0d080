// Revision diffs as the API serves them: made in the work pool (diff-task.ts) and kept per process, since issued
// revisions never change; bounded in bytes, the least recently read dropped first. Who may read a document is checked
// by the route on every request, before this cache is asked.
import { LRUCache } from "lru-cache";
import { defineTask } from "../platform/work/task.js";

export const diffRevisionsTask = defineTask<typeof import("./diff-task.js").diffRevisions>("negotiation.diff", new URL("./diff-task.js", import.meta.url), "diffRevisions");

/** The bytes of diffs a process keeps: a few hundred ordinary diffs, or a handful of diffs of very long documents. */
export const DIFF_CACHE_BYTES = 64 * 1024 * 1024;

export class DiffCache {
  private readonly entries: LRUCache<string, Uint8Array>;

  constructor(maxBytes = DIFF_CACHE_BYTES) {
    // A diff larger than the whole bound is answered but not kept.
    this.entries = new LRUCache<string, Uint8Array>({ maxSize: maxBytes, sizeCalculation: (bytes) => Math.max(1, bytes.byteLength) });
  }

  /** The key of a comparison: a document's revisions `from` and `to`, in its languages. */
  static key(document: string, from: number, to: number, languages: readonly string[]): string {
    return `${document}|${from}|${to}|${languages.join(",")}`;
  }

  /** The diff kept under `key`, or the one `make` makes, then kept (a failed `make` keeps nothing). */
  async get(key: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const known = this.entries.get(key);
    if (known) return known;
    const made = await make();
    this.entries.set(key, made);
    return made;
  }

  /** Bytes kept now, for tests and the health of the process. */
  get bytes(): number {
    return this.entries.calculatedSize;
  }
}
