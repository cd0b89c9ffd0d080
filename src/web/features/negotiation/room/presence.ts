// Who else is in the room, as the room shows it: the other delegations present (the secretariat among them), and who is
// drafting on which provision.
import { SECRETARIAT_PRESENCE } from "../../../../contracts/live";
import type { RoomPresence } from "../../../shared/live/live-client";

export interface PresenceView {
  /** Other delegations in the room, in the order the server lists them. */
  readonly others: readonly string[];
  /** Provision → the other delegations drafting a proposal on it. */
  readonly drafting: ReadonlyMap<string, readonly string[]>;
}

/**
 * `self` is the reader's delegation, or null for a reader without one: the server lists a secretariat reader under the
 * secretariat's name, so that reader is left out as a delegation's reader is (a reader not signed in is never in a room).
 */
export function presenceView(present: RoomPresence, self: string | null): PresenceView {
  const own = self ?? SECRETARIAT_PRESENCE;
  const others = present.filter((entry) => entry.delegation !== own);
  const drafting = new Map<string, string[]>();
  for (const entry of others) {
    for (const provision of entry.drafting) drafting.set(provision, [...(drafting.get(provision) ?? []), entry.delegation]);
  }
  return { others: [...new Set(others.map((entry) => entry.delegation))], drafting };
}

/** How the room names one present: the secretariat by its translated name, a delegation by its party's. */
export function presentName(code: string, partyName: (code: string) => string, secretariat: string): string {
  return code === SECRETARIAT_PRESENCE ? secretariat : partyName(code);
}
