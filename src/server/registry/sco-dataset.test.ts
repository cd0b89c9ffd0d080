// The built-in SCO dataset agrees with ../shared/domain/organization.md, its source.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { countByTier, historyOf, statusOn } from "../../domain/membership.js";
import { DEFAULT_DATASET, PACKAGE_ROOT } from "../config.js";
import { readRegistry } from "./dataset-files.js";

const registry = await readRegistry(DEFAULT_DATASET);
// Tests may read ../shared (the product never does at run time).
const doc = await readFile(resolve(PACKAGE_ROOT, "../shared/domain/organization.md"), "utf8");
const byName = (en: string) => registry.states.find((s) => s.names.en === en)!;

describe("the SCO dataset", () => {
  it("has 10 members, 2 observers and 14 dialogue partners as of the article", () => {
    expect(countByTier(registry.membership, "2025-08-30")).toEqual({ member: 10, observer: 2, dialogue_partner: 14 });
  });

  it("had the 6 founding members on 1 January 2016", () => {
    expect(countByTier(registry.membership, "2016-01-01").member).toBe(6);
  });

  it("matches the members table of organization.md, names and dates", () => {
    const rows = [...doc.matchAll(/^\| (\w[\w ]*?) \| (\S+) \| (\S+) \| (\d{4}-\d{2}-\d{2}) \|/gm)];
    expect(rows).toHaveLength(10);
    for (const [, en, zh, ru, since] of rows) {
      const state = byName(en!);
      expect(state.names).toMatchObject({ zh, ru });
      expect(statusOn(registry.membership, state.code, since!)?.tier).toBe("member");
      const joined = historyOf(registry.membership, state.code).find((c) => c.tier === "member");
      expect(joined?.date).toBe(since);
    }
  });

  it("records dates known only to the year as years, not invented days", () => {
    const mongolia = historyOf(registry.membership, "MN");
    expect(mongolia.map((c) => [c.tier, c.date])).toEqual([["observer", "2004"]]);
    expect(historyOf(registry.membership, "BY").map((c) => [c.tier, c.date])).toEqual([
      ["dialogue_partner", "2009"],
      ["observer", "2015"],
      ["member", "2024-07-04"],
    ]);
  });

  it("holds the 25 summits 2001–2025 with their hosts", () => {
    expect(registry.summits.map((s) => Number(s.start.slice(0, 4)))).toEqual(Array.from({ length: 25 }, (_, i) => 2001 + i));
    const tianjin = registry.summits.at(-1)!;
    expect(tianjin).toMatchObject({ host: "CN", start: "2025-08-31", end: "2025-09-01" });
    expect(tianjin.city.en).toBe("Tianjin");
  });

  it("gives every record a source that exists", () => {
    const keys = new Set(registry.sources.map((s) => s.key));
    const all = [registry.organization, ...registry.states, ...registry.organizations, ...registry.bodies, ...registry.decisions, ...registry.membership, ...registry.summits, ...registry.chairmanship, ...registry.rotation, ...registry.secretariesGeneral];
    for (const record of all) expect(keys).toContain(record.source);
  });

  it("holds the partner organizations the issue names", () => {
    expect(registry.organizations.map((o) => o.code).sort()).toEqual(["ASEAN", "CICA", "CIS", "CSTO", "EAEU", "UN"]);
  });

  it("keeps the six values of the Shanghai Spirit in the words of the article", () => {
    expect(registry.organization.values.map((v) => v.names.zh)).toEqual(["互信", "互利", "平等", "协商", "尊重多样文明", "谋求共同发展"]);
  });
});
