// The accreditation's duplicate check as a work-pool task: a list's names against every list of the meeting holding
// theirs (thousands of delegates in a large meeting), done in a worker thread so that no request waits for it. The other
// lists' names come as the JSON text the database gave (parsing them is part of the work, so it is done here too).
import { findDuplicates, type DuplicateCheck, type NamedList } from "../../domain/meetings/accreditation.js";
import type { Delegate } from "../../domain/meetings/accreditation.js";
import type { LocalizedText } from "../../domain/localized-text.js";

export interface DuplicateCheckInput {
  readonly delegation: string;
  readonly delegates: readonly Pick<Delegate, "name">[];
  /** The lists holding names: each list's names as the JSON text of an array of names, one per delegate, in order. */
  readonly others: readonly { readonly id: string; readonly delegation: string; readonly names: string }[];
}

export function namedLists(others: DuplicateCheckInput["others"]): NamedList[] {
  return others.map((l) => ({ id: l.id, delegation: l.delegation, delegates: (JSON.parse(l.names) as LocalizedText[]).map((name) => ({ name })) }));
}

export function checkDuplicates(input: DuplicateCheckInput): DuplicateCheck {
  return findDuplicates(input.delegation, input.delegates, namedLists(input.others));
}
