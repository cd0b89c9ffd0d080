// The list of speakers of an agenda item, pure: who asked for the floor and in which order they are heard, who speaks now
// with the clock everyone sees, and who has spoken. Instants come in as ISO strings; nothing here reads a clock.
import { codesOf, refusalClass, type RefusalCatalogue } from "../errors.js";

/** A speech in turn; a right of reply (heard after the current speaker, before the next speech); a point of order (first). */
export const FLOOR_KINDS = ["speech", "reply", "point_of_order"] as const;
export type FloorKind = (typeof FLOOR_KINDS)[number];

export interface FloorRequest {
  readonly id: string;
  readonly delegation: string;
  readonly kind: FloorKind;
  readonly requestedAt: string;
}

export interface Speaking {
  readonly requestId: string;
  readonly delegation: string;
  readonly kind: FloorKind;
  readonly startedAt: string;
  /** The time given, in seconds; 0 for no limit. */
  readonly allottedSeconds: number;
  /** While the clock is stopped: since when. */
  readonly pausedAt: string | null;
  /** Seconds the clock was stopped before `pausedAt`. */
  readonly pausedSeconds: number;
}

export interface Spoken {
  readonly delegation: string;
  readonly kind: FloorKind;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly seconds: number;
}

export interface SpeakersList {
  readonly queue: readonly FloorRequest[];
  readonly current: Speaking | null;
  readonly spoken: readonly Spoken[];
  /** Whether delegations may still ask for the floor. */
  readonly isOpen: boolean;
}

export const EMPTY_LIST: SpeakersList = { queue: [], current: null, spoken: [], isOpen: true };

const SPEAKERS_REFUSALS = {
  "list-closed": { kind: "conflict", title: "The list of speakers is closed" },
  "no-right-to-speak": { kind: "forbidden", title: "No right to take the floor" },
  "already-requested": { kind: "conflict", title: "Already on the list" },
  "request-not-found": { kind: "conflict", title: "No such request for the floor" },
  "nobody-speaking": { kind: "conflict", title: "Nobody has the floor" },
  "clock-not-paused": { kind: "conflict", title: "The clock is running" },
  "clock-paused": { kind: "conflict", title: "The clock is stopped" },
} as const satisfies RefusalCatalogue<string>;
export type SpeakersErrorCode = keyof typeof SPEAKERS_REFUSALS;
export const SPEAKERS_ERROR_CODES = codesOf<SpeakersErrorCode>(SPEAKERS_REFUSALS);

export const SpeakersError = refusalClass<SpeakersErrorCode>("SpeakersError", SPEAKERS_REFUSALS);
export type SpeakersError = InstanceType<typeof SpeakersError>;

const seconds = (from: string, to: string): number => Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);

const PRIORITY: Readonly<Record<FloorKind, number>> = { point_of_order: 0, reply: 1, speech: 2 };

/** The queue in the order the floor is given: points of order, then replies, then speeches, each in the order asked. */
export function inOrder(queue: readonly FloorRequest[]): FloorRequest[] {
  return queue
    .map((request, index) => ({ request, index }))
    .sort((a, b) => PRIORITY[a.request.kind] - PRIORITY[b.request.kind] || a.index - b.index)
    .map(({ request }) => request);
}

/**
 * A delegation asks for the floor. `mayAsk` is the organization's answer (a member by right; an observer, partner or guest
 * when the chair invited it to speak): without it, the request is refused. A delegation has one speech waiting at a time;
 * a reply or a point of order may be asked beside it.
 */
export function requestFloor(list: SpeakersList, request: FloorRequest, mayAsk: boolean): SpeakersList {
  if (!mayAsk) throw new SpeakersError("no-right-to-speak", `${request.delegation} may not take the floor on this item`);
  // A point of order may be raised even when the list is closed: it is about the conduct of the meeting.
  if (!list.isOpen && request.kind !== "point_of_order") throw new SpeakersError("list-closed", "the list of speakers is closed");
  if (list.queue.some((waiting) => waiting.delegation === request.delegation && waiting.kind === request.kind)) {
    throw new SpeakersError("already-requested", `${request.delegation} already waits for the floor (${request.kind})`);
  }
  return { ...list, queue: [...list.queue, request] };
}

