// The audit trail as a hash chain: each event commits to the one before, so an edit or a deletion shows.

export interface AuditContent {
  readonly seq: number;
  readonly id: string;
  /** ISO 8601 instant with zone, e.g. "2026-11-25T10:00:00.000Z". */
  readonly at: string;
  readonly actorUserId: string | null;
  readonly actorDelegation: string | null;
  readonly address: string | null;
  readonly action: string;
  readonly target: string | null;
  readonly payloadHash: string;
}

export interface ChainedEvent extends AuditContent {
  readonly prevHash: string;
  readonly hash: string;
}

export const GENESIS_HASH = "0".repeat(64);

/** A one-way hash of text as lowercase hex (SHA-256 in Concord); passed in so the domain does no I/O. */
export type HashText = (text: string) => string;

/** The canonical text an event's hash covers: fixed field order, JSON-escaped values. */
export function canonicalEventText(content: AuditContent, prevHash: string): string {
  return JSON.stringify([
    prevHash,
    content.seq,
    content.id,
    content.at,
    content.actorUserId,
    content.actorDelegation,
    content.address,
    content.action,
    content.target,
    content.payloadHash,
  ]);
}

export function chainEvent(content: AuditContent, prevHash: string, hash: HashText): ChainedEvent {
  return { ...content, prevHash, hash: hash(canonicalEventText(content, prevHash)) };
}

export type ChainBreak =
  | { readonly seq: number; readonly id: string; readonly reason: "payload-mismatch" | "hash-mismatch" | "link-mismatch" | "sequence-gap" }
  | null;

/** Where a verification read in parts has got to: the last event's hash and the sequence number the next must have. */
export interface ChainPosition {
  readonly prevHash: string;
  readonly expectedSeq: number;
}

export const CHAIN_START: ChainPosition = { prevHash: GENESIS_HASH, expectedSeq: 1 };

/**
 * Recomputes the chain in sequence order; names the first event that does not hold:
 * its payload was edited, its own hash does not match its content (edited), it does not link to the
 * event before (an event before it was replaced), or its sequence number skips (an event was deleted).
 * Sequence numbers start at 1 and are assigned without gaps by the append.
 */
export function verifyChain(
  events: readonly ChainedEvent[],
  hash: HashText,
  /** Whether the stored payload still hashes to the event's payloadHash. */
  isPayloadIntact: (event: ChainedEvent) => boolean = () => true,
): ChainBreak {
  const result = continueChain(CHAIN_START, events, hash, isPayloadIntact);
  return "seq" in result ? result : null;
}

/**
 * Verifies the next part of a chain from `position` (the trail read page by page, so that neither memory nor one turn of
 * the event loop grows with its length): the first break, or the position after the part.
 */
export function continueChain(
  position: ChainPosition,
  events: readonly ChainedEvent[],
  hash: HashText,
  isPayloadIntact: (event: ChainedEvent) => boolean = () => true,
): NonNullable<ChainBreak> | ChainPosition {
  let { prevHash, expectedSeq } = position;
  for (const event of events) {
    if (event.seq !== expectedSeq) return { seq: event.seq, id: event.id, reason: "sequence-gap" };
    if (!isPayloadIntact(event)) return { seq: event.seq, id: event.id, reason: "payload-mismatch" };
    if (event.prevHash !== prevHash) return { seq: event.seq, id: event.id, reason: "link-mismatch" };
    if (hash(canonicalEventText(event, event.prevHash)) !== event.hash) return { seq: event.seq, id: event.id, reason: "hash-mismatch" };
    prevHash = event.hash;
    expectedSeq = event.seq + 1;
  }
  return { prevHash, expectedSeq };
}
