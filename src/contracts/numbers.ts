// Whole numbers in paths and query strings, bounded by the columns they are compared with: an out-of-range number is a
// 400 naming the field, never a database error (PostgreSQL refuses 4294967296 for an integer column with a 500's worth of noise).
import { z } from "zod";

/** The largest value of PostgreSQL's `integer` (int4). */
export const INT4_MAX = 2_147_483_647;
/** The largest `bigint` a JavaScript number holds exactly (the audit trail's and the event log's sequence numbers). */
export const SAFE_BIGINT_MAX = Number.MAX_SAFE_INTEGER;

const DECIMAL = /^-?\d+$/;

/**
 * A whole number written in decimal digits, as it comes in a URL (`…/revisions/3`, `?from=0`), within [min, max].
 * Only digits (and a leading minus, so that "-1" is told it is too small) are read as a number: "1e3", "0x10", " 1",
 * "" and "1.5" are refused rather than coerced into some other number. OpenAPI shows an integer with its bounds.
 */
export function wholeNumberInUrl(min: number, max: number) {
  return z.preprocess((value) => (typeof value === "string" && DECIMAL.test(value) ? Number(value) : value), z.number().int().min(min).max(max));
}

/** A revision's number (Rev.0 is the zero draft): `negotiation_revisions.number`, an integer. */
export const RevisionNumberSchema = wholeNumberInUrl(0, INT4_MAX).describe("A revision's number; 0 is the zero draft (Rev.0).");

/** An audit event's sequence number (`audit_events.seq`, a bigint). */
export const AuditSequenceSchema = wholeNumberInUrl(1, SAFE_BIGINT_MAX).describe("An audit event's sequence number.");

/** How many items a page holds, at most `max`. */
export const pageSizeSchema = (max: number) => wholeNumberInUrl(1, max).describe(`How many items to answer, 1 to ${max}.`);
