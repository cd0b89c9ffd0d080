// The built-in SCO dataset agrees with its source, the description of the SCO the dataset was built from (a copy in
// tests/fixtures/sco-organization.md, so that a clone of the repository alone runs this test).
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { countByTier, historyOf, isTierInForce, statusOn, statusesOn, tiersInForce, timelineOf } from "../../domain/membership.js";
import { earliestDay, isCertainlyBefore } from "../../domain/partial-date.js";
import { RIGHTS } from "../../domain/registry.js";
import { DEFAULT_DATASET, PACKAGE_ROOT } from "../config.js";
import { readRegistry } from "./dataset-files.js";

const registry = await readRegistry(DEFAULT_DATASET);
const timeline = timelineOf(registry);
const doc = await readFile(resolve(PACKAGE_ROOT, "tests/fixtures/sco-organization.md"), "utf8");
const byName = (en: string) => registry.states.find((s) => s.names.en === en)!;
const tier = (code: string) => registry.organization.tiers.find((t) => t.code === code)!;
const TODAY = "2026-11-25";
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const day = (year: string, d: string, month: string) => `${year}-${String(MONTHS.indexOf(month) + 1).padStart(2, "0")}-${d.padStart(2, "0")}`;

describe("the SCO dataset", () => {
  it("has 10 members and 17 SCO partners today", () => {
    expect(countByTier(timeline, TODAY)).toEqual({ member: 10, partner: 17 });
  });

  it("keeps the history: 10 members, 2 observers and 14 dialogue partners as of the article", () => {
    expect(countByTier(timeline, "2025-08-30")).toEqual({ member: 10, observer: 2, dialogue_partner: 14 });
    expect(countByTier(timeline, "2025-08-31")).toEqual({ member: 10, observer: 2, dialogue_partner: 14 });
  });

  it("had 9 members, 3 observers (Mongolia, Afghanistan, Belarus) and 14 dialogue partners on 1 January 2024", () => {
    expect(countByTier(timeline, "2024-01-01")).toEqual({ member: 9, observer: 3, dialogue_partner: 14 });
    const observers = [...statusesOn(timeline, "2024-01-01").values()].filter((s) => s.tier === "observer").map((s) => s.state);
    expect(observers.sort()).toEqual(["AF", "BY", "MN"]);
  });

  it("had the 6 founding members on 1 January 2016", () => {
    expect(countByTier(timeline, "2016-01-01").member).toBe(6);
  });

  it("makes every observer and dialogue partner an SCO partner on 1 September 2025, by one reclassification", () => {
    const before = statusesOn(timeline, "2025-08-31");
    const after = statusesOn(timeline, "2025-09-01");
    for (const [state, status] of before) {
      if (status.tier !== "observer" && status.tier !== "dialogue_partner") continue;
      expect(after.get(state)).toMatchObject({ tier: "partner", since: { decision: "CHS-2025-status-merger", reclassification: "CHS-2025-partner-status" } });
    }
    expect(registry.reclassifications).toEqual([expect.objectContaining({ from: ["observer", "dialogue_partner"], to: "partner", date: "2025-09-01" })]);
    expect(registry.membership.filter((m) => m.tier === "partner").map((m) => m.state)).toEqual(["LA"]);
  });

  it("makes Laos an SCO partner from 1 September 2025", () => {
    expect(byName("Laos")).toMatchObject({ code: "LA", isoNumeric: "418", names: { zh: "老挝", ru: "Лаос" } });
    expect(statusOn(timeline, "LA", "2025-08-31")).toBeNull();
    expect(statusOn(timeline, "LA", "2025-09-01")).toMatchObject({ tier: "partner", since: { decision: "CHS-2025-partner-LA" } });
    expect(statusOn(timeline, "LA", TODAY)?.tier).toBe("partner");
  });

  it("has the states hold, on every day, exactly the standing tiers in force", () => {
    const days = [...new Set(timeline.flatMap((c) => [earliestDay(c.date), dayBefore(earliestDay(c.date))])), "2024-01-01", TODAY];
    for (const d of days) {
      const held = new Set([...statusesOn(timeline, d).values()].map((s) => s.tier));
      for (const code of held) expect(isTierInForce(tier(code), d), `${code} held on ${d}`).toBe(true);
    }
    const standing = (d: string) => tiersInForce(registry.organization, d).filter((t) => t.isStanding).map((t) => t.code);
    expect(standing("2025-08-31")).toEqual(["member", "observer", "dialogue_partner"]);
    expect(standing(TODAY)).toEqual(["member", "partner"]);
    expect(Object.keys(countByTier(timeline, TODAY)).sort()).toEqual(standing(TODAY).sort());
  });

  it("retires observers and dialogue partners into the SCO partner, which has only the rights both had", () => {
    for (const code of ["observer", "dialogue_partner"]) expect(tier(code)).toMatchObject({ retired: "2025-09-01", successor: "partner" });
    const partner = tier("partner");
    expect(partner).toMatchObject({ established: "2025-09-01", isStanding: true, source: "summit-2025", names: { zh: "上合组织伙伴", ru: "Партнёр ШОС", en: "SCO partner" } });
    for (const right of RIGHTS) expect(partner.rights[right], right).toBe(tier("observer").rights[right] && tier("dialogue_partner").rights[right]);
    expect(partner.note?.en).toContain("do not spell out");
  });

  it("names every tier after a count in every plural form of zh, ru and en", () => {
    for (const t of registry.organization.tiers) {
      for (const language of ["zh", "ru", "en"]) {
        const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
        for (const category of categories) expect(t.countNames?.[language]?.[category], `${t.code} ${language} ${category}`).toBeTruthy();
      }
    }
    const members = tier("member").countNames!.ru!;
    expect([1, 2, 10].map((n) => members[new Intl.PluralRules("ru").select(n)])).toEqual(["государство-член", "государства-члена", "государств-членов"]);
  });

  it("matches the members table of organization.md, names and dates", () => {
    const rows = [...doc.matchAll(/^\| (\w[\w ]*?) \| (\S+) \| (\S+) \| (\d{4}-\d{2}-\d{2}) \|/gm)];
    expect(rows).toHaveLength(10);
    for (const [, en, zh, ru, since] of rows) {
      const state = byName(en!);
      expect(state.names).toMatchObject({ zh, ru });
      expect(statusOn(timeline, state.code, since!)?.tier).toBe("member");
      const joined = historyOf(timeline, state.code).find((c) => c.tier === "member");
      expect(joined?.date).toBe(since);
    }
  });

  it("records dates known only to the year as years, not invented days", () => {
    expect(historyOf(timeline, "MN").map((c) => [c.tier, c.date])).toEqual([
      ["observer", "2004"],
      ["partner", "2025-09-01"],
    ]);
    expect(historyOf(timeline, "BY").map((c) => [c.tier, c.date])).toEqual([
      ["dialogue_partner", "2009"],
      ["observer", "2015"],
      ["member", "2024-07-04"],
    ]);
  });

  it("holds the accessions of organization.md, each step and outcome resolving to a stage, a decision and the history", () => {
    const stages = new Set(registry.organization.accessionStages!.map((s) => s.code));
    expect(stages).toEqual(new Set(["application", "cnc_consideration", "procedure_started", "memorandum_signed", "membership_granted"]));
    const decisions = new Map(registry.decisions.map((d) => [d.id, d]));
    for (const a of registry.accessions) {
      expect(registry.states.map((s) => s.code)).toContain(a.applicant);
      for (const step of a.steps) {
        expect(stages).toContain(step.stage);
        if (step.decision !== undefined) expect(decisions.get(step.decision)?.date).toBe(step.date);
      }
      const outcome = a.outcome!;
      expect(outcome.kind).toBe("granted");
      expect(decisions.get(outcome.decision!)?.date).toBe(outcome.date);
      expect(statusOn(timeline, a.applicant, dayBefore(earliestDay(outcome.date)))?.tier).not.toBe(a.requestedTier);
      expect(statusOn(timeline, a.applicant, outcome.date)).toMatchObject({ tier: a.requestedTier, since: { decision: outcome.decision } });
      for (const step of a.steps) expect(isCertainlyBefore(outcome.date, step.date)).toBe(false);
    }
    const steps = Object.fromEntries(registry.accessions.map((a) => [a.applicant, a.steps.map((s) => [s.stage, s.date, s.decision ?? null])]));
    expect(steps).toEqual({
      IN: [["procedure_started", "2015-07", "CHS-2015-procedure-IN-PK"]],
      PK: [["procedure_started", "2015-07", "CHS-2015-procedure-IN-PK"]],
      IR: [
        ["procedure_started", "2021-09", "CHS-2021-procedure-IR"],
        ["memorandum_signed", "2022-09", null],
      ],
      BY: [["procedure_started", "2022-09", "CHS-2022-procedure-BY"]],
    });
  });

  it("holds the 25 summits 2001–2025 with the exact dates of organization.md", () => {
    const section = /## Summit dates[^\n]*\n([\s\S]*?)\n\n/.exec(doc)![1]!.replace(/\s+/g, " ");
    const expected = section.split(" · ").map((item) => {
      const m = /^(\d{4}) (.+?)(?: \(video\))? (\d{1,2})(?:–(\d{1,2}))? ([A-Z][a-z]+)(?: – (\d{1,2}) ([A-Z][a-z]+))?\.?$/.exec(item.trim());
      if (!m) throw new Error(`cannot read "${item}"`);
      const [, year, city, d1, d2, month, d3, month2] = m;
      const end = d2 ? day(year!, d2, month!) : d3 ? day(year!, d3, month2!) : undefined;
      return { city: city!, start: day(year!, d1!, month!), ...(end ? { end } : {}), format: item.includes("(video)") ? "video" : "in_person" };
    });
    expect(expected).toHaveLength(25);
    expect(registry.summits.map((s) => ({ city: s.city.en, start: s.start, ...(s.end ? { end: s.end } : {}), format: s.format }))).toEqual(expected);
    expect(registry.summits.at(-1)).toMatchObject({ host: "CN", start: "2025-08-31", end: "2025-09-01" });
  });

  it("records the Tianjin decisions and is current to the Tianjin declaration", () => {
    const tianjin = registry.decisions.filter((d) => d.date === "2025-09-01");
    expect(tianjin.every((d) => d.body === "CHS" && d.source === "summit-2025")).toBe(true);
    expect(tianjin.map((d) => d.id).sort()).toEqual(
      ["CHS-2025-anti-drug-centre", "CHS-2025-development-strategy", "CHS-2025-partner-LA", "CHS-2025-security-centre", "CHS-2025-status-merger", "CHS-2025-tianjin-declaration", "CHS-2025-tourist-capital"].sort(),
    );
    const dataAsOf = registry.organization.dataAsOf!;
    expect(dataAsOf).toBe("2025-09-01");
    const dated = [...registry.decisions.map((d) => d.date), ...timeline.map((c) => c.date), ...registry.summits.map((s) => s.end ?? s.start)];
    for (const date of dated) expect(earliestDay(date) <= dataAsOf, date).toBe(true);
  });

  it("gives China's 2024–2025 chairmanship its themed year", () => {
    expect(registry.chairmanship.find((t) => t.id === "chair-2025")?.themedYear).toEqual({ zh: "上合组织可持续发展年", ru: "Год устойчивого развития ШОС", en: "SCO Year of Sustainable Development" });
  });

  it("gives every record a source that exists", () => {
    const keys = new Set(registry.sources.map((s) => s.key));
    const all = [
      registry.organization,
      ...registry.organization.tiers,
      ...registry.states,
      ...registry.organizations,
      ...registry.bodies,
      ...registry.decisions,
      ...registry.membership,
      ...registry.reclassifications,
      ...registry.accessions,
      ...registry.accessions.flatMap((a) => a.steps),
      ...registry.summits,
      ...registry.chairmanship,
      ...registry.rotation,
      ...registry.secretariesGeneral,
    ];
    for (const record of all) expect(keys).toContain(record.source);
  });

  it("holds the partner organizations the issue names", () => {
    expect(registry.organizations.map((o) => o.code).sort()).toEqual(["ASEAN", "CICA", "CIS", "CSTO", "EAEU", "UN"]);
  });

  it("keeps the six values of the Shanghai Spirit in the words of the article", () => {
    expect(registry.organization.values.map((v) => v.names.zh)).toEqual(["互信", "互利", "平等", "协商", "尊重多样文明", "谋求共同发展"]);
  });
});

function dayBefore(isoDay: string): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
