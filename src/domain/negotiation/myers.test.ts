import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { diffArrays } from "diff";
import { myersDiff, type Run } from "./myers.js";

/** The common runs of jsdiff's diff of the same lists: what myersDiff must find whenever it finishes. */
function jsdiffRuns(a: number[], b: number[]): Run[] {
  const runs: Run[] = [];
  let [x, y] = [0, 0];
  for (const change of diffArrays(a, b)) {
    if (change.added) y += change.count;
    else if (change.removed) x += change.count;
    else {
      runs.push({ from: x, to: y, length: change.count });
      x += change.count;
      y += change.count;
    }
  }
  return runs;
}

// Few distinct items, so that many alignments are equally short and the choice between them shows.
const lists = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 40 });
const related = lists.chain((a) =>
  fc
    .array(fc.tuple(fc.constantFrom("insert", "delete", "replace"), fc.nat(), fc.integer({ min: 0, max: 3 })), { maxLength: 8 })
    .map((edits) => {
      const b = [...a];
      for (const [kind, at, item] of edits) {
        const index = at % (b.length + 1);
        if (kind === "insert") b.splice(index, 0, item);
        else if (index < b.length) b.splice(index, 1, ...(kind === "replace" ? [item] : []));
      }
      return [a, b] as const;
    }),
);

describe("myersDiff", () => {
  it("finds exactly the alignment jsdiff finds, for any two lists", () => {
    fc.assert(
      fc.property(fc.oneof(related, fc.tuple(lists, lists)), ([a, b]) => {
        const { runs } = myersDiff(Int32Array.from(a), Int32Array.from(b), Number.MAX_SAFE_INTEGER);
        expect(runs).toEqual(jsdiffRuns(a, b));
      }),
      { numRuns: 2_000 },
    );
  });

  it("stops within its steps and its visits, and finishes whenever it is given what jsdiff needs", () => {
    fc.assert(
      fc.property(fc.oneof(related, fc.tuple(lists, lists)), fc.nat(400), fc.nat(200), ([a, b], maxSteps, maxVisits) => {
        const [left, right] = [Int32Array.from(a), Int32Array.from(b)];
        const bounded = myersDiff(left, right, maxSteps, maxVisits);
        expect(bounded.steps).toBeLessThanOrEqual(maxSteps);
        const free = myersDiff(left, right, Number.MAX_SAFE_INTEGER);
        if (bounded.runs) expect(bounded.runs).toEqual(free.runs);
        // Given as many steps as the free search took, it finishes the same way.
        expect(myersDiff(left, right, free.steps).runs).toEqual(free.runs);
      }),
      { numRuns: 1_000 },
    );
  });

  it("costs no more than its bound on lists with nothing in common, where the search is longest", () => {
    const a = Int32Array.from({ length: 20_000 }, (_, i) => i);
    const b = Int32Array.from({ length: 20_000 }, (_, i) => 20_000 + i);
    const result = myersDiff(a, b, 1_000_000);
    expect(result.runs).toBeNull();
    expect(result.steps).toBe(1_000_000);
    expect(myersDiff(a, b, Number.MAX_SAFE_INTEGER, 10_000).runs).toBeNull();
  });
});
