// Who else is in the room, as the room shows it: the other delegations present, and who is drafting on which provision.
import type { RoomPresence } from "../../../shared/live/live-client";

export interface PresenceView {
  /** Other delegations in the room, in the order the server lists them. */
  readonly others: readonly string[];
  /** Provision → the other delegations drafting a proposal on it. */
  readonly drafting: ReadonlyMap<string, readonly string[]>;
}

export function presenceView(present: RoomPresence, self: string | null): PresenceView {
  const others = present.filter((entry) => entry.delegation !== self);
  const drafting = new Map<string, string[]>();
  for (const entry of others) {
    for (const provision of entry.drafting) drafting.set(provision, [...(drafting.get(provision) ?? []), entry.delegation]);
  }
  return { others: [...new Set(others.map((entry) => entry.delegation))], drafting };
}
