// The Tianjin change file turns the registry of before the summit into the SCO of today, record for record as the default dataset.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkConsistency } from "../../domain/dataset-consistency.js";
import { countByTier, statusOn, timelineOf } from "../../domain/membership.js";
import { applyRegistryChanges, RECORD_KEYS, recordKey, type RegistryChange, type RegistryTarget } from "../../domain/registry-changes.js";
import type { Registry } from "../../domain/registry.js";
import { DEFAULT_DATASET, PACKAGE_ROOT } from "../config.js";
import { readChangeFile, readRegistry } from "./dataset-files.js";

const before = await readRegistry(resolve(PACKAGE_ROOT, "tests/fixtures/sco-before-tianjin"));
const file = await readChangeFile(resolve(PACKAGE_ROOT, "tests/fixtures/tianjin-changes.json"));
const changes = file.changes as readonly RegistryChange[];
const { registry: after, applied } = applyRegistryChanges(before, changes);
const dataset = await readRegistry(DEFAULT_DATASET);

/** The record with the change's key in a registry (a tier is looked up in the organization's profile). */
function recordIn(registry: Registry, put: RegistryTarget, key: string): object | undefined {
  if (put === "organization") return registry.organization;
  const list: readonly object[] = put === "tiers" ? registry.organization.tiers : registry[put];
  return list.find((record) => (record as Record<string, unknown>)[RECORD_KEYS[put]] === key);
}

describe("the Tianjin change file", () => {
  it("leaves the registry consistent", () => {
    expect(checkConsistency(after)).toEqual([]);
  });

  it("adds the partner status, the two decisions, Laos and its admission, and retires the two old statuses", () => {
    expect(applied.map((a) => [a.put, a.key, a.outcome])).toEqual([
      ["decisions", "CHS-2025-status-merger", "added"],
      ["decisions", "CHS-2025-partner-LA", "added"],
      ["tiers", "partner", "added"],
      ["tiers", "observer", "corrected"],
      ["tiers", "dialogue_partner", "corrected"],
      ["reclassifications", "CHS-2025-partner-status", "added"],
      ["states", "LA", "added"],
      ["membership", "LA-2025-partner", "added"],
    ]);
  });

  it("gives 10 members and 17 SCO partners the day after the summit, and keeps the history", () => {
    const timeline = timelineOf(after);
    expect(countByTier(timeline, "2025-09-02")).toEqual({ member: 10, partner: 17 });
    expect(countByTier(timeline, "2025-08-31")).toEqual({ member: 10, observer: 2, dialogue_partner: 14 });
    expect(countByTier(timeline, "2024-01-01")).toEqual({ member: 9, observer: 3, dialogue_partner: 14 });
    expect(statusOn(timeline, "LA", "2025-09-01")?.tier).toBe("partner");
  });

  it("puts every record exactly as the default dataset holds it", () => {
    for (const change of changes) {
      const key = recordKey(change.put, change.record);
      expect(recordIn(dataset, change.put, key), `${change.put} "${key}"`).toEqual(change.record);
    }
  });
});
