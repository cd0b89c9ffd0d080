// Where the accreditation's duplicate check runs: before the command's transaction, in the work pool, against the meeting
// as read then (its cost grows with the meeting); under the meeting's lock, only the lists that changed in between are
// checked again (recheckDuplicates), so the lock is held for the cost of what changed, not of the whole meeting.
import {
  findDuplicates,
  holdingLists,
  recheckDuplicates,
  type AccreditationList,
  type AccreditationState,
  type Delegate,
  type DuplicateCheck,
  type MeetingAccreditation,
  type NameConflict,
} from "../../domain/meetings/accreditation.js";
import { defineTask } from "../work/task.js";
import type { DuplicateCheckInput } from "./duplicates-task.js";

export const duplicatesTask = defineTask<typeof import("./duplicates-task.js").checkDuplicates>(
  "meetings.duplicate-check",
  new URL("./duplicates-task.js", import.meta.url),
  "checkDuplicates",
);

/** Runs a duplicate check: in the work pool for a request; in line (it is linear) for the system and the core's tests. */
export type DuplicateChecker = (input: DuplicateCheckInput) => Promise<DuplicateCheck>;

export const checkInLine: DuplicateChecker = async (input) => findDuplicates(input.delegation, input.delegates, input.others);

/** A check made before the transaction: what it found, and the version of each list it was made against. */
export interface Prechecked {
  readonly conflicts: readonly NameConflict[];
  readonly checked: ReadonlyMap<string, number>;
}

type VersionedList = AccreditationList & { readonly version: number };

/** Checks `delegates` (of the list `listId`, or of a new one) against the lists holding names in `states`, as read now. */
export async function precheck(
  check: DuplicateChecker,
  meeting: { readonly lists: readonly VersionedList[] },
  list: { readonly id: string | null; readonly delegation: string; readonly delegates: readonly Delegate[] },
  states: readonly AccreditationState[],
): Promise<Prechecked> {
  const others = meeting.lists.filter((l) => l.id !== list.id && states.includes(l.state));
  const found = await check({
    delegation: list.delegation,
    delegates: list.delegates.map((d) => ({ name: d.name })),
    others: others.map((l) => ({ id: l.id, delegation: l.delegation, delegates: l.delegates.map((d) => ({ name: d.name })) })),
  });
  return { conflicts: found.conflicts, checked: new Map(others.map((l) => [l.id, l.version])) };
}

/** Under the meeting's lock: the prechecked conflicts brought up to date with the lists as they stand now. */
export function conflictsNow(
  prechecked: Prechecked | null,
  meeting: MeetingAccreditation,
  versions: ReadonlyMap<string, number>,
  list: AccreditationList,
  states: readonly AccreditationState[],
): readonly NameConflict[] {
  const holding = holdingLists(meeting, list, states);
  if (!prechecked) return findDuplicates(list.delegation, list.delegates, holding).conflicts;
  const unchanged = new Set(holding.filter((l) => prechecked.checked.get(l.id) === versions.get(l.id)).map((l) => l.id));
  return recheckDuplicates(prechecked.conflicts, list.delegation, list.delegates, unchanged, holding.filter((l) => !unchanged.has(l.id))).conflicts;
}
