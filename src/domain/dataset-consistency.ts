// Checks that a registry holds together: references resolve, histories are in order, terms do not overlap.
import { comparePartialDates, earliestDay, isCertainlyBefore } from "./partial-date.js";
import { statusOn } from "./membership.js";
import { sortTerms } from "./rotation.js";
import type { Registry, RegistrySection } from "./registry.js";

export interface ConsistencyIssue {
  readonly section: RegistrySection;
  /** The record's identifier (its id, code or key). */
  readonly record: string;
  readonly field: string;
  readonly message: string;
}

export function checkConsistency(registry: Registry): ConsistencyIssue[] {
  const issues: ConsistencyIssue[] = [];
  const report = (section: RegistrySection, record: string, field: string, message: string): void => {
    issues.push({ section, record, field, message });
  };

  const sources = new Set(registry.sources.map((s) => s.key));
  const states = new Set(registry.states.map((s) => s.code));
  const bodies = new Set(registry.bodies.map((b) => b.code));
  const decisions = new Set(registry.decisions.map((d) => d.id));
  const tiers = new Map(registry.organization.tiers.map((t) => [t.code, t]));

  const unique = <T>(section: RegistrySection, items: readonly T[], idOf: (item: T) => string, field: string): void => {
    const seen = new Set<string>();
    for (const item of items) {
      const id = idOf(item);
      if (seen.has(id)) report(section, id, field, `duplicate ${field} "${id}"`);
      seen.add(id);
    }
  };
  unique("sources", registry.sources, (s) => s.key, "key");
  unique("states", registry.states, (s) => s.code, "code");
  unique("organizations", registry.organizations, (o) => o.code, "code");
  unique("bodies", registry.bodies, (b) => b.code, "code");
  unique("decisions", registry.decisions, (d) => d.id, "id");
  unique("membership", registry.membership, (m) => m.id, "id");
  unique("summits", registry.summits, (s) => s.id, "id");
  unique("chairmanship", registry.chairmanship, (c) => c.id, "id");
  unique("rotation", registry.rotation, (r) => r.state, "state");
  unique("secretariesGeneral", registry.secretariesGeneral, (s) => s.id, "id");
  unique("organization", registry.organization.tiers, (t) => t.code, "tiers.code");

  const checkSource = (section: RegistrySection, record: string, field: string, key: string): void => {
    if (!sources.has(key)) report(section, record, field, `unknown source "${key}"`);
  };
  const checkState = (section: RegistrySection, record: string, field: string, code: string): void => {
    if (!states.has(code)) report(section, record, field, `unknown state code "${code}"`);
  };

  const org = registry.organization;
  checkSource("organization", org.code, "source", org.source);
  org.tiers.forEach((t) => checkSource("organization", org.code, `tiers.${t.code}.source`, t.source));
  org.decisionRules.forEach((r) => checkSource("organization", org.code, `decisionRules.${r.code}.source`, r.source));
  checkSource("organization", org.code, "rotation.source", org.rotation.source);

  for (const s of registry.states) checkSource("states", s.code, "source", s.source);
  for (const o of registry.organizations) checkSource("organizations", o.code, "source", o.source);
  for (const b of registry.bodies) checkSource("bodies", b.code, "source", b.source);
  for (const d of registry.decisions) {
    checkSource("decisions", d.id, "source", d.source);
    if (!bodies.has(d.body)) report("decisions", d.id, "body", `unknown body "${d.body}"`);
  }

  for (const m of registry.membership) {
    checkSource("membership", m.id, "source", m.source);
    checkState("membership", m.id, "state", m.state);
    if (!decisions.has(m.decision)) report("membership", m.id, "decision", `unknown decision "${m.decision}"`);
    if (m.kind === "left") {
      if (m.tier !== null) report("membership", m.id, "tier", `a "left" change has no tier`);
    } else if (m.tier === null) {
      report("membership", m.id, "tier", `an "${m.kind}" change needs a tier`);
    } else if (!tiers.has(m.tier)) {
      report("membership", m.id, "tier", `unknown tier "${m.tier}"`);
    }
  }
  checkHistories(registry, report);

  for (const s of registry.summits) {
    checkSource("summits", s.id, "source", s.source);
    checkState("summits", s.id, "host", s.host);
    if (!bodies.has(s.body)) report("summits", s.id, "body", `unknown body "${s.body}"`);
    if (s.end !== undefined && comparePartialDates(s.end, s.start) < 0) report("summits", s.id, "end", "ends before it starts");
  }

  for (const t of registry.chairmanship) {
    checkSource("chairmanship", t.id, "source", t.source);
    checkState("chairmanship", t.id, "state", t.state);
    if (t.end !== undefined && isCertainlyBefore(t.end, t.start)) report("chairmanship", t.id, "end", "ends before it starts");
    if (states.has(t.state)) {
      const status = statusOn(registry.membership, t.state, earliestDay(t.start));
      if (!status || !tiers.get(status.tier)?.rights.chair) {
        report("chairmanship", t.id, "state", `"${t.state}" may not chair on ${t.start}: it holds no tier with the right to chair`);
      }
    }
  }
  const terms = sortTerms(registry.chairmanship);
  for (let i = 1; i < terms.length; i += 1) {
    const previous = terms[i - 1];
    const term = terms[i];
    if (!previous || !term) continue;
    if (previous.end === undefined) {
      report("chairmanship", term.id, "start", `overlaps term "${previous.id}", which has no end`);
    } else if (isCertainlyBefore(term.start, previous.end)) {
      report("chairmanship", term.id, "start", `overlaps term "${previous.id}" (which ends ${previous.end})`);
    }
  }

  for (const r of registry.rotation) {
    checkSource("rotation", r.state, "source", r.source);
    checkState("rotation", r.state, "state", r.state);
  }
  for (const s of registry.secretariesGeneral) {
    checkSource("secretariesGeneral", s.id, "source", s.source);
    checkState("secretariesGeneral", s.id, "state", s.state);
    if (s.to !== undefined && comparePartialDates(s.to, s.from) < 0) report("secretariesGeneral", s.id, "to", "ends before it starts");
  }
  return issues;
}

function checkHistories(
  registry: Registry,
  report: (section: RegistrySection, record: string, field: string, message: string) => void,
): void {
  const byState = new Map<string, Registry["membership"][number][]>();
  for (const m of registry.membership) byState.set(m.state, [...(byState.get(m.state) ?? []), m]);
  for (const changes of byState.values()) {
    const sorted = [...changes].sort((a, b) => comparePartialDates(a.date, b.date));
    let isIn = false;
    let joined: string | null = null;
    for (const change of sorted) {
      if (change.kind === "admitted") {
        if (isIn) report("membership", change.id, "kind", `"${change.state}" is admitted again while it already holds a status`);
        isIn = true;
        joined = change.date;
      } else if (!isIn) {
        const when = joined === null ? "before the state joined" : "after the state left";
        report("membership", change.id, "date", `status change on ${change.date} ${when}`);
      } else if (change.kind === "left") {
        isIn = false;
      }
    }
  }
}
