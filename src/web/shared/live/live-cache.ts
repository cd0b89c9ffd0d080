// How a cached copy takes a change it hears of (a live event, or the answer to the reader's own request): a change that
// brings it to the very next version is applied in place, one it has already is ignored, and anything else (a version
// skipped, a copy not yet loaded, an event without a version) has the copy read again. Meetings and negotiation both
// follow this rule.

export type CacheStep = "apply" | "none" | "refetch";

export function cacheStep(shownVersion: number | undefined, version: number | null): CacheStep {
  if (version === null || shownVersion === undefined) return "refetch";
  if (version <= shownVersion) return "none";
  return version === shownVersion + 1 ? "apply" : "refetch";
}

/** The event's version, when it carries one. */
export function versionOf(payload: Readonly<Record<string, unknown>>): number | null {
  return typeof payload.version === "number" && Number.isInteger(payload.version) ? payload.version : null;
}

/**
 * The next copy: `apply` on the copy shown when the change follows it (null from `apply`: it cannot be applied, read
 * again), the copy unchanged when the change is already in it, or "refetch".
 */
export function nextCopy<T extends { readonly version: number }>(shown: T | undefined, version: number | null, apply: (shown: T) => T | null): T | "refetch" {
  const step = cacheStep(shown?.version, version);
  if (step === "refetch") return "refetch";
  if (step === "none") return shown!;
  return apply(shown!) ?? "refetch";
}
