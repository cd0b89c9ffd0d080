// Where the accreditation's duplicate check runs: before the command's transaction, in the work pool, against the meeting
// as read then (its cost grows with the meeting); under the meeting's lock, only the lists that changed in between are
// read and checked again (recheckDuplicates), so the lock is held for the cost of what changed, not of the whole meeting.
// The thread answering requests never parses the other lists' names: they go to the worker as the database's JSON text.
import {
  findDuplicates,
  holdingLists,
  recheckDuplicates,
  type AccreditationState,
  type Delegate,
  type DuplicateCheck,
  type MeetingAccreditation,
  type NameConflict,
} from "../../domain/meetings/accreditation.js";
import type { Db } from "../platform/db/client.js";
import { defineTask } from "../platform/work/task.js";
import { checkDuplicates, type DuplicateCheckInput } from "./duplicates-task.js";
import { namesOfLists, parseNames, type ListRow } from "./store.js";

export const duplicatesTask = defineTask<typeof import("./duplicates-task.js").checkDuplicates>(
  "meetings.duplicate-check",
  new URL("./duplicates-task.js", import.meta.url),
  "checkDuplicates",
);

/** Runs a duplicate check: in the work pool for a request; in line (it is linear) for the system and the core's tests. */
export type DuplicateChecker = (input: DuplicateCheckInput) => Promise<DuplicateCheck>;

export const checkInLine: DuplicateChecker = async (input) => checkDuplicates(input);

/** A check made before the transaction: what it found, and the version of each list it was made against. */
export interface Prechecked {
  readonly conflicts: readonly NameConflict[];
  readonly checked: ReadonlyMap<string, number>;
}

/** Checks `delegates` (of the list `listId`, or of a new one) against the lists holding names in `states`, as read now. */
export async function precheck(
  check: DuplicateChecker,
  db: Db,
  meeting: { readonly id: string; readonly lists: readonly ListRow[] },
  list: { readonly id: string | null; readonly delegation: string; readonly delegates: readonly Pick<Delegate, "name">[] },
  states: readonly AccreditationState[],
): Promise<Prechecked> {
  const others = meeting.lists.filter((l) => l.id !== list.id && states.includes(l.state as AccreditationState));
  const names = await namesOfLists(db, meeting.id, others.map((l) => l.id));
  const found = await check({
    delegation: list.delegation,
    delegates: list.delegates.map((d) => ({ name: d.name })),
    // A list gone since it was counted has no names to compare; the check under the lock sees it gone too.
    others: others.filter((l) => names.has(l.id)).map((l) => ({ id: l.id, delegation: l.delegation, names: names.get(l.id)! })),
  });
  return { conflicts: found.conflicts, checked: new Map(others.map((l) => [l.id, l.version])) };
}

/**
 * Under the meeting's lock: the prechecked conflicts brought up to date with the lists as they stand now, reading the
 * names of only the lists that changed since (all of them when nothing was prechecked: the system's own changes).
 */
export async function conflictsNow(
  tx: Db,
  meetingId: string,
  prechecked: Prechecked | null,
  meeting: MeetingAccreditation,
  versions: ReadonlyMap<string, number>,
  list: { readonly id: string; readonly delegation: string; readonly delegates: readonly Pick<Delegate, "name">[] },
  states: readonly AccreditationState[],
): Promise<readonly NameConflict[]> {
  const holding = holdingLists(meeting, list, states);
  const unchanged = new Set(prechecked ? holding.filter((l) => prechecked.checked.get(l.id) === versions.get(l.id)).map((l) => l.id) : []);
  const changed = holding.filter((l) => !unchanged.has(l.id));
  const names = await namesOfLists(tx, meetingId, changed.map((l) => l.id));
  const lists = changed.map((l) => ({ id: l.id, delegation: l.delegation, delegates: parseNames(names.get(l.id) ?? "[]") }));
  if (!prechecked) return findDuplicates(list.delegation, list.delegates, lists).conflicts;
  return recheckDuplicates(prechecked.conflicts, list.delegation, list.delegates, unchanged, lists).conflicts;
}
