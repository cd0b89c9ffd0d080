// Changes to a live registry: each puts one record (adds it, or corrects the record with the same key), applied in order.
// Pure: the caller validates the records' shapes before and the registry's consistency after.
import type { OrganizationProfile, Registry, RegistrySection, Tier } from "./registry.js";

/** What a change may put: a section's record, the organization's profile, or one of its tiers. */
export type RegistryTarget = RegistrySection | "tiers";

export interface RegistryChange {
  readonly put: RegistryTarget;
  readonly record: object;
}

/** The field that identifies a record of each target (the organization's profile is one record). */
export const RECORD_KEYS = {
  organization: "code",
  tiers: "code",
  sources: "key",
  states: "code",
  organizations: "code",
  bodies: "code",
  decisions: "id",
  membership: "id",
  reclassifications: "id",
  accessions: "id",
  summits: "id",
  chairmanship: "id",
  rotation: "state",
  secretariesGeneral: "id",
} as const satisfies Record<RegistryTarget, string>;

export function recordKey(target: RegistryTarget, record: object): string {
  const value = (record as Record<string, unknown>)[RECORD_KEYS[target]];
  return typeof value === "string" ? value : "";
}

export interface AppliedChange {
  readonly put: RegistryTarget;
  readonly key: string;
  /** What the record said before, when the change corrected one (absent for a new record or an identical one). */
  readonly previous?: object | undefined;
  readonly outcome: "added" | "corrected" | "unchanged";
}

/** Key order does not make two records different. */
function sameRecord(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Puts a record into a list by key: replaced in place (keeping the list's order), or appended. */
function putInto<T extends object>(list: readonly T[], target: RegistryTarget, record: T): { list: T[]; previous: T | undefined } {
  const key = recordKey(target, record);
  const index = list.findIndex((item) => recordKey(target, item) === key);
  if (index < 0) return { list: [...list, record], previous: undefined };
  const next = [...list];
  next[index] = record;
  return { list: next, previous: list[index] };
}

/** Applies the changes in order; returns the new registry and, per change, what it did. */
export function applyRegistryChanges(registry: Registry, changes: readonly RegistryChange[]): { registry: Registry; applied: AppliedChange[] } {
  let current = registry;
  const applied: AppliedChange[] = [];
  for (const change of changes) {
    const key = recordKey(change.put, change.record);
    let previous: object | undefined;
    if (change.put === "organization") {
      previous = current.organization;
      current = { ...current, organization: change.record as OrganizationProfile };
    } else if (change.put === "tiers") {
      const put = putInto(current.organization.tiers, "tiers", change.record as Tier);
      previous = put.previous;
      current = { ...current, organization: { ...current.organization, tiers: put.list } };
    } else {
      const section = change.put;
      const put = putInto(current[section] as readonly object[], section, change.record);
      previous = put.previous;
      current = { ...current, [section]: put.list };
    }
    const outcome = previous === undefined ? "added" : sameRecord(previous, change.record) ? "unchanged" : "corrected";
    applied.push({ put: change.put, key, outcome, ...(outcome === "corrected" ? { previous } : {}) });
  }
  return { registry: current, applied };
}
