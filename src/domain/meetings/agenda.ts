// A meeting's agenda, pure: ordered items; adopted at the opening, after which only the chair changes it, with a reason,
// and every change is recorded.
import { codesOf, refusalClass, type RefusalCatalogue } from "../errors.js";

export interface AgendaEntry {
  readonly id: string;
  readonly ord: number;
}

const AGENDA_REFUSALS = {
  "agenda-adopted": { kind: "conflict", title: "The agenda is adopted" },
  "agenda-not-adopted": { kind: "conflict", title: "The agenda is not adopted" },
  "agenda-empty": { kind: "invalid", title: "The agenda is empty" },
  "item-not-found": { kind: "invalid", title: "No such agenda item" },
  "reason-required-after-adoption": { kind: "invalid", title: "A reason is required to change the adopted agenda" },
} as const satisfies RefusalCatalogue<string>;
export type AgendaErrorCode = keyof typeof AGENDA_REFUSALS;
export const AGENDA_ERROR_CODES = codesOf<AgendaErrorCode>(AGENDA_REFUSALS);

export const AgendaError = refusalClass<AgendaErrorCode>("AgendaError", AGENDA_REFUSALS);
export type AgendaError = InstanceType<typeof AgendaError>;

/** Who changes the agenda, and how: before adoption, whoever manages the meeting; after it, the chair alone, saying why. */
export interface AgendaChangeRights {
  /** The agenda was adopted (at the opening). */
  readonly isAdopted: boolean;
  /** The one changing it is the meeting's chair (or the secretariat acting for the chair). */
  readonly isChair: boolean;
  readonly reason: string | undefined;
}

/** Refuses a change the rules do not allow; returns the reason to record (null before adoption). */
export function checkAgendaChange(rights: AgendaChangeRights): string | null {
  if (!rights.isAdopted) return null;
  if (!rights.isChair) throw new AgendaError("agenda-adopted", "The agenda has been adopted: only the chair may change it now.");
  const reason = rights.reason?.trim() ?? "";
  if (reason === "") throw new AgendaError("reason-required-after-adoption", "Say why the adopted agenda changes.", "reason");
  return reason;
}

/** Whether the agenda can be adopted now. */
export function checkAdoption(isAdopted: boolean, itemCount: number): void {
  if (isAdopted) throw new AgendaError("agenda-adopted", "The agenda is already adopted.");
  if (itemCount === 0) throw new AgendaError("agenda-empty", "An empty agenda cannot be adopted.");
}

/**
 * The order after placing `id` after `after` (null: first; undefined: last). Items keep their identities; the numbers
 * shown (1, 2, 3…) come from the order alone.
 */
export function placeItem(items: readonly AgendaEntry[], id: string, after: string | null | undefined): string[] {
  const ordered = [...items].sort((a, b) => a.ord - b.ord).map((i) => i.id).filter((i) => i !== id);
  if (after === undefined) return [...ordered, id];
  if (after === null) return [id, ...ordered];
  const at = ordered.indexOf(after);
  if (at < 0) throw new AgendaError("item-not-found", "There is no such item to place it after.", "after");
  return [...ordered.slice(0, at + 1), id, ...ordered.slice(at + 1)];
}
