// The accreditation's duplicate check as a work-pool task: a list's names against every list of the meeting holding
// theirs (thousands of delegates in a large meeting), done in a worker thread so that no request waits for it.
import { findDuplicates, type DuplicateCheck, type NamedList } from "../../domain/meetings/accreditation.js";
import type { Delegate } from "../../domain/meetings/accreditation.js";

export interface DuplicateCheckInput {
  readonly delegation: string;
  readonly delegates: readonly Pick<Delegate, "name">[];
  readonly others: readonly NamedList[];
}

export function checkDuplicates(input: DuplicateCheckInput): DuplicateCheck {
  return findDuplicates(input.delegation, input.delegates, input.others);
}
