// The revision diff as a work-pool task: two issued revisions compared provision by provision in a worker thread, within
// the document's budget of work, answered as the JSON bytes the route sends and the per-process cache keeps.
import type { Provision } from "../../domain/negotiation/provisions.js";
import { diffView } from "./views.js";

export interface RevisionPair {
  /** The document's languages, each compared. */
  readonly languages: readonly string[];
  readonly from: { readonly number: number; readonly provisions: readonly Provision[] };
  readonly to: { readonly number: number; readonly provisions: readonly Provision[] };
}

/** The diff's answer (the contract's `Diff`) as UTF-8 JSON: serialized here, off the event loop, and moved back. */
export function diffRevisions(pair: RevisionPair): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(diffView(pair.languages, pair.from, pair.to)));
}