/** A delegation withdraws its request (or the chair strikes it). */
export function withdraw(list: SpeakersList, requestId: string): SpeakersList {
  if (!list.queue.some((request) => request.id === requestId)) throw new SpeakersError("request-not-found", `no waiting request ${requestId}`);
  return { ...list, queue: list.queue.filter((request) => request.id !== requestId) };
}

/** Ends the current turn at `now`, recording who spoke and for how long (the clock's stops not counted). */
export function endTurn(list: SpeakersList, now: string): SpeakersList {
  const { current } = list;
  if (!current) throw new SpeakersError("nobody-speaking", "nobody has the floor");
  const elapsed = clockAt(current, now).elapsedSeconds;
  return { ...list, current: null, spoken: [...list.spoken, { delegation: current.delegation, kind: current.kind, startedAt: current.startedAt, endedAt: now, seconds: elapsed }] };
}

/**
 * The chair gives the floor: to the request named, or to the next in line. Whoever was speaking ends their turn first.
 * Returns the list unchanged when nobody waits and no request is named.
 */
export function giveFloor(list: SpeakersList, now: string, allottedSeconds: number, requestId?: string): SpeakersList {
  const next = requestId === undefined ? inOrder(list.queue)[0] : list.queue.find((request) => request.id === requestId);
  if (requestId !== undefined && !next) throw new SpeakersError("request-not-found", `no waiting request ${requestId}`);
  if (!next) return list;
  const ended = list.current ? endTurn(list, now) : list;
  return {
    ...ended,
    queue: ended.queue.filter((request) => request.id !== next.id),
    current: { requestId: next.id, delegation: next.delegation, kind: next.kind, startedAt: now, allottedSeconds: Math.max(0, allottedSeconds), pausedAt: null, pausedSeconds: 0 },
  };
}

export function pauseClock(list: SpeakersList, now: string): SpeakersList {
  if (!list.current) throw new SpeakersError("nobody-speaking", "nobody has the floor");
  if (list.current.pausedAt !== null) throw new SpeakersError("clock-paused", "the clock is already stopped");
  return { ...list, current: { ...list.current, pausedAt: now } };
}

export function resumeClock(list: SpeakersList, now: string): SpeakersList {
  const { current } = list;
  if (!current) throw new SpeakersError("nobody-speaking", "nobody has the floor");
  if (current.pausedAt === null) throw new SpeakersError("clock-not-paused", "the clock is running");
  return { ...list, current: { ...current, pausedAt: null, pausedSeconds: current.pausedSeconds + seconds(current.pausedAt, now) } };
}

export function closeList(list: SpeakersList): SpeakersList {
  return { ...list, isOpen: false };
}

export function reopenList(list: SpeakersList): SpeakersList {
  return { ...list, isOpen: true };
}

/** The speaking clock at `now`, as every screen shows it: time used (stops not counted), time left, and whether it is over. */
export function clockAt(speaking: Speaking, now: string): { elapsedSeconds: number; remainingSeconds: number | null; isOver: boolean; isPaused: boolean } {
  const end = speaking.pausedAt ?? now;
  const elapsedSeconds = Math.max(0, seconds(speaking.startedAt, end) - speaking.pausedSeconds);
  if (speaking.allottedSeconds === 0) return { elapsedSeconds, remainingSeconds: null, isOver: false, isPaused: speaking.pausedAt !== null };
  const remainingSeconds = Math.max(0, speaking.allottedSeconds - elapsedSeconds);
  return { elapsedSeconds, remainingSeconds, isOver: elapsedSeconds >= speaking.allottedSeconds, isPaused: speaking.pausedAt !== null };
}
