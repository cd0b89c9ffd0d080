// Myers' O(ND) diff of two lists of numbers, making the same choices as jsdiff (so the same diff), on typed arrays and
// counting its steps: it gives up, having done no more than it was allowed, when the edit is too large for its bound.

/** Where the two lists agree: `length` items from `from` in the old list and `to` in the new one. */
export interface Run {
  readonly from: number;
  readonly to: number;
  readonly length: number;
}

export interface MyersResult {
  /** The common runs in order (empty ones left out), or null when the bound was reached first. */
  readonly runs: Run[] | null;
  /** Steps taken: each diagonal of the edit graph visited and each comparison of two items. */
  readonly steps: number;
}

const NONE = -1;

/** The most diagonals one search visits: its records take 8 bytes each (16 MiB at most), off the JavaScript heap. */
export const MAX_VISITS = 2_000_000;

/**
 * The shortest edit from `a` to `b`, or null once `maxSteps` steps are spent or `maxVisits` diagonals visited. The search follows jsdiff's `Diff.diff`
 * move for move (the edge pruning, the choice between an insertion and a deletion, the state a pruned diagonal keeps),
 * so that where both finish they find the same edit; the property test beside this file holds it to that. Each visit
 * keeps a record (its path's previous visit, the side it came from, where its common run ended) in place of jsdiff's
 * linked objects: at most one per step, 8 bytes each.
 */
export function myersDiff(a: Int32Array, b: Int32Array, maxSteps: number, maxVisits: number = MAX_VISITS): MyersResult {
  const [n, m] = [a.length, b.length];
  let steps = 0;
  // Records: parent visit (negative, as -(parent + 2), when the move from it was a deletion) and the run's end in `a`.
  let parents = new Int32Array(64);
  let ends = new Int32Array(64);
  let records = 0;
  const record = (parent: number, end: number): number => {
    if (records === parents.length) {
      const grown = [new Int32Array(records * 2), new Int32Array(records * 2)] as const;
      grown[0].set(parents);
      grown[1].set(ends);
      [parents, ends] = grown;
    }
    parents[records] = parent;
    ends[records] = end;
    return records++;
  };
  /** Extends a common run from x (in `a`) on diagonal k; false when out of steps. Sets `reached`. */
  let reached = 0;
  const extend = (x: number, k: number): boolean => {
    let y = x - k;
    while (x < n && y < m) {
      if (steps >= maxSteps) return false;
      steps += 1;
      if (a[x] !== b[y]) break;
      x += 1;
      y += 1;
    }
    reached = x;
    return true;
  };
  if (!extend(0, 0)) return { runs: null, steps };
  const first = record(NONE, reached);
  if (reached >= n && reached >= m) return { runs: runsOf(first, 0, parents, ends), steps };

  // An edit is at most n + m long, and each edit length takes at least one step.
  const maxEdit = Math.min(n + m, maxSteps);
  // best[k + offset]: the furthest visit on diagonal k (a record), or NONE.
  const offset = maxEdit + 1;
  const best = new Int32Array(2 * maxEdit + 3).fill(NONE);
  best[offset] = first;
  let minDiagonal = -Infinity;
  let maxDiagonal = Infinity;
  for (let d = 1; d <= maxEdit; d++) {
    for (let k = Math.max(minDiagonal, -d); k <= Math.min(maxDiagonal, d); k += 2) {
      if (steps >= maxSteps || records >= maxVisits) return { runs: null, steps };
      steps += 1;
      const removeFrom = best[k - 1 + offset]!;
      const addFrom = best[k + 1 + offset]!;
      // As in jsdiff: the path a deletion leaves is not read again.
      if (removeFrom !== NONE) best[k - 1 + offset] = NONE;
      const addX = addFrom === NONE ? NONE : ends[addFrom]!;
      const removeX = removeFrom === NONE ? NONE : ends[removeFrom]!;
      const canAdd = addFrom !== NONE && addX - k >= 1 && addX - k <= m;
      const canRemove = removeFrom !== NONE && removeX < n;
      if (!canAdd && !canRemove) {
        best[k + offset] = NONE;
        continue;
      }
      const isAdd = !canRemove || (canAdd && removeX < addX);
      const x = isAdd ? addX : removeX + 1;
      if (!extend(x, k)) return { runs: null, steps };
      const visit = record(isAdd ? addFrom : -(removeFrom + 2), reached);
      const y = reached - k;
      if (reached >= n && y >= m) return { runs: runsOf(visit, k, parents, ends), steps };
      best[k + offset] = visit;
      if (reached >= n) maxDiagonal = Math.min(maxDiagonal, k - 1);
      if (y >= m) minDiagonal = Math.max(minDiagonal, k + 1);
    }
  }
  return { runs: null, steps };
}

/** The common runs of the path ending at `visit` on diagonal `k`, in order. */
function runsOf(visit: number, k: number, parents: Int32Array, ends: Int32Array): Run[] {
  const runs: Run[] = [];
  for (let at = visit; at !== NONE; ) {
    const parent = parents[at]!;
    const end = ends[at]!;
    let start = 0;
    let previous: number = NONE;
    let previousK = k;
    if (parent >= 0) {
      previous = parent;
      previousK = k + 1;
      start = ends[parent]!;
    } else if (parent !== NONE) {
      previous = -parent - 2;
      previousK = k - 1;
      start = ends[previous]! + 1;
    }
    if (end > start) runs.push({ from: start, to: start - k, length: end - start });
    at = previous;
    k = previousK;
  }
  return runs.reverse();
}
